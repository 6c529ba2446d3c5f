"""Foundation figures: SQL queries per public page at two data sizes, page weight, throughput.

Run: .venv/bin/python bench/bench_home.py [--news 1000] [--seconds 10]
Throughput uses gunicorn (2 workers, production settings) and wrk (apt-get install wrk)
when available, on 127.0.0.1 only.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time

from _common import PY, ROOT, bench_database_url, count_queries, setup_django, wait_for

PAGES = ["/fr/", "/en/", "/fr/actualites/", "/fr/actualites/actualite-01/", "/fr/search/?q=réunion"]


def add_news(total):
    from home.factories import NewsPageFactory
    from home.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.get(locale__language_code="fr")
    missing = total - NewsPage.objects.filter(locale__language_code="fr").count()
    for _ in range(max(0, missing)):
        NewsPageFactory(parent=index)


def measure_queries(label):
    from django.test import Client

    client = Client()
    print(f"\n{label}")
    for url in PAGES:
        status, queries, size = count_queries(client, url)
        print(f"  {url:35} status {status}  {queries:3d} queries  {size / 1024:6.1f} KB HTML")


def page_weight():
    from django.test import Client

    client = Client()
    html = client.get("/fr/").content
    total = len(html)
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+)"', html):
        path = ROOT / asset.decode().lstrip("/")
        if path.exists():
            total += path.stat().st_size
    print(f"\nHome page weight (HTML + CSS + JS): {total / 1024:.1f} KB")


def throughput(database_url, seconds):
    if not shutil.which("wrk"):
        print("\nwrk not installed: throughput skipped (apt-get install -y wrk)")
        return
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
    }
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    port = "8765"
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        if not wait_for(f"http://127.0.0.1:{port}/healthz"):
            print("gunicorn did not start")
            return
        for url in [
            "/fr/",
            "/fr/actualites/",
            "/fr/groupes-thematiques/sante/",
            "/fr/bibliotheque/",
            "/fr/carte-de-l-aide/",
        ]:
            out = subprocess.run(
                ["wrk", "-t2", "-c8", f"-d{seconds}s", f"http://127.0.0.1:{port}{url}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
            latency = re.search(r"Latency\s+(\S+)", out).group(1)
            print(f"  gunicorn 2 workers, uncached {url:34} {rps} req/s (mean latency {latency})")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--news", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()

    database_url = bench_database_url("ptf_bench_home")
    print(f"Database: {database_url}")
    setup_django(database_url)
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("load_demo_data", "--force", verbosity=0)
    print(f"load_demo_data: {time.perf_counter() - started:.1f} s")
    measure_queries("With the demo data (12 news per language):")
    add_news(args.news)
    measure_queries(f"With {args.news} French news:")
    page_weight()
    print("\nThroughput:")
    throughput(database_url, args.seconds)


if __name__ == "__main__":
    sys.exit(main())
