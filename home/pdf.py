"""The product's one PDF generator: a Django template rendered to HTML, then to PDF.

Used by every PDF output (training handouts, quarterly reports…), so that they share one
library, one print stylesheet and one rule about resources.

Library: WeasyPrint (HTML + CSS paged media → PDF). Chosen over xhtml2pdf because it lays
out modern CSS (flexbox, ``@page`` margins and running headers, hyphenation in French) and
is actively maintained; it needs Debian's Pango, which Chromium already pulls in.

No network, ever: resources are fetched by :class:`LocalFetcher`, which serves only
``STATIC_URL`` files (through the staticfiles finders or the collected files) and
``MEDIA_URL`` files (through the default storage, so object storage works too). Any other
URL — ``http(s)://`` elsewhere, ``file://`` — is refused, so a link or an image typed by an
editor cannot make the server fetch anything.

Cost: the SQL of the template's context (built by the caller); rendering ~50 ms per page.
"""

import mimetypes
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Any absolute URL works as a base: the fetcher reads only the path of local ones.
BASE_URL = "http://portail.invalid/"


class LocalFetcher(URLFetcher):
    """Serves the site's own static and media files; refuses every other URL."""

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        if parsed.netloc != urlparse(BASE_URL).netloc:
            raise ValueError(f"PDF generation fetches no external resource: {url}")
        path = unquote(parsed.path)
        body = None
        if path.startswith(settings.STATIC_URL):
            body = self._static(path[len(settings.STATIC_URL) :])
        elif path.startswith(settings.MEDIA_URL):
            name = path[len(settings.MEDIA_URL) :]
            if ".." not in name.split("/") and default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    body = handle.read()
        if body is None:
            raise ValueError(f"PDF generation: no local file for {url}")
        mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

    @staticmethod
    def _static(name):
        if ".." in name.split("/"):
            return None
        found = finders.find(name)
        if found:
            with open(found, "rb") as handle:
                return handle.read()
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name, "rb") as handle:
                return handle.read()
        return None


def html_to_pdf(html):
    """PDF bytes of an HTML string (resources: see :class:`LocalFetcher`)."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher()).write_pdf()


def render_pdf(template_name, context, request=None):
    """PDF bytes of ``template_name`` rendered with ``context``.

    Templates extend ``pdf/base.html`` (print stylesheet, page numbers, the portal's name).
    """
    return html_to_pdf(render_to_string(template_name, context, request=request))
