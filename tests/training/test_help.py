"""Contextual help: every group page type's edit screen shows a help panel linking to the
lesson that teaches it, in the editor's language; nothing when no module is published."""

import pytest

from accounts.factories import UserFactory
from training.factories import TrainingModulePageFactory
from training.help import GROUP_PAGE_HELP, LessonHelpPanel

pytestmark = pytest.mark.django_db


def test_every_group_page_type_has_a_help_panel():
    import groups.models as group_models

    for name in GROUP_PAGE_HELP:
        panels = getattr(group_models, name).content_panels
        assert sum(isinstance(panel, LessonHelpPanel) for panel in panels) == 1, name


def test_edit_screen_links_to_the_lesson(client, training_index, home_fr):
    from django.contrib.auth.models import Group

    from groups.factories import GroupIndexPageFactory, MeetingPageFactory, ThematicGroupPageFactory

    for number in (1, 5):
        TrainingModulePageFactory(
            parent=training_index, number=number, title=f"Module n°{number}"
        ).save_revision().publish()
    index = GroupIndexPageFactory(parent=home_fr)
    gt = ThematicGroupPageFactory(parent=index, title="Santé", acronym="SANTE", slug="sante")
    meeting = MeetingPageFactory(parent=gt, title="Réunion")
    editor = UserFactory(username="editeur")
    editor.groups.add(Group.objects.get(name="SANTE — Éditeurs"))
    client.force_login(editor)
    body = client.get(f"/admin/pages/{gt.pk}/edit/").content.decode()
    assert "/fr/formation/module-" in body and "#lesson-3" in body and "Module n°1" in body
    body = client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    assert "Module n°5" in body and "#lesson-2" in body


def test_no_link_without_published_module(client, home_fr, superuser):
    from groups.factories import GroupIndexPageFactory, ThematicGroupPageFactory

    index = GroupIndexPageFactory(parent=home_fr)
    gt = ThematicGroupPageFactory(parent=index, acronym="EDU")
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{gt.pk}/edit/")
    assert response.status_code == 200 and "#lesson-" not in response.content.decode()
