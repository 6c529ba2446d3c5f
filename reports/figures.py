"""Every figure of the Pool Technique's dashboard and quarterly reports: one place for each.

``period_figures(period)`` returns the figures of a ``reports.periods.Period`` as plain
JSON data (numbers, strings, ISO dates, decimal amounts as strings), section by section:

- ``groups``: per GT/SGT, meetings held with the participation rate and work-programme
  progress — the rows of ``groups.dashboard.dashboard_rows`` for the period (one definition of
  a meeting held, an attendance rate and a late activity);
- ``themes``: per priority theme of the year's PTF work programme, the groups carrying it,
  the activities linked to it (done / late) and the last meeting that discussed it;
- ``documents``: public library documents put online in the period, per audience;
- ``calendar``: reference reports put online in the period, and those still to acquire;
- ``iati``: IATI activities first published or updated in the period and their commitments.

The dashboard (``reports.views``) shows this data and the quarterly report stores it (its
``figures`` snapshot), so a report's figures are the dashboard's for the same period.
Figures are read from the default language's tree (translations repeat the same data).

SQL cost: constant whatever the amount of data — about 13 queries for the groups section,
about 9 for the themes, 2 for the documents, 2 for the calendar, 2 for IATI (asserted in
tests, with and without data).
"""

import datetime
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from wagtail.models import Locale

SECTIONS = ("groups", "themes", "documents", "calendar", "iati")


