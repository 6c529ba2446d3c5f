"""Factories for tests and benchmarks (wagtail-factories): one way to build each object, and
``build_quarter``: a quarter of data whose figures are known (tests, ``bench/bench_reports.py``)."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone

from groups.factories import (
    MeetingPageFactory,
    OrganisationFactory,
    WorkProgrammePageFactory,
    add_activities,
    add_attendance,
    add_members,
)
from iati_publisher.factories import ActivityFactory, ReportingOrganisationFactory
from iati_publisher.models import Transaction
from library.factories import DocumentFactory, ReportEditionFactory, ReportSeriesFactory
from library.models import CustomDocument, EditionStatus

from .models import CoordinationMeeting, PriorityTheme, PTFWorkProgrammePage
from .periods import Period


class PTFWorkProgrammePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PTFWorkProgrammePage

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title = factory.LazyAttribute(lambda o: f"Programme de travail des PTF {o.year}")
    intro = "<p>Les priorités de l’année.</p>"


def add_theme(programme, title, groups=(), sort_order=0, **fields):
    """A priority theme of ``programme`` carried by ``groups`` (saved, like a published page)."""
    theme = PriorityTheme.objects.create(
        page=programme, title=title, sort_order=sort_order, **fields
    )
    theme.groups.set(groups)
    theme.save()  # modelcluster writes a ParentalManyToManyField on save
    return theme


def add_coordination_meeting(programme, date, themes=(), kind="monthly", sort_order=0):
    meeting = CoordinationMeeting.objects.create(
        page=programme, date=date, kind=kind, place="Bamako", sort_order=sort_order
    )
    meeting.themes.set(themes)
    meeting.save()
    return meeting


def link_activities(activities, themes):
    """Link GT work-programme activities to priority themes (as the activity form does)."""
    for activity in activities:
        activity.priority_themes.set(themes)
        activity.save()


# --- A quarter of data with known figures (tests, bench) -------------------------------------


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def build_quarter(pool_page, groups, period=None, theme=None):
    """For each group: 2 meetings in the quarter (2 of 4 members present, about the theme),
    4 activities (1 done, 1 late; 2 linked to the theme), 3 public documents, 1 reference report
    online and 1 late, 2 IATI activities (1 new with 1,000 XOF committed, 1 updated with
    500 EUR). Returns the period and the priority theme."""
    period = period or Period.last_complete_quarter()
    start = period.start
    if theme is None:
        programme = PTFWorkProgrammePageFactory(parent=pool_page, year=period.year)
        theme = add_theme(programme, "Capital humain", groups[:1])
    for copy, group in enumerate(groups):
        gt_a = group
        orgs = OrganisationFactory.create_batch(4)
        add_members(gt_a, orgs, start=datetime.date(period.year - 2, 1, 1))
        for day in (10, 20):
            meeting = MeetingPageFactory(
                parent=gt_a, start=at(start + datetime.timedelta(days=day + copy))
            )
            add_attendance(meeting, orgs[:2])
            meeting.priority_themes.set([theme])
            meeting.save()
        MeetingPageFactory(parent=gt_a, start=at(start - datetime.timedelta(days=5 + copy)))
        wp = WorkProgrammePageFactory(parent=gt_a, year=period.year)
        add_activities(wp, ["done", "late", "planned", "planned"])
        link_activities(list(wp.activities.order_by("sort_order"))[:2], [theme])
        for codes in (["partners"], ["partners", "civil_society"], ["elected"]):
            document = DocumentFactory(audiences=codes)
            moment = at(start + datetime.timedelta(days=30))
            CustomDocument.objects.filter(pk=document.pk).update(
                created_at=moment, listed_at=moment
            )
        DocumentFactory(is_listed=False)  # not public: not counted
        old = DocumentFactory()
        moment = at(start - datetime.timedelta(days=40))
        CustomDocument.objects.filter(pk=old.pk).update(created_at=moment, listed_at=moment)
        series = ReportSeriesFactory()
        online = ReportEditionFactory(
            series=series, edition=f"A{copy}", expected_date=start, status=EditionStatus.ONLINE
        )
        type(online).objects.filter(pk=online.pk).update(
            put_online_at=at(start + datetime.timedelta(days=3))
        )
        ReportEditionFactory(
            series=series, edition=f"B{copy}", expected_date=start + datetime.timedelta(days=15)
        )
        ReportEditionFactory(
            series=series, edition=f"C{copy}", expected_date=period.end + datetime.timedelta(days=9)
        )
        org = ReportingOrganisationFactory(name_fr=f"Coopération {gt_a.acronym}")
        new = ActivityFactory(reporting_org=org)
        updated = ActivityFactory(reporting_org=org)
        old_activity = ActivityFactory(reporting_org=org)
        ActivityFactory(reporting_org=org, live=False)
        inside = at(start + datetime.timedelta(days=12))
        type(new).objects.filter(pk=new.pk).update(
            first_published_at=inside, last_published_at=inside
        )
        before = at(start - datetime.timedelta(days=100))
        type(new).objects.filter(pk=updated.pk).update(
            first_published_at=before, last_published_at=inside
        )
        type(new).objects.filter(pk=old_activity.pk).update(
            first_published_at=before, last_published_at=before
        )
        for activity, value, currency, kind in (
            (new, "1000", "XOF", "2"),
            (updated, "500", "EUR", "2"),
            (updated, "200", "XOF", "3"),
            (old_activity, "99", "XOF", "2"),
        ):
            Transaction.objects.create(
                activity=activity,
                transaction_type=kind,
                transaction_date=start,
                value_date=start,
                value=Decimal(value),
                currency=currency,
            )
    return period, theme
