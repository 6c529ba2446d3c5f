"""A sitemap listing live public pages of every language tree, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site


class AllLocalesSitemap(Sitemap):
    i18n = False  # URLs already carry their language prefix

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
        return qs.live().public().order_by("path").defer_streamfields().specific()

    def location(self, item):
        return item.get_full_url(self.request)

    def get_urls(self, page=1, site=None, protocol=None):
        # Page.get_full_url already gives absolute URLs.
        urls = []
        for item in self.paginator.page(page).object_list:
            url = self.location(item)
            if url:
                urls.append({"item": item, "location": url, "lastmod": item.last_published_at})
        return urls