def _iso(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def _pct(part, whole):
    return round(100 * part / whole) if whole else None


def _reference_day(period):
    """The day 'late' is measured on: the end of the period, or today if it is not over."""
    return min(timezone.localdate(), period.end + datetime.timedelta(days=1))


# --- Groups: meetings, participation, work-programme progress -------------------------------


def group_rows(period, locale=None):
    """The monitoring dashboard's rows for the period (``groups.dashboard``)."""
    from groups.dashboard import dashboard_rows

    since, until = period.bounds()
    return dashboard_rows(period.year, locale, since=since, until=until)


def groups_section(period, rows=None):
    rows = group_rows(period) if rows is None else rows
    items = []
    totals = {"meetings": 0, "attended": 0, "expected": 0, "activities": 0, "done": 0, "late": 0}
    for row in rows:
        group = row["group"]
        last = row["last_meeting"]
        item = {
            "group_id": group.pk,
            "title": group.title,
            "acronym": group.acronym,
            "subgroup": row["is_subgroup"],
            "meetings": row["meetings"],
            "last_meeting": _iso(last and last["start"]),
            "attended": row["attended"],
            "expected": row["expected"],
            "attendance_pct": row["attendance_pct"],
            "has_programme": bool(row["programme"]),
            "activities": row["activities"],
            "done": row["done"],
            "late": row["late"],
            "done_pct": row["done_pct"],
            "late_pct": row["late_pct"],
        }
        for key in totals:
            totals[key] += item[key]
        items.append(item)
    totals["groups_meeting"] = sum(1 for item in items if item["meetings"])
    totals["attendance_pct"] = _pct(totals["attended"], totals["expected"])
    totals["done_pct"] = _pct(totals["done"], totals["activities"])
    totals["late_pct"] = _pct(totals["late"], totals["activities"])
    return {"rows": items, "totals": totals}


# --- Priority themes of the PTF work programme ---------------------------------------------


def themes_section(period, groups=None):
    """Per priority theme of ``period.year``: carrying groups, activities, last meeting."""
    from groups.dashboard import late_q
    from groups.models import ActivityStatus, MeetingPage, WorkProgrammeActivity

    from .models import CoordinationMeeting, PriorityTheme

    locale = Locale.get_default()
    themes = list(
        PriorityTheme.objects.filter(locale=locale, page__year=period.year, page__locale=locale)
        .order_by("page__path", "sort_order", "pk")
        .values("pk", "title")
    )
    ids = [theme["pk"] for theme in themes]
    if not ids:
        return {"rows": [], "totals": {"themes": 0, "activities": 0, "done": 0, "late": 0}}
    if groups is None:
        groups = _group_labels()
    carried = {}
    for theme_id, page_id in PriorityTheme.groups.through.objects.filter(
        prioritytheme_id__in=ids
    ).values_list("prioritytheme_id", "page_id"):
        if page_id in groups:
            carried.setdefault(theme_id, []).append(groups[page_id])
    prefix = "workprogrammeactivity__"
    stats = {
        row["prioritytheme_id"]: row
        for row in WorkProgrammeActivity.priority_themes.through.objects.filter(
            prioritytheme_id__in=ids,
            workprogrammeactivity__page__year=period.year,
            workprogrammeactivity__page__locale=locale,
        )
        .values("prioritytheme_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(**{f"{prefix}status": ActivityStatus.DONE})),
            late=Count("pk", filter=late_q(_reference_day(period), prefix)),
            groups=Count(f"{prefix}page__path", distinct=True),
        )
    }
    last = _last_meetings(period, ids, locale, MeetingPage, CoordinationMeeting)
    rows = []
    totals = {"themes": len(themes), "activities": 0, "done": 0, "late": 0}
    for theme in themes:
        stat = stats.get(theme["pk"]) or {"total": 0, "done": 0, "late": 0, "groups": 0}
        row = {
            "theme_id": theme["pk"],
            "title": theme["title"],
            "groups": sorted(carried.get(theme["pk"], []), key=lambda g: g["acronym"]),
            "activities": stat["total"],
            "done": stat["done"],
            "late": stat["late"],
            "programmes": stat["groups"],
            "done_pct": _pct(stat["done"], stat["total"]),
            "late_pct": _pct(stat["late"], stat["total"]),
            "last_meeting": last.get(theme["pk"]),
        }
        for key in ("activities", "done", "late"):
            totals[key] += row[key]
        rows.append(row)
    return {"rows": rows, "totals": totals}


def _group_labels():
    from groups.models import SubGroupPage, ThematicGroupPage

    locale = Locale.get_default()
    labels = {}
    for model in (ThematicGroupPage, SubGroupPage):
        for pk, title, acronym in model.objects.filter(locale=locale).values_list(
            "pk", "title", "acronym"
        ):
            labels[pk] = {"id": pk, "title": title, "acronym": acronym}
    return labels


def _last_meetings(period, ids, locale, MeetingPage, CoordinationMeeting):
    """{theme id: the last meeting (GT/SGT or PTF coordination) up to the period's end}."""
    _since, until = period.bounds()
    until = min(until, timezone.now())
    last = {}
    for row in (
        MeetingPage.priority_themes.through.objects.filter(
            prioritytheme_id__in=ids, meetingpage__start__lt=until, meetingpage__locale=locale
        )
        .values("prioritytheme_id")
        .annotate(start=Max("meetingpage__start"))
    ):
        last[row["prioritytheme_id"]] = {"kind": "group", "date": _iso(row["start"])}
    day = min(period.end, timezone.localdate())
    for row in (
        CoordinationMeeting.themes.through.objects.filter(
            prioritytheme_id__in=ids, coordinationmeeting__date__lte=day
        )
        .values("prioritytheme_id")
        .annotate(day=Max("coordinationmeeting__date"))
    ):
        current = last.get(row["prioritytheme_id"])
        if current is None or current["date"] < row["day"].isoformat():
            last[row["prioritytheme_id"]] = {"kind": "coordination", "date": _iso(row["day"])}
    return last


# --- Library: documents put online per audience ----------------------------------------------


def documents_section(period):
    """Public documents put online (first listed in the library) in the period, per audience."""
    from library.models import AudienceCode
    from library.queries import visible_documents

    since, until = period.bounds()
    documents = visible_documents(None).filter(listed_at__gte=since, listed_at__lt=until)
    counts = {
        row["audiences__code"]: row["n"]
        for row in documents.order_by()
        .values("audiences__code")
        .annotate(n=Count("pk", distinct=True))
    }
    rows = [{"audience": code, "count": counts.get(code, 0)} for code in AudienceCode.values]
    distinct = documents.order_by().values("pk").distinct().count()
    return {"rows": rows, "totals": {"documents": distinct}}


# --- Report calendar ------------------------------------------------------------------------


def calendar_section(period):
    """Reference reports put online in the period; those still to acquire at its end."""
    from library.models import ReportEdition

    since, until = period.bounds()
    fields = ("series__title", "edition", "expected_date", "status")

    def rows(queryset):
        return [
            {
                "series": row["series__title"],
                "edition": row["edition"],
                "expected_date": _iso(row["expected_date"]),
                "status": row["status"],
            }
            for row in queryset.order_by("expected_date", "series__title", "pk").values(*fields)
        ]

    online = rows(ReportEdition.objects.filter(put_online_at__gte=since, put_online_at__lt=until))
    late = rows(
        ReportEdition.objects.to_acquire(today=_reference_day(period)).filter(
            expected_date__lte=period.end
        )
    )
    return {"online": online, "late": late, "totals": {"online": len(online), "late": len(late)}}


# --- IATI -------------------------------------------------------------------------------------


def iati_section(period):
    """Activities live today, first published or updated (republished) in the period."""
    from iati_publisher.models import Activity, Transaction

    since, until = period.bounds()
    activities = Activity.objects.filter(
        live=True, last_published_at__gte=since, last_published_at__lt=until
    )
    new = Q(first_published_at__gte=since)
    per_org = [
        {
            "organisation": row["reporting_org__name_fr"] or row["reporting_org__ref"],
            "organisation_en": row["reporting_org__name_en"] or row["reporting_org__name_fr"],
            "published": row["published"],
            "updated": row["updated"],
        }
        for row in activities.order_by()
        .values("reporting_org__name_fr", "reporting_org__name_en", "reporting_org__ref")
        .annotate(published=Count("pk", filter=new), updated=Count("pk", filter=~new))
        .order_by("reporting_org__name_fr", "reporting_org__ref")
    ]
    commitments = [
        {"currency": row["money"], "total": _amount(row["total"])}
        for row in Transaction.objects.filter(activity__in=activities, transaction_type="2")
        .annotate(money=Coalesce(NullIf("currency", Value("")), "activity__default_currency"))
        .order_by()
        .values("money")
        .annotate(total=Sum("value"))
        .order_by("money")
        if row["money"]
    ]
    totals = {
        "published": sum(row["published"] for row in per_org),
        "updated": sum(row["updated"] for row in per_org),
    }
    return {"organisations": per_org, "commitments": commitments, "totals": totals}


def _amount(value):
    value = Decimal(value or 0)
    text = format(value.quantize(Decimal("0.01")) if value % 1 else value.quantize(1), "f")
    return text


# --- All sections --------------------------------------------------------------------------


def period_figures(period):
    """Every section for ``period`` (plain JSON data; see the module docstring)."""
    rows = group_rows(period)
    labels = {
        row["group"].pk: {
            "id": row["group"].pk,
            "title": row["group"].title,
            "acronym": row["group"].acronym,
        }
        for row in rows
    }
    return {
        "period": period.code,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "groups": groups_section(period, rows),
        "themes": themes_section(period, labels),
        "documents": documents_section(period),
        "calendar": calendar_section(period),
        "iati": iati_section(period),
    }


def has_data(figures):
    """False when nothing happened in the period: no meeting held, no document, no report
    put online, no IATI activity published (the year's programmes alone are not a quarter)."""
    return bool(
        figures["groups"]["totals"]["meetings"]
        or figures["documents"]["totals"]["documents"]
        or figures["calendar"]["totals"]["online"]
        or figures["iati"]["totals"]["published"]
        or figures["iati"]["totals"]["updated"]
    )
