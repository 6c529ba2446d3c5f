"""Benchmark of the document library (issue 4).

Run: ``.venv/bin/python bench/bench_library.py`` (PostgreSQL database ``ptf_library_bench`` on
127.0.0.1, created if missing; override with BENCH_DATABASE_URL). Prints:
- SQL queries per library page at 100 and at 10,000 documents;
- server time of the library page with two facets and a search term (median, p95 over 50 requests,
  Django test client);
- text-extraction time for a 100-page PDF.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ptf_library_bench"
)
os.environ["DATABASE_URL"] = DATABASE_URL

SMALL, LARGE, REQUESTS = 100, 10_000, 50


def ensure_database():
    if not DATABASE_URL.startswith("postgres"):
        return
    from urllib.parse import urlparse

    import psycopg2

    url = urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    connection = psycopg2.connect(
        host=url.hostname, port=url.port or 5432, user=url.username or "postgres", dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def setup_site():
    from django.core.management import call_command
    from wagtail.models import Site

    from groups.models import GroupIndexPage, ThematicGroupPage
    from home.models import HomePage
    from library.factories import make_library_page
    from library.models import CustomDocument, LibraryPage

    call_command("migrate", verbosity=0)
    home = HomePage.objects.get(locale__language_code="fr")
    Site.objects.filter(is_default_site=True).update(root_page=home)
    from wagtail.search.backends import get_search_backend

    get_search_backend().reset_indexes()
    CustomDocument.objects.all().delete()
    library = LibraryPage.objects.filter(locale=home.locale).first() or make_library_page(home)
    index = GroupIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = GroupIndexPage(title="Groupes thématiques", slug="groupes")
        home.add_child(instance=index)
    groups = list(ThematicGroupPage.objects.filter(locale=home.locale))
    for acronym, title in (("GT-SANTE", "Santé"), ("GT-EDU", "Éducation"), ("GT-EAU", "Eau")):
        if not any(group.acronym == acronym for group in groups):
            group = ThematicGroupPage(title=title, slug=acronym.lower(), acronym=acronym)
            index.add_child(instance=group)
            groups.append(group)
    return library, groups


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


def main():
    ensure_database()
    import django

    django.setup()
    from django.test import Client

    from library.extraction import extract
    from library.factories import bulk_documents
    from library.pdf import make_pdf

    library, groups = setup_site()
    client = Client()
    base = library.url
    search_url = f"{base}?q=santé&type=report&group={groups[0].pk}"
    plain_url = base
    print(f"Database: {DATABASE_URL.split('@')[-1]}")

    started = time.perf_counter()
    bulk_documents(SMALL, groups=groups)
    small = {
        "plain": count_queries(client, plain_url),
        "search+2 facets": count_queries(client, search_url),
    }
    small["document page"] = count_queries(client, f"{base}document/{_first_pk()}/")
    print(f"Created {SMALL} documents in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    done = SMALL
    while done < LARGE:
        batch = min(2000, LARGE - done)
        bulk_documents(batch, groups=groups, start=done)
        done += batch
    print(
        f"Created {LARGE - SMALL} more documents (indexed) in {time.perf_counter() - started:.1f} s"
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would after a bulk load
    large = {
        "plain": count_queries(client, plain_url),
        "search+2 facets": count_queries(client, search_url),
    }
    large["document page"] = count_queries(client, f"{base}document/{_first_pk()}/")

    print("\nSQL queries per page      at 100   at 10,000")
    for key in small:
        print(f"  {key:<22} {small[key]:>6} {large[key]:>10}")

    timings = []
    for _ in range(REQUESTS):
        begin = time.perf_counter()
        response = client.get(search_url)
        timings.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200
    timings.sort()
    p95 = timings[int(round(0.95 * len(timings))) - 1]
    import re

    found = re.search(
        r'<p class="meta">([\d\s\u202f\xa0,.]+) documents?</p>', response.content.decode()
    )
    matches = found.group(1).strip() if found else "?"
    print(
        f"\nLibrary page, '?q=santé' + type + group, {LARGE} documents ({matches} matches), "
        f"{REQUESTS} requests: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms"
    )

    paragraph = (
        "Le Pool Technique des partenaires techniques et financiers du Mali présente le rapport annuel "
        "du groupe thématique santé : couverture vaccinale, centres de santé communautaires, financement. "
    )
    pdf = make_pdf([paragraph * 6] * 100, title="Cent pages")
    runs = []
    for _ in range(5):
        begin = time.perf_counter()
        result = extract(pdf, "pdf")
        runs.append(time.perf_counter() - begin)
    print(
        f"Text extraction, 100-page PDF ({len(pdf) // 1024} KB, {len(result.text):,} characters, "
        f"{result.page_count} pages): median {statistics.median(runs) * 1000:.0f} ms over 5 runs"
    )


def _first_pk():
    from library.models import CustomDocument

    document = CustomDocument.objects.order_by("pk").first()
    return f"{document.pk}/{document.slug}"


if __name__ == "__main__":
    main()
