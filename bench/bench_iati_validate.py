"""Benchmark of the IATI validator and importer.

    .venv/bin/python bench/bench_iati_validate.py [--size-mb 50]

1. Validation time of the largest file of ../shared/iati/samples/real-world/ (in process, with
   the one-off loading of the XSD and codelists, and as ``manage.py validate_iati`` in a fresh
   process).
2. Import time of that file (first import: creations; second import: updates), with the number
   of SQL queries. Uses its own database: var/bench_iati_import.sqlite3, or DATABASE_URL when set
   (e.g. postgres://postgres@127.0.0.1:5432/ptf_iatixml_bench — the database must exist).
3. Validation time and peak memory of ``manage.py validate_iati`` on a generated ~50 MB file
   (the sample's activities replicated with distinct identifiers). Target: ≤ 20 s.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_iati_import.sqlite3'}")
REAL_WORLD = next(
    (
        p / "shared" / "iati" / "samples" / "real-world"
        for p in ROOT.parents
        if (p / "shared").is_dir()
    ),
    ROOT.parent / "shared" / "iati" / "samples" / "real-world",
)
GENERATED = ROOT / "var" / "bench_iati_50mb.xml"

from _common import with_peak  # noqa: E402


def largest_sample():
    files = [p for p in REAL_WORLD.glob("*.xml") if b"<iati-activities" in p.read_bytes()[:2000]]
    return max(files, key=lambda p: p.stat().st_size)


def generate(source, target, size_mb):
    """Replicate the activities of ``source`` with distinct identifiers up to ``size_mb``."""
    from lxml import etree

    root = etree.parse(str(source)).getroot()
    chunks = [etree.tostring(a) for a in root.iter("iati-activity")]
    identifiers = [a.findtext("iati-identifier").strip() for a in root.iter("iati-activity")]
    written, copy = 0, 0
    with open(target, "wb") as out:
        out.write(
            b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<iati-activities version="2.03" generated-datetime="2026-01-01T00:00:00Z">\n'
        )
        while written < size_mb * 1024 * 1024:
            copy += 1
            for chunk, ident in zip(chunks, identifiers, strict=True):
                new = ident.encode() + f"-COPY{copy}".encode()
                data = chunk.replace(ident.encode(), new, 1)
                out.write(data)
                written += len(data)
        out.write(b"</iati-activities>\n")
    return copy * len(chunks)


def run_command(*args):
    """Wall time, CPU time, exit status and peak memory (MB) of a manage.py command run in a
    new process (CPU time shows the cost when the machine is shared; the peak is the child's
    own VmHWM, not ru_maxrss, which counts this process's memory at the fork)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    argv, peak = with_peak([ROOT / "manage.py", *args])
    start = time.perf_counter()
    process = subprocess.run(argv, capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return elapsed, cpu, process.returncode, peak()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=float, default=50)
    parser.add_argument(
        "--import-50mb", action="store_true", help="Also import the generated file (slow)."
    )
    options = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from iati_publisher.importer import import_file
    from iati_publisher.models import Activity
    from iati_publisher.validation import validate_file

    call_command("migrate", verbosity=0)  # the validator reads the codelists from the database
    sample = largest_sample()
    size = sample.stat().st_size / 1024 / 1024
    print(f"Largest real-world sample: {sample.name} ({size:.1f} MB)")

    start = time.perf_counter()
    report = validate_file(sample)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    validate_file(sample)
    warm = time.perf_counter() - start
    print(
        f"  validation in process: {cold:.2f} s (first call, loads the XSD and the codelists), "
        f"{warm:.2f} s (again); {report.count} activities, {len(report.errors)} errors, "
        f"{len(report.warnings)} warnings"
    )
    elapsed, cpu, status, _peak = run_command("validate_iati", str(sample))
    print(
        f"  manage.py validate_iati: {elapsed:.2f} s wall, {cpu:.2f} s CPU (exit status {status})"
    )

    Activity.objects.all().delete()
    for label in ("first import (creates)", "second import (updates)"):
        queries = []

        def count(execute, *args, queries=queries):
            queries.append(1)
            return execute(*args)

        start, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(count):
            _parsed, result = import_file(sample)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"  {label}: {elapsed:.2f} s wall, {cpu:.2f} s CPU, {len(result.created)} created, "
            f"{len(result.updated)} updated, {len(queries)} SQL queries, including the "
            f"regeneration of the published files at commit (database: {connection.vendor})"
        )

    GENERATED.parent.mkdir(exist_ok=True)  # var/ is not in a fresh clone
    count = generate(sample, GENERATED, options.size_mb)
    size = GENERATED.stat().st_size / 1024 / 1024
    print(f"Generated file: {GENERATED.relative_to(ROOT)} ({size:.1f} MB, {count} activities)")
    start = time.perf_counter()
    report = validate_file(GENERATED)
    in_process = time.perf_counter() - start
    print(f"  validation in process: {in_process:.2f} s ({len(report.problems)} problems)")
    elapsed, cpu, status, peak = run_command("validate_iati", str(GENERATED))
    verdict = "OK" if elapsed <= 20 else "OVER TARGET"
    print(
        f"  manage.py validate_iati: {elapsed:.2f} s wall, {cpu:.2f} s CPU, "
        f"peak memory {peak:.0f} MB, "
        f"exit status {status} — target ≤ 20 s: {verdict}"
    )
    if options.import_50mb:
        Activity.objects.all().delete()
        elapsed, cpu, status, peak = run_command("import_iati", str(GENERATED), "--lang", "en")
        rate = count / elapsed if elapsed else 0
        verdict = "OK" if elapsed <= 60 and peak <= 500 else "OVER TARGET"
        print(
            f"  manage.py import_iati: {elapsed:.2f} s wall, {cpu:.2f} s CPU, peak memory "
            f"{peak:.0f} MB, {rate:.0f} activities/s, exit status {status} "
            f"(database: {connection.vendor}) — target ≤ 60 s, ≤ 500 MB: {verdict}"
        )
    GENERATED.unlink(missing_ok=True)  # never kept, never committed


if __name__ == "__main__":
    main()
