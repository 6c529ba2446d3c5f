"""Lossless round trip: import → export keeps every element, attribute, text and narrative
language of what the publisher wrote (counted occurrence by occurrence), and an edited
activity keeps what the editor does not edit, in schema order, valid."""

import io

import pytest
from lxml import etree

from iati_publisher import kept
from iati_publisher.export import write_activities
from iati_publisher.importer import import_file
from iati_publisher.models import Activity
from iati_publisher.validation import validate_file

from .helpers import IOM_MALI, SAMPLES, activities_file, activity_xml
from .lossless import lost, occurrences

pytestmark = pytest.mark.django_db

OFFICIAL = SAMPLES / "official" / "activity-standard-example-annotated.xml"
REAL_WORLD = SAMPLES / "real-world" / "iaticloud-example_203_file.xml"


def _round_trip(path, tmp_path, queryset=None):
    import_file(path)
    out = tmp_path / "out.xml"
    write_activities(str(out), queryset if queryset is not None else Activity.objects.all())
    return out


@pytest.mark.parametrize("source", [OFFICIAL, IOM_MALI, REAL_WORLD], ids=lambda p: p.name)
def test_import_then_export_loses_nothing(source, tmp_path):
    out = _round_trip(source, tmp_path)
    before, after = occurrences(source), occurrences(out)
    assert sum(before.values()) > 100
    assert lost(before, after) == {}
    _same_verdict(source, out)


def _codes(report):
    return sorted(
        (p.rule_name, p.params.get("code", "")) for p in report.errors if p.rule_id == "codelist"
    )


def _same_verdict(source, out):
    """The export is schema-valid and has no code problem the publisher's file did not have."""
    report = validate_file(out)
    assert [p for p in report.errors if p.rule_id == "xsd"] == []
    assert _codes(report) == _codes(validate_file(source))


def test_the_official_example_keeps_its_languages_and_unedited_parts(tmp_path):
    out = _round_trip(OFFICIAL, tmp_path)
    activity = etree.parse(str(out)).getroot().find("iati-activity")
    assert activity.get(kept.XML_LANG) == "en"
    assert activity.get("last-updated-datetime") == "2014-09-10T07:15:37Z"
    assert activity.get("humanitarian") == "1" and activity.get("linked-data-uri")
    title = {n.get(kept.XML_LANG): n.text for n in activity.find("title")}
    assert title == {
        None: "Activity title",
        "fr": "Titre de l'activité",
        "es": "Título de la actividad",
    }
    assert {d.get("type") for d in activity.findall("description")} == {"1", "2", "3"}
    for tag in (
        "policy-marker",
        "humanitarian-scope",
        "tag",
        "related-activity",
        "conditions",
        "country-budget-items",
        "capital-spend",
        "other-identifier",
        "activity-scope",
    ):
        assert activity.find(tag) is not None, tag


def _edit(activity, **fields):
    """Save a new revision with ``fields`` changed and publish it (the editor's way)."""
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.save_revision().publish()


def test_an_edited_activity_keeps_what_the_editor_does_not_edit(tmp_path):
    import_file(OFFICIAL)
    activity = Activity.objects.get()
    _edit(activity, title_fr="Nouveau titre")
    transaction = activity.transactions.first()
    transaction.value = transaction.value + 1
    transaction.save()
    out = tmp_path / "out.xml"
    write_activities(str(out), Activity.objects.all())
    exported = etree.parse(str(out)).getroot().find("iati-activity")
    title = {n.get(kept.XML_LANG): n.text for n in exported.find("title")}
    assert title == {None: "Activity title", "fr": "Nouveau titre", "es": "Título de la actividad"}
    assert exported.get(kept.XML_LANG) == "en"
    assert exported.find("policy-marker") is not None and exported.find("tag") is not None
    tx = exported.find("transaction")
    assert tx.find("recipient-country") is not None or tx.find("recipient-region") is not None
    assert tx.find("flow-type") is not None and tx.find("aid-type") is not None
    order = kept.schema_order(("iati-activity",))
    positions = [order[c.tag] for c in exported if c.tag in order]
    assert positions == sorted(positions)
    _same_verdict(OFFICIAL, out)
    before, after = occurrences(OFFICIAL), occurrences(out)
    missing = lost(before, after)
    # only the edited facts differ: the old French title and the old transaction value
    assert {key[-1] for key in missing} <= {"Titre de l'activité", "text()"} | {
        key[-1] for key in missing if key[1] == "transaction"
    }


def test_narratives_in_other_languages_and_extensions_survive(tmp_path):
    text = (
        activity_xml()
        .replace(
            "<title>",
            '<title>\n   <narrative xml:lang="es">Salud materna en Mopti</narrative>',
        )
        .replace(
            "</iati-activity>",
            '<ext:note xmlns:ext="http://example.org/ext">Extension du publieur</ext:note>\n'
            " </iati-activity>",
        )
    )
    path = activities_file(tmp_path, text)
    out = _round_trip(path, tmp_path)
    assert lost(occurrences(path), occurrences(out)) == {}
    assert b"http://example.org/ext" in out.read_bytes()


def test_a_new_activity_has_no_kept_source_and_exports_as_before(tmp_path):
    path = activities_file(tmp_path)
    import_file(path)
    activity = Activity.objects.get()
    assert activity.iati_source["xml"].startswith("<iati-activity")
    assert "<transaction" not in activity.iati_source["xml"]  # kept on the rows
    assert all(t.iati_source["digest"] for t in activity.transactions.all())
    buffer = io.BytesIO()
    assert write_activities(buffer, Activity.objects.all()) == 1


def test_a_file_using_every_element_and_attribute_of_the_standard_round_trips(tmp_path):
    from .coverage_file import coverage_file

    source = coverage_file(tmp_path / "coverage.xml")
    before = occurrences(source)
    assert sum(before.values()) > 500  # the whole activity schema, every attribute
    out = _round_trip(source, tmp_path)
    assert lost(before, occurrences(out)) == {}
    _same_verdict(source, out)


ORGANISATION_FILES = [
    SAMPLES / "official" / "organisation-standard-example-annotated.xml",
    SAMPLES / "real-world" / "iaticloud-example_organisation_203.xml",
]


@pytest.mark.parametrize("source", ORGANISATION_FILES, ids=lambda p: p.name)
def test_an_organisation_file_round_trips(source, tmp_path):
    from iati_publisher.export import write_organisations
    from iati_publisher.models import ReportingOrganisation

    import_file(source)
    out = tmp_path / "org.xml"
    write_organisations(str(out), ReportingOrganisation.objects.all())
    before = occurrences(source, "iati-organisation")
    after = occurrences(out, "iati-organisation")
    assert sum(before.values()) > 50
    assert lost(before, after) == {}
    assert [p for p in validate_file(out).errors if p.rule_id == "xsd"] == []
    org = ReportingOrganisation.objects.first()
    org.name_fr = "Nom modifié"
    org.save()
    write_organisations(str(out), ReportingOrganisation.objects.all())
    after = occurrences(out, "iati-organisation")
    changed = {"name", "reporting-org", "@last-updated-datetime"}  # edited: now
    assert {key[1] for key in lost(before, after)} <= changed
    assert [p for p in validate_file(out).errors if p.rule_id == "xsd"] == []
