"""Bad input never answers 500: control characters in a path segment or a query parameter
answer 400; odd unicode, 5,000-character values, negative or huge page numbers, repeated
parameters and bad dates answer a normal page (or 400/404), on every public URL."""

import pytest

from .site import build_site, public_urls

pytestmark = pytest.mark.django_db

CONTROL = ["\x00", "a\x00b", "\x0b", "\x1f", "x\x7f"]
ODD = [
    "-1",
    "0",
    "99999999999999999999",
    "1e9",
    "2026-02-30",
    "9999-99-99",
    "' OR 1=1 --",
    "%00",
    "\u202e\u200bété\ufeff",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🇲🇱",
    "²",  # str.isdigit() is True, int() refuses it
    "١٢٣",  # Arabic-Indic digits: int() reads 123
    "½",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "x" * 5000,
    "<script>alert(1)</script>",
    "../../etc/passwd",
]


@pytest.fixture
def site(db):
    return build_site("Bamako")


def test_control_characters_in_query_answer_400(client, site):
    for url, params in public_urls(site).items():
        for name in [*params, "q", "unknown"]:
            for value in CONTROL:
                response = client.get(url, {name: value})
                assert response.status_code == 400, (url, name, repr(value))
        response = client.get(url, {"\x00key": "v"})
        assert response.status_code == 400, url


def test_control_characters_in_path_answer_400_or_404(client, site):
    for url in public_urls(site):
        for bad in ("%00", "%0B", "x%1Fy"):
            response = client.get(url.rstrip("/") + f"/{bad}/")
            assert response.status_code in (400, 404), (url, bad)
    assert client.get("/fr/search%00/").status_code == 400
    assert client.get("/iati/X%00/activities.xml").status_code == 400


def test_admin_api_search_with_nul_is_not_a_500(client, superuser, site):
    client.force_login(superuser)
    assert client.get("/admin/api/main/pages/?search=%00").status_code == 400
    assert client.get("/admin/pages/search/?q=%00").status_code == 400


def test_fuzz_every_public_url_and_parameter(client, site):
    for url, params in public_urls(site).items():
        for name in params:
            for value in ODD:
                response = client.get(url, {name: value})
                assert response.status_code in (200, 301, 302, 400, 404), (url, name, value[:40])
            repeated = client.get(url, {name: ["1", "2", "abc"]})
            assert repeated.status_code in (200, 301, 302, 400, 404), (url, name, "repeated")
        everything = client.get(url, dict.fromkeys(params, "x" * 5000))
        assert everything.status_code in (200, 301, 302, 400, 404), url


def test_nothing_leaks_from_a_bad_request(client, site):
    response = client.get("/fr/search/", {"q": "\x00<script>alert(1)</script>"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "<script>alert(1)" not in body and "Traceback" not in body
    assert "Content-Security-Policy" in response and "Permissions-Policy" in response


def test_every_fuzzed_url_is_a_real_page(client, site):
    for url in public_urls(site):
        assert client.get(url).status_code == 200, url
