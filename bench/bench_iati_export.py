"""Benchmark of the IATI export: 10,000 activities (10 transactions, 3 sectors, 2 locations each).

    .venv/bin/python bench/bench_iati_export.py [--activities N]

Uses its own SQLite database var/bench_iati.sqlite3 (or DATABASE_URL when set) and bulk-creates
the data when the number of live activities is not N (an existing set of N is kept as is), then
exports in a fresh process and prints the wall and CPU time, the peak memory of that process and
the number of SQL queries; finally checks the file against the XSD. Targets: ≤ 6 s and ≤ 250 MB.

The peak is the export process's own high-water mark (VmHWM of /proc/self/status,
``_common.peak_memory_mb``): on Linux its ru_maxrss also counts the parent's at the fork, so
right after creating the data (≈ 400 MB in this process) it said 410 MB whatever the export used.
"""

import argparse
import datetime
import os
import resource
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_iati.sqlite3'}")
OUTPUT = ROOT / "var" / "bench_iati_activities.xml"

from _common import peak_memory_mb  # noqa: E402


def setup_django():
    import django

    django.setup()


def populate(n):
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    from iati_publisher.codelists import ensure_codelists
    from iati_publisher.factories import DAC5_SECTORS, PLACES
    from iati_publisher.models import (
        Activity,
        ActivityDate,
        ActivityLocation,
        ActivitySector,
        Budget,
        ParticipatingOrg,
        ReportingOrganisation,
        Transaction,
    )

    ensure_codelists()
    if Activity.objects.filter(live=True).count() == n:
        return False
    Activity.objects.all().delete()
    org, _ = ReportingOrganisation.objects.get_or_create(
        ref="XM-BENCH", defaults={"name_fr": "Partenaire de test", "name_en": "Test partner"}
    )
    start = datetime.date(2022, 1, 1)
    with transaction.atomic():
        activities = Activity.objects.bulk_create(
            [
                Activity(
                    reporting_org=org,
                    iati_identifier=f"XM-BENCH-{i:06d}",
                    title_fr=f"Projet d'appui n° {i}",
                    title_en=f"Support project no. {i}",
                    description_fr="Appui aux services sociaux de base.",
                    description_en="Support to basic social services.",
                    default_currency="XOF",
                    live=True,
                )
                for i in range(n)
            ],
            batch_size=2000,
        )
        rows = {
            m: []
            for m in (
                ActivityDate,
                ParticipatingOrg,
                ActivitySector,
                ActivityLocation,
                Budget,
                Transaction,
            )
        }
        for i, a in enumerate(activities):
            rows[ActivityDate] += [
                ActivityDate(activity=a, type="1", iso_date=start),
                ActivityDate(activity=a, type="3", iso_date=datetime.date(2027, 12, 31)),
            ]
            rows[ParticipatingOrg].append(
                ParticipatingOrg(activity=a, role="1", ref=org.ref, name=org.name_fr)
            )
            for k in range(3):
                code = DAC5_SECTORS[(i + k) % len(DAC5_SECTORS)]
                rows[ActivitySector].append(
                    ActivitySector(activity=a, code=code, percentage=Decimal(k and 30 or 40))
                )
            for k in range(2):
                name, lat, lon = PLACES[(i + k) % len(PLACES)]
                rows[ActivityLocation].append(
                    ActivityLocation(
                        activity=a,
                        name_fr=name,
                        name_en=name,
                        latitude=Decimal(lat),
                        longitude=Decimal(lon),
                    )
                )
            rows[Budget].append(
                Budget(
                    activity=a,
                    period_start=start,
                    period_end=datetime.date(2022, 12, 31),
                    value=Decimal(10_000_000),
                    currency="XOF",
                    value_date=start,
                )
            )
            for k in range(10):
                day = start + datetime.timedelta(days=30 * k)
                rows[Transaction].append(
                    Transaction(
                        activity=a,
                        transaction_type="3",
                        transaction_date=day,
                        value=Decimal(1_000_000 + k),
                        currency="XOF",
                        value_date=day,
                        provider_org_ref=org.ref,
                        receiver_org_name="Ministère",
                    )
                )
        for model, objects in rows.items():
            model.objects.bulk_create(objects, batch_size=5000)
    return True


def measure():
    """Run in a fresh process: export and print 'seconds peak_mb queries activities bytes'."""
    from django.db import connection

    from iati_publisher import export
    from iati_publisher.export import published_activities, write_activities

    export.CHUNK_SIZE = int(os.environ.get("IATI_BENCH_CHUNK", export.CHUNK_SIZE))

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    started = time.perf_counter()
    with connection.execute_wrapper(count):
        n = write_activities(str(OUTPUT), published_activities())
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = peak_memory_mb()
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    print(f"{seconds:.2f} {cpu:.2f} {peak_mb:.0f} {len(queries)} {n} {OUTPUT.stat().st_size}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    setup_django()
    if args.measure:
        measure()
        return
    t0 = time.perf_counter()
    created = populate(args.activities)
    if created:
        print(f"bench data created in {time.perf_counter() - t0:.1f} s")
    result = subprocess.run(
        [sys.executable, __file__, "--measure"], capture_output=True, text=True, check=True
    )
    seconds, cpu, peak_mb, queries, n, size = result.stdout.split()[-6:]
    from iati_publisher.export import CHUNK_SIZE

    chunk = os.environ.get("IATI_BENCH_CHUNK", CHUNK_SIZE)
    print(f"export of {n} activities (10 transactions, 3 sectors, 2 locations each)")
    print(f"  wall time   : {seconds} s   (target ≤ 6 s; CPU time {cpu} s)")
    chunks = -(-int(n) // int(chunk))
    print(f"  peak memory : {peak_mb} MB (export process's VmHWM; target ≤ 250 MB)")
    print(
        f"  SQL queries : {queries} in {chunks} chunk(s) of {chunk} activities (not per activity)"
    )
    print(f"  file size   : {int(size) / 1e6:.1f} MB  ({OUTPUT})")
    from lxml import etree

    from iati_publisher.schema import schema

    t0 = time.perf_counter()
    valid = schema("activities").validate(etree.parse(str(OUTPUT)))
    print(f"  XSD valid   : {valid} (checked in {time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
