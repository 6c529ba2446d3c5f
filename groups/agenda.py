"""Agenda of the groups' meetings and the monthly PTF coordination meeting, and iCalendar feeds."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur
from wagtail.models import Page

from home.feeds import ical_bytes

from .models import GroupIndexPage, JointMission, MeetingPage

AGENDA_DAYS = 120
COORDINATION_TIME = datetime.time(9, 0)


def second_wednesday(year, month):
    first = datetime.date(year, month, 1)
    offset = (2 - first.weekday()) % 7  # Wednesday is 2
    return first + datetime.timedelta(days=offset + 7)


def coordination_dates(start, end):
    """Dates of the monthly PTF coordination meeting (second Wednesday) between two dates."""
    year, month = start.year, start.month
    dates = []
    while (year, month) <= (end.year, end.month):
        day = second_wednesday(year, month)
        if start <= day <= end:
            dates.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def _meetings(root, since=None):
    meetings = MeetingPage.objects.descendant_of(root).live().public().order_by("start")
    if since is not None:
        meetings = meetings.filter(start__gte=since)
    return meetings


def _missions(root, since, until=None):
    missions = JointMission.objects.filter(
        page__path__startswith=root.path, page__live=True, start_date__gte=since
    ).select_related("page")
    if until is not None:
        missions = missions.filter(start_date__lte=until)
    return missions.order_by("start_date")


def agenda_context(index_page, request):
    """Meetings, joint missions and monthly PTF coordination meetings of the next months."""
    today = timezone.localdate()
    until = today + datetime.timedelta(days=AGENDA_DAYS)
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    meetings = list(
        _meetings(index_page, since=start).filter(
            start__lt=start + datetime.timedelta(days=AGENDA_DAYS)
        )
    )
    missions = list(_missions(index_page, today, until))
    steplen = MeetingPage.steplen
    parent_paths = {m.path[:-steplen] for m in meetings} | {
        m.page.path[:-steplen] for m in missions
    }
    parents = {}
    if parent_paths:
        parents = {p.path: p for p in Page.objects.filter(path__in=parent_paths).specific()}
    entries = [
        {"start": m.start, "title": m.title, "page": m, "group": parents.get(m.path[:-steplen])}
        for m in meetings
    ]
    for mission in missions:
        moment = timezone.make_aware(
            datetime.datetime.combine(mission.start_date, datetime.time(8))
        )
        group = parents.get(mission.page.path[:-steplen])
        entries.append(
            {"start": moment, "title": mission.title, "page": mission.page, "group": group}
        )
    for day in coordination_dates(today, until):
        moment = timezone.make_aware(datetime.datetime.combine(day, COORDINATION_TIME))
        entries.append(
            {"start": moment, "title": _("Monthly PTF coordination meeting"), "ptf": True}
        )
    entries.sort(key=lambda entry: entry["start"])
    return {"entries": entries, "until": until}


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//Portail PTF Mali//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Africa/Bamako")
    return calendar


def coordination_event(host):
    event = Event()
    first = second_wednesday(timezone.localdate().year - 1, 1)
    start = timezone.make_aware(datetime.datetime.combine(first, COORDINATION_TIME))
    event.add("uid", f"ptf-coordination@{host}")
    event.add("summary", _("Monthly PTF coordination meeting"))
    event.add("dtstart", start)
    event.add("dtend", start + datetime.timedelta(hours=2))
    event.add("dtstamp", start)
    event.add("rrule", vRecur(freq="monthly", byday="2WE"))
    event.add(
        "description", _("Meeting of the heads of cooperation, second Wednesday of each month.")
    )
    return event


def meeting_event(meeting, request):
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{request.get_host()}")
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.start)
    event.add("dtend", meeting.end or meeting.start + datetime.timedelta(hours=2))
    event.add("dtstamp", meeting.last_published_at or meeting.start)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("url", request.build_absolute_uri(meeting.url))
    return event


def mission_event(mission, request):
    event = Event()
    event.add("uid", f"mission-{mission.pk}@{request.get_host()}")
    event.add("summary", mission.title)
    event.add("dtstart", mission.start_date)
    event.add("dtend", (mission.end_date or mission.start_date) + datetime.timedelta(days=1))
    event.add("dtstamp", timezone.now())
    if mission.place:
        event.add("location", mission.place)
    event.add("url", request.build_absolute_uri(mission.page.url))
    return event


def ics_response(page, request):
    """The iCalendar file of a group (its meetings) or of the index (everything)."""
    calendar = _calendar(f"{page.title} — Portail PTF Mali")
    if isinstance(page.specific, GroupIndexPage):
        calendar.add_component(coordination_event(request.get_host()))
    since = timezone.now() - datetime.timedelta(days=365)
    for meeting in _meetings(page, since=since):
        calendar.add_component(meeting_event(meeting, request))
    for mission in _missions(page, since.date()):
        calendar.add_component(mission_event(mission, request))
    response = HttpResponse(ical_bytes(calendar), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{page.slug}.ics"'
    return response
