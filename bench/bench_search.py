"""Benchmark of the site search (issue 10).

Run: ``.venv/bin/python bench/bench_search.py`` (PostgreSQL database ``ptf_search_bench`` on
127.0.0.1, created if missing; BENCH_DATABASE_URL overrides; SEARCH_BENCH_SCALE=0.1 for a
quick run; SEARCH_BENCH_KEEP=1 measures the content already built). Builds 10,000 documents
whose extracted text is real prose, 2,000 pages (French and English) and 5,000 published IATI
activities. ``SEARCH_BENCH_CORPUS``: ``seeds`` (default, the worst case: 6 of the 19 paragraphs
of the two terms of reference in /work/shared/seeds, ~6.5 KB, so that every document shares
one small vocabulary) or ``varied`` (2 of those paragraphs and 4 of the ~1,600 narratives of
the real-world IATI samples in /work/shared/iati). Then prints:
- ``update_index`` time for everything, with its progress output;
- SQL queries per results page at the small and the large size (must be equal);
- server time (Django test client, in process) of 20 typical queries per language: median and
  p95 over 3 rounds, next to a reference measured in the same run: the trivial ``/healthz``
  view (one SQL query) under the same client.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._common import bench_database_url  # noqa: E402

SCALE = float(os.environ.get("SEARCH_BENCH_SCALE", "1"))
DOCUMENTS, PAGES, ACTIVITIES = int(10_000 * SCALE), int(2_000 * SCALE), int(5_000 * SCALE)
SMALL = 0.02  # the small size: 2 % of the large one
ROUNDS = 3
QUERIES = {
    "fr": [
        "santé", "developpement", "écoles", "paludisme", "vaccination", "UNICEF", "Tombouctou",
        "eau potable", "sécurité alimentaire", "budget", "gouvernance locale", "termes de référence",
        "rapport annuel", "Mopti", "assistance technique", "\"pool technique\"", "femmes OR genre",
        "décentralisation -budget", "coordination des partenaires", "nutrition",
    ],
    "en": [
        "health", "development", "schools", "malaria", "vaccination", "UNICEF", "Timbuktu",
        "drinking water", "food security", "budget", "local governance", "terms of reference",
        "annual report", "Mopti", "technical assistance", "\"technical pool\"", "women OR gender",
        "decentralisation -budget", "partner coordination", "nutrition",
    ],
}  # fmt: skip


CORPUS = os.environ.get("SEARCH_BENCH_CORPUS", "seeds")  # "seeds" (worst case) or "varied"


def seed_paragraphs():
    shared = Path(os.environ.get("PTF_SHARED", "/work/shared")) / "seeds"
    paragraphs = []
    for path in sorted(shared.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        paragraphs += [" ".join(p.split()) for p in text.split("\n\n") if len(p.split()) > 8]
    return paragraphs or ["Le Pool Technique appuie la coordination des partenaires au Mali."]


def iati_narratives():
    """The narratives (> 8 words) of the real-world IATI samples in /work/shared/iati."""
    import xml.etree.ElementTree as ET

    shared = Path(os.environ.get("PTF_SHARED", "/work/shared")) / "iati" / "samples"
    found = []
    for path in sorted(shared.glob("real-world/*.xml")):
        for element in ET.parse(path).iter("narrative"):
            text = " ".join((element.text or "").split())
            if len(text.split()) > 8:
                found.append(text)
    return list(dict.fromkeys(found))


def document_text(rng, site):
    """The extracted text of one document. ``seeds``: 6 of the 19 paragraphs of the two seed
    texts (a worst case: every document shares their vocabulary); ``varied``: 2 of them and 4
    of the ~1,600 IATI narratives (a vocabulary closer to a real library's)."""
    paragraphs = site["paragraphs"]
    if CORPUS != "varied" or not site["narratives"]:
        return " ".join(rng.sample(paragraphs, min(6, len(paragraphs))))
    return " ".join(rng.sample(paragraphs, 2) + rng.sample(site["narratives"], 4))


def build(scale_from, scale_to, site):
    """Create the content from fraction ``scale_from`` to ``scale_to`` of the large size."""
    import datetime

    from home.models import StandardPage
    from iati_publisher.demo_data import REGIONS, THEMES
    from iati_publisher.models import Activity, ReportingOrganisation
    from library.factories import WORDS, bulk_documents
    from library.models import CustomDocument

    rng = random.Random(int(scale_from * 1000))
    paragraphs = site["paragraphs"]
    start, stop = int(DOCUMENTS * scale_from), int(DOCUMENTS * scale_to)
    done = start
    while done < stop:
        batch = min(1000, stop - done)
        documents = bulk_documents(batch, groups=site["groups"], start=done, index=False)
        for document in documents:
            document.extracted_text = document_text(rng, site)
        CustomDocument.objects.bulk_update(documents, ["extracted_text"], batch_size=500)
        done += batch
    orgs = site["orgs"]
    regions = [region[0] for region in REGIONS]
    activities = []
    for n in range(int(ACTIVITIES * scale_from), int(ACTIVITIES * scale_to)):
        org = orgs[n % len(orgs)]
        theme = THEMES[n % len(THEMES)]
        title_fr, title_en = theme[3][n % len(theme[3])]
        region = regions[n % len(regions)]
        activities.append(
            Activity(
                reporting_org=org,
                iati_identifier=f"{org.ref}-BENCH-{n:05d}",
                title_fr=title_fr.format(r=region),
                title_en=title_en.format(r=region),
                description_fr=rng.choice(paragraphs),
                description_en="Support to " + WORDS[n % len(WORDS)] + " in Mali.",
                live=True,
                last_updated=datetime.datetime(2020 + n % 6, 1, 1, tzinfo=datetime.UTC),
            )
        )
    Activity.objects.bulk_create(activities, batch_size=1000)
    parents = site["parents"]
    for n in range(int(PAGES * scale_from) // 2, int(PAGES * scale_to) // 2):
        for language, parent in parents.items():
            words = WORDS[n % len(WORDS)], WORDS[(n * 5 + 1) % len(WORDS)]
            title = (
                f"Note {n} : {words[0]} et {words[1]}"
                if language == "fr"
                else f"Note {n}: {words[0]} and {words[1]}"
            )
            page = StandardPage(
                title=title, slug=f"bench-{n}", intro=rng.choice(paragraphs)[:500], live=True
            )
            parent.add_child(instance=page)
    return ReportingOrganisation


def setup_site():
    from django.core.management import call_command
    from wagtail.models import Locale, Site

    from groups.models import ThematicGroupPage
    from home.demo import english_home, ensure_site_root
    from home.models import StandardPage
    from iati_publisher.models import ReportingOrganisation
    from library.factories import make_library_page
    from library.models import LibraryPage

    call_command("migrate", verbosity=0)
    home = ensure_site_root()
    home_en = english_home()
    Site.objects.filter(is_default_site=True).update(root_page=home)
    if not LibraryPage.objects.filter(locale=home.locale).exists():
        make_library_page(home)
    parents = {}
    for language, root in (("fr", home), ("en", home_en)):
        parent = StandardPage.objects.filter(locale=root.locale, slug="bench-notes").first()
        if parent is None:
            parent = StandardPage(title="Notes", slug="bench-notes", live=True)
            root.add_child(instance=parent)
        parents[language] = parent
    groups = list(ThematicGroupPage.objects.filter(locale=Locale.objects.get(language_code="fr")))
    orgs = [
        ReportingOrganisation.objects.get_or_create(
            ref=ref, defaults={"name_fr": name, "name_en": name}
        )[0]
        for ref, name in (
            ("XM-DAC-41122", "UNICEF"),
            ("XM-DAC-7", "Pays-Bas"),
            ("FR-6", "Agence française de développement"),
            ("XM-DAC-44000", "Banque mondiale"),
        )
    ]
    narratives = iati_narratives() if CORPUS == "varied" else []
    return {
        "parents": parents,
        "groups": groups,
        "orgs": orgs,
        "paragraphs": seed_paragraphs(),
        "narratives": narratives,
    }


def clear():
    from wagtail.search.backends import get_search_backend

    from home.models import StandardPage
    from iati_publisher.models import Activity
    from library.models import CustomDocument

    CustomDocument.objects.all().delete()
    Activity.objects.filter(iati_identifier__contains="-BENCH-").delete()
    for parent in StandardPage.objects.filter(slug="bench-notes"):
        for child in parent.get_children():
            child.delete()
    get_search_backend().reset_indexes()


def queries_per_page(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, url in (
        ("fr 'santé', first page", "/fr/search/?q=sant%C3%A9"),
        ("fr 'santé', page 2", "/fr/search/?q=sant%C3%A9&page=2"),
        ("en 'health' + type", "/en/search/?q=health&kind=document"),
    ):
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        counts[label] = len(context.captured_queries)
    return counts


def timed(client, url, rounds=ROUNDS):
    samples = []
    for _ in range(rounds):
        begin = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - begin) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def p95(samples):
    ordered = sorted(samples)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def main():
    url = bench_database_url("ptf_search_bench")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    # The search itself is measured: the anonymous page cache (home/pagecache.py) would answer
    # every repeated query from Redis without running it.
    os.environ["PAGE_CACHE_ENABLED"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    print(
        f"Database: {url.split('@')[-1]}; {DOCUMENTS} documents, {PAGES} pages, {ACTIVITIES} activities;"
        f" corpus {CORPUS!r}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    site = setup_site()
    client = Client()
    if os.environ.get("SEARCH_BENCH_KEEP") and _built():
        print("SEARCH_BENCH_KEEP: content of a previous run kept (no build, no update_index)")
        return measure(client, {}, None)
    clear()
    started = time.perf_counter()
    build(0, SMALL, site)
    call_command("update_index", verbosity=0)
    print(f"Small size built and indexed in {time.perf_counter() - started:.0f} s")
    small = queries_per_page(client)

    started = time.perf_counter()
    build(SMALL, 1, site)
    print(f"Large size built in {time.perf_counter() - started:.0f} s; update_index:")
    started = time.perf_counter()
    call_command("update_index", verbosity=1)
    indexing = time.perf_counter() - started
    print(f"update_index: {indexing:.0f} s for everything")
    with connection.cursor() as cursor:
        # What autovacuum does soon after a full update_index (README: run it after one): the
        # index rewritten leaves as many dead rows as live ones, and every search reads them.
        cursor.execute("VACUUM ANALYZE")
    measure(client, small, indexing)


def _built():
    from library.models import CustomDocument

    return CustomDocument.objects.count() >= DOCUMENTS


def measure(client, small, indexing):
    """Print the SQL queries per results page and the server times (content in place)."""
    large = queries_per_page(client)
    small = small or large
    print("\nSQL queries per results page   small   large")
    for key in small:
        print(f"  {key:<28} {small[key]:>5} {large[key]:>7}")

    reference = timed(client, "/healthz", rounds=40)
    print(
        f"\nReference /healthz (same client): median {statistics.median(reference):.1f} ms, "
        f"p95 {p95(reference):.1f} ms; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    for language, terms in QUERIES.items():
        samples, worst = [], []
        for term in terms:
            path = f"/{language}/search/"
            timed(client, path + "?" + _encode(term), rounds=1)  # warm
            runs = timed(client, path + "?" + _encode(term))
            samples += runs
            worst.append((max(runs), term))
        worst.sort(reverse=True)
        print(
            f"{language}: 20 queries x {ROUNDS}: median {statistics.median(samples):.0f} ms, "
            f"p95 {p95(samples):.0f} ms; slowest: "
            + ", ".join(f"{term!r} {ms:.0f} ms" for ms, term in worst[:3])
        )


def _encode(term):
    from urllib.parse import urlencode

    return urlencode({"q": term})


if __name__ == "__main__":
    main()
