"""A meeting in one click: a draft with one attendance row per member organisation (and its
focal points), present/absent/excused toggles, an ASCII slug from the date, unique."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from groups.factories import OrganisationFactory, add_members
from groups.models import GroupFocalPoint, MeetingPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def ten_members(gt_a):
    organisations = [OrganisationFactory(name=f"Partenaire {i:02d}") for i in range(10)]
    add_members(gt_a, organisations)
    GroupFocalPoint.objects.create(
        page=gt_a, name="Awa Traoré", organisation=organisations[0], sort_order=0
    )
    return organisations


def test_new_meeting_lists_every_member(client, gt_a, editor_a, ten_members):
    client.force_login(editor_a)
    response = client.post(reverse("groups_new_meeting", args=[gt_a.pk]))
    meeting = MeetingPage.objects.child_of(gt_a).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[meeting.pk])
    assert not meeting.live and meeting.has_unpublished_changes  # a draft, moderated later
    rows = list(meeting.attendances.order_by("sort_order").select_related("organisation"))
    assert [row.organisation for row in rows] == ten_members
    assert all(row.status == "present" for row in rows)
    assert rows[0].persons == "Awa Traoré"
    assert meeting.slug == f"reunion-{meeting.date.isoformat()}" and meeting.slug.isascii()

    edit = client.get(response["Location"]).content.decode()
    # 10 rows, plus the blank row of "Add attendance" (the template of a new row)
    assert edit.count('value="excused"') == 11 and "Excusé" in edit
    assert 'name="other_participants"' in edit  # people from outside the members
    assert f'value="{meeting.start:%d/%m/%Y}' in edit or meeting.start.strftime("%d/%m/%Y") in edit

    client.post(reverse("groups_new_meeting", args=[gt_a.pk]))
    slugs = sorted(MeetingPage.objects.child_of(gt_a).values_list("slug", flat=True))
    assert slugs == [meeting.slug, f"{meeting.slug}-2"]


def test_new_meeting_is_refused_outside_ones_groups(client, gt_a, gt_b, editor_a):
    client.force_login(editor_a)
    response = client.post(reverse("groups_new_meeting", args=[gt_b.pk]))
    assert response.status_code in (302, 403) and not MeetingPage.objects.child_of(gt_b).exists()
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("groups_new_meeting", args=[gt_a.pk])).status_code == 405
    home = Page.objects.filter(depth=2).first()
    assert client.post(reverse("groups_new_meeting", args=[home.pk])).status_code in (302, 403)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_statuses_and_slug_saved_through_the_editor(
    client, gt_a, moderator_a, ten_members, language
):
    """Saved in either admin language: the picker's day-first date is read day first."""
    import datetime

    from django.utils import timezone
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(moderator_a)
    profile.preferred_language = language
    profile.save()
    client.force_login(moderator_a)
    client.post(reverse("groups_new_meeting", args=[gt_a.pk]))
    meeting = MeetingPage.objects.child_of(gt_a).get()
    rows = list(meeting.attendances.order_by("sort_order"))
    statuses = ["absent", "excused"] + ["present"] * 8
    data = nested_form_data(
        {
            "title": "Réunion santé de décembre",
            "slug": "réunion-santé-décembre",
            "start": "09/12/2026 09:00",
            "end": "",
            "place": "Bamako",
            "other_participants": "M. Koné (ministère de la Santé)",
            "agenda": rich_text("<p>Ordre du jour</p>"),
            "minutes": "",
            "attendances": inline_formset(
                [
                    {
                        "id": row.pk,
                        "organisation": row.organisation_id,
                        "status": status,
                        "persons": row.persons,
                    }
                    for row, status in zip(rows, statuses, strict=True)
                ],
                initial=len(rows),
            ),
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[meeting.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting.refresh_from_db()
    assert meeting.live and meeting.slug == "reunion-sante-decembre"
    assert timezone.localtime(meeting.start).date() == datetime.date(2026, 12, 9)  # not 12 Sept
    saved = dict(meeting.attendances.values_list("organisation_id", "status"))
    assert saved[rows[0].organisation_id] == "absent"
    assert saved[rows[1].organisation_id] == "excused"
    present = set(
        meeting.attendances.filter(present=True).values_list("organisation_id", flat=True)
    )
    assert rows[0].organisation_id not in present and rows[1].organisation_id not in present
    assert len(present) == 8
