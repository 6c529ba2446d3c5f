"""The Pool Technique's monitoring dashboard: one row per GT/SGT, in a fixed number of queries.

Every figure is aggregated in SQL or computed from a handful of flat queries; nothing is
fetched per group, so the query count does not grow with the number of groups or meetings.
"""

import csv
import datetime
import io

from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce, Substr
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from home.text import spreadsheet_cell

from .models import (
    ActivityStatus,
    AnnualReviewPage,
    GroupMembership,
    MeetingAttendance,
    MeetingPage,
    SubGroupPage,
    TermsOfReferencePage,
    ThematicGroupPage,
    WorkProgrammeActivity,
    WorkProgrammePage,
)

STALE_DAYS = 90


def _edit(pk):
    return reverse("wagtailadmin_pages:edit", args=[pk]) if pk else ""


def _parent(path):
    return path[: -Page.steplen]


def _by_parent(queryset, *fields):
    """Map parent path -> list of value dicts (children of the groups)."""
    result = {}
    for row in queryset.values("pk", "path", *fields):
        result.setdefault(_parent(row["path"]), []).append(row)
    return result


def late_q(reference_day, prefix=""):
    """The one definition of a late activity on ``reference_day`` (dashboard, themes, reports):
    marked late, or still planned/in progress after its end date. ``prefix``: the lookup path
    to the activity (``"workprogrammeactivity__"`` from a through table)."""
    open_statuses = [ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS]
    return Q(**{f"{prefix}status": ActivityStatus.LATE}) | Q(
        **{f"{prefix}status__in": open_statuses, f"{prefix}end_date__lt": reference_day}
    )


def year_bounds(year):
    """Aware datetimes [1 January, next 1 January) of ``year``."""
    begin = timezone.make_aware(datetime.datetime(year, 1, 1))
    return begin, timezone.make_aware(datetime.datetime(year + 1, 1, 1))


def dashboard_rows(year, locale=None, since=None, until=None):
    """One row per GT/SGT for ``year``'s work programme.

    Meetings are those held in [``since``, ``until``) (aware datetimes; the whole year by
    default) and not in the future; an activity is late on the earlier of today and the end
    of that period. The quarterly reports (``reports.figures``) call this for a quarter.
    """
    locale = locale or Locale.get_default()
    now = timezone.now()
    default_since, default_until = year_bounds(year)
    since, until = since or default_since, min(until or default_until, now)
    today = min(timezone.localdate(), timezone.localtime(until).date())
    groups = list(ThematicGroupPage.objects.filter(locale=locale).select_related("lead_partner"))
    groups += SubGroupPage.objects.filter(locale=locale).select_related("lead_partner")
    groups.sort(key=lambda g: g.path)
    if not groups:
        return []

    in_locale = {"locale": locale}
    tors = _by_parent(TermsOfReferencePage.objects.filter(**in_locale), "adoption_date")
    programmes = _by_parent(WorkProgrammePage.objects.filter(year=year, **in_locale), "year")
    reviews = _by_parent(AnnualReviewPage.objects.filter(year=year - 1, **in_locale), "year")
    meetings = _by_parent(
        MeetingPage.objects.filter(start__gte=since, start__lt=until, **in_locale).order_by(
            "start"
        ),
        "start",
    )
    activity_stats = {
        row["page_id"]: row
        for row in WorkProgrammeActivity.objects.filter(page__year=year, page__locale=locale)
        .values("page_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=ActivityStatus.DONE)),
            late=Count("pk", filter=late_q(today)),
        )
    }
    present = dict(
        MeetingAttendance.objects.filter(
            page__start__gte=since, page__start__lt=until, page__locale=locale, present=True
        )
        .values("page_id")
        .annotate(n=Count("organisation", distinct=True))
        .values_list("page_id", "n")
    )
    memberships = {}
    for row in GroupMembership.objects.filter(page_id__in=[g.pk for g in groups]).values(
        "page_id", "start_date", "end_date"
    ):
        memberships.setdefault(row["page_id"], []).append(row)
    updates = {}
    for depth in {g.depth for g in groups}:
        length = depth * Page.steplen
        rows = (
            Page.objects.filter(locale=locale, depth__gte=depth)
            .annotate(group_path=Substr("path", 1, length))
            .order_by()
            .values("group_path")
            .annotate(last=Max(Coalesce("latest_revision_created_at", "last_published_at")))
            .values_list("group_path", "last")
        )
        updates.update({path: last for path, last in rows if len(path) == length})

    result = []
    for group in groups:
        tor = (tors.get(group.path) or [None])[0]
        programme = (programmes.get(group.path) or [None])[0]
        review = (reviews.get(group.path) or [None])[0]
        held = meetings.get(group.path, [])
        last_meeting = held[-1] if held else None
        stats = activity_stats.get(programme["pk"]) if programme else None
        expected = attended = 0
        for meeting in held:
            day = timezone.localtime(meeting["start"]).date()
            members = sum(
                1
                for m in memberships.get(group.pk, [])
                if m["start_date"] <= day and (m["end_date"] is None or m["end_date"] >= day)
            )
            expected += members
            attended += min(present.get(meeting["pk"], 0), members)
        last_update = updates.get(group.path)
        warnings = []
        if last_update is None or last_update < now - datetime.timedelta(days=STALE_DAYS):
            warnings.append(_("No update for %(days)s days") % {"days": STALE_DAYS})
        if tor is None:
            warnings.append(_("No terms of reference"))
        if programme is None:
            warnings.append(_("No work programme for %(year)s") % {"year": year})
        total = stats["total"] if stats else 0
        result.append(
            {
                "group": group,
                "is_subgroup": isinstance(group, SubGroupPage),
                "group_url": reverse("wagtailadmin_explore", args=[group.pk]),
                "lead": group.lead_partner,
                "lead_url": reverse(
                    "wagtailsnippets_groups_organisation:edit", args=[group.lead_partner_id]
                )
                if group.lead_partner_id
                else "",
                "tor": tor,
                "tor_url": _edit(tor and tor["pk"]),
                "programme": programme,
                "programme_url": _edit(programme and programme["pk"]),
                "activities": total,
                "done": stats["done"] if stats else 0,
                "late": stats["late"] if stats else 0,
                "attended": attended,
                "expected": expected,
                "done_pct": round(100 * stats["done"] / total) if total else None,
                "late_pct": round(100 * stats["late"] / total) if total else None,
                "meetings": len(held),
                "last_meeting": last_meeting,
                "last_meeting_url": _edit(last_meeting and last_meeting["pk"]),
                "attendance_pct": round(100 * attended / expected) if expected else None,
                "review": review,
                "review_url": _edit(review and review["pk"]),
                "last_update": last_update,
                "warnings": warnings,
            }
        )
    return result


