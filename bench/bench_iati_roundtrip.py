"""Benchmark of the lossless IATI round trip (import → export).

    .venv/bin/python bench/bench_iati_roundtrip.py

1. Occurrences kept (elements, attributes, texts, narratives by language; see
   tests/iati_xml/lossless.py) for the official annotated examples (activity, organisation),
   the real-world samples of ../shared/iati/samples/ and a file generated from the 2.03 XSD
   itself (every element and attribute). Target: 100 %.
2. Cost of keeping: export time of the 577 imported activities of the largest sample with their
   kept sources, against the same activities with the sources cleared (reference measured in
   the same run, same process).

Database: BENCH_DATABASE_URL, or PostgreSQL ``ptf_iati`` (the iati engineer's), else SQLite.
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import bench_database_url, setup_django  # noqa: E402


def _shared():
    for folder in ROOT.parents:
        if (folder / "shared" / "iati").is_dir():
            return folder / "shared" / "iati" / "samples"
    return ROOT.parent / "shared" / "iati" / "samples"


def _reset():
    from iati_publisher.models import Activity, ReportingOrganisation

    for activity in Activity.objects.all():
        activity.delete()
    ReportingOrganisation.objects.all().delete()


def round_trip(path, item_tag):
    from iati_publisher.export import write_activities, write_organisations
    from iati_publisher.importer import import_file
    from iati_publisher.models import Activity, ReportingOrganisation
    from tests.iati_xml.lossless import lost, occurrences

    _reset()
    import_file(path)
    out = io.BytesIO()
    if item_tag == "iati-activity":
        write_activities(out, Activity.objects.all())
    else:
        write_organisations(out, ReportingOrganisation.objects.all())
    from lxml import etree

    before = occurrences(path, item_tag)
    after = occurrences(etree.fromstring(out.getvalue()), item_tag)
    total, missing = sum(before.values()), sum(lost(before, after).values())
    return total, missing


def main():
    os.environ.setdefault("BENCH_DATABASE_URL", bench_database_url("ptf_iati"))
    setup_django(os.environ["BENCH_DATABASE_URL"])
    from tests.iati_xml.coverage_file import coverage_file

    samples = _shared()
    coverage = Path(tempfile.mkdtemp()) / "coverage.xml"
    coverage_file(coverage)
    files = [
        (samples / "official" / "activity-standard-example-annotated.xml", "iati-activity"),
        (samples / "official" / "organisation-standard-example-annotated.xml", "iati-organisation"),
        (samples / "real-world" / "iom-mali-activities-extract.xml", "iati-activity"),
        (samples / "real-world" / "iaticloud-example_203_file.xml", "iati-activity"),
        (samples / "real-world" / "iaticloud-example_organisation_203.xml", "iati-organisation"),
        (coverage, "iati-activity"),
    ]
    print(f"{'file':48} {'occurrences':>11} {'lost':>5} {'kept':>8}")
    for path, tag in files:
        total, missing = round_trip(path, tag)
        print(f"{path.name:48} {total:11} {missing:5} {100 * (1 - missing / total):7.2f}%")
    export_cost(samples / "real-world" / "iaticloud-example_203_references.xml")


def export_cost(path):
    from iati_publisher.export import write_activities
    from iati_publisher.importer import import_file
    from iati_publisher.models import Activity

    _reset()
    start = time.perf_counter()
    import_file(path)
    imported = time.perf_counter() - start
    count = Activity.objects.count()

    def timed():
        best = None
        for _ in range(3):
            start = time.perf_counter()
            write_activities(io.BytesIO(), Activity.objects.all())
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        return best

    with_sources = timed()
    from iati_publisher import models as m

    for model in (
        m.Activity,
        m.Transaction,
        m.Budget,
        m.ActivitySector,
        m.RecipientCountry,
        m.RecipientRegion,
        m.ActivityLocation,
        m.ParticipatingOrg,
        m.ActivityDate,
        m.PlannedDisbursement,
        m.DocumentLink,
        m.Contact,
        m.Result,
    ):
        model.objects.update(iati_source={})
    reference = timed()
    print(
        f"import of {count} activities ({path.name}): {imported:.1f} s "
        f"({count / imported:.0f} activities/s)"
    )
    print(
        f"export of {count} imported activities: {with_sources:.2f} s with kept sources, "
        f"{reference:.2f} s without (reference, same run): x{with_sources / reference:.2f}"
    )
    _reset()


if __name__ == "__main__":
    main()
