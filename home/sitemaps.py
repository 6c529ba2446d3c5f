"""The XML sitemap: live public pages of every language tree, each with its hreflang alternates.

Locations are absolute on the host the sitemap was asked on (the site's real hostname behind
its proxy, not the ``localhost`` a Wagtail ``Site`` record may still carry); each URL lists the
same page in every language it exists in, itself included, and ``x-default`` (the default
language's version), as search engines expect (``<xhtml:link rel="alternate">``, rendered by
Django's own sitemap template).

SQL cost: 3 queries (site, pages, locales) whatever the number of pages; the pages are not
made ``specific`` (only ``url_path`` and ``locale`` are needed).
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from . import chrome


def absolute(request, path):
    """``path`` on the request's host (``WAGTAILADMIN_BASE_URL`` when there is no request)."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def alternates_for(urls_by_code, make_absolute):
    """Django's ``alternates`` list from {language code: path}: every language and x-default."""
    if len(urls_by_code) < 2:
        return []
    alternates = [
        {"lang_code": code, "location": make_absolute(url)}
        for code, _name in settings.LANGUAGES
        if (url := urls_by_code.get(code))
    ]
    default = urls_by_code.get(settings.LANGUAGE_CODE)
    if default:
        alternates.append({"lang_code": "x-default", "location": make_absolute(default)})
    return alternates


class AllLocalesSitemap(Sitemap):
    i18n = False  # URLs already carry their language prefix
    alternates = True

    def __init__(self, request=None):
        self.request = request

    def items(self):
        site = (
            Site.find_for_request(self.request)
            if self.request
            else Site.objects.get(is_default_site=True)
        )
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        qs = Page.objects.none()
        for root in roots:
            qs = qs | Page.objects.descendant_of(root, inclusive=True)
        return list(
            qs.live()
            .public()
            .order_by("path")
            .only(
                "id",
                "path",
                "depth",
                "url_path",
                "locale_id",
                "translation_key",
                "last_published_at",
            )  # fmt: skip
        )

    def get_urls(self, page=1, site=None, protocol=None):
        paginator = self.paginator  # a property: built (and queried) once here
        page_items = list(paginator.page(page).object_list)
        codes = chrome.locale_codes()
        by_key = defaultdict(dict)
        for item in paginator.object_list:  # every language of every page: alternates
            item.relative_url = item.get_url(self.request)
            if item.relative_url:
                by_key[item.translation_key][codes.get(item.locale_id)] = item.relative_url

        def make_absolute(url):
            return absolute(self.request, url)

        return [
            {
                "item": item,
                "location": make_absolute(item.relative_url),
                "lastmod": item.last_published_at,
                "alternates": alternates_for(by_key[item.translation_key], make_absolute),
            }
            for item in page_items
            if item.relative_url
        ]
