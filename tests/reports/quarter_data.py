"""A quarter of data built by factories, with known figures (used by the report tests)."""

import datetime
from decimal import Decimal

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
from reports.factories import PTFWorkProgrammePageFactory, add_theme, link_activities
from reports.periods import Period


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
            CustomDocument.objects.filter(pk=document.pk).update(
                created_at=at(start + datetime.timedelta(days=30))
            )
        DocumentFactory(is_listed=False)  # not public: not counted
        old = DocumentFactory()
        CustomDocument.objects.filter(pk=old.pk).update(
            created_at=at(start - datetime.timedelta(days=40))
        )
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
