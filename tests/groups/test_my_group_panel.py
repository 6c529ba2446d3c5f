"""The "Mon groupe" panel on the admin home: one-click tasks, drafts, pages in moderation and the
dashboard's flags for the user's own groups only, in a constant number of queries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.factories import MeetingPageFactory, WorkProgrammePageFactory

pytestmark = pytest.mark.django_db


def home(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def draft(parent, title):
    page = MeetingPageFactory(parent=parent, title=title)
    page.save_revision().publish()
    page.title = f"{title} (modifiée)"
    page.save_revision()
    return page


def test_editor_sees_own_group_tasks_and_flags(client, gt_a, gt_b, editor_a):
    client.force_login(editor_a)
    body = home(client)
    assert "Mon groupe : SANTE" in body and "Mon groupe : EDU" not in body
    year = timezone.localdate().year
    for url in (
        reverse("wagtailadmin_pages:edit", args=[gt_a.pk]),
        reverse("groups_new_meeting", args=[gt_a.pk]),
        reverse("wagtailadmin_pages:add", args=["groups", "groupnewspage", gt_a.pk]),
        reverse("wagtailadmin_pages:add", args=["groups", "termsofreferencepage", gt_a.pk]),
        reverse("wagtailadmin_pages:add", args=["groups", "workprogrammepage", gt_a.pk]),
        reverse("wagtaildocs:add_multiple"),
    ):
        assert f'href="{url}"' in body or f'action="{url}"' in body, url
    assert "Pas de termes de référence" in body
    assert f"Pas de programme de travail pour {year}" in body
    for url in (
        reverse("wagtailadmin_pages:edit", args=[gt_b.pk]),
        reverse("groups_new_meeting", args=[gt_b.pk]),
    ):
        assert url not in body, url


def test_one_click_actions_pass_the_csrf_check(gt_a, editor_a):
    """The panel's POST buttons carry the CSRF token (a browser's click is not refused)."""
    import re

    from django.test import Client

    from groups.models import MeetingPage

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    body = home(client)
    action = reverse("groups_new_meeting", args=[gt_a.pk])
    form = re.search(rf'<form method="post" action="{action}">(.*?)</form>', body, re.S).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(action, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and MeetingPage.objects.child_of(gt_a).exists()


def test_next_years_programme_is_one_click_when_this_years_exists(client, gt_a, editor_a):
    year = timezone.localdate().year
    programme = WorkProgrammePageFactory(parent=gt_a, year=year)
    client.force_login(editor_a)
    body = home(client)
    assert reverse("groups_copy_work_programme", args=[programme.pk]) in body
    assert f"Lancer le programme de travail {year + 1}" in body


def test_drafts_and_moderation_of_own_group_only(client, gt_a, gt_b, editor_a, moderator_a):
    mine = draft(gt_a, "Réunion de janvier")
    foreign = draft(gt_b, "Réunion secrète de B")
    submitted = draft(gt_a, "Réunion de février")
    submitted.get_workflow().start(submitted, editor_a)
    client.force_login(editor_a)
    body = home(client)
    assert mine.get_latest_revision_as_object().title in body
    assert "Réunion secrète de B" not in body
    assert reverse("wagtailadmin_pages:edit", args=[foreign.pk]) not in body
    waiting = body.split("En attente de modération (1)")[1]
    assert "Réunion de février" in waiting.split("Brouillons")[0]
    client.force_login(moderator_a)
    assert "vous modérez ce groupe" in home(client)


def test_nobody_else_gets_the_panel(client, superuser, editor_a, gt_a):
    client.force_login(superuser)
    assert "Mon groupe" not in home(client)


def test_panel_query_count_is_constant(client, gt_a, editor_a, django_assert_max_num_queries):
    from groups.home_panel import my_group_blocks

    draft(gt_a, "Réunion 0")
    with django_assert_max_num_queries(25) as few:
        blocks = my_group_blocks(editor_a)
        first = len(few)
    assert blocks[0]["drafts_total"] == 1
    for i in range(1, 9):
        draft(gt_a, f"Réunion {i}")
    with django_assert_max_num_queries(first) as more:
        blocks = my_group_blocks(editor_a)
    assert blocks[0]["drafts_total"] == 9 and len(blocks[0]["drafts"]) == 5
    print(f"\nMon groupe panel SQL: {first} (1 draft), {len(more)} (9 drafts)")  # bench reads it
