"""Editing an imported activity in the admin (issue 12, point 4): the parts kept from the
publisher's file (policy markers, humanitarian flag and scopes, tags, other identifiers,
related activities, transaction-level geography) are shown and edited; a save without
change publishes the same facts; an edit changes that fact and nothing else."""

from collections import Counter

import pytest
from django.urls import reverse
from lxml import etree
from lxml import html as lxml_html
from wagtail.test.utils.form_data import nested_form_data, streamfield

from iati_publisher import extra_parts
from iati_publisher.export import write_activities
from iati_publisher.importer import import_file
from iati_publisher.models import Activity, PolicyMarker
from tests.iati_xml.helpers import SAMPLES
from tests.iati_xml.lossless import occurrences

pytestmark = pytest.mark.django_db
OFFICIAL = SAMPLES / "official" / "activity-standard-example-annotated.xml"
EDIT_URL = "wagtailsnippets_iati_publisher_activity:edit"


@pytest.fixture
def editor_client(client, superuser, codelists):
    client.force_login(superuser)
    return client


def _stream_data(activity):
    """What the browser's StreamField widgets post for the results' indicators (the form
    renders them with JavaScript)."""
    data = {}
    for i, result in enumerate(activity.results.all()):
        items = []
        for block in result.indicators:
            value = dict(block.value)
            periods = value.pop("periods", [])
            fields = {k: ("" if v is None else str(v)) for k, v in value.items()}
            if value.get("ascending"):
                fields["ascending"] = "on"
            else:
                fields.pop("ascending", None)
            fields["periods"] = {"count": len(periods)}
            for j, period in enumerate(periods):
                fields["periods"][str(j)] = {
                    "value": {k: ("" if v is None else str(v)) for k, v in dict(period).items()},
                    "deleted": "",
                    "order": str(j),
                }
            items.append(("indicator", fields))
        data[f"results-{i}-indicators"] = streamfield(items)
    return nested_form_data(data)


def form_as_posted(response, activity):
    """The edit form's values as a browser posts them without any change."""
    page = lxml_html.fromstring(response.content)
    form = page.get_element_by_id("w-editor-form")
    data = {}
    for name, value in form.form_values():
        if "__prefix__" not in name:
            data.setdefault(name, []).append(value)
    for field in form.inputs:  # an input without a value attribute posts ""
        name, kind = field.get("name"), (field.get("type") or "text").lower()
        posted = field.tag == "input" and kind not in ("checkbox", "radio", "submit", "file")
        if posted and name and "__prefix__" not in name and name not in data:
            data[name] = [""]
    data.update({k: [v] for k, v in _stream_data(activity).items()})
    return data


def _export(tmp_path, name):
    out = tmp_path / name
    write_activities(str(out), Activity.objects.filter(live=True))
    return out


def _facts(path):
    counts = occurrences(path)
    return Counter({k: v for k, v in counts.items() if "@last-updated-datetime" not in k})


