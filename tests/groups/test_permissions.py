"""Provisioning of a group's rights: creation, idempotence, drift repair, rename, delete."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    WorkflowPage,
)

from accounts.factories import UserFactory
from groups.models import GroupAccess
from groups.permissions import provision_group, sync_all

pytestmark = pytest.mark.django_db


def page_codes(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_creating_a_gt_provisions_everything(gt_a):
    access = GroupAccess.objects.get(translation_key=gt_a.translation_key)
    editors = Group.objects.get(name="SANTE — Éditeurs")
    moderators = Group.objects.get(name="SANTE — Modérateurs")
    assert (access.editors, access.moderators) == (editors, moderators)
    assert page_codes(editors, gt_a) == {"add_page", "change_page", "lock_page"}
    assert "publish_page" in page_codes(moderators, gt_a)
    assert editors.permissions.filter(codename="access_admin").exists()
    collection = gt_a.get_collection()
    assert collection.name == "SANTE" and collection.get_parent().name == "Groupes thématiques"
    for group in (editors, moderators):
        codes = set(
            GroupCollectionPermission.objects.filter(
                group=group, collection=collection
            ).values_list("permission__codename", flat=True)
        )
        expected = {
            "add_document",
            "change_document",
            "choose_document",
            "add_image",
            "change_image",
            "choose_image",
        }
        # Moderators also approve the documents editors ask to list (library.moderation).
        assert codes == (expected | {"publish_document"} if group == moderators else expected)
    private = access.private_collection
    assert private.get_parent().pk == collection.pk
    restriction = CollectionViewRestriction.objects.get(collection=private)
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "SANTE — Éditeurs",
        "SANTE — Modérateurs",
        "Pool Technique",
    }
    workflow = gt_a.get_workflow()
    assert workflow == access.workflow and workflow.name == "SANTE — Modération"
    task = workflow.tasks.get().specific
    assert set(task.groups.values_list("name", flat=True)) == {
        "SANTE — Modérateurs",
        "Pool Technique",
    }
    pool = Group.objects.get(name="Pool Technique")
    assert pool.permissions.filter(codename="view_dashboard").exists()


def test_editors_cannot_publish_moderators_can(gt_a, sgt_a, editor_a, moderator_a, editor_b):
    assert gt_a.permissions_for_user(editor_a).can_edit()
    assert not gt_a.permissions_for_user(editor_a).can_publish()
    assert sgt_a.permissions_for_user(editor_a).can_add_subpage()
    assert gt_a.permissions_for_user(moderator_a).can_publish()
    assert not gt_a.permissions_for_user(editor_b).can_edit()
    # The SGT has its own workflow, overriding the GT's on its subtree.
    assert sgt_a.get_workflow().name == "NUT — Modération"


def test_provisioning_is_idempotent(gt_a, sgt_a):
    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Collection.objects.count(),
        WorkflowPage.objects.count(),
    )
    changes = []
    provision_group(gt_a, changes)
    provision_group(sgt_a, changes)
    assert changes == []
    assert sync_all() == []
    assert counts == (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Collection.objects.count(),
        WorkflowPage.objects.count(),
    )


def test_sync_command_repairs_drift_and_reports_it(gt_a, capsys):
    editors = Group.objects.get(name="SANTE — Éditeurs")
    GroupPagePermission.objects.create(group=editors, page=gt_a, permission_type="publish")
    GroupPagePermission.objects.create(
        group=editors, page=gt_a.get_parent(), permission_type="change"
    )
    GroupCollectionPermission.objects.filter(group=editors).delete()
    WorkflowPage.objects.filter(page=gt_a).delete()
    call_command("sync_group_permissions")
    out = capsys.readouterr().out
    assert "removed publish_page" in out
    assert "outside its subtree" in out
    assert "choose_document" in out
    assert "assigned workflow" in out
    assert page_codes(editors, gt_a) == {"add_page", "change_page", "lock_page"}
    assert not GroupPagePermission.objects.filter(group=editors, page=gt_a.get_parent()).exists()
    assert gt_a.get_workflow().name == "SANTE — Modération"
    call_command("sync_group_permissions")
    assert "Nothing to change" in capsys.readouterr().out


def test_renaming_the_acronym_keeps_the_links(gt_a, editor_a):
    access = gt_a.get_access()
    editors_pk = access.editors_id
    gt_a.acronym = "SANTE-NUT"
    gt_a.save()
    access.refresh_from_db()
    assert access.editors_id == editors_pk
    assert access.editors.name == "SANTE-NUT — Éditeurs"
    assert access.collection.name == "SANTE-NUT"
    assert access.workflow.name == "SANTE-NUT — Modération"
    assert editor_a.groups.filter(pk=editors_pk).exists()


def test_translation_gets_the_same_rights(gt_a, home_en):
    from home.demo import ensure_translation

    gt_en = ensure_translation(gt_a, "en", title="Health")
    editors = Group.objects.get(name="SANTE — Éditeurs")
    assert page_codes(editors, gt_en) == {"add_page", "change_page", "lock_page"}
    assert gt_en.get_workflow().name == "SANTE — Modération"
    assert gt_en.get_collection() == gt_a.get_collection()
    assert GroupAccess.objects.count() == 1


def test_deleting_a_group_asks_what_to_do_with_its_rights(client, superuser, gt_a, gt_b):
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{gt_a.pk}/delete/")
    assert response.status_code == 200
    assert b'name="group_rights"' in response.content
    client.post(f"/admin/pages/{gt_a.pk}/delete/", {"group_rights": "delete"})
    assert not GroupAccess.objects.filter(acronym="SANTE").exists()
    assert not Group.objects.filter(name__startswith="SANTE").exists()
    client.post(f"/admin/pages/{gt_b.pk}/delete/", {"group_rights": "keep"})
    assert Group.objects.filter(name="EDU — Éditeurs").exists()
    assert any("orphan" in change for change in sync_all())


def test_moderator_manages_only_their_groups(client, moderator_a, editor_b, gt_a, gt_b):
    newcomer = UserFactory(username="nouveau")
    access_a, access_b = gt_a.get_access(), gt_b.get_access()
    client.force_login(moderator_a)
    assert client.get("/admin/groups/members/").status_code == 200
    assert client.get(f"/admin/groups/members/{access_a.pk}/").status_code == 200
    client.post(
        f"/admin/groups/members/{access_a.pk}/",
        {"action": "add", "role": "editors", "username": "nouveau"},
    )
    assert newcomer.groups.filter(name="SANTE — Éditeurs").exists()
    client.post(
        f"/admin/groups/members/{access_a.pk}/",
        {"action": "remove", "role": "editors", "user_id": newcomer.pk},
    )
    assert not newcomer.groups.exists()
    # Not another group's; not an arbitrary role; never the superuser/staff flags.
    assert client.get(f"/admin/groups/members/{access_b.pk}/").status_code in (302, 404)
    client.post(
        f"/admin/groups/members/{access_b.pk}/",
        {"action": "add", "role": "editors", "username": "nouveau"},
    )
    response = client.post(
        f"/admin/groups/members/{access_a.pk}/",
        {"action": "add", "role": "superuser", "username": "nouveau", "is_superuser": "on"},
    )
    assert response.status_code in (302, 403)
    newcomer.refresh_from_db()
    assert not newcomer.groups.exists() and not newcomer.is_superuser and not newcomer.is_staff
    client.force_login(editor_b)
    assert client.get(f"/admin/groups/members/{access_b.pk}/").status_code in (302, 404)
    assert client.get("/admin/groups/members/").status_code in (302, 403)
