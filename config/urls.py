from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.urls import admin_overrides, public_urlpatterns
from api.views.documentation import documentation as api_documentation
from groups.workflow_views import admin_overrides as moderation_overrides
from home import feeds
from home import views as home_views
from home.sitemaps import AllLocalesSitemap
from library.sitemaps import LibraryDocumentsSitemap
from search import views as search_views


def sitemap_view(request):
    return sitemap(
        request,
        sitemaps={
            "pages": AllLocalesSitemap(request),
            "documents": LibraryDocumentsSitemap(request),
        },
    )


urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("django-admin/", admin.site.urls),
    *admin_overrides,  # Wagtail views limited by accounts (same paths, before the admin's)
    *moderation_overrides,  # Wagtail's workflow action, with a confirmation message
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("iati/", include("iati_publisher.urls")),
    path("api/aid/", include("aidmap.urls")),
    path("api/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path(_("site-map/"), home_views.site_map, name="site_map"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("api/", api_documentation, name="api_documentation"),
    *public_urlpatterns,
    path("alerts/", include("alerts.urls")),
    path("feeds/news.rss", feeds.NewsRssFeed(), name="news_rss"),
    path("feeds/news.atom", feeds.NewsAtomFeed(), name="news_atom"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = (
        staticfiles_urlpatterns()
        + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
        + urlpatterns
    )

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