def _save(client, activity, change=None):
    """Save a draft in the editor (the official example breaks rules that block publishing
    from the form), then publish that revision as the admin's publish does."""
    url = reverse(EDIT_URL, args=[activity.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = form_as_posted(response, activity)
    data.update(change or {})
    response = client.post(url, data)
    assert response.status_code == 302, _errors(response.context["form"])
    Activity.objects.get(pk=activity.pk).latest_revision.publish()
    return response


def _errors(form):
    found = [form.errors] if form.errors else []
    for name, formset in form.formsets.items():
        found += [(name, formset.non_form_errors())] if formset.non_form_errors() else []
        found += [(name, i, f.errors) for i, f in enumerate(formset.forms) if f.errors]
    return found


def test_the_editor_shows_the_kept_parts(editor_client):
    import_file(OFFICIAL)
    activity = Activity.objects.get()
    assert not extra_parts.rows_are_truth(activity)
    response = editor_client.get(reverse(EDIT_URL, args=[activity.pk]))
    content = response.content.decode()
    for value in ("EQ-2015-000048-NPL", "T1", "AA-AAA-123456789-6789", "ABC123-XYZ"):
        value = f'value="{value}"'
        assert value in content, value
    data = form_as_posted(response, activity)
    assert data["policy_markers-TOTAL_FORMS"] == ["3"]
    assert data["policy_markers-1-code"] == ["9"] and data["policy_markers-1-significance"] == ["4"]
    assert data["transactions-0-recipient_country"] == ["TM"]
    assert data["humanitarian"] == ["true"]
    assert 'data-search-label="' in content and "js/iati-codelist-search.js" in content
    assert '<option value="3.1">' in content  # SDG targets offered for the tags


def test_saving_without_change_publishes_the_same_facts(editor_client, tmp_path):
    import_file(OFFICIAL)
    activity = Activity.objects.get()
    before = _facts(_export(tmp_path, "before.xml"))
    _save(editor_client, activity)
    activity.refresh_from_db()
    assert extra_parts.rows_are_truth(activity)
    assert activity.policy_markers.count() == 3 and activity.tags.count() == 2
    assert "<policy-marker" not in activity.iati_source["xml"]  # one place: the rows
    after = _facts(_export(tmp_path, "after.xml"))
    assert after == before


def test_editing_a_policy_marker_changes_that_and_nothing_else(editor_client, tmp_path):
    import_file(OFFICIAL)
    activity = Activity.objects.get()
    before = _facts(_export(tmp_path, "before.xml"))
    _save(editor_client, activity, {"policy_markers-1-significance": ["1"]})
    after = _facts(_export(tmp_path, "after.xml"))
    path = ("iati-activity", "policy-marker", "@significance")
    assert before - after == Counter({(*path, "4"): 1})
    assert after - before == Counter({(*path, "1"): 1})


def test_a_narrative_takes_any_language(editor_client, tmp_path):
    import_file(OFFICIAL)
    activity = Activity.objects.get()
    before = _facts(_export(tmp_path, "before.xml"))
    _save(editor_client, activity, {"tags-0-narrative_lang": ["es"]})
    after = _facts(_export(tmp_path, "after.xml"))
    narrative = ("iati-activity", "tag", "narrative", "lang")
    assert before - after == Counter({(*narrative, "en", "A description of the tag"): 1})
    assert after - before == Counter({(*narrative, "es", "A description of the tag"): 1})


def test_transaction_geography_is_edited(editor_client, tmp_path):
    import_file(OFFICIAL)
    activity = Activity.objects.get()
    _save(editor_client, activity, {"transactions-0-recipient_country": ["ML"]})
    tx = etree.parse(str(_export(tmp_path, "after.xml"))).getroot().find(".//transaction")
    assert [c.get("code") for c in tx.findall("recipient-country")] == ["ML"]
    region = tx.find("recipient-region")
    assert (region.get("code"), region.get("vocabulary")) == ("616", "1")
    assert len(tx.findall("aid-type")) == 2 and tx.find("flow-type").get("code") == "10"


def test_the_data_migration_moves_kept_parts_into_rows(tmp_path):
    """Activities imported before the parts had models: rows made, sources emptied of them,
    unedited rows still published verbatim, the same facts."""
    import importlib

    from django.apps import apps

    from iati_publisher import kept
    from iati_publisher.models import Transaction

    migration = importlib.import_module("iati_publisher.migrations.0009_adopt_kept_parts")
    import_file(OFFICIAL)
    before = _facts(_export(tmp_path, "before.xml"))
    activity = Activity.objects.get()
    # as an import of the previous version left them: fields empty, fingerprints without them
    activity.humanitarian = None
    activity.iati_source["digest"] = kept.digest(activity, exclude=("humanitarian",))
    activity.save()
    tx = Transaction.objects.filter(activity=activity).first()
    tx.recipient_country = tx.recipient_region = ""
    new = ("recipient_country", "recipient_region")
    tx.iati_source["digest"] = kept.digest(tx, exclude=new)
    tx.save()
    assert not tx.is_unedited_import()

    migration.forwards(apps, None)

    activity.refresh_from_db()
    tx.refresh_from_db()
    assert activity.humanitarian is True and activity.iati_source.get("parts") == "rows"
    assert "<policy-marker" not in activity.iati_source["xml"]
    assert [m.code for m in activity.policy_markers.all()] == ["2", "9", "A1"]
    assert PolicyMarker.objects.first().is_unedited_import()
    assert tx.recipient_country == "TM" and tx.is_unedited_import()
    assert _facts(_export(tmp_path, "after.xml")) == before


def test_a_new_activity_publishes_its_markers_and_sdgs(editor_client, reporting_org, tmp_path):
    from iati_publisher.validation import validate_file

    from .conftest import activity_post_data

    data = activity_post_data(
        reporting_org,
        action="action-publish",
        humanitarian="true",
        policy_markers=[
            {"vocabulary": "1", "code": "1", "significance": "2", "narrative_lang": ""}
        ],
        tags=[{"vocabulary": "2", "code": "3", "narrative": "Bonne santé", "narrative_lang": "fr"}],
        other_identifiers=[{"ref": "AFD-CML-1234", "type": "B1", "owner_org_ref": "FR-6"}],
        related_activities=[{"ref": "FR-6-PARENT-1", "type": "1"}],
    )
    response = editor_client.post(reverse("wagtailsnippets_iati_publisher_activity:add"), data)
    assert response.status_code == 302, _errors(response.context["form"])
    out = _export(tmp_path, "new.xml")
    report = validate_file(out)
    assert report.errors == []
    activity = etree.parse(str(out)).getroot().find("iati-activity")
    assert activity.get("humanitarian") == "1"
    marker = activity.find("policy-marker")
    assert (marker.get("code"), marker.get("significance")) == ("1", "2")
    tag = activity.find("tag")
    assert (tag.get("vocabulary"), tag.get("code"), tag.findtext("narrative")) == (
        "2",
        "3",
        "Bonne santé",
    )
    assert activity.find("other-identifier/owner-org").get("ref") == "FR-6"
    assert activity.find("related-activity").get("ref") == "FR-6-PARENT-1"
    order = [child.tag for child in activity]
    assert order.index("other-identifier") < order.index("activity-status")
    assert order.index("sector") < order.index("tag") < order.index("policy-marker")
    assert order.index("policy-marker") < order.index("collaboration-type")
