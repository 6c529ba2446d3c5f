"""Open data API figures: SQL per endpoint, throughput cached and uncached, schemathesis run.

Run: .venv/bin/python bench/bench_api.py [--activities 1000] [--seconds 10] [--ports 8181,8182]
[--examples 25] (BENCH_DATABASE_URL: the database; BENCH_REDIS_URL: the servers' shared cache,
default ``redis://127.0.0.1:6379/7``).

- SQL queries of each list endpoint (100 items, every field) and of one item of each, answer
  rebuilt (cache cleared).
- Requests/s and p50/p99 latency with wrk (apt-get install wrk) on gunicorn, 2 workers,
  production settings: the activity list (100 per page, every field) and a document detail,
  served from the API cache and rebuilt at every request (``API_CACHE_SECONDS=0``); next to
  them, a trivial WSGI app returning the same bytes under the same gunicorn settings.
- schemathesis against that server (cached answers, rate limit off): the cases generated from
  ``/api/v2/schema/`` (``--examples`` per operation, the checks of ``tests/api/test_schema.py``)
  and the operations that failed.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import PY, ROOT, bench_database_url, setup_django, wait_for

GUNICORN = str(ROOT / ".venv/bin/gunicorn")
LISTS = [
    "pages/?type=groups.ThematicGroupPage",
    "groups/",
    "meetings/",
    "documents/",
    "activities/",
    "report-editions/",
]


def add_activities(total):
    import random

    from iati_publisher.factories import ReportingOrganisationFactory, make_activity
    from iati_publisher.models import Activity

    rng = random.Random(7)
    org = ReportingOrganisationFactory(ref="XM-BENCH-1", name_fr="Partenaire banc d'essai")
    for _ in range(max(0, total - Activity.objects.filter(live=True).count())):
        make_activity(rng=rng, reporting_org=org)


def sql_per_endpoint():
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    print("\nSQL queries per list page (100 items, fields=*, answer rebuilt):")
    for path in LISTS:
        url = f"/api/v2/{path}{'&' if '?' in path else '?'}limit=100&fields=*"
        client.get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        print(
            f"  {url:62} {response.status_code}  {len(queries):3d} queries  "
            f"{len(response.content) / 1024:7.1f} KB"
        )
        items = response.json().get("items") or []
        if items:
            detail = items[0]["meta"]["detail_url"].split("://", 1)[-1]
            detail = detail[detail.index("/") :]
            client.get(detail)
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(detail)
            print(f"  {detail:62} {response.status_code}  {len(queries):3d} queries (detail)")


def wrk(url, seconds):
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    # The latency distribution's lines ("     99%  278.61ms"), not a "68.99%" of the stdev.
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def serve(env, port, app="config.wsgi"):
    server = subprocess.Popen(
        [GUNICORN, app, "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    # Generous wait: on a loaded machine gunicorn's workers take long to import Wagtail.
    url = (
        f"http://127.0.0.1:{port}/healthz" if app == "config.wsgi" else f"http://127.0.0.1:{port}/"
    )
    if not wait_for(url, timeout=180):
        server.terminate()
        raise SystemExit("gunicorn did not start")
    return server


def server_env(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "API_RATE_LIMIT": "",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7"),
    }


def throughput(database_url, seconds, document_id, ports):
    import urllib.request

    if not shutil.which("wrk"):
        print("\nwrk not installed: throughput skipped (apt-get install -y wrk)")
        return
    base_env = server_env(database_url)
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=base_env, check=True
    )
    paths = {
        "activity list (100, fields=*)": "/api/v2/activities/?limit=100&fields=*",
        "document detail": f"/api/v2/documents/{document_id}/",
    }
    print(f"\nThroughput (gunicorn 2 workers, wrk 2 threads 16 connections, {seconds} s):")
    for label, cache_seconds in (("cached", "3600"), ("uncached", "0")):
        env = {**base_env, "API_CACHE_SECONDS": cache_seconds}
        if cache_seconds == "0":  # the cached run's answers are still in the shared Redis
            env["CACHE_KEY_PREFIX"] = f"bench-uncached-{os.getpid()}"
        server = serve(env, ports[0])
        try:
            for name, path in paths.items():
                url = f"http://127.0.0.1:{ports[0]}{path}"
                with urllib.request.urlopen(url) as answer:
                    body, served = answer.read(), answer.headers.get("X-Cache")
                rps, p50, p99, errors = wrk(url, seconds)
                print(
                    f"  {label:8} {name:32} {rps:8.1f} req/s  p50 {p50:>8}  p99 {p99:>8}  "
                    f"non-2xx {errors}  ({len(body) / 1024:.1f} KB, X-Cache: {served})"
                )
                if label == "cached":
                    reference(body, seconds, name, ports[1])
        finally:
            server.terminate()
            server.wait(timeout=10)


def reference(body, seconds, name, port):
    """A trivial WSGI app returning the same bytes, same gunicorn settings (the ceiling)."""
    folder = Path(tempfile.mkdtemp(prefix="ptf-bench-"))
    (folder / "body.json").write_bytes(body)
    (folder / "trivial.py").write_text(
        "BODY = open(__file__.replace('trivial.py', 'body.json'), 'rb').read()\n"
        "def application(environ, start_response):\n"
        "    start_response('200 OK', [('Content-Type', 'application/json'),"
        " ('Content-Length', str(len(BODY)))])\n"
        "    return [BODY]\n"
    )
    env = {**os.environ, "PYTHONPATH": str(folder)}
    server = serve(env, port, app="trivial:application")
    try:
        rps, p50, p99, _ = wrk(f"http://127.0.0.1:{port}/", seconds)
        print(
            f"  {'trivial':8} {name:32} {rps:8.1f} req/s  p50 {p50:>8}  p99 {p99:>8}  "
            "(same bytes, reference)"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


def _checker(operation, examples, base, cases):
    """The hypothesis test of one operation (what tests/api/test_schema.py runs)."""
    from hypothesis import HealthCheck, Phase, given
    from hypothesis import settings as hypothesis_settings

    from tests.api.test_schema import CHECKS

    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case):
        cases.append(case)
        case.call_and_validate(base_url=base, checks=CHECKS)

    return check


def run_schemathesis(database_url, port, examples):
    """schemathesis on the live gunicorn server, from its own schema: (cases, failures)."""
    import schemathesis

    sys.path.insert(0, str(ROOT))
    server = serve(server_env(database_url), port)
    base = f"http://127.0.0.1:{port}"
    cases, failures = [], []
    started = time.perf_counter()
    try:
        schema = schemathesis.openapi.from_url(f"{base}/api/v2/schema/?format=json")
        for result in schema.get_all_operations():
            operation = result.ok()

            try:
                _checker(operation, examples, base, cases)()
            except Exception as error:  # noqa: BLE001 — counted and printed, the run goes on
                failures.append((operation.label, f"{type(error).__name__}: {error}"[:300]))
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(
        f"\nschemathesis {schemathesis.__version__} on gunicorn ({base}): {len(cases)} generated "
        f"cases over {len(list(schema.get_all_operations()))} operations, "
        f"{len(failures)} failing operation(s), {time.perf_counter() - started:.0f} s"
    )
    for label, message in failures:
        print(f"  FAILED {label}: {message}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--ports", default="8181,8182", help="two free ports for gunicorn")
    parser.add_argument("--examples", type=int, default=25, help="schemathesis cases/operation")
    parser.add_argument("--only", choices=["sql", "throughput", "schemathesis"], action="append")
    args = parser.parse_args()
    ports = args.ports.split(",")

    database_url = bench_database_url("ptf_bench_api")
    print(f"Database: {database_url}")
    setup_django(database_url)
    from django.core.management import call_command

    from library.models import CustomDocument

    started = time.perf_counter()
    call_command("load_demo_data", "--if-empty", verbosity=0)
    add_activities(args.activities)
    print(f"Data ready in {time.perf_counter() - started:.1f} s")
    only = set(args.only or ["sql", "throughput", "schemathesis"])
    if "sql" in only:
        sql_per_endpoint()
    document = CustomDocument.objects.listed().order_by("pk").first()
    if "throughput" in only:
        throughput(database_url, args.seconds, document.pk, ports)
    if "schemathesis" in only:
        run_schemathesis(database_url, ports[0], args.examples)


if __name__ == "__main__":
    sys.exit(main())
