"""Sitemap of the public document pages, one URL per document and library (language)."""

from django.contrib.sitemaps import Sitemap

from .models import LibraryPage
from .queries import visible_documents


class LibraryDocumentsSitemap(Sitemap):
    i18n = False  # URLs already carry their language prefix
    changefreq = "monthly"

    def __init__(self, request=None):
        self.request = request

    def items(self):
        libraries = list(LibraryPage.objects.live().public())
        documents = list(visible_documents(None).only("pk", "title", "created_at").order_by("pk"))
        return [(library, document) for library in libraries for document in documents]

    def location(self, item):
        library, document = item
        return library.get_full_url(self.request) + library.reverse_subpage(
            "document", args=(document.pk, document.slug)
        )

    def lastmod(self, item):
        return item[1].created_at

    def get_urls(self, page=1, site=None, protocol=None):
        return [
            {"item": item, "location": self.location(item), "lastmod": self.lastmod(item)}
            for item in self.paginator.page(page).object_list
        ]
