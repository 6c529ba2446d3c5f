"""Content model: canevas pages, prefilled structure, validation of bad input, copy of programmes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from groups.factories import (
    MeetingPageFactory,
    OrganisationFactory,
    SubGroupPageFactory,
    WorkProgrammePageFactory,
    add_activities,
    add_members,
)
from groups.models import (
    ActivityStatus,
    AnnualReviewPage,
    MeetingPage,
    SubGroupPage,
    TermsOfReferencePage,
    WorkProgrammePage,
)
from groups.views import copy_work_programme
from tests.helpers import speak

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def add_url(model, parent):
    return f"/admin/pages/add/groups/{model._meta.model_name}/{parent.pk}/"


def page_form(**fields):
    data = {"slug": "", "seo_title": "", "search_description": "", "comments": inline_formset([])}
    data.update(fields)
    return nested_form_data(data)


def programme_form(year, activities=()):
    return page_form(
        title=f"Programme {year}",
        slug=f"programme-{year}",
        year=year,
        objectives=rich_text("<p>Objectifs</p>"),
        ptf_coherence=rich_text("<p>Cohérence</p>"),
        activities=inline_formset(list(activities)),
    )


def activity(title="Revue sectorielle", start="", end="", status="planned"):
    return {
        "title": title,
        "responsible": "Canada",
        "start_date": start,
        "end_date": end,
        "status": status,
        "expected_results": "",
    }


def test_canevas_pages_are_prefilled_in_the_editor_language():
    with translation.override("en"):
        tor = TermsOfReferencePage(title="ToR")
        programme = WorkProgrammePage(title="WP")
        review = AnnualReviewPage(title="Review")
        meeting = MeetingPage(title="Meeting")
    headings = [block.value.source for block in tor.body]
    assert "<h2>Context</h2>" in headings[0] and "<h2>Reporting</h2>" in headings[0]
    assert "General objective" in programme.objectives
    assert programme.year == YEAR
    assert review.year == YEAR - 1
    assert "Adoption of the agenda" in meeting.agenda
    assert meeting.start > timezone.now()


def test_prefilled_editor_form_shows_the_structure(client, superuser, gt_a):
    client.force_login(superuser)
    speak(superuser, "fr")
    response = client.get(add_url(TermsOfReferencePage, gt_a))
    assert response.status_code == 200
    assert b"Contexte" in response.content


def test_admin_creates_a_work_programme_with_activities(client, superuser, gt_a):
    client.force_login(superuser)
    data = programme_form(YEAR, [activity(start="2026-01-10", end="2026-03-10")])
    response = client.post(add_url(WorkProgrammePage, gt_a), data)
    assert response.status_code == 302, response.context["form"].errors
    programme = WorkProgrammePage.objects.child_of(gt_a).get()
    assert programme.activities.get().title == "Revue sectorielle"


def test_activity_ending_before_it_starts_is_refused(client, superuser, gt_a):
    client.force_login(superuser)
    data = programme_form(YEAR, [activity(start="2026-05-10", end="2026-03-10")])
    speak(superuser, "en")
    response = client.post(add_url(WorkProgrammePage, gt_a), data)
    assert response.status_code == 200
    formset = response.context["form"].formsets["activities"]
    assert "end_date" in formset.forms[0].errors
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not WorkProgrammePage.objects.exists()


def test_duplicate_work_programme_year_is_refused_in_admin_and_in_code(client, superuser, gt_a):
    WorkProgrammePageFactory(parent=gt_a, year=YEAR)
    client.force_login(superuser)
    speak(superuser, "en")
    response = client.post(add_url(WorkProgrammePage, gt_a), programme_form(YEAR))
    assert response.status_code == 200
    assert "already has" in str(response.context["form"].errors["year"])
    assert WorkProgrammePage.objects.count() == 1
    with pytest.raises(ValidationError) as error:
        WorkProgrammePageFactory(parent=gt_a, year=YEAR, slug="other")
    assert "year" in error.value.message_dict
    # Another group may have a programme for the same year.
    WorkProgrammePageFactory(parent=SubGroupPageFactory(parent=gt_a), year=YEAR)


def test_duplicate_year_message_in_french(client, superuser, gt_a):
    WorkProgrammePageFactory(parent=gt_a, year=YEAR)
    client.force_login(superuser)
    speak(superuser, "fr")
    response = client.post(add_url(WorkProgrammePage, gt_a), programme_form(YEAR))
    assert "Ce groupe a déjà" in str(response.context["form"].errors["year"])


def meeting_form(organisation, start="2026-02-11 09:00", end=""):
    return page_form(
        title="Réunion de février",
        slug="reunion-fevrier",
        start=start,
        end=end,
        place="Bamako",
        agenda=rich_text("<p>Ordre du jour</p>"),
        minutes="",
        attendances=inline_formset(
            [{"organisation": organisation.pk, "status": "present", "persons": "A. Diallo"}]
        ),
    )


def test_attendance_of_a_non_member_is_refused(client, superuser, gt_a):
    member, stranger = OrganisationFactory(), OrganisationFactory(name="Étrangère")
    add_members(gt_a, [member], start=datetime.date(2025, 1, 1))
    client.force_login(superuser)
    speak(superuser, "en")
    response = client.post(add_url(MeetingPage, gt_a), meeting_form(stranger))
    assert response.status_code == 200
    errors = response.context["form"].formsets["attendances"].forms[0].errors
    assert "is not a member of the group" in str(errors["organisation"])
    assert not MeetingPage.objects.exists()
    response = client.post(add_url(MeetingPage, gt_a), meeting_form(member))
    assert response.status_code == 302
    assert MeetingPage.objects.get().attendances.get().organisation == member


def test_membership_must_cover_the_meeting_date(client, superuser, gt_a):
    member = OrganisationFactory()
    add_members(gt_a, [member], start=datetime.date(2026, 6, 1))
    client.force_login(superuser)
    response = client.post(
        add_url(MeetingPage, gt_a), meeting_form(member, start="2026-02-11 09:00")
    )
    assert response.status_code == 200
    assert not MeetingPage.objects.exists()


def test_meeting_ending_before_it_starts_is_refused(client, superuser, gt_a):
    member = OrganisationFactory()
    add_members(gt_a, [member])
    client.force_login(superuser)
    speak(superuser, "fr")
    response = client.post(
        add_url(MeetingPage, gt_a),
        meeting_form(member, start="2026-02-11 09:00", end="2026-02-10 12:00"),
    )
    assert response.status_code == 200
    assert "La date de fin" in str(response.context["form"].errors["end"])
    assert not MeetingPage.objects.exists()


def test_membership_end_before_start_is_refused(client, superuser, gt_a):
    client.force_login(superuser)
    org = OrganisationFactory()
    data = page_form(
        title=gt_a.title,
        slug=gt_a.slug,
        acronym="SANTE",
        status="active",
        lead_partner="",
        co_lead="",
        government_counterpart="",
        dac_sector_codes="12220, 12230",
        mandate=rich_text("<p>Mandat</p>"),
        focal_points=inline_formset([]),
        memberships=inline_formset(
            [{"organisation": org.pk, "start_date": "2026-05-01", "end_date": "2026-01-01"}]
        ),
    )
    response = client.post(f"/admin/pages/{gt_a.pk}/edit/", data)
    assert response.status_code == 200
    assert gt_a.memberships.count() == 0
    data["memberships-0-end_date"] = ""
    response = client.post(f"/admin/pages/{gt_a.pk}/edit/", data)
    assert response.status_code == 302
    gt_a.refresh_from_db()
    gt_a = gt_a.get_latest_revision_as_object()
    assert gt_a.memberships.get().organisation == org
    assert gt_a.sector_codes == ["12220", "12230"]


def test_bad_sector_code_is_refused(gt_a):
    gt_a.dac_sector_codes = "12220, 999"
    with pytest.raises(ValidationError) as error:
        gt_a.full_clean()
    assert "dac_sector_codes" in error.value.message_dict


def test_sub_group_outside_a_thematic_group_is_refused(client, superuser, group_index, home_fr):
    assert not SubGroupPage.can_create_at(group_index)
    client.force_login(superuser)
    data = page_form(title="SGT perdu", acronym="PERDU", status="active")
    response = client.post(add_url(SubGroupPage, group_index), data)
    assert response.status_code in (302, 403)
    assert not SubGroupPage.objects.exists()
    with pytest.raises(ValidationError):
        SubGroupPageFactory(parent=group_index, acronym="PERDU2")
    assert not SubGroupPage.objects.exists()


def test_copy_last_years_work_programme(client, editor_a, gt_a):
    source = WorkProgrammePageFactory(parent=gt_a, year=YEAR - 1, title=f"Programme {YEAR - 1}")
    add_activities(source, [ActivityStatus.DONE, ActivityStatus.LATE])
    source.activities.update(start_date=datetime.date(YEAR - 1, 2, 1))
    client.force_login(editor_a)
    url = f"/admin/groups/work-programme/{source.pk}/copy/"
    assert client.get(url).status_code == 200
    response = client.post(url)
    copy = WorkProgrammePage.objects.get(year=YEAR)
    assert response.status_code == 302 and response.url.endswith(f"/pages/{copy.pk}/edit/")
    assert copy.title == f"Programme {YEAR}" and not copy.live
    assert [a.status for a in copy.activities.all()] == ["planned", "planned"]
    assert copy.activities.first().start_date == datetime.date(YEAR, 2, 1)
    # A second copy would duplicate the year: refused, redirected to the existing one.
    response = client.post(url)
    assert WorkProgrammePage.objects.filter(year=YEAR).count() == 1


def test_copy_of_another_groups_programme_is_refused(client, editor_b, gt_a):
    source = WorkProgrammePageFactory(parent=gt_a, year=YEAR - 1)
    client.force_login(editor_b)
    assert client.post(f"/admin/groups/work-programme/{source.pk}/copy/").status_code in (302, 403)
    assert WorkProgrammePage.objects.count() == 1


def test_copy_function_shifts_dates(gt_a):
    source = WorkProgrammePageFactory(parent=gt_a, year=2024)
    add_activities(source, ["done"])
    source.activities.update(
        start_date=datetime.date(2024, 2, 29), end_date=datetime.date(2024, 3, 1)
    )
    copy = copy_work_programme(source)
    assert copy.activities.get().start_date == datetime.date(2025, 2, 28)


def test_meeting_factory_under_group(gt_a):
    meeting = MeetingPageFactory(parent=gt_a)
    assert meeting.group.pk == gt_a.pk


def test_copy_button_in_the_editor(client, editor_a, editor_b, gt_a):
    source = WorkProgrammePageFactory(parent=gt_a, year=YEAR - 1)
    source.save_revision().publish()
    client.force_login(editor_a)
    body = client.get(f"/admin/pages/{source.pk}/edit/").content.decode()
    assert f"/admin/groups/work-programme/{source.pk}/copy/" in body
