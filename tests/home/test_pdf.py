"""The one PDF generator: renders a template, reads local static files, fetches nothing else."""

import io

import pytest
from pypdf import PdfReader

from home import pdf


def text_of(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_render_pdf_from_a_template(settings):
    data = pdf.html_to_pdf(
        '<link rel="stylesheet" href="/static/css/pdf.css"><h1>Santé publique</h1><p>Leçon</p>'
    )
    assert data.startswith(b"%PDF-")
    text = text_of(data)
    assert "Santé publique" in text and "Leçon" in text


@pytest.mark.parametrize(
    "url",
    ["http://example.org/x.png", "file:///etc/passwd", "/static/../../config/settings/base.py"],
)
def test_no_external_or_outside_resource_is_fetched(url):
    fetcher = pdf.LocalFetcher()
    absolute = url if "://" in url else pdf.BASE_URL.rstrip("/") + url
    with pytest.raises(ValueError):
        fetcher.fetch(absolute)


def test_static_files_are_served_locally():
    response = pdf.LocalFetcher().fetch(pdf.BASE_URL + "static/css/pdf.css")
    assert b"@page" in response.read()
