"""Cached answers invalidated at publication, conditional GET, gzip, CORS for GET, rate limit,
and SQL queries per list page constant with the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import build_site

pytestmark = pytest.mark.django_db


def test_answers_are_cached_until_something_is_published(api, site):
    url = "/api/v2/pages/?type=groups.ThematicGroupPage"
    first, data = api(url)
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second, _ = api(url)
    assert second["X-Cache"] == "hit" and len(queries) == 0
    group = site.groups[0]
    group.title = "Nouveau titre publié"
    group.save_revision().publish()
    third, data = api(url)
    assert third["X-Cache"] == "miss"
    assert "Nouveau titre publié" in {item["title"] for item in data["items"]}


def test_draft_saves_do_not_change_the_answer(api, site):
    url = f"/api/v2/groups/{site.groups[0].pk}/"
    api(url)
    group = site.groups[0]
    group.title = "Titre en brouillon"
    group.save_revision()
    response, data = api(url)
    assert response["X-Cache"] == "hit" and data["title"] != "Titre en brouillon"


def test_document_and_activity_changes_invalidate(api, site):
    api("/api/v2/documents/")
    document = site.documents[0]
    document.is_listed = False
    document.save()
    _, data = api("/api/v2/documents/")
    assert document.pk not in {item["id"] for item in data["items"]}
    api("/api/v2/activities/")
    activity = site.activities[0]
    activity.title_fr = "Titre republié"
    activity.save_revision().publish()
    _, data = api("/api/v2/activities/")
    assert "Titre republié" in {item["title"] for item in data["items"]}


def test_a_page_made_private_leaves_the_cached_answers(api, site):
    from wagtail.models import PageViewRestriction

    group = site.groups[1]
    urls = ["/api/v2/groups/", f"/api/v2/groups/{group.pk}/", "/api/v2/meetings/?limit=100"]
    assert group.pk in {item["id"] for item in api(urls[0])[1]["items"]}
    assert api(urls[1])[0].status_code == 200
    meetings = {m.pk for m in site.meetings if m.get_parent().pk == group.pk}
    assert meetings <= {item["id"] for item in api(urls[2])[1]["items"]}
    restriction = PageViewRestriction.objects.create(page=group, restriction_type="login")
    assert group.pk not in {item["id"] for item in api(urls[0])[1]["items"]}
    assert api(urls[1])[0].status_code == 404
    assert not meetings & {item["id"] for item in api(urls[2])[1]["items"]}
    restriction.delete()
    assert api(urls[1])[0].status_code == 200


def test_etag_and_last_modified_give_304(client, site):
    first = client.get("/api/v2/meetings/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/api/v2/meetings/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    again = client.get("/api/v2/meetings/", HTTP_IF_MODIFIED_SINCE=modified)
    assert again.status_code == 304
    assert client.get("/api/v2/meetings/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_gzip_for_clients_that_accept_it(client, site):
    plain = client.get("/api/v2/pages/")
    assert "Content-Encoding" not in plain and plain.content.startswith(b"{")
    zipped = client.get("/api/v2/pages/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    import gzip

    assert gzip.decompress(zipped.content) == plain.content


def test_cors_open_for_get_only(client, site):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://dashboard.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN="https://dashboard.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")
    assert "Access-Control-Allow-Credentials" not in response
    site_page = client.get("/fr/", HTTP_ORIGIN="https://dashboard.example.org")
    assert "Access-Control-Allow-Origin" not in site_page  # only the API is open


def test_rate_limit_per_client_address(client, settings, home_fr):
    settings.API_RATE_LIMIT = "3/min"
    statuses = [client.get("/api/v2/pages/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v2/pages/")
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["message"].startswith("too many requests")
    other = client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


LIST_URLS = [
    "/api/v2/pages/?fields=*&limit=100",
    "/api/v2/pages/?type=groups.ThematicGroupPage&fields=*&limit=100",
    "/api/v2/pages/?type=groups.MeetingPage&fields=*&limit=100",
    "/api/v2/groups/?fields=*&limit=100",
    "/api/v2/meetings/?fields=*&limit=100",
    "/api/v2/documents/?fields=*&limit=100",
    "/api/v2/activities/?limit=100",
    "/api/v2/activities/?fields=*&limit=100",
    "/api/v2/report-editions/?fields=*&limit=100",
    "/api/v2/images/?fields=*&limit=100",
]


def _queries(client, url):
    from django.core.cache import cache

    client.get(url)  # warms the per-process caches (content types), as in production
    cache.clear()  # …but the answer itself is rebuilt
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


def test_queries_per_list_page_do_not_grow_with_its_length(client, home_fr, home_en):
    from library.factories import make_library_page

    make_library_page(home_fr)
    build_site(home_fr, size=1, tag="a")
    small = {url: _queries(client, url) for url in LIST_URLS}
    build_site(home_fr, size=6, tag="b")
    large = {url: _queries(client, url) for url in LIST_URLS}
    for url in LIST_URLS:
        assert large[url] == small[url], (url, small[url], large[url])
        # The full IATI record reads one table per part of an activity (extra_parts.PARTS).
        budget = 26 if "activities/?fields=*" in url else 15
        assert large[url] <= budget, (url, large[url])
