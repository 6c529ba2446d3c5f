"""The public site's figures, one page of every public type in both languages (issue 15):

- SQL queries per page (Django test client, warm cache; budget ≤ 15);
- page weight of a first visit in Debian's Chromium: HTML + CSS + JS + fonts + images, as
  transferred (budget ≤ 300 KB; the map's vendored Leaflet is reported apart);
- server time: median of N sequential requests under gunicorn (1 worker, production
  settings, whitenoise) next to the reference measured in the same run — a trivial WSGI app
  returning the same bytes under the same gunicorn — so the figure is a ratio to what this
  machine can do at all, not an absolute time.

Run: ``.venv/bin/python bench/bench_public.py [--requests 20]`` on a database with the demo
content (``BENCH_DATABASE_URL`` or ``DATABASE_URL``; ``make demo`` first).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from _common import PY, ROOT, wait_for  # noqa: E402

GUNICORN = str(ROOT / ".venv/bin/gunicorn")
PORT, REFERENCE_PORT = "8151", "8152"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


def page_paths():
    """(kind, language, path) of one page of every public type, found in the database."""
    from aidmap.models import AidMapPage
    from groups.models import (
        AnnualReviewPage,
        GroupIndexPage,
        MeetingPage,
        TermsOfReferencePage,
        ThematicGroupPage,
        WorkProgrammePage,
    )  # fmt: skip
    from home.models import HomePage, NewsIndexPage, NewsPage, StandardPage
    from iati_publisher.models import Activity
    from library.models import LibraryPage, ReportCalendarPage
    from library.queries import visible_documents

    rows = []
    document = visible_documents(None).order_by("pk").first()
    activity = Activity.objects.filter(live=True).order_by("pk").first()
    for language in ("fr", "en"):

        def first(model, language=language):
            return model.objects.live().public().filter(locale__language_code=language).first()

        for kind, model in [
            ("home", HomePage), ("standard", StandardPage), ("news-index", NewsIndexPage),
            ("news", NewsPage), ("group-index", GroupIndexPage), ("group", ThematicGroupPage),
            ("terms-of-reference", TermsOfReferencePage), ("work-programme", WorkProgrammePage),
            ("review", AnnualReviewPage), ("meeting", MeetingPage), ("library", LibraryPage),
            ("calendar", ReportCalendarPage), ("map", AidMapPage),
        ]:  # fmt: skip
            page = first(model)
            if page:
                rows.append((kind, language, page.url))
        index, library, aidmap = first(GroupIndexPage), first(LibraryPage), first(AidMapPage)
        if index:
            rows.append(("agenda", language, index.url + "agenda/"))
        if library:
            rows.append(("library-facets", language, library.url + "?type=report&year=2025"))
            if document:
                rows.append(("document", language, library.document_url(document)))
        if aidmap and activity:
            rows.append(("activity", language, f"{aidmap.url}activity/{activity.iati_identifier}/"))
        rows.append(
            ("site-map", language, "/fr/plan-du-site/" if language == "fr" else "/en/site-map/")
        )
        rows.append(("search", language, f"/{language}/search/?q=sant%C3%A9"))
    return rows


def queries(rows):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    result = {}
    for _kind, _language, path in rows:
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        result[path] = (response.status_code, len(ctx))
    return result


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:  # a loaded machine: do not lose the figures for it
        server.kill()
        server.wait()


def serve(env, port, app="config.wsgi"):
    server = subprocess.Popen(
        [GUNICORN, app, "-w", "1", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    probe = (
        f"http://127.0.0.1:{port}/healthz" if app == "config.wsgi" else f"http://127.0.0.1:{port}/"
    )
    if not wait_for(probe, timeout=180):
        server.terminate()
        raise SystemExit("gunicorn did not start")
    return server


def median_ms(url, count):
    times = []
    for _ in range(count):
        start = time.perf_counter()
        with urllib.request.urlopen(url) as response:
            response.read()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def reference_ms(body, count):
    folder = Path(tempfile.mkdtemp(prefix="ptf-bench-public-"))
    (folder / "body.html").write_bytes(body)
    (folder / "trivial.py").write_text(
        "BODY = open(__file__.replace('trivial.py', 'body.html'), 'rb').read()\n"
        "def application(environ, start_response):\n"
        "    start_response('200 OK', [('Content-Type', 'text/html; charset=utf-8'),"
        " ('Content-Length', str(len(BODY)))])\n"
        "    return [BODY]\n"
    )
    server = serve({**os.environ, "PYTHONPATH": str(folder)}, REFERENCE_PORT, "trivial:application")
    try:
        return median_ms(f"http://127.0.0.1:{REFERENCE_PORT}/", count)
    finally:
        stop(server)


def weights(base, rows):
    from playwright.sync_api import sync_playwright

    result = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _kind, _language, path in rows:
            context = browser.new_context(viewport={"width": 360, "height": 800})  # first visit
            page = context.new_page()
            sizes, external = {}, []

            def on_response(response, sizes=sizes):
                try:
                    sizes[response.url] = len(response.body())
                except Exception:  # noqa: BLE001
                    sizes.setdefault(response.url, 0)

            page.on("response", on_response)
            page.on(
                "request",
                lambda r, ext=external: None if r.url.startswith(base) else ext.append(r.url),
            )
            page.goto(base + path, wait_until="networkidle")
            leaflet = sum(v for k, v in sizes.items() if "/vendor/leaflet" in k)
            result[path] = (sum(sizes.values()) - leaflet, leaflet, len(sizes), len(external))
            context.close()
        browser.close()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get(
        "DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'db.sqlite3'}"
    )
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    rows = page_paths()
    sql = queries(rows)

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",
           "SECRET_KEY": "bench-only-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "0", "DATABASE_URL": database_url}  # fmt: skip
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)  # fmt: skip
    server = serve(env, PORT)
    base = f"http://127.0.0.1:{PORT}"
    try:
        timing, bodies = {}, {}
        for _kind, _language, path in rows:
            with urllib.request.urlopen(base + path) as response:  # warm the caches
                bodies[path] = response.read()
            timing[path] = median_ms(base + path, args.requests)
        weight = weights(base, rows)
    finally:
        stop(server)
    home = rows[0][2]
    reference = reference_ms(bodies[home], args.requests)

    print(f"Database: {database_url}; gunicorn 1 worker, production settings; "
          f"{args.requests} sequential requests per page")  # fmt: skip
    print(f"Reference (trivial WSGI app, same bytes as {home}, same gunicorn): {reference:.1f} ms")
    header = f"{'page':20} {'lang':4} {'SQL':>4} {'HTML KB':>8} {'total KB':>9} {'Leaflet KB':>10} {'req':>4} {'3rd':>3} {'ms':>7} {'× ref':>6}"  # noqa: E501
    print(header)
    worst_sql = worst_weight = 0
    for kind, language, path in rows:
        status, count = sql[path]
        total, leaflet, requests_, external = weight[path]
        worst_sql, worst_weight = max(worst_sql, count), max(worst_weight, total)
        print(f"{kind:20} {language:4} {count:>4} {len(bodies[path]) / 1024:>8.1f} "
              f"{total / 1024:>9.1f} {leaflet / 1024:>10.1f} {requests_:>4} {external:>3} "
              f"{timing[path]:>7.1f} {timing[path] / reference:>6.1f}"
              + ("" if status == 200 else f"  (HTTP {status})"))  # fmt: skip
    print(f"Worst: {worst_sql} queries (budget 15), {worst_weight / 1024:.1f} KB (budget 300)")


if __name__ == "__main__":
    main()
