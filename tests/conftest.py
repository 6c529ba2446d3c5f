"""Shared fixtures. CI=true turns every skip for a missing database or browser into a failure."""

import datetime
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


def _database_order(item):
    """0: tests inside a rolled-back transaction; 1: transactional, browser and live-server tests,
    whose database is flushed after each of them (which would wipe data that migrations created
    for the others); 2: transactional tests with ``serialized_rollback``, last of all: their
    teardown flushes without re-creating content types and permissions (Django skips
    post_migrate then), so a transactional test after them would meet stale cached ids.
    None uses it today: restoring the serialized database after an earlier flush clashes with
    the rows post_migrate re-created (the trainers' group), so a transactional test builds what
    it needs (``home_fr`` re-creates the locales and the site root)."""
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("serialized_rollback"):
        return 2
    fixtures = getattr(item, "fixturenames", ())
    transactional = marker is not None and marker.kwargs.get("transaction")
    if transactional or item.get_closest_marker("browser") or "live_server" in fixtures:
        return 1
    return 0


def pytest_collection_modifyitems(items):
    items.sort(key=_database_order)


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


# --- Thematic groups: an index, two GTs (A and B), an SGT of A and their members --------------


@pytest.fixture
def group_index(home_fr):
    from groups.factories import GroupIndexPageFactory

    return GroupIndexPageFactory(parent=home_fr)


@pytest.fixture
def gt_a(group_index):
    from groups.factories import ThematicGroupPageFactory

    return ThematicGroupPageFactory(
        parent=group_index, title="Santé", acronym="SANTE", slug="sante"
    )


@pytest.fixture
def gt_b(group_index):
    from groups.factories import ThematicGroupPageFactory

    return ThematicGroupPageFactory(
        parent=group_index, title="Éducation", acronym="EDU", slug="education"
    )


@pytest.fixture
def sgt_a(gt_a):
    from groups.factories import SubGroupPageFactory

    return SubGroupPageFactory(parent=gt_a, title="Nutrition", acronym="NUT", slug="nutrition")


@pytest.fixture
def orgs(db):
    from groups.factories import OrganisationFactory

    return OrganisationFactory.create_batch(4)


def _member_of(group_name, username):
    from accounts.factories import UserFactory
    from accounts.roles import role_group

    user = UserFactory(username=username)
    user.groups.add(role_group(group_name))
    return user


@pytest.fixture
def editor_a(gt_a):
    return _member_of("SANTE — Éditeurs", "editeur-a")


@pytest.fixture
def moderator_a(gt_a):
    return _member_of("SANTE — Modérateurs", "moderateur-a")


@pytest.fixture
def editor_b(gt_b):
    return _member_of("EDU — Éditeurs", "editeur-b")


@pytest.fixture
def moderator_b(gt_b):
    return _member_of("EDU — Modérateurs", "moderateur-b")


@pytest.fixture
def pool_user(db):
    """A member of the Pool Technique (the secretariat: every group, the reports)."""
    from accounts.factories import UserFactory
    from accounts.roles import POOL_TECHNIQUE, role_group

    user = UserFactory(username="pool", email="pool@example.org")
    user.groups.add(role_group(POOL_TECHNIQUE))
    return user


# --- One page of every public type in both languages (home, news, groups, library, map) -----


@pytest.fixture
def public_tree(home_fr, home_en):
    from aidmap.demo import build as build_map
    from aidmap.models import AidMapPage
    from groups.factories import (
        GroupIndexPageFactory,
        MeetingPageFactory,
        TermsOfReferencePageFactory,
        ThematicGroupPageFactory,
    )
    from home.demo import ensure_translation
    from home.factories import NewsIndexPageFactory, NewsPageFactory
    from iati_publisher.codelists import ensure_codelists
    from library.factories import DocumentFactory, make_calendar_page, make_library_page
    from tests.aidmap.helpers import make_activities

    ensure_codelists()
    from django.core.cache import cache
    from django.utils import timezone

    cache.clear()
    news_index = NewsIndexPageFactory(parent=home_fr, title="Actualités", slug="actualites")
    ensure_translation(news_index, "en", title="News", slug="news")
    news = NewsPageFactory(parent=news_index, title="Revue conjointe", slug="revue",
                           summary="La revue conjointe s’est tenue.")  # fmt: skip
    ensure_translation(news, "en", title="Joint review", slug="review", summary="Held.")
    index = GroupIndexPageFactory(parent=home_fr, title="Groupes thématiques", slug="groupes")
    ensure_translation(index, "en", title="Thematic groups", slug="groups")
    gt = ThematicGroupPageFactory(parent=index, title="Santé", acronym="Santé", slug="sante")
    ensure_translation(gt, "en", title="Health", slug="health")
    tor = TermsOfReferencePageFactory(parent=gt, title="Termes de référence", slug="tdr")
    ensure_translation(tor, "en", title="Terms of reference", slug="tor")
    meeting = MeetingPageFactory(
        parent=gt,
        title="Réunion du GT Santé",
        slug="reunion",
        start=timezone.now() + datetime.timedelta(days=10),
        place="Bamako",
    )
    ensure_translation(meeting, "en", title="Health group meeting", slug="meeting")
    from groups.factories import WorkProgrammePageFactory, add_activities
    from home.factories import StandardPageFactory

    programme = WorkProgrammePageFactory(parent=gt, title="Programme de travail 2026", slug="pt")
    add_activities(programme, ["done", "late", "planned"])
    ensure_translation(programme, "en", title="Work programme 2026", slug="wp")
    about = StandardPageFactory(parent=home_fr, title="Le Pool Technique", slug="pool")
    ensure_translation(about, "en", title="The Technical Pool", slug="pool")
    library = make_library_page(home_fr)
    ensure_translation(library, "en", title="Library", slug="library")
    calendar = make_calendar_page(home_fr)
    ensure_translation(calendar, "en", title="Report calendar", slug="report-calendar")
    document = DocumentFactory(title="Stratégie nationale de santé")
    build_map(None)
    make_activities(1, prefix="H")
    cache.clear()
    return {
        "news": news,
        "index": index,
        "gt": gt,
        "tor": tor,
        "meeting": meeting,
        "library": library,
        "calendar": calendar,
        "document": document,
        "map": AidMapPage.objects.get(locale__language_code="fr"),
        "activity": "XM-DAC-7-H00000",
    }


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
    from config.settings.services import cache_settings

    settings.CACHES = cache_settings(redis_url, key_prefix="ptf-test")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return redis_url
