"""Benchmark of the import of a ~50 MB IATI 2.03 file (issue 12, point 7).

    .venv/bin/python bench/bench_iati_import.py [--size-mb 50] [--keep]

1. Generates a realistic file (tests/iati_xml/big_file.py: fr/en narratives, participating
   orgs, dates, contact, 2 locations, 3 sectors, tags, policy marker, 3 budgets, 2 planned
   disbursements, 8 transactions, a document and a result per activity), schema-valid.
2. Same-run references: plain lxml ``iterparse`` of the file (reading the XML, nothing else)
   and the load average before and after (2 cores shared by the team).
3. ``manage.py validate_iati FILE`` in a fresh process: wall, CPU, peak memory (its VmHWM).
   Target ≤ 20 s.
4. The preview as its background job runs it (``importer.preview.summarise``: check, read and
   plan chunk by chunk), and the size of the JSON summary the job stores.
5. The import as the admin's background job runs it (``importer.parse_file`` with
   ``writer.ChunkWriter`` as its sink: each chunk written as soon as it is read, the job's
   progress callback) in a fresh worker process on
   PostgreSQL: the progress lines it prints, the time of each stage, activities/s of the write
   stage and end to end, SQL statements, peak memory of the worker (its own VmHWM,
   ``_common.peak_memory_mb``: everything the process held, not the parent's pages counted by
   ru_maxrss at the fork; tracemalloc is left out, it slows allocation-heavy code), DEBUG off as
   in production. Run twice: creations, then updates (a re-import). Targets:
   import ≤ 60 s, write ≥ 500 activities/s, ≤ 500 MB.
6. The same two imports of a compact file of the shape of the issue's admin file (3,000
   activities in 1.9 MB: ~750 bytes each, ``big_file.compact_activity``), whose activities are
   a fourteenth of the size of the generated ones (~10 KB each): activities/s depend on that.

Database: BENCH_DATABASE_URL, or PostgreSQL ``ptf_iatiimport_bench`` (created when missing).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import bench_database_url, peak_memory_mb, with_peak  # noqa: E402

FILE = ROOT / "var" / "bench_iati_import_50mb.xml"
COMPACT = ROOT / "var" / "bench_iati_import_compact.xml"
# the import worker as in production: DEBUG off (with DEBUG, Django keeps the text of every
# statement — here ~200 MB more and ~15 % more CPU for the 50 MB file)
WORKER_DEBUG = "0"


def load():
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def run(*args, env=None):
    """(wall, CPU, exit status, peak MB, stdout) of a child process (its own peak: VmHWM)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    argv, peak = with_peak(args)
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True, env=env)
    lines = []
    for line in process.stdout:  # shown as it comes: the progress of the job
        lines.append(line)
        if not line.startswith("{"):
            print("    " + line.rstrip())
    status = process.wait()
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, cpu, status, peak(), "".join(lines)


