"""The "Formateurs" role: edits the training section, resets the sandbox, records sessions,
and nothing else (no real group's page, no user administration)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from accounts.roles import TRAINERS

pytestmark = pytest.mark.django_db


def test_group_created_by_migration_with_its_permissions(db):
    group = Group.objects.get(name=TRAINERS)
    from accounts.roles import sync_roles

    sync_roles()
    perms = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("training", "view_training_progress") in perms
    assert ("training", "reset_sandbox") in perms
    assert not any(app == "accounts" for app, _ in perms)


def test_trainers_get_page_rights_on_every_training_section(training_index, home_en):
    from wagtail.models import Locale

    english = training_index.copy_for_translation(Locale.objects.get(language_code="en"))
    rights = set(
        GroupPagePermission.objects.filter(group__name=TRAINERS).values_list(
            "page_id", "permission__codename"
        )
    )
    for page in (training_index, english):
        assert (page.pk, "publish_page") in rights and (page.pk, "add_page") in rights


def test_trainer_edits_training_but_not_groups_or_users(client, trainer, module, home_fr):
    from groups.factories import GroupIndexPageFactory, ThematicGroupPageFactory

    index = GroupIndexPageFactory(parent=home_fr)
    gt = ThematicGroupPageFactory(parent=index, title="Santé", acronym="SANTE", slug="sante")
    client.force_login(trainer)
    assert client.get(f"/admin/pages/{module.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{gt.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{home_fr.pk}/edit/").status_code in (302, 403)
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get("/admin/groups/").status_code in (302, 403)
    # Nothing else: no documents of the groups, no IATI, no settings, no group memberships.
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title="Note SANTE", collection=gt.get_access().collection)
    document.file.save("note.pdf", ContentFile(b"%PDF-1.4 note"), save=False)
    document.save()
    for url in (
        f"/admin/documents/edit/{document.pk}/",
        "/admin/documents/add/",
        "/admin/snippets/iati_publisher/activity/",
        "/admin/groups/members/",
        "/admin/sites/",
        "/admin/workflows/list/",
        f"/admin/pages/{gt.pk}/add_subpage/",
    ):
        assert client.get(url).status_code in (302, 403, 404), url
    assert "Note SANTE" not in client.get("/admin/documents/").content.decode()
    assert client.get("/admin/training/sandbox/").status_code == 200
    assert client.get("/admin/training/progress/").status_code == 200


def test_admin_menu_and_help_menu(client, trainer, training_index, module):
    client.force_login(trainer)
    body = client.get("/admin/").content.decode()
    assert "/admin/training/progress/" in body
    assert "guide.wagtail.org" not in body
    assert training_index.url in body  # the help menu points to the French training section
