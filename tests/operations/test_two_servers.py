"""Two app servers, one truth (issue 13, point 2): two gunicorn processes A and B, each with its
own memory, share the test PostgreSQL database and the test Redis. What this process publishes
(the ORM and Wagtail's publish path, as an editor on a third server would) is what B shows at
the next anonymous GET: the page chrome (menu), the whole-page cache, the library's privacy and
the aid map's data; a session opened by signing in on A is valid on B.

Transactional (the servers must see committed rows) with ``serialized_rollback``, so it runs
last (tests/conftest.py) and leaves the migrations' rows behind it. Ports: TWO_SERVERS_PORTS
(default 8121,8122). No PostgreSQL, Redis or gunicorn: a skip locally, a failure in CI.
"""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
PORTS = [int(p) for p in os.environ.get("TWO_SERVERS_PORTS", "8121,8122").split(",")]
PASSWORD = "deux-serveurs-2026"


def database_url():
    db = connection.settings_dict  # the live test database, not the configured one
    auth = db["USER"] + (f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def get(url, jar=None, data=None):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Accept-Encoding", "identity")]
    try:
        response = opener.open(urllib.request.Request(url, data=data), timeout=60)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.headers, response.read().decode("utf-8", "replace")


def no_redirect_get(url, cookie=None):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=60)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.headers


@pytest.fixture
def servers(settings, redis_url, tmp_path):
    """Base URLs of A and B (gunicorn, 1 worker each), on this test's database and Redis."""
    if connection.vendor != "postgresql":
        skip_or_fail("needs PostgreSQL (set DATABASE_URL)")
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        skip_or_fail("needs gunicorn (requirements.txt)")
    from config.settings.services import cache_settings

    settings.CACHES = cache_settings(redis_url, key_prefix="ptf-two")  # this process too
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_ENABLED = True
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": "ptf-two",
        "PAGE_CACHE_ENABLED": "1",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "PYTHONPATH": str(ROOT),
    }
    processes = []
    for port in PORTS:
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}",
             "--timeout", "120", "--error-logfile", str(tmp_path / f"{port}.log"), "config.wsgi"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
    urls = [f"http://127.0.0.1:{port}" for port in PORTS]
    try:
        deadline = time.time() + 180  # a loaded machine
        for url, process in zip(urls, processes, strict=True):
            while True:
                if process.poll() is not None:
                    log = (tmp_path / f"{url[-4:]}.log").read_text(errors="replace")[-2000:]
                    pytest.fail(f"app server {url} exited: {log}")
                try:
                    if get(f"{url}/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                if time.time() > deadline:
                    pytest.fail(f"app server {url} did not start in 180 s")
                time.sleep(0.5)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)


@pytest.mark.django_db(transaction=True)
def test_a_publication_is_seen_at_once_through_the_other_server(public_tree, servers, settings):
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from wagtail.models import CollectionViewRestriction

    from accounts.factories import UserFactory
    from home.factories import StandardPageFactory
    from iati_publisher.models import Activity

    a, b = servers
    home = public_tree["library"].get_parent().specific
    # Page chrome and page cache: B stores the home page, then serves it from the cache.
    get(f"{b}{home.url}")
    status, headers, body = get(f"{b}{home.url}")
    assert status == 200 and headers["X-Page-Cache"] == "hit"
    assert "Actualités d’un autre serveur" not in body

    page = StandardPageFactory(parent=home, title="Actualités d’un autre serveur", slug="autre",
                               show_in_menus=True)  # fmt: skip
    page.save_revision().publish()
    status, headers, body = get(f"{b}{home.url}")
    assert status == 200 and headers["X-Page-Cache"] == "miss"  # the cache followed
    assert "Actualités d’un autre serveur" in body and f'href="{page.url}"' in body  # the menu
    assert "Actualités d’un autre serveur" in get(f"{a}{page.url}")[2]

    # Library privacy: a listed document, then its collection made private.
    document = public_tree["document"]
    library = public_tree["library"].url
    get(f"{b}{library}")
    assert document.title in get(f"{b}{library}")[2]
    assert no_redirect_get(f"{b}{document.url}")[0] == 200
    collection = document.collection.add_child(name="Interne au Pool Technique")
    document.collection = collection
    document.save()
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    status, _, body = get(f"{b}{library}")
    assert status == 200 and document.title not in body
    status, headers = no_redirect_get(f"{b}{document.url}")
    assert status == 302 and "login" in headers["Location"]

    # Aid map data: an activity unpublished here disappears from B's GeoJSON.
    geojson = f"{b}/api/aid/locations.geojson"
    before = get(geojson)[2].count('"Feature"')
    assert before >= 1
    Activity.objects.get(iati_identifier=public_tree["activity"]).unpublish()
    assert get(geojson)[2].count('"Feature"') == before - 1

    # A session opened on A (signing in through the form) is valid on B.
    user = UserFactory(username="pool", is_superuser=True, is_staff=True)
    hasher = PBKDF2PasswordHasher()  # the servers' hasher (the tests' own is MD5)
    type(user).objects.filter(pk=user.pk).update(password=hasher.encode(PASSWORD, hasher.salt()))
    jar = http.cookiejar.CookieJar()
    _, _, form = get(f"{a}/admin/login/", jar)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "pool",
                                   "password": PASSWORD, "next": "/admin/"}).encode()  # fmt: skip
    status, _, body = get(f"{a}/admin/login/", jar, data)  # follows the redirect to /admin/
    assert status == 200 and 'name="password"' not in body
    session = next(cookie.value for cookie in jar if cookie.name == "sessionid")
    assert no_redirect_get(f"{a}/admin/", f"sessionid={session}")[0] == 200
    assert no_redirect_get(f"{b}/admin/")[0] == 302  # B asks strangers to sign in…
    assert no_redirect_get(f"{b}/admin/", f"sessionid={session}")[0] == 200  # A's session: in
