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
