"""Every narrative of an imported activity's title and descriptions, edited in the admin (issue 12,
point 4): the title in Spanish and Bambara, descriptions of types 1-4 in three languages are
rows of the editor (element, description type, language, text); an edit publishes that text and
leaves the other narratives as the publisher wrote them; an unedited activity re-publishes the
same facts; rows are added and deleted; the checks place a missing text on its row."""

from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from iati_publisher import kept
from iati_publisher.export import write_activities
from iati_publisher.importer import import_file
from iati_publisher.models import Activity, ActivityNarrative
from tests.iati_xml.helpers import activities_file, activity_xml
from tests.iati_xml.lossless import lost, occurrences

from .test_editor_imported import EDIT_URL, _errors, _facts, form_as_posted

pytestmark = pytest.mark.django_db

DESCRIPTIONS = """<description type="1">
   <narrative>Appui aux centres de santé communautaires.</narrative>
   <narrative xml:lang="en">Support to community health centres.</narrative>
   <narrative xml:lang="es">Apoyo a los centros de salud comunitarios.</narrative>
  </description>
  <description type="2">
   <narrative>Réduire la mortalité maternelle.</narrative>
   <narrative xml:lang="en">Reduce maternal mortality.</narrative>
   <narrative xml:lang="es">Reducir la mortalidad materna.</narrative>
  </description>
  <description type="3">
   <narrative>Femmes enceintes de Mopti.</narrative>
   <narrative xml:lang="en">Pregnant women in Mopti.</narrative>
   <narrative xml:lang="bm">Mopti muso kɔnɔmaw.</narrative>
  </description>
  <description type="4">
   <narrative xml:lang="es">Otra descripción.</narrative>
   <narrative>Autre description.</narrative>
   <narrative xml:lang="en">Other description.</narrative>
  </description>"""
TITLE_ES = "Salud materna en Mopti"
TITLE_BM = "Mopti musow ka kɛnɛya"


def _source(tmp_path):
    text = activity_xml().replace(
        '<narrative xml:lang="en">Maternal health in Mopti</narrative>',
        '<narrative xml:lang="en">Maternal health in Mopti</narrative>\n'
        f'   <narrative xml:lang="es">{TITLE_ES}</narrative>\n'
        f'   <narrative xml:lang="bm">{TITLE_BM}</narrative>',
    )
    start, end = text.index('<description type="1">'), text.index("</description>") + 14
    return activities_file(tmp_path, text[:start] + DESCRIPTIONS + text[end:])


@pytest.fixture
def editor_client(client, superuser, codelists):
    client.force_login(superuser)
    return client


def _import_through_the_admin(client, path):
    upload = {"kind": "xml", "file": SimpleUploadedFile(path.name, path.read_bytes())}
    response = client.post(reverse("iati_import:upload"), upload)
    assert response.status_code == 302
    done = client.post(response.url)
    assert done.status_code == 302
    return Activity.objects.get()


def _export(tmp_path, name):
    out = tmp_path / name
    write_activities(str(out), Activity.objects.filter(live=True))
    return out


