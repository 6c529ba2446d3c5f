"""Sitemap of the public document pages, one URL per document and library (language), each
with its alternates in the other languages (same document, other library), on the request's
host. SQL cost: 3 queries whatever the number of documents."""

from django.contrib.sitemaps import Sitemap

from home import chrome
from home.sitemaps import absolute, alternates_for

from .models import LibraryPage
from .queries import visible_documents


class LibraryDocumentsSitemap(Sitemap):
    i18n = False  # URLs already carry their language prefix
    changefreq = "monthly"
    alternates = True

    def __init__(self, request=None):
        self.request = request

    def items(self):
        libraries = list(LibraryPage.objects.live().public().order_by("path"))
        self.libraries = libraries
        documents = list(visible_documents(None).only("pk", "title", "created_at").order_by("pk"))
        return [(library, document) for library in libraries for document in documents]

    def location(self, item):
        library, document = item
        return absolute(self.request, self.path(item))

    def path(self, item):
        library, document = item
        return library.get_url(self.request) + library.reverse_subpage(
            "document", args=(document.pk, document.slug)
        )

    def lastmod(self, item):
        return item[1].created_at

    def get_urls(self, page=1, site=None, protocol=None):
        codes = chrome.locale_codes()
        urls = []
        for item in self.paginator.page(page).object_list:
            library, document = item
            paths = {
                codes.get(other.locale_id): other.get_url(self.request)
                + other.reverse_subpage("document", args=(document.pk, document.slug))
                for other in self.libraries
            }
            urls.append(
                {
                    "item": item,
                    "location": self.location(item),
                    "lastmod": self.lastmod(item),
                    "alternates": alternates_for(paths, lambda path: absolute(self.request, path)),
                }
            )
        return urls
