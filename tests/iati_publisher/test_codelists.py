"""Codelists: loaded from the shipped XML, named per language, reloadable from a folder."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from iati_publisher.codelists import CODELISTS_DIR, choices_for, code_status
from iati_publisher.models import Codelist, CodelistItem

pytestmark = pytest.mark.django_db


def test_shipped_codelists_are_loaded(codelists):
    assert Codelist.objects.filter(name="Sector").exists()
    assert CodelistItem.objects.filter(codelist__name="Sector").count() > 200
    assert code_status("Sector", "12220") == "active"
    assert code_status("Sector", "99999") is None


def test_names_follow_the_language(codelists):
    assert ("2", "2 – Actif") in choices_for("ActivityStatus", language="fr")
    assert ("2", "2 – Implementation") in choices_for("ActivityStatus", language="en")


def test_withdrawn_codes_only_when_already_used(codelists):
    item = CodelistItem.objects.filter(status="withdrawn").select_related("codelist").first()
    codes = [c for c, _label in choices_for(item.codelist.name, language="en")]
    assert item.code not in codes
    kept = [c for c, _label in choices_for(item.codelist.name, include={item.code}, language="en")]
    assert item.code in kept


def test_reload_command(codelists, tmp_path):
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


def test_loaded_when_empty(db):
    from iati_publisher.codelists import clear_caches, ensure_codelists

    Codelist.objects.all().delete()
    clear_caches()
    ensure_codelists()
    assert Codelist.objects.count() > 50
