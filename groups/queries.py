"""Queries of the public group pages, in a fixed number of SQL queries whatever the data size."""

from django.db.models import Exists, F, Max, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from .models import (
    ActivityStatus,
    GroupMembership,
    MeetingPage,
    Organisation,
    SubGroupPage,
    ThematicGroupPage,
    WorkProgrammeActivity,
)


def _prefix(path, depth):
    return path[: depth * Page.steplen]


def group_index_rows(index_page):
    """One row per live GT of the index: the page, its lead, next meeting and last update."""
    groups = list(
        ThematicGroupPage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("lead_partner")
        .order_by("title")
    )
    depth = index_page.depth + 1
    next_meetings = {}
    upcoming = (
        MeetingPage.objects.descendant_of(index_page)
        .live()
        .filter(start__gte=timezone.now())
        .order_by("start")
        .only("path", "start", "title", "url_path", "locale_id")
    )
    for meeting in upcoming:
        next_meetings.setdefault(_prefix(meeting.path, depth), meeting)
    updates = dict(
        Page.objects.descendant_of(index_page, inclusive=False)
        .annotate(group_path=Substr("path", 1, depth * Page.steplen))
        .order_by()
        .values("group_path")
        .annotate(last=Max("last_published_at"))
        .values_list("group_path", "last")
    )
    return [
        {
            "page": group,
            "next_meeting": next_meetings.get(group.path),
            "last_update": updates.get(group.path),
        }
        for group in groups
    ]


def progress(activities):
    total = len(activities)
    done = sum(1 for a in activities if a.status == ActivityStatus.DONE)
    late = sum(1 for a in activities if a.is_late)
    return {
        "total": total,
        "done": done,
        "late": late,
        "done_pct": round(100 * done / total) if total else 0,
        "late_pct": round(100 * late / total) if total else 0,
    }


def latest_documents(page, limit=5):
    """The latest publicly listed documents of the group's public collection, by the date they
    were first listed (a document approved today is new today, whatever its upload date; one
    query).

    ``listed()`` is the document model's own definition of "public" (library app), so a
    document still missing its metadata never shows here before it shows in the library.
    """
    from .models import GroupAccess

    Document = get_document_model()
    collection = GroupAccess.objects.filter(translation_key=page.translation_key).values(
        "collection_id"
    )
    return list(
        Document.objects.listed()
        .filter(collection_id__in=collection)
        .order_by(F("listed_at").desc(nulls_last=True), "-pk")[:limit]
    )


def public_q():
    """Excludes pages that sit under a view restriction (no extra query: a correlated
    NOT EXISTS on the restrictions whose page path is a prefix of the row's path)."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return ~Exists(restricted)


def localise_organisations(locale_id, holders, attributes=()):
    """Replace each holder's ``organisation`` (and each ``(object, name)`` attribute) by its
    translation in ``locale_id`` when there is one (one query, none when all are in it)."""
    found = [h.organisation for h in holders if getattr(h, "organisation", None)]
    found += [getattr(obj, name) for obj, name in attributes if getattr(obj, name, None)]
    keys = {org.translation_key for org in found if org.locale_id != locale_id}
    if not keys:
        return
    translated = {
        org.translation_key: org
        for org in Organisation.objects.filter(translation_key__in=keys, locale_id=locale_id)
    }
    for holder in holders:
        org = getattr(holder, "organisation", None)
        if org is not None and org.translation_key in translated:
            holder.organisation = translated[org.translation_key]
    for obj, name in attributes:
        org = getattr(obj, name, None)
        if org is not None and org.translation_key in translated:
            setattr(obj, name, translated[org.translation_key])


def group_page_context(page):
    """Everything the public GT/SGT page shows, in a fixed number of queries."""
    now = timezone.now()
    public = public_q()
    memberships = list(
        GroupMembership.objects.filter(page_id=page.pk)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    # Lead, co-lead and government counterpart: usually members already; fetch the others
    # (at most one query).
    fields = ("lead_partner", "co_lead", "government_counterpart")
    organisations = {m.organisation_id: m.organisation for m in memberships}
    missing = {getattr(page, f"{name}_id") for name in fields} - {None} - organisations.keys()
    if missing:
        organisations.update(Organisation.objects.in_bulk(missing))
    for name in fields:
        setattr(page, name, organisations.get(getattr(page, f"{name}_id")))
    focal_points = list(page.focal_points.select_related("organisation").all())
    # Organisations are linked in the source language: show their names in the page's (one
    # query, none on a French page).
    localise_organisations(
        page.locale_id,
        [*memberships, *focal_points],
        [(page, name) for name in fields],
    )
    # Every child page (meetings included) in ONE query, typed fields annotated, sorted out
    # in Python.
    children = list(
        Page.objects.child_of(page)
        .live()
        .filter(public)
        .annotate(
            model=F("content_type__model"),
            start=F("meetingpage__start"),
            place=F("meetingpage__place"),
            adoption_date=F("termsofreferencepage__adoption_date"),
            acronym=F("subgrouppage__acronym"),
            date=F("groupnewspage__date"),
            year=F("workprogrammepage__year"),
        )
        .only("id", "title", "path", "depth", "url_path", "locale_id")
        .order_by("path")
    )

    def of(model):
        return [child for child in children if child.model == model]

    meetings = sorted(of("meetingpage"), key=lambda m: m.start)
    upcoming = [m for m in meetings if m.start >= now][:5]
    past = [m for m in reversed(meetings) if m.start < now][:5]

    programmes = [p for p in of("workprogrammepage") if p.year <= now.year]
    programme = max(programmes, key=lambda p: p.year) if programmes else None
    activities = (
        list(WorkProgrammeActivity.objects.filter(page_id=programme.pk)) if programme else []
    )
    other_types = {"meetingpage", "subgrouppage", "groupnewspage"}
    parent_group = None
    if isinstance(page, SubGroupPage):
        from home import chrome

        depth, title, url = chrome.ancestors(page)[-1]  # cached with the page chrome
        parent_group = {"title": title, "url": url}
    return {
        "parent_group": parent_group,
        "memberships": memberships,
        "focal_points": focal_points,
        "upcoming_meetings": upcoming,
        "past_meetings": past,
        "programme": programme,
        "activities": activities,
        "progress": progress(activities),
        "terms_of_reference": next(iter(of("termsofreferencepage")), None),
        "sub_groups": sorted(of("subgrouppage"), key=lambda p: p.title),
        "news": sorted(of("groupnewspage"), key=lambda p: p.date, reverse=True)[:3],
        "other_pages": sorted(
            (c for c in children if c.model not in other_types), key=lambda p: p.title
        ),
        "latest_documents": latest_documents(page),
    }
