"""RSS feeds of new documents (global, per group, per audience) and of the report calendar;
the calendar as iCalendar."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from home.feeds import SafeFeed, ical_bytes

from .models.documents import AudienceCode
from .models.reports import EditionStatus, ReportEdition


def _aware(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


class LibraryFeed(SafeFeed):
    """New documents of the library, newest first; optionally one group's or one audience's."""

    feed_type = Rss201rev2Feed
    limit = 30

    def __init__(self, library, group=None, audience=None):
        super().__init__()
        self.library = library
        self.group = group
        self.audience = audience

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def title(self):
        if self.group is not None:
            return _("Library — %(group)s") % {"group": self.group.title}
        if self.audience:
            return _("Library — %(audience)s") % {"audience": AudienceCode(self.audience).label}
        return _("PTF Mali portal — new documents")

    def description(self):
        return _("New reference documents in the library of the PTF Mali portal.")

    def link(self):
        return self.library.url

    def items(self):
        from .queries import visible_documents

        documents = visible_documents(self.request)
        if self.group is not None:
            keys = self.group.translation_key
            documents = documents.filter(thematic_groups__translation_key=keys)
        if self.audience:
            documents = documents.filter(audiences__code=self.audience)
        return documents.order_by(F("listed_at").desc(nulls_last=True), "-pk").only(
            "pk", "title", "description", "listed_at", "publication_date", "file", "file_size"
        )[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return self.library.document_url(item)

    def item_pubdate(self, item):
        return item.listed_at  # when it became public, not its upload


class CalendarFeed(SafeFeed):
    """Editions of reference reports: upcoming ones and those recently put online."""

    feed_type = Rss201rev2Feed

    def __init__(self, calendar_page):
        super().__init__()
        self.page = calendar_page

    def title(self):
        return _("Calendar of reference reports")

    def description(self):
        return _("Upcoming reference reports and those recently put online by the Pool Technique.")

    def link(self):
        return self.page.url

    def items(self):
        today = timezone.localdate()
        editions = list(
            ReportEdition.objects.filter(
                expected_date__gte=today - relativedelta(months=6),
                expected_date__lte=today + relativedelta(months=12),
            )
            .select_related("series")
            .order_by("-expected_date", "-pk")[:50]
        )
        return self.page.series_titles(editions)

    def item_title(self, item):
        return f"{item.series_title} {item.edition} — {item.get_status_display()}"

    def item_description(self, item):
        return _("Expected on %(date)s.") % {"date": item.expected_date.isoformat()}

    def item_link(self, item):
        return f"{self.page.url}#edition-{item.pk}"

    def item_guid(self, item):
        return f"report-edition-{item.pk}-{item.status}"

    def item_pubdate(self, item):
        return (
            item.put_online_at
            if item.status == EditionStatus.ONLINE and item.put_online_at
            else _aware(item.expected_date)
        )


def calendar_response(page, request):
    """The calendar's editions (6 months back, 12 ahead) as an iCalendar file."""
    today = timezone.localdate()
    calendar = Calendar()
    calendar.add("prodid", "-//Portail PTF Mali//Calendrier des rapports//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Calendar of reference reports"))
    editions = list(
        ReportEdition.objects.filter(
            expected_date__gte=today - relativedelta(months=6),
            expected_date__lte=today + relativedelta(months=12),
        )
        .select_related("series", "series__publisher")
        .order_by("expected_date", "pk")
    )
    page.series_titles(editions)
    base = page.get_full_url(request) or ""
    for edition in editions:
        event = Event()
        event.add("uid", f"report-edition-{edition.pk}@ptf-mali")
        event.add("summary", f"{edition.series_title} {edition.edition}")
        event.add("dtstart", edition.published_on or edition.expected_date)
        event.add(
            "dtend", (edition.published_on or edition.expected_date) + datetime.timedelta(days=1)
        )
        event.add("dtstamp", timezone.now())
        description = _("Status: %(status)s") % {"status": edition.get_status_display()}
        if edition.series.publisher:
            description += "\n" + _("Publisher: %(publisher)s") % {
                "publisher": edition.series.publisher
            }
        event.add("description", description)
        if edition.series.website:
            event.add("url", edition.series.website)
        elif base:
            event.add("url", base)
        calendar.add_component(event)
    response = HttpResponse(ical_bytes(calendar), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendrier-rapports.ics"'
    return response
