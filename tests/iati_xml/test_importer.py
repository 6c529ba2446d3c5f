"""The importer: parse stage, refusals, one-transaction write, idempotency, drafts, round trip."""

import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from groups.models import Organisation
from iati_publisher.export import write_activities
from iati_publisher.importer import ImportRefused, bulk, import_file, parse_file, preview_file
from iati_publisher.models import Activity, ReportingOrganisation, Transaction

from .helpers import IOM_MALI, SAMPLES, activities_file, activity_xml, line_of

# the validator reads the codelists from the database (the one store the editor reads)
pytestmark = pytest.mark.django_db


def test_parse_hand_made_activity(tmp_path):
    parsed = parse_file(activities_file(tmp_path))
    [activity] = parsed.activities
    assert activity.identifier == "XM-DAC-7-PTF-001"
    assert activity.title == {"fr": "Santé maternelle à Mopti", "en": "Maternal health in Mopti"}
    assert activity.reporting_org.ref == "XM-DAC-7"
    assert [(p.role, p.ref) for p in activity.participating_orgs] == [("1", "XM-DAC-7"), ("4", "")]
    assert [(s.code, s.percentage) for s in activity.sectors] == [
        ("12220", Decimal("60")),
        ("13020", Decimal("40")),
    ]
    [location] = activity.locations
    assert (location.latitude, location.longitude) == (Decimal("14.4843"), Decimal("-4.1827"))
    assert location.administratives[0].code == "ML-5"
    assert [t.type for t in activity.transactions] == ["2", "3"]
    assert activity.currency_of(activity.transactions[1].money) == "XOF"
    assert activity.transactions[0].money.currency == "EUR"
    assert activity.budgets[0].money.value == Decimal("1000000")


def test_parse_real_world_sample():
    parsed = parse_file(IOM_MALI)
    assert [a.identifier for a in parsed.activities][0] == "XM-DAC-47066-CS.0888"
    assert len(parsed.activities) == 4
    assert all(a.title.get("en") for a in parsed.activities)
    # the validator's rule errors are accepted and kept for display
    assert [p.rule_id for p in parsed.report.errors] == ["7.5.3"]


def test_unknown_codes_are_imported_as_written_and_listed():
    parsed = parse_file(SAMPLES / "official" / "activity-standard-example-annotated.xml")
    [activity] = parsed.activities  # its fictional codes are listed, not a reason to refuse
    assert not parsed.rejected
    assert "codelist" in {p.rule_id for p in parsed.report.errors}
    parsed = parse_file(SAMPLES / "real-world" / "iaticloud-example_203_file.xml")
    assert len(parsed.activities) == 13 and not parsed.rejected


def test_version_1_is_refused_2_02_is_accepted(tmp_path):
    with pytest.raises(ImportRefused) as refused:
        parse_file(activities_file(tmp_path, version="1.05"))
    [problem] = refused.value.problems
    assert problem.line == 3 and problem.params == {"version": "1.05"}
    assert len(parse_file(activities_file(tmp_path, version="2.02")).activities) == 1


def test_schema_error_and_malformed_file_are_refused_with_lines(tmp_path):
    path = activities_file(tmp_path, activity_xml().replace("<sector ", "<sectr ", 1))
    with pytest.raises(ImportRefused) as refused:
        parse_file(path)
    assert [p.line for p in refused.value.problems] == [line_of(path, "<sectr ")]
    unknown = parse_file(activities_file(tmp_path, activity_xml(sector="99999")))
    assert len(unknown.activities) == 1  # an unknown code is imported as written, and listed
    [problem] = [p for p in unknown.report.errors if p.rule_id == "codelist"]
    assert problem.params["code"] == "99999"
    broken = tmp_path / "broken.xml"
    broken.write_text('<iati-activities version="2.03">\n<iati-activity>\n</iati-activities>')
    with pytest.raises(ImportRefused) as refused:
        parse_file(broken)
    assert refused.value.problems[0].line == 3


def test_strict_mode_refuses_rule_errors():
    with pytest.raises(ImportRefused) as refused:
        parse_file(IOM_MALI, strict=True)
    assert [p.rule_id for p in refused.value.problems] == ["7.5.3"]


# -- write stage ------------------------------------------------------------------------------
def test_import_creates_live_activities_with_revisions(tmp_path):
    organisation = Organisation.objects.create(
        name="Pays-Bas", iati_identifier="XM-DAC-7", locale=Locale.get_default()
    )
    parsed, result = import_file(activities_file(tmp_path))
    assert result.created == ["XM-DAC-7-PTF-001"]
    activity = Activity.objects.get(iati_identifier="XM-DAC-7-PTF-001")
    assert activity.live and not activity.has_unpublished_changes
    assert activity.live_revision_id == activity.latest_revision_id is not None
    assert activity.title_fr == "Santé maternelle à Mopti"
    assert activity.title_en == "Maternal health in Mopti"
    assert activity.reporting_org.organisation == organisation
    assert activity.participating_orgs.get(role="1").organisation == organisation
    assert activity.transactions.count() == 2
    assert activity.sectors.count() == 2
    assert activity.locations.get().admin_unit_level == "region"
    revision_copy = activity.live_revision.as_object()
    assert len(revision_copy.transactions.all()) == 2


