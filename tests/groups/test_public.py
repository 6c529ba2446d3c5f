"""Public group pages, the index listing, agenda, iCalendar and RSS feeds; query counts."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from icalendar import Calendar
from wagtail.documents import get_document_model

from groups.agenda import coordination_dates, second_wednesday
from groups.factories import (
    MeetingPageFactory,
    OrganisationFactory,
    ThematicGroupPageFactory,
    WorkProgrammePageFactory,
    add_activities,
    add_attendance,
    add_members,
)
from groups.models import GroupNewsPage
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def grow(group, n_meetings, n_members, prefix):
    """Add members, past and future meetings with attendance, and a work programme."""
    orgs = OrganisationFactory.create_batch(n_members)
    add_members(group, orgs)
    for i in range(n_meetings):
        delta = datetime.timedelta(days=3 * i + 1)
        meeting = MeetingPageFactory(
            parent=group, title=f"{prefix} réunion {i}", start=NOW - delta if i % 2 else NOW + delta
        )
        add_attendance(meeting, orgs[: n_members // 2])
    return orgs


# What the library requires before a document is shown publicly (library's ``listed()``).
LISTED = {
    "is_listed": True,
    "review_status": "approved",
    "publication_date": datetime.date(2026, 1, 15),
    "document_type": "report",
}


def test_group_page_shows_everything_with_feeds(client, gt_a, sgt_a):
    orgs = grow(gt_a, 4, 3, "A")
    gt_a.lead_partner = orgs[0]
    gt_a.save_revision().publish()
    programme = WorkProgrammePageFactory(parent=gt_a, year=NOW.year)
    add_activities(programme, ["done", "done", "late", "planned"])
    Document = get_document_model()
    document = Document(
        title="Compte rendu de la revue", collection=gt_a.get_collection(), **LISTED
    )
    document.file.save("cr.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    GroupNewsPage(title="Nouvelle du groupe", summary="Résumé")
    gt_a.add_child(instance=GroupNewsPage(title="Nouvelle du groupe", summary="Résumé"))
    response = client.get(gt_a.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert orgs[0].name in body and orgs[2].name in body
    assert "A réunion 0" in body and "A réunion 1" in body
    assert "2 of 4 activities done" in body or "2 sur 4 activités" in body
    assert "Compte rendu de la revue" in body
    assert "Nouvelle du groupe" in body
    assert sgt_a.title in body
    assert 'type="application/rss+xml"' in body and f'href="{gt_a.url}rss/"' in body
    assert 'type="text/calendar"' in body and f'href="{gt_a.url}ical/"' in body


def test_group_page_queries_do_not_grow(client, gt_a):
    grow(gt_a, 3, 3, "petit")
    small, _ = count_queries(client, gt_a.url)
    grow(gt_a, 30, 30, "grand")
    WorkProgrammePageFactory(parent=gt_a, year=NOW.year)
    large, _ = count_queries(client, gt_a.url)
    assert large == small + 1  # the work programme's activities prefetch; nothing per row
    assert large <= 15


def test_index_lists_groups_without_n_plus_one(client, group_index, gt_a, gt_b):
    grow(gt_a, 2, 2, "A")
    small, response = count_queries(client, group_index.url)
    assert "Santé" in response.content.decode() and "Éducation" in response.content.decode()
    for i in range(8):
        group = ThematicGroupPageFactory(parent=group_index, acronym=f"X{i}", slug=f"x{i}")
        grow(group, 2, 2, f"X{i}")
    large, response = count_queries(client, group_index.url)
    assert small == large and large <= 15
    from groups.models import MeetingPage

    next_meeting = MeetingPage.objects.get(title="X7 réunion 0")
    assert f'href="{next_meeting.url}"' in response.content.decode()  # next meeting column
    assert f'href="{group_index.url}agenda/ical/"' in response.content.decode()


def test_second_wednesday():
    assert second_wednesday(2026, 11) == datetime.date(2026, 11, 11)
    assert second_wednesday(2026, 7) == datetime.date(2026, 7, 8)
    dates = coordination_dates(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    assert len(dates) == 12 and all(d.weekday() == 2 and 8 <= d.day <= 14 for d in dates)


def test_global_and_group_icalendar_feeds(client, group_index, gt_a, gt_b):
    MeetingPageFactory(parent=gt_a, title="Réunion santé", start=NOW + datetime.timedelta(days=3))
    MeetingPageFactory(
        parent=gt_b, title="Réunion éducation", start=NOW + datetime.timedelta(days=4)
    )
    response = client.get(f"{group_index.url}agenda/ical/")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    summaries = {str(e["SUMMARY"]) for e in events}
    assert {"Réunion santé", "Réunion éducation"} <= summaries
    monthly = [e for e in events if "RRULE" in e]
    assert len(monthly) == 1 and monthly[0]["RRULE"]["BYDAY"] == ["2WE"]
    events = Calendar.from_ical(client.get(f"{gt_a.url}ical/").content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Réunion santé"]


def test_agenda_page_lists_monthly_coordination(client, group_index, gt_a):
    MeetingPageFactory(parent=gt_a, title="Réunion santé", start=NOW + datetime.timedelta(days=3))
    body = client.get(f"{group_index.url}agenda/").content.decode()
    assert "Réunion santé" in body
    assert body.count('class="ptf"') >= 3
    assert f'href="{group_index.url}agenda/ical/"' in body


def test_group_rss_feed_lists_news_meetings_and_documents(client, gt_a, gt_b):
    news = GroupNewsPage(title="Atelier nutrition", summary="Un atelier.")
    gt_a.add_child(instance=news)
    MeetingPageFactory(parent=gt_a, title="Réunion de mars")
    MeetingPageFactory(parent=gt_b, title="Réunion d'un autre groupe")
    Document = get_document_model()
    document = Document(title="Programme signé", collection=gt_a.get_collection(), **LISTED)
    document.file.save("p.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    response = client.get(f"{gt_a.url}rss/")
    body = response.content.decode()
    assert response.status_code == 200 and "<rss" in body
    assert "Atelier nutrition" in body and "Réunion de mars" in body and "Programme signé" in body
    assert "autre groupe" not in body


def test_documents_missing_their_metadata_are_not_shown(client, gt_a):
    Document = get_document_model()
    document = Document(title="Brouillon de note", collection=gt_a.get_collection())
    document.file.save("b.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    assert "Brouillon de note" not in client.get(gt_a.url).content.decode()
    assert "Brouillon de note" not in client.get(f"{gt_a.url}rss/").content.decode()


def test_private_documents_are_not_listed_publicly(client, gt_a):
    Document = get_document_model()
    document = Document(
        title="Note interne", collection=gt_a.get_access().private_collection, **LISTED
    )
    document.file.save("n.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    assert "Note interne" not in client.get(gt_a.url).content.decode()
    assert "Note interne" not in client.get(f"{gt_a.url}rss/").content.decode()


def test_joint_missions_in_agenda_and_icalendar(client, group_index, gt_a):
    from groups.models import JointMission, JointMissionsCalendarPage

    calendar = JointMissionsCalendarPage(title="Missions conjointes", year=NOW.year)
    gt_a.add_child(instance=calendar)
    day = timezone.localdate() + datetime.timedelta(days=10)
    JointMission.objects.create(page=calendar, title="Mission conjointe à Mopti", start_date=day)
    assert "Mission conjointe à Mopti" in client.get(f"{group_index.url}agenda/").content.decode()
    events = Calendar.from_ical(client.get(f"{gt_a.url}ical/").content).walk("VEVENT")
    mission = [e for e in events if str(e["SUMMARY"]) == "Mission conjointe à Mopti"][0]
    assert mission["DTSTART"].dt == day


def test_sub_group_page_links_its_group(client, gt_a, sgt_a):
    body = client.get(sgt_a.url).content.decode()
    assert "Sous-groupe de" in body and f'href="{gt_a.url}"' in body
