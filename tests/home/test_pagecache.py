"""Whole-page cache for anonymous visitors (home.pagecache): what is stored, what never is,
invalidation at publication, the WSGI fast path, and the same on the real Redis."""

import io

import pytest
from django.core.cache import cache as django_cache

from config.wsgi import application as wsgi_application
from home.factories import StandardPageFactory
from library.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    django_cache.clear()
    yield
    django_cache.clear()


@pytest.fixture
def page(home_fr):
    return StandardPageFactory(parent=home_fr, title="Cadre partenarial", intro="Version une")


def get(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.get("X-Page-Cache")


def test_anonymous_pages_are_served_from_the_cache(client, page, django_assert_max_num_queries):
    first, state = get(client, page.url)
    assert first.status_code == 200 and state == "miss"
    with django_assert_max_num_queries(0):
        second, state = get(client, page.url)
    assert state == "hit" and second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert get(client, page.url + "?page=2")[1] == "miss"  # each query string on its own
    assert get(client, page.url + "?page=2")[1] == "hit"


def test_parameters_in_another_order_are_the_same_entry(client, page):
    assert get(client, page.url + "?a=1&b=2")[1] == "miss"
    assert get(client, page.url + "?b=2&a=1")[1] == "hit"


def test_conditional_get_answers_304(client, page):
    first, _ = get(client, page.url)
    etag = first["ETag"]
    response, state = get(client, page.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and state == "hit"


def test_never_for_signed_in_people(client, page, superuser):
    client.force_login(superuser)
    response, state = get(client, page.url)
    assert response.status_code == 200 and state == "bypass"
    client.logout()
    assert get(client, page.url)[1] == "miss"  # the signed-in page was not stored


def test_never_for_the_admin_the_api_and_documents(client, page, superuser):
    client.force_login(superuser)
    assert "X-Page-Cache" not in client.get("/admin/")
    client.logout()
    assert "X-Page-Cache" not in client.get("/api/v2/pages/")
    assert "X-Page-Cache" not in client.get("/healthz")


def test_a_page_with_a_form_token_or_a_cookie_is_not_stored(client, page, home_fr):
    response = client.get("/fr/_util/login/")  # Wagtail's front-end login form (CSRF)
    assert response.get("X-Page-Cache") in (None, "bypass")
    assert client.get("/fr/_util/login/").get("X-Page-Cache") != "hit"


def test_a_private_page_is_never_served_from_the_cache(client, page):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    first, _ = get(client, page.url)
    assert "Version une" not in first.content.decode()
    second, state = get(client, page.url)
    assert state != "hit" and "Version une" not in second.content.decode()


def test_publication_is_visible_at_the_next_anonymous_get(client, page):
    get(client, page.url)
    assert get(client, page.url)[1] == "hit"
    page.intro = "Version deux"
    page.save_revision().publish()
    response, state = get(client, page.url)
    assert state == "miss" and "Version deux" in response.content.decode()


def test_a_draft_does_not_empty_the_cache_but_unpublishing_does(client, page, home_fr):
    get(client, page.url)
    page.intro = "Brouillon"
    page.save_revision()  # draft only
    assert get(client, page.url)[1] == "hit"
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_a_new_document_or_a_moved_page_invalidates(client, page, home_fr):
    get(client, home_fr.url)
    DocumentFactory(title="Rapport")
    assert get(client, home_fr.url)[1] == "miss"
    other = StandardPageFactory(parent=home_fr, title="Autre")
    get(client, home_fr.url)
    page.move(other, pos="last-child")
    assert get(client, home_fr.url)[1] == "miss"


def test_what_visitors_create_does_not_empty_the_cache(client, page):
    """A search without result (logged for editors) and an alert subscription are records, not
    content: were they to empty the cache, any visitor could flush it with each request."""
    from alerts.factories import SubscriberFactory
    from search.models import UnansweredSearch

    get(client, page.url)
    response, state = get(client, "/fr/search/?q=xylophonez")
    assert response.status_code == 200 and state == "miss"
    assert UnansweredSearch.objects.exists()
    # Kept although the search logged itself while the page was built, and served next time.
    assert get(client, "/fr/search/?q=xylophonez")[1] == "hit"
    SubscriberFactory()
    assert get(client, page.url)[1] == "hit"


def _wsgi_get(path, **environ):
    captured = {}

    def start_response(status, headers):
        captured["status"], captured["headers"] = status, dict(headers)

    env = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "testserver",
        "SERVER_PORT": "80", "HTTP_HOST": "testserver", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""), "wsgi.errors": io.StringIO(), "SERVER_PROTOCOL": "HTTP/1.1",
        **environ,
    }  # fmt: skip
    body = b"".join(wsgi_application(env, start_response))
    return captured["status"], captured["headers"], body


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: the WSGI handler must not close the test's connection."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_wsgi_entry_point_answers_hits_before_django(page, monkeypatch, keep_test_connection):
    status, headers, body = _wsgi_get(page.url)
    assert status.startswith("200") and headers["X-Page-Cache"] == "miss"
    import config.wsgi

    def django_must_not_run(environ, start_response):
        raise AssertionError("Django ran for a stored page")

    monkeypatch.setattr(config.wsgi, "django_application", django_must_not_run)
    status, headers, cached = _wsgi_get(page.url)
    assert status.startswith("200") and headers["X-Page-Cache"] == "hit" and cached == body
    assert headers["Content-Length"] == str(len(body))
    _, _, head = _wsgi_get(page.url, REQUEST_METHOD="HEAD")
    assert head == b""
    status, headers, _ = _wsgi_get(page.url, HTTP_COOKIE="sessionid=abc")
    assert headers.get("X-Page-Cache") == "bypass"


def test_the_page_cache_on_redis(client, page, redis_cache):
    assert get(client, page.url)[1] == "miss"
    assert get(client, page.url)[1] == "hit"
    page.intro = "Version Redis"
    page.save_revision().publish()
    response, state = get(client, page.url)
    assert state == "miss" and "Version Redis" in response.content.decode()