def available_years():
    years = set(WorkProgrammePage.objects.values_list("year", flat=True).distinct())
    current = timezone.localdate().year
    years.update({current, current - 1})
    return sorted(years, reverse=True)


HEADERS = [
    ("group", "Group"),
    ("acronym", "Acronym"),
    ("lead", "Lead partner"),
    ("tor", "ToR adopted"),
    ("programme", "Work programme"),
    ("done", "Activities done (%)"),
    ("late", "Activities late (%)"),
    ("meetings", "Meetings held"),
    ("last_meeting", "Last meeting"),
    ("attendance", "Attendance rate (%)"),
    ("review", "Annual review (previous year)"),
    ("last_update", "Last update"),
    ("warnings", "Warnings"),
]


def _date(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def export_rows(rows):
    """(header labels, list of (value, admin url) cells per row) for the CSV/XLSX exports."""
    labels = [_(label) for _key, label in HEADERS]
    yes, no = _("yes"), _("no")
    table = []
    for row in rows:
        group = row["group"]
        tor = row["tor"]
        table.append(
            [
                (group.title, row["group_url"]),
                (group.acronym, row["group_url"]),
                (str(row["lead"] or ""), row["lead_url"]),
                ((_date(tor["adoption_date"]) or yes) if tor else no, row["tor_url"]),
                (yes if row["programme"] else no, row["programme_url"]),
                ("" if row["done_pct"] is None else row["done_pct"], row["programme_url"]),
                ("" if row["late_pct"] is None else row["late_pct"], row["programme_url"]),
                (row["meetings"], row["last_meeting_url"]),
                (
                    _date(row["last_meeting"] and row["last_meeting"]["start"]),
                    row["last_meeting_url"],
                ),
                (
                    "" if row["attendance_pct"] is None else row["attendance_pct"],
                    row["last_meeting_url"],
                ),
                (yes if row["review"] else no, row["review_url"]),
                (_date(row["last_update"]), row["group_url"]),
                ("; ".join(row["warnings"]), ""),
            ]
        )
    return labels, table


def csv_response(rows, year, base_url):
    labels, table = export_rows(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(labels)
    for cells in table:
        writer.writerow([spreadsheet_cell(value) for value, _url in cells])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tableau-de-bord-gt-{year}.csv"'
    return response


def xlsx_response(rows, year, base_url):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    labels, table = export_rows(rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(year)
    sheet.append(labels)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, cells in enumerate(table, start=2):
        for c, (value, url) in enumerate(cells, start=1):
            cell = sheet.cell(row=r, column=c, value=spreadsheet_cell(value))
            if url:
                cell.hyperlink = base_url + url
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="tableau-de-bord-gt-{year}.xlsx"'
    return response
