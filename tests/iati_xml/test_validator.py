"""The IATI file validator: XSD, codelists (mapping.xml), official rules, command exit codes."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import translation

from iati_publisher.validation import validate_file

from .helpers import (
    IOM_MALI,
    SAMPLES,
    SCHEMA_TESTS,
    activities_file,
    activity_xml,
    line_of,
)

# the validator reads the codelists from the database (the one store the editor reads)
pytestmark = pytest.mark.django_db


def rule_ids(report, severity="error"):
    return {p.rule_id for p in report.problems if p.severity == severity}


def test_hand_made_file_is_valid(tmp_path):
    report = validate_file(activities_file(tmp_path))
    assert report.kind == "activities"
    assert report.count == 1
    assert report.problems == []
    assert report.exit_status == 0


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*/*.xml")), ids=lambda p: p.name)
def test_every_sample_is_read_and_passes_the_schema(path):
    report = validate_file(path)
    assert report.fatal is None
    assert report.count >= 1
    assert [p.as_text() for p in report.problems if p.rule_id == "xsd"] == []


def test_known_problems_of_real_world_samples():
    report = validate_file(IOM_MALI)
    assert report.exit_status == 1
    [problem] = report.errors
    assert (problem.rule_id, problem.rule_name) == ("7.5.3", "time_limit")
    assert problem.line == line_of(IOM_MALI, 'period-end iso-date="2019-06-30"')
    assert problem.activity == "XM-DAC-47066-PB.0008"
    assert problem.xpath == "/iati-activities/iati-activity[4]/budget/period-end/@iso-date"
    organisation = validate_file(SAMPLES / "real-world" / "iaticloud-example_organisation_203.xml")
    assert organisation.kind == "organisations"
    assert organisation.exit_status == 0
    official = validate_file(SAMPLES / "official" / "activity-standard-example-annotated.xml")
    assert {"3.6.2", "6.6.2", "codelist"} <= rule_ids(official)


def _schema_cases(kind):
    return sorted(
        path
        for path in SCHEMA_TESTS.rglob("*.xml")
        if f"/{kind}" in str(path) and "registry-tests" not in str(path)
    )


def test_official_schema_suite_should_pass_files_pass_the_xsd_stage():
    cases = _schema_cases("should-pass")
    assert len(cases) > 100
    failures = []
    for path in cases:
        report = validate_file(path, require_version=False)
        if report.fatal or any(p.rule_id == "xsd" for p in report.problems):
            failures.append(path.name)
    assert failures == []


def test_official_schema_suite_should_fail_files_fail_the_xsd_stage():
    cases = _schema_cases("should-fail")
    assert len(cases) > 300
    missed = []
    for path in cases:
        report = validate_file(path, require_version=False)
        if not (report.fatal or any(p.rule_id == "xsd" for p in report.problems)):
            missed.append(path.name)
    assert missed == []


@pytest.mark.parametrize(
    ("overrides", "rule_id", "needle"),
    [
        (
            {"planned_start": "2024-01-01", "planned_end": "2023-12-31"},
            "11.1.2",
            'activity-date type="1"',
        ),
        ({"pct1": "70"}, "2.1.2", 'percentage="70"'),
        ({"budget_end": "2021-06-30"}, "7.5.3", "2021-06-30"),
        ({"first_tx_date": "2099-01-01"}, "11.2.1", "2099-01-01"),
        ({"ident": "XM-DAC-7"}, "1.1.3", "<iati-identifier>"),
    ],
)
def test_rule_errors_are_reported_with_their_line(tmp_path, overrides, rule_id, needle):
    path = activities_file(tmp_path, activity_xml(**overrides))
    report = validate_file(path)
    problems = [p for p in report.errors if p.rule_id == rule_id]
    assert problems, [p.as_text() for p in report.problems]
    assert problems[0].line == line_of(path, needle)
    assert report.exit_status == 1


def test_identifier_without_the_reporting_org_prefix_is_a_warning(tmp_path):
    report = validate_file(activities_file(tmp_path, activity_xml(ident="FR-3-PTF-1")))
    assert "1.1.21" in rule_ids(report, "warning")
    assert report.exit_status == 0  # warnings allowed


def test_withdrawn_and_unknown_codes(tmp_path):
    path = activities_file(tmp_path, activity_xml(sector="74010"))  # withdrawn DAC code
    report = validate_file(path)
    # a warning, as in IATI's validator: data published before the withdrawal stays valid
    assert report.exit_status == 0
    [withdrawn] = [p for p in report.warnings if p.rule_id == "codelist"]
    assert withdrawn.rule_name == "Sector"
    assert "withdrawn" in withdrawn.msgid
    assert withdrawn.line == line_of(path, 'code="74010"')
    assert withdrawn.xpath == "/iati-activities/iati-activity[1]/sector[1]/@code"
    path = activities_file(tmp_path, activity_xml(sector="99999"))
    [unknown] = [p for p in validate_file(path).errors if p.rule_id == "codelist"]
    assert unknown.params == {"code": "99999", "codelist": "Sector"}


def test_open_codelists_are_not_enforced(tmp_path):
    text = activity_xml().replace('code="ML" percentage="100"', 'code="QQ" percentage="100"')
    assert validate_file(activities_file(tmp_path, text)).problems == []  # Country: complete="0"


def test_schema_error_has_line_and_path(tmp_path):
    text = activity_xml().replace('<activity-status code="2"/>', "<activity-statut/>")
    path = activities_file(tmp_path, text)
    [problem] = [p for p in validate_file(path).errors if p.rule_id == "xsd"]
    assert problem.line == line_of(path, "<activity-statut/>")
    assert "activity-statut" in problem.message


def test_other_versions_are_checked_not_refused(tmp_path):
    report = validate_file(activities_file(tmp_path, version="2.02"))
    assert report.exit_status == 0 and report.versions == {"2.02": 1}
    report = validate_file(activities_file(tmp_path, version="1.05"))
    assert report.exit_status == 1
    [problem] = report.errors
    assert problem.rule_name == "needs-upgrade" and problem.params == {"version": "1.05"}
    assert problem.line == 3


def test_malformed_xml_reports_its_line(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text('<iati-activities version="2.03">\n<iati-activity>\n<oops>\n</iati-activity>')
    report = validate_file(path)
    assert report.exit_status == 2
    assert report.fatal.line == 4


def test_not_iati_and_missing_file(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<rss/>")
    assert validate_file(path).exit_status == 2
    assert validate_file(tmp_path / "missing.xml").exit_status == 2


def test_many_activities_are_streamed_with_correct_positions(tmp_path):
    activities = [activity_xml(ident=f"XM-DAC-7-PTF-{n}") for n in range(1, 121)]
    activities[99] = activity_xml(ident="XM-DAC-7-PTF-100", pct1="10")
    report = validate_file(activities_file(tmp_path, *activities))
    assert report.count == 120
    [problem] = report.errors
    assert problem.activity == "XM-DAC-7-PTF-100"
    assert problem.xpath.startswith("/iati-activities/iati-activity[100]/sector")


def test_messages_follow_the_active_language(tmp_path):
    report = validate_file(activities_file(tmp_path, activity_xml(pct1="70")))
    [problem] = report.errors
    english = problem.message_in("en")
    assert english.startswith("Percentage values for sectors")
    french = problem.message_in("fr")
    assert french != english and "100" in french
    with translation.override("fr"):
        assert problem.message == french


def test_dates_against_today_use_the_given_day(tmp_path):
    path = activities_file(tmp_path, activity_xml(first_tx_date="2030-01-01"))
    assert "11.2.1" in rule_ids(validate_file(path))
    assert "11.2.1" not in rule_ids(validate_file(path, today=dt.date(2031, 1, 1)))


def test_validate_iati_command_exit_status(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("validate_iati", str(activities_file(tmp_path)))
    assert exit_info.value.code == 0
    with pytest.raises(SystemExit) as exit_info:
        call_command("validate_iati", str(IOM_MALI), "--lang", "en")
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    line = line_of(IOM_MALI, 'period-end iso-date="2019-06-30"')
    assert f"line {line}: error [7.5.3 time_limit] Budget Period must not be longer" in err
    broken = tmp_path / "broken.xml"
    broken.write_text("<iati-activities version='2.03'><iati-activity>")
    with pytest.raises(SystemExit) as exit_info:
        call_command("validate_iati", str(broken))
    assert exit_info.value.code == 2


def test_validation_reads_the_codelists_once_per_process(django_assert_num_queries):
    # the codelists come from the database (the editor's store): two queries when this process
    # has no copy yet, then none until the lists are reloaded
    from iati_publisher.validation import resources

    resources.forget_codelists()
    with django_assert_num_queries(2):
        assert validate_file(IOM_MALI).count == 4
    with django_assert_num_queries(0):
        assert validate_file(IOM_MALI).count == 4
