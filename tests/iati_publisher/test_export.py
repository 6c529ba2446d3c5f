"""IATI 2.03 export: valid against the official XSD, bilingual, constant number of queries."""

import io
import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from iati_publisher.export import write_activities, write_organisations
from iati_publisher.factories import make_activity
from iati_publisher.schema import xsd_errors

pytestmark = pytest.mark.django_db
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export(queryset=None):
    buffer = io.BytesIO()
    write_activities(buffer, queryset)
    return etree.fromstring(buffer.getvalue())


@pytest.fixture
def demo(codelists):
    from iati_publisher import demo

    demo.build(None)


def test_demo_export_is_valid_iati(demo):
    root = export()
    assert root.get("version") == "2.03"
    assert root.get("generated-datetime")
    assert len(root.findall("iati-activity")) == 40
    assert xsd_errors(root) == []
    for activity in root.iter("iati-activity"):
        assert activity.get("last-updated-datetime")
        langs = {n.get(XML_LANG) for n in activity.find("title").findall("narrative")}
        assert langs == {"fr", "en"}


def test_demo_organisation_file_is_valid(demo):
    buffer = io.BytesIO()
    write_organisations(buffer)
    root = etree.fromstring(buffer.getvalue())
    assert len(root.findall("iati-organisation")) == 6
    assert xsd_errors(root, "organisations") == []
    afd = next(o for o in root if o.findtext("organisation-identifier") == "FR-6")
    totals = afd.findall("total-budget")
    assert totals and all(t.find("value").get("currency") == "EUR" for t in totals)
    from django.db.models import Sum

    from iati_publisher.models import Budget

    expected = Budget.objects.filter(activity__reporting_org__ref="FR-6").aggregate(s=Sum("value"))
    assert sum(Decimal(t.findtext("value")) for t in totals) == expected["s"]


def test_randomised_activities_are_valid(codelists):
    for seed in (1, 2, 3):
        rng = random.Random(seed)
        for _ in range(8):
            make_activity(rng=rng)
    root = export()
    assert len(root.findall("iati-activity")) == 24
    for path in (".//result/indicator/period", ".//recipient-region", ".//document-link"):
        assert root.find(path) is not None  # the optional parts are exercised too
    assert xsd_errors(root) == []


def test_drafts_are_not_exported(codelists):
    make_activity(live=False, iati_identifier="XM-TEST-DRAFT-1")
    published = make_activity()
    identifiers = [e.text for e in export().iter("iati-identifier")]
    assert identifiers == [published.iati_identifier]


def test_queries_do_not_grow_with_activities(codelists):
    from iati_publisher import export as export_module

    rng = random.Random(5)
    make_activity(rng=rng)
    with CaptureQueriesContext(connection) as small:
        export()
    for _ in range(15):
        make_activity(rng=rng)
    with CaptureQueriesContext(connection) as large:
        export()
    assert len(large) == len(small)
    # past a chunk the count grows per chunk of activities, not per activity
    export_module.CHUNK_SIZE, saved = 4, export_module.CHUNK_SIZE
    try:
        with CaptureQueriesContext(connection) as chunked:
            export()
    finally:
        export_module.CHUNK_SIZE = saved
    per_chunk = len(large) - 1  # one query lists the ids, then a fixed number per chunk
    assert len(chunked) == 1 + 4 * per_chunk


def test_export_command(demo, tmp_path):
    target = tmp_path / "all.xml"
    call_command("export_iati", "--output", str(target))
    assert len(etree.parse(str(target)).getroot()) == 40
    one = tmp_path / "afd.xml"
    call_command("export_iati", "--output", str(one), "--org", "FR-6")
    refs = {e.get("ref") for e in etree.parse(str(one)).iter("reporting-org")}
    assert refs == {"FR-6"}


def test_export_command_fails_on_unknown_org(codelists, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("export_iati", "--output", str(tmp_path / "x.xml"), "--org", "NOPE")


def test_nothing_published_is_refused_and_served_as_404(db, client, tmp_path, media_root):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from iati_publisher import publication

    with pytest.raises(CommandError, match="No published activity"):
        call_command("export_iati", "--output", str(tmp_path / "out.xml"))
    assert not (tmp_path / "out.xml").exists()
    publication.regenerate()
    assert client.get("/iati/activities.xml").status_code == 404


def test_a_location_without_a_name_exports_valid_xml(valid_activity):
    from iati_publisher.export import activities_document
    from iati_publisher.schema import xsd_errors

    location = valid_activity.locations.first()
    location.name_fr = location.name_en = ""
    location.save()
    activity = type(valid_activity).objects.get(pk=valid_activity.pk)
    document = activities_document([activity])
    assert document.find(".//location/name") is None
    assert xsd_errors(document) == []
