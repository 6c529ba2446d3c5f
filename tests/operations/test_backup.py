"""backup DIR / restore DIR round-trip the demo site identically (pages, documents and their
bytes, activities, users, revisions), refuse a non-empty database and a damaged backup."""

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from iati_publisher.models import Activity
from library.models import CustomDocument
from operations.backup import storage_files


def snapshot():
    from accounts.models import User

    documents = []
    for document in CustomDocument.objects.order_by("pk"):
        with document.file.open("rb") as handle:
            documents.append((document.pk, document.title, document.file.name,
                              hashlib.sha256(handle.read()).hexdigest()))  # fmt: skip
    return {
        "pages": list(Page.objects.order_by("path").values_list(
            "pk", "path", "title", "live", "locale_id", "latest_revision_id")),
        "documents": documents,
        "activities": list(Activity.objects.order_by("pk").values_list(
            "pk", "iati_identifier", "live", "title_fr")),
        "users": list(User.objects.order_by("pk").values_list("pk", "username", "password")),
        "revisions": list(Revision.objects.order_by("pk").values_list("pk", "object_id")),
        "media": {name: hashlib.sha256(default_storage.open(name).read()).hexdigest()
                  for name in storage_files()},
    }  # fmt: skip


def build_site():
    """A site with what the demo has: both languages, revisions, documents, activities, users."""
    from accounts.factories import UserFactory
    from home.demo import english_home, ensure_site_root
    from home.factories import StandardPageFactory
    from iati_publisher.codelists import clear_caches, ensure_codelists
    from iati_publisher.factories import ReportingOrganisationFactory, make_activity
    from library.factories import DocumentFactory

    home = ensure_site_root()
    english_home()
    for number in range(3):
        page = StandardPageFactory(parent=home, title=f"Page {number}")
        page.intro = f"Version {number}"
        page.save_revision().publish()
        StandardPageFactory(parent=page, title=f"Sous-page {number}")
    for number in range(3):
        DocumentFactory(title=f"Rapport {number}")
    UserFactory(username="editeur-sante")
    UserFactory(username="pool-technique")
    clear_caches()
    ensure_codelists()
    organisation = ReportingOrganisationFactory(ref="FR-6", name_fr="AFD", name_en="AFD")
    for _ in range(2):
        make_activity(reporting_org=organisation)


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_the_site(requires_postgres, tmp_path):
    build_site()
    before = snapshot()
    assert before["documents"] and before["activities"] and before["revisions"]
    assert len(before["pages"]) > 8 and before["media"]

    call_command("backup", str(tmp_path / "b1"), verbosity=0)
    manifest = (tmp_path / "b1" / "manifest.json").read_text()
    assert '"wagtailcore.Page"' in manifest and "sha256" in manifest

    # damage the site: a page deleted, a document's bytes changed, a user gone, a stray file
    Page.objects.filter(title="Sous-page 1").delete()
    document = CustomDocument.objects.first()
    default_storage.delete(document.file.name)
    default_storage.save(document.file.name, __import__("io").BytesIO(b"changed"))
    from accounts.models import User

    User.objects.filter(username="editeur-sante").delete()
    default_storage.save("stray/file.txt", __import__("io").BytesIO(b"not in the backup"))
    assert snapshot() != before

    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore", str(tmp_path / "b1"), verbosity=0)
    call_command("restore", str(tmp_path / "b1"), "--force", verbosity=0)
    assert snapshot() == before


@pytest.mark.django_db
def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path, home_fr):
    call_command("backup", str(tmp_path / "b"), verbosity=0)
    dump = next(p for p in (tmp_path / "b").iterdir() if p.name.startswith("database."))
    dump.write_bytes(dump.read_bytes() + b"x")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "b"), "--force", verbosity=0)
    assert Page.objects.filter(pk=home_fr.pk).exists()


def test_backup_refuses_a_folder_in_use(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "old"), verbosity=0)