def test_reimport_updates_and_never_duplicates(tmp_path):
    import_file(activities_file(tmp_path))
    first = Activity.objects.get()
    changed = activity_xml(pct1="50", pct2="50").replace(
        "Santé maternelle à Mopti", "Santé maternelle et infantile"
    )
    path = activities_file(tmp_path, changed, name="v2.xml")
    parsed, plan = preview_file(path)
    [change] = plan.changes
    assert change.action == "update"
    assert change.changed_fields == ["title_fr"]
    assert change.counts["transactions"] == (2, 2)
    _parsed, result = import_file(path)
    assert result.updated == ["XM-DAC-7-PTF-001"] and result.created == []
    assert Activity.objects.count() == 1
    activity = Activity.objects.get()
    assert activity.pk == first.pk
    assert activity.title_fr == "Santé maternelle et infantile"
    assert sorted(activity.sectors.values_list("percentage", flat=True)) == [50, 50]
    assert Transaction.objects.count() == 2  # replaced, not added
    assert ReportingOrganisation.objects.count() == 1


def test_draft_import_keeps_the_live_version(tmp_path):
    import_file(activities_file(tmp_path), draft=True)
    activity = Activity.objects.get()
    assert not activity.live and activity.latest_revision_id
    import_file(activities_file(tmp_path))  # publish
    changed = activity_xml().replace("Santé maternelle à Mopti", "Titre brouillon")
    import_file(activities_file(tmp_path, changed, name="v2.xml"), draft=True)
    activity.refresh_from_db()
    assert activity.live and activity.has_unpublished_changes
    assert activity.title_fr == "Santé maternelle à Mopti"
    assert activity.latest_revision.as_object().title_fr == "Titre brouillon"


def test_failure_midway_writes_nothing(tmp_path, monkeypatch):
    activities = [activity_xml(ident=f"XM-DAC-7-PTF-{n}") for n in range(3)]
    path = activities_file(tmp_path, *activities)
    original = bulk.publish_chunk
    calls = []

    def failing(records, *args, **kwargs):
        calls.append(records[0].identifier)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(records, *args, **kwargs)

    monkeypatch.setattr(bulk, "CHUNK", 1)  # the third chunk fails after two were written
    monkeypatch.setattr(bulk, "publish_chunk", failing)
    with pytest.raises(RuntimeError):
        import_file(path)
    assert Activity.objects.count() == 0
    assert ReportingOrganisation.objects.count() == 0


def test_refused_file_writes_nothing(tmp_path):
    path = activities_file(tmp_path, activity_xml(), activity_xml(ident="A-2", sector="99999"))
    with pytest.raises(ImportRefused):
        import_file(path, strict=True)
    assert Activity.objects.count() == 0
    with pytest.raises(ImportRefused):  # no activity valid on its own: nothing to import
        import_file(activities_file(tmp_path, activity_xml().replace("<sector ", "<sectr ")))
    assert Activity.objects.count() == 0


