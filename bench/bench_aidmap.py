"""Aid map figures: GeoJSON size and server time for 10,000 locations; map page weight.

Run: .venv/bin/python bench/bench_aidmap.py [--locations 10000]
Uses its own database (PostgreSQL ``ptf_bench_aidmap`` when reachable, else a SQLite file
under var/). Activities are created in bulk, two locations each: all points by default (the
largest GeoJSON), or with ``--admin-share 0.5`` half of the activities located by région
only (aggregated on the map).
"""

import argparse
import gzip
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from _common import ROOT, bench_database_url, setup_django

PREFIX = "XM-BENCH"


def populate(locations, admin_share):
    from iati_publisher import gazetteer
    from iati_publisher.models import (
        Activity,
        ActivityLocation,
        ActivitySector,
        ReportingOrganisation,
        Transaction,
    )

    existing = ActivityLocation.objects.filter(activity__iati_identifier__startswith=PREFIX)
    if existing.count() == locations and existing.filter(latitude__isnull=True).count() == int(
        locations * admin_share
    ):
        return
    Activity.objects.filter(iati_identifier__startswith=PREFIX).delete()
    rng = random.Random(10)
    orgs = [
        ReportingOrganisation.objects.get_or_create(
            ref=f"{PREFIX}-{n}", defaults={"name_fr": f"Partenaire {n}", "name_en": f"Partner {n}"}
        )[0]
        for n in range(8)
    ]
    places = [(c["latitude"], c["longitude"]) for c in gazetteer.cercles()]
    regions = [r["gadm"] or r["code"] for r in gazetteer.regions()]
    activities = Activity.objects.bulk_create(
        [
            Activity(
                reporting_org=orgs[i % len(orgs)],
                iati_identifier=f"{orgs[i % len(orgs)].ref}-{i:06d}",
                title_fr=f"Activité de référence n° {i} pour la carte de l’aide au Mali",
                title_en=f"Benchmark activity no. {i} for the aid map of Mali",
                activity_status=rng.choice("2234"),
                live=True,
            )
            for i in range(locations // 2)
        ],
        batch_size=2000,
    )
    rows, sectors, money = [], [], []
    day = __import__("datetime").date(2025, 6, 1)
    for i, activity in enumerate(activities):
        for n in range(2):
            if i >= len(activities) * admin_share:  # two points near cercle centroids
                lat, lon = rng.choice(places)
                rows.append(
                    ActivityLocation(
                        activity=activity,
                        sort_order=n,
                        name_fr=f"Village {i}-{n}",
                        name_en=f"Village {i}-{n}",
                        latitude=Decimal(str(round(lat + rng.uniform(-0.3, 0.3), 5))),
                        longitude=Decimal(str(round(lon + rng.uniform(-0.3, 0.3), 5))),
                    )
                )
            else:  # two régions, administrative unit only
                rows.append(
                    ActivityLocation(
                        activity=activity,
                        sort_order=n,
                        name_fr="Région",
                        admin_unit_code=rng.choice(regions),
                        admin_unit_level="region",
                        exactness="2",
                    )
                )
        sectors.append(
            ActivitySector(
                activity=activity, code=rng.choice(["12220", "11220", "31120"]), percentage=100
            )
        )
        for kind in ("2", "3", "3"):
            money.append(
                Transaction(
                    activity=activity,
                    transaction_type=kind,
                    transaction_date=day,
                    value_date=day,
                    value=Decimal(rng.randint(1, 500)) * 1_000_000,
                    currency=rng.choice(["XOF", "EUR"]),
                )
            )
    ActivityLocation.objects.bulk_create(rows, batch_size=5000)
    ActivitySector.objects.bulk_create(sectors, batch_size=5000)
    Transaction.objects.bulk_create(money, batch_size=5000)


def page_weight(client, url):
    """HTML + same-site CSS and JS of the page (raw and gzipped), from the static finders."""
    import re

    from django.contrib.staticfiles import finders

    html = client.get(url).content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    files = [(name.decode(), Path(finders.find(name.decode())).read_bytes()) for name in assets]
    raw = len(html) + sum(len(data) for _name, data in files)
    zipped = len(gzip.compress(html)) + sum(len(gzip.compress(data)) for _name, data in files)
    return html, files, raw, zipped


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--locations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--admin-share", type=float, default=0.0)
    args = parser.parse_args()
    url = bench_database_url("ptf_bench_aidmap")
    print(f"database: {url.split('@')[-1]}")
    setup_django(url)

    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from aidmap.data import Filters, build
    from aidmap.models import AidMapPage
    from home import cache as shared_cache

    if not AidMapPage.objects.exists():
        call_command("load_demo_data", verbosity=0)
    t = time.perf_counter()
    populate(args.locations, args.admin_share)
    print(f"data ready in {time.perf_counter() - t:.1f} s")

    client = Client()
    endpoint = "/api/aid/locations.geojson?lang=fr"
    cold, counts = [], []
    for _ in range(args.runs):
        shared_cache.invalidate("aidmap")
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter()
            response = client.get(endpoint)
            cold.append(time.perf_counter() - t)
        counts.append(len(queries))
    body = response.content
    points = body.count(b'"kind":"location"')
    t = time.perf_counter()
    build(Filters(), "fr")
    build_time = time.perf_counter() - t
    warm = []
    for _ in range(args.runs):
        t = time.perf_counter()
        client.get(endpoint)
        warm.append(time.perf_counter() - t)
    shared_cache.invalidate("aidmap")
    t = time.perf_counter()
    filtered = client.get(endpoint + "&region=ML-4&sector=12220")
    filtered_time = time.perf_counter() - t

    print(
        f"\nGeoJSON /api/aid/locations.geojson, {points} point features "
        f"(+ région totals) out of {args.locations} benchmark locations + demo"
    )
    print(
        f"  size: {len(body) / 1024:.0f} KB raw, {len(gzip.compress(body)) / 1024:.0f} KB gzipped"
    )
    print(
        f"  server time, cache cold (after a publication): median {statistics.median(cold) * 1000:.0f} ms"
        f" ({max(counts)} SQL queries; of which build() {build_time * 1000:.0f} ms)"
    )
    print(f"  server time, cached: median {statistics.median(warm) * 1000:.1f} ms")
    print(
        f"  filtered (région + sector), cold: {filtered_time * 1000:.0f} ms, "
        f"{len(filtered.content) / 1024:.0f} KB"
    )

    cache.clear()
    page = AidMapPage.objects.get(locale__language_code="fr")
    html, files, raw, zipped = page_weight(client, page.url)
    print(f"\nMap page {page.url} (HTML + CSS + JS, without the GeoJSON):")
    print(f"  HTML {len(html) / 1024:.1f} KB")
    for name, data in files:
        print(f"  {name:55} {len(data) / 1024:6.1f} KB")
    print(f"  total {raw / 1024:.0f} KB raw, {zipped / 1024:.0f} KB gzipped")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