def _post(client, activity, change=None, publish=True):
    url = reverse(EDIT_URL, args=[activity.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = form_as_posted(response, activity)
    data.update(change or {})
    if publish:
        data["action-publish"] = ["1"]
    return client.post(url, data)


def _texts(path):
    """{(element, type, language): text} of the exported activity's title and descriptions."""
    activity = etree.parse(str(path)).getroot().find("iati-activity")
    default = activity.get(kept.XML_LANG)
    result = {}
    for element in [activity.find("title"), *activity.findall("description")]:
        for narrative in element.findall("narrative"):
            key = (element.tag, element.get("type"), narrative.get(kept.XML_LANG) or default)
            result[key] = narrative.text
    return result


def _row(data, element, lang, description_type=""):
    """The form index of the posted row of ``element``, ``lang`` and type."""
    total = int(data["narratives-TOTAL_FORMS"][0])
    for i in range(total):
        row = (
            data[f"narratives-{i}-element"][0],
            data[f"narratives-{i}-lang"][0],
            data[f"narratives-{i}-description_type"][0] if description_type else "",
        )
        if row == (element, lang, description_type):
            return i
    raise AssertionError((element, lang, description_type))


def test_import_maps_every_narrative_and_the_editor_shows_them(editor_client, tmp_path):
    activity = _import_through_the_admin(editor_client, _source(tmp_path))
    assert (activity.title_fr, activity.title_en) == (
        "Santé maternelle à Mopti",
        "Maternal health in Mopti",
    )
    rows = [(r.element, r.description_type, r.lang) for r in activity.narratives.all()]
    assert rows[:3] == [("title", "", "es"), ("title", "", "bm"), ("description", "1", "es")]
    assert Counter(t for e, t, _lang in rows if e == "description") == {
        "1": 1,
        "2": 3,
        "3": 3,
        "4": 3,
    }
    response = editor_client.get(reverse(EDIT_URL, args=[activity.pk]))
    content = response.content.decode()
    for text in (TITLE_ES, TITLE_BM, "Reducir la mortalidad materna.", "Mopti muso kɔnɔmaw."):
        assert text in content, text
    assert "Titre et descriptions : autres langues et autres types" in content  # French UI
    data = form_as_posted(response, activity)
    assert data["narratives-TOTAL_FORMS"] == ["12"]
    assert data[f"narratives-{_row(data, 'title', 'bm')}-text"][0].strip() == TITLE_BM
    assert 'value="bm"' in content and 'value="4"' in content  # Language, DescriptionType


def test_the_editor_in_english(editor_client, superuser, tmp_path):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    import_file(_source(tmp_path))
    activity = Activity.objects.get()
    content = editor_client.get(reverse(EDIT_URL, args=[activity.pk])).content.decode()
    assert "Title and descriptions: other languages and other types" in content
    assert "Description type" in content


def test_an_unedited_import_republishes_the_source(editor_client, tmp_path):
    source = _source(tmp_path)
    import_file(source)
    out = _export(tmp_path, "out.xml")
    assert lost(occurrences(source), occurrences(out)) == {}
    exported = etree.parse(str(out)).getroot().find("iati-activity")
    original = etree.parse(str(source)).getroot().find("iati-activity")
    for tag in ("title", "description"):
        assert [etree.tostring(e) for e in exported.findall(tag)] == [
            etree.tostring(e) for e in original.findall(tag)
        ]
    before = _facts(out)
    activity = Activity.objects.get()
    response = _post(editor_client, activity, publish=False)  # saved without change
    assert response.status_code == 302, _errors(response.context["form"])
    Activity.objects.get(pk=activity.pk).latest_revision.publish()
    assert _facts(_export(tmp_path, "after.xml")) == before


def test_editing_one_narrative_publishes_that_edit_only(editor_client, tmp_path):
    import_file(_source(tmp_path))
    activity = Activity.objects.get()
    before = _export(tmp_path, "before.xml")
    response = editor_client.get(reverse(EDIT_URL, args=[activity.pk]))
    data = form_as_posted(response, activity)
    i = _row(data, "description", "es", "2")
    j = _row(data, "title", "bm")
    response = _post(
        editor_client,
        activity,
        {f"narratives-{i}-text": ["Reducir a la mitad la mortalidad materna."]},
    )
    assert response.status_code == 302, _errors(response.context["form"])
    after = _export(tmp_path, "after.xml")
    old, new = _texts(before), _texts(after)
    key = ("description", "2", "es")
    assert new.pop(key) == "Reducir a la mitad la mortalidad materna."
    assert old.pop(key) == "Reducir la mortalidad materna."
    assert new == old
    gone = _facts(before) - _facts(after)
    assert list(gone) == [
        (
            "iati-activity",
            "description",
            "narrative",
            "lang",
            "es",
            "Reducir la mortalidad materna.",
        )
    ]
    # the order and the missing xml:lang of the publisher's narratives are kept
    description = etree.parse(str(after)).getroot().find("iati-activity/description[@type='4']")
    assert [n.get(kept.XML_LANG) for n in description] == ["es", None, "en"]
    assert data[f"narratives-{j}-text"][0].strip() == TITLE_BM


def test_changing_the_language_and_deleting_a_row(editor_client, tmp_path):
    import_file(_source(tmp_path))
    activity = Activity.objects.get()
    response = editor_client.get(reverse(EDIT_URL, args=[activity.pk]))
    data = form_as_posted(response, activity)
    es, bm = _row(data, "title", "es"), _row(data, "title", "bm")
    response = _post(
        editor_client,
        activity,
        {f"narratives-{es}-lang": ["pt"], f"narratives-{bm}-DELETE": ["1"]},
    )
    assert response.status_code == 302, _errors(response.context["form"])
    title = etree.parse(str(_export(tmp_path, "out.xml"))).getroot().find("iati-activity/title")
    assert [(n.get(kept.XML_LANG), n.text) for n in title] == [
        (None, "Santé maternelle à Mopti"),
        ("en", "Maternal health in Mopti"),
        ("pt", TITLE_ES),
    ]
    assert ActivityNarrative.objects.filter(lang="bm", element="title").count() == 0


def test_adding_rows_in_the_admin(editor_client, tmp_path):
    import_file(_source(tmp_path))
    activity = Activity.objects.get()
    response = editor_client.get(reverse(EDIT_URL, args=[activity.pk]))
    data = form_as_posted(response, activity)
    total = int(data["narratives-TOTAL_FORMS"][0])
    added = {
        f"narratives-{total}-element": ["description"],
        f"narratives-{total}-description_type": ["3"],
        f"narratives-{total}-lang": ["ar"],
        f"narratives-{total}-text": ["النساء الحوامل في موبتي"],
        f"narratives-{total}-ORDER": [str(total + 1)],
        f"narratives-{total + 1}-element": ["title"],
        f"narratives-{total + 1}-description_type": [""],
        f"narratives-{total + 1}-lang": ["ar"],
        f"narratives-{total + 1}-text": ["صحة الأم في موبتي"],
        f"narratives-{total + 1}-ORDER": [str(total + 2)],
        "narratives-TOTAL_FORMS": [str(total + 2)],
    }
    response = _post(editor_client, activity, added)
    assert response.status_code == 302, _errors(response.context["form"])
    out = _export(tmp_path, "out.xml")
    texts = _texts(out)
    assert texts[("description", "3", "ar")] == "النساء الحوامل في موبتي"
    assert texts[("title", None, "ar")] == "صحة الأم في موبتي"
    exported = etree.parse(str(out)).getroot().find("iati-activity")
    assert [d.get("type") for d in exported.findall("description")] == ["1", "2", "3", "4"]
    assert exported.find("title")[-1].get(kept.XML_LANG) == "ar"  # after the publisher's
    from iati_publisher.validation import validate_file

    assert [p for p in validate_file(out).errors if p.rule_id == "xsd"] == []


def test_a_new_activity_publishes_its_rows_grouped_by_type(editor_client, reporting_org, tmp_path):
    from iati_publisher.validation import validate_file

    from .conftest import activity_post_data

    data = activity_post_data(
        reporting_org,
        action="action-publish",
        narratives=[
            {"element": "description", "description_type": "2", "lang": "fr", "text": "Objectif"},
            {"element": "title", "description_type": "", "lang": "bm", "text": "Kɛnɛya"},
            {"element": "description", "description_type": "1", "lang": "es", "text": "Apoyo"},
            {"element": "description", "description_type": "2", "lang": "en", "text": "Goal"},
        ],
    )
    response = editor_client.post(reverse("wagtailsnippets_iati_publisher_activity:add"), data)
    assert response.status_code == 302, _errors(response.context["form"])
    out = _export(tmp_path, "new.xml")
    assert validate_file(out).errors == []
    exported = etree.parse(str(out)).getroot().find("iati-activity")
    assert [n.get(kept.XML_LANG) for n in exported.find("title")] == ["fr", "en", "bm"]
    descriptions = [
        (d.get("type"), [n.get(kept.XML_LANG) for n in d]) for d in exported.findall("description")
    ]
    assert descriptions == [("1", ["fr", "en", "es"]), ("2", ["fr", "en"])]


def test_the_check_puts_a_missing_text_on_its_row(editor_client, tmp_path):
    import_file(_source(tmp_path))
    activity = Activity.objects.get()
    response = editor_client.get(reverse(EDIT_URL, args=[activity.pk]))
    data = form_as_posted(response, activity)
    i = _row(data, "description", "bm", "3")
    response = _post(editor_client, activity, {f"narratives-{i}-text": [""]})
    assert response.status_code == 200  # publishing refused
    formset = response.context["form"].formsets["narratives"]
    errors = {n: form.errors for n, form in enumerate(formset.forms) if form.errors}
    assert list(errors) == [i]
    assert "text" in errors[i]


def test_the_official_engine_problem_on_a_row_is_placed_there(reporting_org):
    from iati_publisher.checks import check_activity

    activity = Activity(reporting_org=reporting_org, iati_identifier="FR-6-TEST-9")
    activity.title_fr, activity.description_fr = "Titre", "Description"
    rows = [
        ActivityNarrative(element="title", lang="es", text="Título"),
        ActivityNarrative(element="description", description_type="9", lang="es", text="Otro"),
    ]
    problems = check_activity(activity, {"narratives": rows})
    placed = [p for p in problems if p.relation == "narratives"]
    assert placed and {(p.index, p.field) for p in placed} == {(1, "description_type")}


def test_the_data_migration_makes_rows_of_earlier_imports(tmp_path):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("iati_publisher.migrations.0012_narrative_rows")
    source = _source(tmp_path)
    import_file(source)
    before = _facts(_export(tmp_path, "before.xml"))
    activity = Activity.objects.get()
    activity.narratives.all().delete()  # as an import of the previous version left it
    activity.iati_source.pop("narratives")
    activity.save()
    assert _facts(_export(tmp_path, "legacy.xml")) == before  # merged as before
    migration.forwards(apps, None)
    activity.refresh_from_db()
    assert activity.narratives.count() == 12
    assert all(row.is_unedited_import() for row in activity.narratives.all())
    assert _facts(_export(tmp_path, "after.xml")) == before


def test_a_multi_line_text_posted_by_a_browser_is_not_an_edit(editor_client, tmp_path):
    """Browsers post a text area's line ends as CRLF; the file had LF (as XML parsers give)."""
    text = activity_xml().replace(
        "<narrative>Appui aux centres de santé communautaires.</narrative>",
        "<narrative>Appui aux centres de santé.\nDeuxième ligne.</narrative>",
    )
    assert "Deuxième ligne" in text
    source = activities_file(tmp_path, text)
    import_file(source)
    activity = Activity.objects.get()
    assert activity.description_fr == "Appui aux centres de santé.\nDeuxième ligne."
    response = editor_client.get(reverse(EDIT_URL, args=[activity.pk]))
    data = form_as_posted(response, activity)
    crlf = {k: [v.replace("\n", "\r\n") for v in values] for k, values in data.items()}
    assert "\r\n" in crlf["description_fr"][0]
    response = _post(editor_client, activity, crlf)
    assert response.status_code == 302, _errors(response.context["form"])
    activity = Activity.objects.get()
    assert activity.description_fr == "Appui aux centres de santé.\nDeuxième ligne."
    out = _export(tmp_path, "out.xml")
    exported = etree.parse(str(out)).getroot().find("iati-activity")
    original = etree.parse(str(source)).getroot().find("iati-activity")
    assert etree.tostring(exported.find("description")) == etree.tostring(
        original.find("description")
    )  # the publisher's element, verbatim: not taken for an edit
    assert b"&#13;" not in out.read_bytes()