def worker(path, label):
    """The import job's work, in this (fresh) process; prints progress and a JSON summary."""
    import django

    django.setup()
    from django.db import connection, transaction

    from iati_publisher.importer import parse_file
    from iati_publisher.importer.writer import ChunkWriter

    queries = []

    def count(execute, *args):
        queries.append(1)
        return execute(*args)

    start = time.perf_counter()
    cpu0 = time.process_time()
    print(f"[{label}] checking the file…", flush=True)
    marks = {}

    def progress(done, total=None):
        marks.setdefault("first", (time.perf_counter(), time.process_time()))
        print(f"[{label}] written {done}/{total} ({time.perf_counter() - start:.1f} s)", flush=True)

    class Timed(ChunkWriter):  # when the first chunk starts: the end of the check
        def __call__(self, records):
            marks.setdefault("check", (time.perf_counter(), time.process_time()))
            return super().__call__(records)

    sink = Timed(progress=progress)
    with connection.execute_wrapper(count), transaction.atomic():
        parsed = parse_file(path, sink=sink)  # as the admin's job: read and written by chunks
    end = time.perf_counter()
    result = sink.result
    total = parsed.count
    parsed_at, cpu1 = marks["check"]
    summary = {
        "activities": total,
        "created": len(result.created),
        "updated": len(result.updated),
        "parse_s": parsed_at - start,  # the check (validation) before the first chunk
        "parse_cpu_s": cpu1 - cpu0,
        "write_s": end - parsed_at,
        "write_cpu_s": time.process_time() - cpu1,
        "total_s": end - start,
        "queries": len(queries),
        "peak_mb": peak_memory_mb(),
    }
    print(json.dumps(summary), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=float, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    parser.add_argument("--worker", nargs=2, metavar=("FILE", "LABEL"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    if options.worker:
        return worker(*options.worker)
    os.environ["DATABASE_URL"] = bench_database_url("ptf_iatiimport_bench")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tests.iati_xml import big_file

    call_command("migrate", verbosity=0, interactive=False)
    print(f"Load average before: {load()} (2 cores); database: {connection.vendor}")
    FILE.parent.mkdir(exist_ok=True)
    count = big_file.write_size(FILE, options.size_mb)
    size = FILE.stat().st_size / 1024 / 1024
    print(f"Generated file: {FILE.relative_to(ROOT)} — {size:.1f} MB, {count} activities")

    from lxml import etree

    start = time.perf_counter()
    for _event, element in etree.iterparse(str(FILE), tag="iati-activity"):
        element.clear()
    reference = time.perf_counter() - start
    print(f"Reference (same run): plain lxml iterparse of the file {reference:.2f} s")

    elapsed, cpu, status, peak, _out = run("manage.py", "validate_iati", str(FILE))
    verdict = "OK" if elapsed <= 20 else "OVER TARGET"
    print(
        f"validate_iati: {elapsed:.1f} s wall ({elapsed / reference:.1f}× the reference), "
        f"{cpu:.1f} s CPU, peak {peak:.0f} MB, exit {status} — target ≤ 20 s: {verdict}"
    )

    from iati_publisher.importer import preview as file_preview

    start = time.perf_counter()
    summary = file_preview.summarise(FILE)
    elapsed = time.perf_counter() - start
    print(
        f"Preview (check + read + plan, what the preview job runs, out of the request): "
        f"{elapsed:.1f} s for {len(summary['plan']['changes'])} activities, its summary "
        f"{len(json.dumps(summary)) / 1e6:.1f} MB of JSON"
    )
    del summary

    imports(FILE, "rich")
    big_file.write(COMPACT, 3000, prefix="COMPACT", shape="compact")
    size = COMPACT.stat().st_size / 1024 / 1024
    print(
        f"Compact file (the issue's admin file: 3,000 activities in 1.9 MB): "
        f"{COMPACT.relative_to(ROOT)} — {size:.1f} MB, 3000 activities"
    )
    imports(COMPACT, "compact")
    print(f"Load average after: {load()}")
    if not options.keep:
        FILE.unlink(missing_ok=True)  # never kept, never committed
        COMPACT.unlink(missing_ok=True)


def imports(path, shape):
    """The import of ``path`` twice in a fresh worker (creations, then updates)."""
    from django.db import connection

    with connection.cursor() as cursor:  # a clean slate: the bench database only
        cursor.execute("TRUNCATE iati_publisher_activity, wagtailcore_modellogentry CASCADE")
        cursor.execute("DELETE FROM wagtailcore_revision")
        cursor.execute("DELETE FROM wagtailsearch_indexentry")
    connection.close()
    for label in ("create", "update"):
        print(f"Import of the {shape} file ({label}s), worker process, load average {load()}:")
        elapsed, cpu, status, _peak, out = run(
            "bench/bench_iati_import.py",
            "--worker",
            str(path),
            label,
            env={**os.environ, "DEBUG": WORKER_DEBUG},
        )
        summary = json.loads(out.strip().splitlines()[-1])
        rate = summary["activities"] / summary["write_s"]
        overall = summary["activities"] / summary["total_s"]
        ok = summary["total_s"] <= 60 and rate >= 500 and summary["peak_mb"] <= 500
        print(
            f"  check {summary['parse_s']:.1f} s ({summary['parse_cpu_s']:.1f} s CPU), "
            f"read + write {summary['write_s']:.1f} s ({summary['write_cpu_s']:.1f} s CPU): "
            f"{rate:.0f} activities/s written "
            f"({summary['activities'] / summary['write_cpu_s']:.0f}/s of worker CPU), "
            f"{overall:.0f}/s end to end; total {summary['total_s']:.1f} s, "
            f"{summary['queries']} SQL statements; peak memory {summary['peak_mb']:.0f} MB "
            f"(VmHWM of the worker); process {cpu:.1f} s "
            f"CPU, exit {status} — targets ≤ 60 s, ≥ 500/s, ≤ 500 MB: "
            f"{'OK' if ok else 'OVER TARGET'}"
        )


if __name__ == "__main__":
    main()
