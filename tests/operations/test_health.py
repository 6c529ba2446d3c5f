"""/healthz reports each service; a database outage gives the bilingual 503 page, logged once;
the 500 page tells the truth about error notification."""

import logging

import pytest
from django.db import OperationalError, connection

from home import health


@pytest.fixture(autouse=True)
def healthy_again():
    health._database_down = False
    yield
    health._database_down = False


@pytest.mark.django_db
def test_healthz_reports_every_service(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["storage"] == "ok"
    assert body["cache"] == "local" and body["tasks"]["state"] == "inline"
    assert "postgres" not in response.content.decode() and "SECRET" not in response.content.decode()


@pytest.mark.django_db
def test_healthz_with_redis_and_the_database_queue(client, settings, redis_cache):
    settings.TASKS = {**settings.TASKS, "default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    body = client.get("/healthz").json()
    assert body["cache"] == "ok"
    assert body["tasks"] == {"state": "ok", "waiting": 0, "oldest_seconds": 0}


@pytest.mark.django_db
def test_healthz_is_degraded_but_up_when_redis_is_unreachable(client, settings):
    from config.settings.services import cache_settings

    settings.CACHES = cache_settings("redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded" and response.json()["cache"] == "error"


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert response.json()["database_error"] == "OperationalError"


def _failing(monkeypatch, error):
    """Every public page fails as it would with this error (the site lookup raises it)."""
    from wagtail.models import Site

    def find_for_request(request):
        raise error

    monkeypatch.setattr(Site, "find_for_request", staticmethod(find_for_request))


@pytest.mark.django_db
def test_a_database_outage_is_a_bilingual_503_logged_once(client, home_fr, monkeypatch, caplog):
    from django.db.backends.signals import connection_created

    _failing(monkeypatch, OperationalError('connection to server at "127.0.0.1" failed'))
    client.raise_request_exception = False
    with caplog.at_level(logging.WARNING):
        responses = [client.get("/fr/") for _ in range(20)]
    assert {r.status_code for r in responses} == {503}
    page = responses[0].content.decode()
    assert "Service momentanément indisponible" in page and "temporarily unavailable" in page
    assert responses[0]["Retry-After"] == "30"
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in records] == [
        "Database unavailable, answering 503: OperationalError"
    ]
    assert not any(r.exc_info for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING):  # the next connection made: the database is back
        connection_created.send(sender=type(connection), connection=connection)
    assert [r.getMessage() for r in caplog.records] == ["Database available again."]


@pytest.mark.django_db
def test_the_500_page_says_the_team_was_told_only_when_it_was(
    client, settings, home_fr, monkeypatch
):
    _failing(monkeypatch, ValueError("a bug"))
    client.raise_request_exception = False
    settings.ERROR_NOTIFICATION_CONFIGURED = False
    page = client.get("/fr/").content.decode()
    assert "a été prévenue" not in page and "has been told" not in page
    settings.ERROR_NOTIFICATION_CONFIGURED = True
    page = client.get("/fr/").content.decode()
    assert "a été prévenue" in page and "has been told" in page


def test_error_mail_goes_to_admins_when_set(monkeypatch):
    import importlib

    import config.settings.base as base

    monkeypatch.setenv("ADMINS", "Équipe technique <tech@example.org>, ops@example.org")
    reloaded = importlib.reload(base)
    try:
        assert reloaded.ADMINS == [
            ("Équipe technique", "tech@example.org"),
            ("ops@example.org", "ops@example.org"),
        ]
        assert "mail_admins" in reloaded.LOGGING["loggers"]["django.request"]["handlers"]
        assert reloaded.ERROR_NOTIFICATION_CONFIGURED
    finally:
        monkeypatch.delenv("ADMINS")
        importlib.reload(base)
