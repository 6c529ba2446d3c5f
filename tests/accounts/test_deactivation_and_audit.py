"""Deactivation keeps content and history and hands pending work over; group changes from any
path are in Wagtail's log, visible to administrators and not to editors."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, ModelLogEntry, Workflow, WorkflowTask

from accounts.roles import POOL_TECHNIQUE

pytestmark = pytest.mark.django_db


def test_deactivation_keeps_pages_and_hands_tasks_over(
    client, superuser, gt_pages, moderator_a, editor_a
):
    from groups.factories import MeetingPageFactory

    gt = gt_pages[0]
    meeting = MeetingPageFactory(parent=gt, title="Réunion", owner=moderator_a)
    meeting.save_revision(user=moderator_a).publish()
    meeting.locked, meeting.locked_by = True, moderator_a
    meeting.save()
    # a workflow whose only approver is the group's moderators (the moderator is alone in it)
    task = GroupApprovalTask.objects.create(name="Seuls modérateurs")
    task.groups.set([Group.objects.get(name="SANTE — Modérateurs")])
    workflow = Workflow.objects.create(name="Test")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    meeting.title = "Réunion modifiée"
    meeting.save_revision(user=editor_a, clean=False)
    workflow.start(meeting, editor_a)

    client.force_login(superuser)
    response = client.post(
        f"/admin/bulk/accounts/user/set_active_state/?id={moderator_a.pk}",
        {"mark_as_active": "False"},
    )
    assert response.status_code == 302
    moderator_a.refresh_from_db()
    assert not moderator_a.is_active
    meeting.refresh_from_db()
    assert meeting.owner_id == moderator_a.pk and not meeting.locked
    assert meeting.revisions.filter(user=moderator_a).exists()
    assert task.groups.filter(name=POOL_TECHNIQUE).exists()
    entry = ModelLogEntry.objects.get(action="accounts.deactivated", object_id=str(moderator_a.pk))
    assert entry.user_id == superuser.pk
    assert entry.data["unlocked_pages"] == 1


def test_group_changes_are_logged_and_shown_to_administrators(
    client, superuser, administrator, editor_a, gt_pages
):
    from groups.models import GroupAccess

    access = GroupAccess.objects.get(acronym="SANTE")
    client.force_login(superuser)
    client.post(
        f"/admin/groups/members/{access.pk}/",
        {"role": "moderators", "action": "add", "username": editor_a.username},
    )
    entry = ModelLogEntry.objects.filter(
        action="accounts.groups_added", object_id=str(editor_a.pk)
    ).latest("timestamp")
    assert entry.data["groups"] == ["SANTE — Modérateurs"]
    assert entry.user_id == superuser.pk
    client.force_login(administrator)
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Ajout à des groupes" in history or "Added to groups" in history
    client.force_login(editor_a)
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Ajout à des groupes" not in history and "Added to groups" not in history
