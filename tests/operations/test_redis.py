"""The cache and the sessions on the real Redis, and the site when Redis is unreachable."""

import logging

import pytest
import redis

from home import cache


@pytest.mark.django_db
def test_generations_and_entries_live_in_redis(redis_cache):
    client = redis.Redis.from_url(redis_cache)
    assert cache.is_shared() and cache.timeout(3600) == 3600
    assert cache.get_or_build("thing", ["a"], lambda: {"v": 1}) == {"v": 1}
    assert any(b"ptf:gen:thing" in key for key in client.keys("*"))
    assert cache.get_or_build("thing", ["a"], lambda: {"v": 2}) == {"v": 1}
    cache.invalidate("thing")
    assert cache.get_or_build("thing", ["a"], lambda: {"v": 3}) == {"v": 3}


@pytest.mark.django_db
def test_sessions_are_cached_in_redis_and_kept_in_the_database(client, redis_cache, superuser):
    from django.contrib.sessions.models import Session

    client.force_login(superuser)
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()
    redis_keys = redis.Redis.from_url(redis_cache).keys("*")
    assert any(key.encode() in k for k in redis_keys)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_pages_are_served_when_redis_is_unreachable(client, settings, home_fr, superuser, caplog):
    from config.settings.services import cache_settings

    settings.CACHES = cache_settings("redis://127.0.0.1:1/0")  # nothing listens on port 1
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    with caplog.at_level(logging.WARNING, logger="home.cache"):
        for _ in range(5):
            response = client.get(home_fr.url)
            assert response.status_code == 200
    warnings = [r for r in caplog.records if r.name == "home.cache"]
    assert len(warnings) == 1 and "Cache unavailable" in warnings[0].getMessage()
    client.force_login(superuser)  # sessions fall back to the database
    assert client.get("/admin/").status_code == 200
