"""Every IATI version can be checked (per activity, with or without a root version) and the
rule results follow the semantics of IATI's own engine (rounding, empty values, 3.7.1/3.7.2)."""

import pytest
from django.core.management import call_command

from iati_publisher.validation import jsvalues as js
from iati_publisher.validation import validate_file

from .helpers import activities_file, activity_xml, line_of

# the validator reads the codelists from the database (the one store the editor reads)
pytestmark = pytest.mark.django_db

NS = 'xmlns:iati-extra="http://datastore.iatistandard.org/ns"'


def rule_ids(report):
    return {p.rule_id for p in report.problems}


def _file(tmp_path, body, root_attrs="", name="f.xml"):
    path = tmp_path / name
    path.write_text(
        f'<?xml version="1.0"?>\n<iati-activities {root_attrs}>\n{body}\n</iati-activities>'
    )
    return path


def test_a_datastore_download_without_root_version_is_checked_per_activity(tmp_path):
    body = "\n".join(
        activity_xml(ident=f"XM-DAC-7-PTF-{n}")
        .replace("<iati-activity ", f'<iati-activity iati-extra:version="{version}" ', 1)
        .replace(' status="1">', ">" if version == "2.01" else ' status="1">')  # 2.02 attribute
        for n, version in enumerate(["2.03", "2.02", "2.01", "1.03"], start=1)
    )
    path = _file(tmp_path, body, f'{NS} iati-extra:dataset="xm-dac-7-ml"')
    report = validate_file(path)
    assert report.fatal is None
    assert report.versions == {"2.03": 1, "2.02": 1, "2.01": 1, "1.03": 1}
    assert report.exit_status == 1  # only the 1.03 activity: needs upgrade
    [error] = report.errors
    assert error.rule_name == "needs-upgrade" and error.activity == "XM-DAC-7-PTF-4"
    assert [w.rule_id for w in report.warnings] == ["version", "xsd"]  # no root version


def test_a_file_with_only_valid_2_0x_activities_and_no_version_exits_0(tmp_path, capsys):
    body = activity_xml().replace(
        "<iati-activity ", f'<iati-activity {NS} iati-extra:version="2.02" '
    )
    path = _file(tmp_path, body)
    with pytest.raises(SystemExit) as exit_info:
        call_command("validate_iati", str(path), "--lang", "en")
    assert exit_info.value.code == 0
    assert "does not declare its IATI version" in capsys.readouterr().out


def test_a_2_02_activity_is_checked_against_the_official_2_02_schema(tmp_path):
    text = activity_xml().replace(
        '<budget type="1" status="1">', '<tag vocabulary="2" code="3"/>\n  <budget type="1">'
    )
    path = activities_file(tmp_path, text, version="2.02")
    report = validate_file(path)
    [problem] = report.errors
    assert problem.rule_id == "xsd" and problem.params["version"] == "2.02"
    assert "'tag': This element is not expected" in problem.params["error"]
    assert problem.line == line_of(path, "<tag ")
    assert validate_file(activities_file(tmp_path, text, version="2.03")).errors == []


def test_a_2_01_activity_may_not_use_what_2_02_introduced(tmp_path):
    text = activity_xml()  # its budget has @status, introduced in 2.02
    report = validate_file(activities_file(tmp_path, text, version="2.01"))
    assert {p.params["version"] for p in report.errors} == {"2.01"}
    assert any("'status' is not allowed" in p.params["error"] for p in report.errors)
    plain = text.replace(' status="1">', ">")
    assert validate_file(activities_file(tmp_path, plain, version="2.01")).errors == []


def test_the_official_2_01_and_2_02_schemas_are_shipped():
    from iati_publisher.validation import resources, versions

    for version in ("2.01", "2.02"):
        assert versions.schema_version(version) == version
        for kind in (resources.ACTIVITIES, resources.ORGANISATIONS):
            assert resources.schema(kind, version) is not None


def test_not_iati_is_the_only_exit_2(tmp_path):
    assert validate_file(_file(tmp_path, "", 'version="1.01"')).exit_status != 2
    path = tmp_path / "rss.xml"
    path.write_text("<rss/>")
    assert validate_file(path).exit_status == 2


def _countries(shares):
    countries = "\n".join(f'<recipient-country code="{c}" percentage="{p}"/>' for c, p in shares)
    return activity_xml().replace('<recipient-country code="ML" percentage="100"/>', countries)


def test_sums_are_rounded_as_iati_does(tmp_path):
    codes = [f"{a}{b}" for a in "ABCDEFGHIJKLM" for b in "ABCDEFGHIJKLMN"][:175]
    exact = [(c, "0.5714285714285714") for c in codes]
    assert "3.1.2" not in rule_ids(validate_file(activities_file(tmp_path, _countries(exact))))
    rounded = [(c, "0.57") for c in codes]  # 99.75: what a rounding importer re-published
    assert "3.1.2" in rule_ids(validate_file(activities_file(tmp_path, _countries(rounded))))
    assert js.js_sum(["33.33333", "33.33333", "33.33334"]) == 100
    assert js.js_sum(["33.3333", "33.3333", "33.3333"]) == 99.9999
    assert js.to_fixed(0.03125) == 0.0313  # ties go to the larger value, as toFixed


def test_empty_attributes_are_skipped_as_iati_does(tmp_path):
    text = (
        activity_xml()
        .replace(
            '<participating-org role="4" type="22">',
            '<participating-org ref="" role="4" type="22">',
        )
        .replace("<collaboration-type", "<collaboration-type")
        .replace(
            '<budget type="1" status="1">',
            '<policy-marker vocabulary="1" code="1" significance=""/>\n  <budget type="1" status="1">',
        )
    )
    report = validate_file(activities_file(tmp_path, text))
    assert not {"1.8.13", "6.14.1"} & rule_ids(report)
    text = text.replace('significance=""', "")
    assert "6.14.1" in rule_ids(validate_file(activities_file(tmp_path, text)))


def test_only_3_7_2_reports_a_missing_geography(tmp_path):
    text = activity_xml().replace('<recipient-country code="ML" percentage="100"/>', "")
    report = validate_file(activities_file(tmp_path, text))
    assert "3.7.2" in rule_ids(report) and "3.7.1" not in rule_ids(report)
    assert [p.line for p in report.problems if p.rule_id == "3.7.2"] == [
        line_of(activities_file(tmp_path, text), "<transaction>")
    ]


def test_js_numbers():
    assert js.number(" 12 ") == 12 and js.number("") == 0
    assert js.number("1e2") == 100 and js.number("0x10") == 16
    assert js.number("abc") != js.number("abc")  # NaN
    assert js.truthy([]) and not js.truthy(0.0) and not js.truthy("")
