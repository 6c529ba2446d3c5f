"""Shared fixtures. CI=true turns every skip for a missing database or browser into a failure."""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright + live_server teardown

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def skip_or_fail(reason):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this must not be skipped)", pytrace=False)
    pytest.skip(reason)


def pytest_sessionstart(session):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if IN_CI and "postgresql" not in engine:
        pytest.exit("CI=true but the tests are not on PostgreSQL: set DATABASE_URL.", returncode=3)


def pytest_collection_modifyitems(items):
    """Run browser and live-server tests last: their transactional database is flushed after
    each of them, which would wipe data that migrations created for the other tests."""
    items.sort(
        key=lambda item: item.get_closest_marker("browser") is not None
        or "live_server" in getattr(item, "fixturenames", ())
    )


@pytest.fixture
def requires_postgres(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL (set DATABASE_URL)")


# --- Playwright: Debian's Chromium, never a downloaded browser -------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# --- Site tree -------------------------------------------------------------------------------


@pytest.fixture
def home_fr(db):
    from home.demo import ensure_site_root

    return ensure_site_root()


@pytest.fixture
def home_en(home_fr):
    from home.demo import english_home

    return english_home()


@pytest.fixture
def superuser(db):
    from accounts.factories import UserFactory

    return UserFactory(username="root", is_superuser=True, is_staff=True)


# --- Redis: the real server at 127.0.0.1:6379 (skip locally when absent, fail in CI) --------

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL") or os.environ.get(
    "REDIS_URL", "redis://127.0.0.1:6379/15"
)


@pytest.fixture
def redis_url():
    """The URL of a reachable Redis database for this test run, emptied before and after."""
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        skip_or_fail(f"needs Redis at {TEST_REDIS_URL} ({error})")
    client.flushdb()
    yield TEST_REDIS_URL
    client.flushdb()
    client.close()


@pytest.fixture
def redis_cache(settings, redis_url):
    """The settings' cache and sessions on the real Redis, as production configures them."""
    from config.settings.base import cache_settings

    settings.CACHES = cache_settings(redis_url, key_prefix="ptf-test")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return redis_url
