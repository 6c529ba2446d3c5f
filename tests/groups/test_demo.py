"""The groups demo is idempotent and gives the demo users their groups (on a reduced data set)."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import GroupPagePermission, Page

from groups import demo, demo_data
from groups.models import GroupMembership, MeetingAttendance, MeetingPage, ThematicGroupPage

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Page.objects.count(),
        GroupMembership.objects.count(),
        MeetingAttendance.objects.count(),
        GroupPagePermission.objects.count(),
    )


def test_demo_is_idempotent_and_assigns_users(monkeypatch, home_fr):
    from accounts import demo as accounts_demo

    monkeypatch.setattr(demo, "GROUPS", [g for g in demo_data.GROUPS if g[1] == "SANTE"])
    monkeypatch.setattr(demo, "SUB_GROUPS", demo_data.SUB_GROUPS[:1])
    accounts_demo.build(None)
    demo.build(None)
    first = snapshot()
    demo.build(None)
    assert snapshot() == first
    sante = ThematicGroupPage.objects.get(acronym="SANTE", locale__language_code="fr")
    assert sante.get_translations().get().title == "Health"
    assert MeetingPage.objects.child_of(sante).count() >= 6
    users = {u.username: u for u in get_user_model().objects.all()}
    assert sante.permissions_for_user(users["editeur-sante"]).can_edit()
    assert not sante.permissions_for_user(users["editeur-sante"]).can_publish()
    assert sante.permissions_for_user(users["moderateur-sante"]).can_publish()
    assert not sante.permissions_for_user(users["editeur-education"]).can_edit()
    assert sante.permissions_for_user(users["pool-technique"]).can_publish()
    assert users["pool-technique"].has_perm("groups.view_dashboard")
