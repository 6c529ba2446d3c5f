"""Codelists: one store (the database) for the editor's pickers and the validator, loaded from
the shipped XML, named per language, reloadable from a folder without a restart."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from home import cache
from iati_publisher import codelists as store
from iati_publisher.codelists import CODELISTS_DIR, choices_for
from iati_publisher.models import Codelist, CodelistItem
from iati_publisher.validation import resources, validate_file
from tests.iati_xml.helpers import activities_file, activity_xml

pytestmark = pytest.mark.django_db

SECTOR_FILE = CODELISTS_DIR / "non-embedded" / "Sector.xml"
NEW_CODE = """<codelist-item status="active">
            <code>12299</code>
            <name><narrative>Health, new code</narrative>
            <narrative xml:lang="fr">Santé, nouveau code</narrative></name>
            <category>122</category>
        </codelist-item>
        <codelist-item status="active">
            <code>12220</code>"""


@pytest.fixture
def reloaded(codelists):
    """The lists are changed in the test's transaction: forget them when it is rolled back."""
    yield
    store.clear_caches()


def sector_codes(language="fr"):
    return {code for code, _label in choices_for("Sector", language=language)}


def codelist_problems(tmp_path, sector):
    report = validate_file(activities_file(tmp_path, activity_xml(sector=sector)))
    return [(p.severity, p.params["code"]) for p in report.problems if p.rule_id == "codelist"]


def test_shipped_codelists_are_loaded(codelists):
    assert Codelist.objects.filter(name="Sector").exists()
    assert CodelistItem.objects.filter(codelist__name="Sector").count() > 200
    sector = resources.codelists()["Sector"]
    assert "12220" in sector.codes and "99999" not in sector.codes
    assert "74010" in sector.withdrawn
    assert sector.complete and not resources.codelists()["Country"].complete  # complete="0"


def test_the_validator_index_is_the_shipped_files(codelists):
    # what the validator read from the files before, it now reads from the database
    from iati_publisher import xmlsafe

    for path in store.codelist_files():
        root = xmlsafe.parse_file(path).getroot()
        items = [i for i in root.iter("codelist-item") if (i.findtext("code") or "").strip()]
        stored = resources.codelists()[root.get("name")]
        assert stored.codes == {i.findtext("code").strip() for i in items}
        withdrawn = {i.findtext("code").strip() for i in items if i.get("status") == "withdrawn"}
        assert stored.withdrawn == withdrawn
        assert stored.complete == (root.get("complete") != "0")


def test_the_index_costs_two_queries_per_process_and_reload(codelists, django_assert_num_queries):
    resources.forget_codelists()
    with django_assert_num_queries(2):
        first = resources.codelists()
    with django_assert_num_queries(0):
        assert resources.codelists() is first


def test_names_follow_the_language(codelists):
    assert ("2", "2 – Actif") in choices_for("ActivityStatus", language="fr")
    assert ("2", "2 – Implementation") in choices_for("ActivityStatus", language="en")


def test_withdrawn_codes_only_when_already_used(codelists):
    item = CodelistItem.objects.filter(status="withdrawn").select_related("codelist").first()
    codes = [c for c, _label in choices_for(item.codelist.name, language="en")]
    assert item.code not in codes
    kept = [c for c, _label in choices_for(item.codelist.name, include={item.code}, language="en")]
    assert item.code in kept


def test_a_reload_changes_the_pickers_and_the_validator_without_restart(reloaded, tmp_path):
    # both copies warm, as in a running server
    assert "12299" not in sector_codes() and "12220" in sector_codes()
    assert codelist_problems(tmp_path, "12299") == [("error", "12299")]
    assert codelist_problems(tmp_path, "12220") == []

    folder = tmp_path / "lists"
    folder.mkdir()
    text = SECTOR_FILE.read_text(encoding="utf-8")
    old = '<codelist-item status="active">\n            <code>12220</code>'
    assert text.count(old) == 1
    text = text.replace(old, NEW_CODE).replace(  # a new code, and 12220 withdrawn
        '<codelist-item status="active">\n            <code>12220</code>',
        '<codelist-item status="withdrawn">\n            <code>12220</code>',
    )
    (folder / "Sector.xml").write_text(text, encoding="utf-8")
    call_command("load_iati_codelists", "--path", str(folder))

    assert "12299" in sector_codes() and "12220" not in sector_codes()
    assert ("12299", "12299 – Health, new code") in choices_for("Sector", language="en")
    assert codelist_problems(tmp_path, "12299") == []
    assert codelist_problems(tmp_path, "12220") == [("warning", "12220")]  # withdrawn


def test_a_reload_by_another_process_is_seen_at_the_next_look_up(reloaded, tmp_path):
    assert "7" not in {c for c, _label in choices_for("ActivityStatus", language="en")}
    assert "QQ" not in resources.codelists()["Sector"].codes
    # what load_iati_codelists run elsewhere leaves here: new rows and a new generation
    sector = Codelist.objects.get(name="Sector")
    CodelistItem.objects.create(codelist=sector, code="QQ", name_en="Q", position=9999)
    status = Codelist.objects.get(name="ActivityStatus")
    CodelistItem.objects.create(codelist=status, code="7", name_en="Seven", position=99)
    cache.invalidate(store.NAME)
    assert "7" in {c for c, _label in choices_for("ActivityStatus", language="en")}
    assert "QQ" in resources.codelists()["Sector"].codes
    assert codelist_problems(tmp_path, "QQ") == []


def test_reload_command(reloaded, tmp_path):
    shutil.copy(CODELISTS_DIR / "embedded-2.03" / "ActivityStatus.xml", tmp_path)
    text = (tmp_path / "ActivityStatus.xml").read_text()
    (tmp_path / "ActivityStatus.xml").write_text(text.replace("<code>6</code>", "<code>7</code>"))
    call_command("load_iati_codelists", "--path", str(tmp_path))
    codes = set(
        CodelistItem.objects.filter(codelist__name="ActivityStatus").values_list("code", flat=True)
    )
    assert "7" in codes and "6" not in codes
    assert Codelist.objects.filter(name="Sector").exists()  # other lists untouched


def test_reload_command_fails_on_empty_folder(codelists, tmp_path):
    with pytest.raises(CommandError):
        call_command("load_iati_codelists", "--path", str(tmp_path))


def test_loaded_when_empty(reloaded):
    from iati_publisher.codelists import clear_caches, ensure_codelists

    Codelist.objects.all().delete()
    clear_caches()
    ensure_codelists()
    assert Codelist.objects.count() > 50
    assert not Codelist.objects.get(name="Country").complete
