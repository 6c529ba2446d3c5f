"""Journey of a GT editor: signs in, sees only their group, submits a page for moderation."""

import re

import pytest

from accounts.factories import UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_editor_sees_only_own_group_and_submits(page, live_server, home_fr):
    from django.contrib.auth.models import Group

    from groups.factories import (
        GroupIndexPageFactory,
        MeetingPageFactory,
        ThematicGroupPageFactory,
    )

    index = GroupIndexPageFactory(parent=home_fr)
    sante = ThematicGroupPageFactory(parent=index, title="Santé", acronym="SANTE", slug="sante")
    ThematicGroupPageFactory(parent=index, title="Éducation", acronym="EDU", slug="education")
    meeting = MeetingPageFactory(parent=sante, title="Réunion de coordination santé")
    meeting.save_revision().publish()
    editor = UserFactory(username="editeur", password="motdepasse-2026")
    editor.groups.add(Group.objects.get(name="SANTE — Éditeurs"))

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "editeur")
    page.fill("input[name=password]", "motdepasse-2026")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/pages/{index.pk}/")
    body = page.content()
    assert "Santé" in body and "Éducation" not in body
    page.goto(f"{live_server.url}/admin/pages/{meeting.pk}/edit/")
    page.fill("#id_title", "Réunion de coordination santé (ordre du jour révisé)")
    page.locator("button.dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name=re.compile("Soumettre|Submit")).first.click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path="test-results/groups-editor-submitted.png")
    meeting.refresh_from_db()
    assert meeting.title == "Réunion de coordination santé"  # not published
    assert meeting.workflow_in_progress
