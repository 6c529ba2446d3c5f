"""A moderator's decision on a page is confirmed in French, from the admin home's buttons
(Wagtail's workflow action, through ``groups.workflow_views``) and from the page editor."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from groups.factories import MeetingPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(gt_a, editor_a):
    meeting = MeetingPageFactory(parent=gt_a, title="Réunion de décembre", live=False)
    meeting.save_revision(user=editor_a)
    meeting.get_workflow().start(meeting, editor_a)
    return meeting


def action_url(meeting, action):
    state = meeting.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[meeting.pk, action, state.pk])


def shown(client):
    return [str(m) for m in client.get(reverse("wagtailadmin_home")).context["messages"]]


def test_approve_from_the_admin_home_says_it_is_live(client, submitted, moderator_a):
    client.force_login(moderator_a)
    response = client.post(
        action_url(submitted, "approve") + "?next=/admin/",
        {"comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200 and response.json()["step"] == "success"
    submitted.refresh_from_db()
    assert submitted.live
    assert shown(client) == [
        "La page « Réunion de décembre » est approuvée et publiée : elle est maintenant en ligne."
    ]


def test_request_changes_says_it_goes_back(client, submitted, moderator_a):
    client.force_login(moderator_a)
    response = client.post(action_url(submitted, "reject"), {"comment": "Ajoutez le lieu."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert not submitted.live and not submitted.workflow_in_progress
    assert shown(client) == [
        "Modifications demandées pour la page « Réunion de décembre » : elle revient à son auteur."
    ]


def test_an_editor_cannot_take_the_action_and_gets_no_message(client, submitted, editor_a):
    client.force_login(editor_a)
    response = client.post(action_url(submitted, "approve"), {"comment": ""})
    assert response.status_code in (302, 403)
    submitted.refresh_from_db()
    assert not submitted.live
    assert not any("approuvée" in m for m in shown(client))


def test_approve_from_the_editor_is_confirmed(client, submitted, moderator_a):
    client.force_login(moderator_a)
    data = nested_form_data(
        {
            "title": submitted.title,
            "slug": submitted.slug,
            "start": "09/12/2026 09:00",
            "end": "",
            "place": "Bamako",
            "other_participants": "",
            "agenda": rich_text("<p>Ordre du jour</p>"),
            "minutes": "",
            "attendances-TOTAL_FORMS": "0",
            "attendances-INITIAL_FORMS": "0",
            "attendances-MIN_NUM_FORMS": "0",
            "attendances-MAX_NUM_FORMS": "1000",
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[submitted.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    submitted.refresh_from_db()
    assert submitted.live
    assert any("est approuvée et publiée" in m for m in shown(client))