def test_import_command_exit_status(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_iati", str(IOM_MALI), "--lang", "en")
    assert exit_info.value.code == 0
    assert Activity.objects.filter(live=True).count() == 4
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_iati", str(activities_file(tmp_path, version="1.05")))
    assert exit_info.value.code == 1
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_iati", str(tmp_path / "missing.xml"))
    assert exit_info.value.code == 1
    assert Activity.objects.count() == 4


def test_organisation_file_imports_reporting_organisations(tmp_path):
    path = SAMPLES / "real-world" / "iaticloud-example_organisation_203.xml"
    parsed, plan = preview_file(path)
    assert [(c.action, c.ref) for c in plan.organisations] == [("create", "XM-LMH-7")]
    assert parsed.activities == []
    _parsed, result = import_file(path)
    assert result.created == ["XM-LMH-7"]
    org = ReportingOrganisation.objects.get(ref="XM-LMH-7")
    assert org.name_en and org.org_type == "10" and org.default_currency == "EUR"
    _parsed, result = import_file(path)  # idempotent
    assert result.updated == ["XM-LMH-7"]
    assert ReportingOrganisation.objects.count() == 1


# -- round trip -------------------------------------------------------------------------------
def _summary(parsed):
    result = {}
    for a in parsed.activities:
        totals = defaultdict(Decimal)
        for t in a.transactions:
            totals[(t.type, a.currency_of(t.money))] += t.money.value
        result[a.identifier] = {
            "title": a.title,
            "description": a.description,
            "dates": sorted((d.type, d.date) for d in a.dates),
            "orgs": sorted(
                (p.role, p.ref, p.type, next(iter(p.name.values()), ""))
                for p in a.participating_orgs
            ),
            "sectors": sorted((s.vocabulary, s.code, s.percentage) for s in a.sectors),
            "countries": sorted((c.code, c.percentage) for c in a.recipient_countries),
            "locations": sorted(
                (tuple(sorted(loc.name.items())), loc.latitude, loc.longitude)
                for loc in a.locations
            ),
            "budgets": sorted(
                (b.period_start, b.period_end, b.money.value, a.currency_of(b.money))
                for b in a.budgets
            ),
            "transactions": (len(a.transactions), dict(totals)),
        }
    return result


@pytest.mark.parametrize("which", ["hand-made", "iom-mali"])
def test_round_trip_import_then_export(tmp_path, which):
    source = activities_file(tmp_path) if which == "hand-made" else IOM_MALI
    parsed, _result = import_file(source)
    out = io.BytesIO()
    write_activities(out, Activity.objects.all())
    out.seek(0)
    exported = parse_file(out)
    assert exported.report.fatal is None
    assert [p.as_text() for p in exported.report.problems if p.rule_id == "xsd"] == []
    before, after = _summary(parsed), _summary(exported)
    assert sorted(before) == sorted(after)
    for identifier, expected in before.items():
        for key, value in expected.items():
            if key == "locations":  # coordinates: the database keeps 6 decimals
                value = [(n, round(la, 6), round(lo, 6)) for n, la, lo in value]
                got = [(n, round(la, 6), round(lo, 6)) for n, la, lo in after[identifier][key]]
            else:
                got = after[identifier][key]
            assert got == value, (identifier, key)


def test_valid_activities_are_imported_beside_invalid_siblings(tmp_path, capsys):
    from decimal import Decimal

    big = "1234567890123456789012345678901234567890"  # 40 digits: valid for the XSD
    huge = "9" * 45
    activities = [
        activity_xml(ident="XM-DAC-7-PTF-1"),
        activity_xml(ident="XM-DAC-7-PTF-2").replace(
            "<iati-identifier>", "<bad/><iati-identifier>"
        ),
        activity_xml(ident="XM-DAC-7-PTF-3").replace(">1000000<", f">{big}<"),
        activity_xml(ident="XM-DAC-7-PTF-4").replace(">1000000<", f">{huge}<"),
        activity_xml(ident="XM-DAC-7-PTF-1"),  # repeated identifier
    ]
    path = activities_file(tmp_path, *activities)
    parsed = parse_file(path)
    assert sorted(parsed.rejected) == [2, 4, 5]
    [overflow] = parsed.rejected[4]
    assert overflow.rule_name == "decimal" and overflow.activity == "XM-DAC-7-PTF-4"
    assert overflow.line == line_of(path, huge)
    assert overflow.xpath == "/iati-activities/iati-activity[4]/budget/value/text()"
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_iati", str(path), "--lang", "en")
    assert exit_info.value.code == 1  # some activities were not imported
    err = capsys.readouterr().err
    assert "3 item(s) were not imported" in err and "'bad'" in err
    assert set(Activity.objects.values_list("iati_identifier", flat=True)) == {
        "XM-DAC-7-PTF-1",
        "XM-DAC-7-PTF-3",
    }
    budget = Activity.objects.get(iati_identifier="XM-DAC-7-PTF-3").budgets.get()
    assert budget.value == Decimal(big)  # exact, no rounding


def test_strict_refuses_everything(tmp_path):
    path = activities_file(
        tmp_path, activity_xml(ident="XM-DAC-7-PTF-1"), activity_xml(ident="A-2", sector="99999")
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_iati", str(path), "--strict")
    assert exit_info.value.code == 1
    assert not Activity.objects.exists()


def test_2_02_activities_are_upgraded_and_said_so(tmp_path, capsys):
    path = activities_file(tmp_path, activity_xml(), version="2.02")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_iati", str(path), "--lang", "en")
    assert exit_info.value.code == 0
    assert "1 activity(ies) upgraded from IATI 2.02 to 2.03" in capsys.readouterr().out


def test_percentages_are_kept_exactly(tmp_path):
    from decimal import Decimal

    text = activity_xml(pct1="57.142857142857142857", pct2="42.857142857142857143")
    import_file(activities_file(tmp_path, text))
    shares = sorted(Activity.objects.get().sectors.values_list("percentage", flat=True))
    assert shares == [Decimal("42.857142857142857143"), Decimal("57.142857142857142857")]
