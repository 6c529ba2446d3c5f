"""Benchmark of the reports app (not run by the tests).

Prints, for the last complete quarter:
1. with the demo data, then with 10x the quarter's data: the SQL queries of each section of the
   figures (they must be equal), the time to compute the figures and to generate the draft
   report (``create_quarterly_report``), against a reference measured in the same run (the
   groups dashboard's rows for the year, the existing monitoring figure);
2. PDF and DOCX generation time and sizes of the report.

Run: BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/bench_reports.py [--scale 10]
(a dedicated PostgreSQL database by default; it is dropped, recreated and filled with the demo
data — ``flush`` would also empty the tables that migrations fill, such as the audiences).
"""

import argparse
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import bench_database_url, setup_django  # noqa: E402


def timed(function, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def section_queries(period):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports import figures

    counts = {}
    for name in figures.SECTIONS:
        # An empty log first: once it holds its 9,000 queries (demo loading), a capture
        # would count 0.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            getattr(figures, f"{name}_section")(period)
        counts[name] = len(queries)
    return counts


def generate_once(period):
    from django.db import transaction

    from reports.generate import create_quarterly_report
    from reports.models import QuarterlyReportPage

    QuarterlyReportPage.objects.filter(year=period.year, quarter=period.quarter).delete()
    with transaction.atomic():
        return create_quarterly_report(period)


def measure(label, period):
    from django.utils import timezone

    from groups.dashboard import dashboard_rows
    from reports.figures import period_figures

    reference = timed(lambda: dashboard_rows(timezone.localdate().year))
    figures_time = timed(lambda: period_figures(period))
    generate_time = timed(lambda: generate_once(period), repeat=3)
    figures = period_figures(period)["groups"]["totals"]
    print(
        f"{label}: {figures['meetings']} meetings, {figures['activities']} activities in "
        f"{period.code}"
    )
    print(f"  SQL queries per section: {section_queries(period)}")
    print(
        f"  reference (groups dashboard rows): {reference * 1000:.0f} ms; figures "
        f"{figures_time * 1000:.0f} ms ({figures_time / reference:.1f}x); draft report "
        f"{generate_time * 1000:.0f} ms ({generate_time / reference:.1f}x)"
    )


def exports(period):
    from reports.exports import build_docx, build_pdf
    from reports.models import QuarterlyReportPage

    page = QuarterlyReportPage.objects.get(year=period.year, quarter=period.quarter)
    pdf_time = timed(lambda: build_pdf(page), repeat=3)
    docx_time = timed(lambda: build_docx(page), repeat=3)
    pdf, docx = build_pdf(page), build_docx(page)
    print(
        f"  PDF {len(pdf) / 1024:.0f} KiB in {pdf_time * 1000:.0f} ms; "
        f"DOCX {len(docx) / 1024:.0f} KiB in {docx_time * 1000:.0f} ms"
    )


def scale_up(period, factor):
    """Add (factor - 1) x the quarter's groups with data, through ``build_quarter``."""
    from groups.factories import ThematicGroupPageFactory
    from groups.models import GroupIndexPage, MeetingPage
    from reports.demo import pool_page
    from reports.factories import build_quarter
    from reports.models import PriorityTheme

    since, until = period.bounds()
    active = MeetingPage.objects.filter(
        start__gte=since, start__lt=until, locale__language_code="fr"
    )
    groups = max(1, active.values("path").count() // 2)  # build_quarter holds 2 meetings/group
    index = GroupIndexPage.objects.filter(locale__language_code="fr").first()
    theme = PriorityTheme.objects.filter(page__year=period.year, locale__language_code="fr").first()
    new = [
        ThematicGroupPageFactory(parent=index, title=f"Bench {i}", acronym=f"B{i}", slug=f"b{i}")
        for i in range(groups * (factor - 1))
    ]
    build_quarter(pool_page(), new, period=period, theme=theme)


def recreate(database_url):
    """An empty PostgreSQL database (SQLite: the file is removed), migrated by setup_django."""
    url = urlparse(database_url)
    if url.scheme.startswith("postgres"):
        args = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432)]
        args += ["-U", url.username or "postgres"]
        name = url.path.lstrip("/")
        subprocess.run(["dropdb", *args, "--if-exists", "--force", name], check=True)
        subprocess.run(["createdb", *args, name], check=True)
    elif url.scheme == "sqlite":
        Path(url.path).unlink(missing_ok=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    database_url = bench_database_url("ptf_bench_reports")
    recreate(database_url)
    setup_django(database_url)
    from django.core.management import call_command

    from reports.periods import Period

    started = time.perf_counter()
    call_command("load_demo_data", force=True, verbosity=0, stdout=io.StringIO())
    print(f"demo data loaded in {time.perf_counter() - started:.0f} s")
    period = Period.last_complete_quarter()
    measure("demo data", period)
    exports(period)
    started = time.perf_counter()
    scale_up(period, args.scale)
    print(f"{args.scale}x data built in {time.perf_counter() - started:.0f} s")
    measure(f"{args.scale}x data", period)
    exports(period)


if __name__ == "__main__":
    main()
