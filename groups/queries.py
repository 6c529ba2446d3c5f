"""Queries of the public group pages, in a fixed number of SQL queries whatever the data size."""

from django.db.models import Max, Q
from django.db.models.functions import Substr
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from .models import (
    ActivityStatus,
    GroupMembership,
    GroupNewsPage,
    MeetingPage,
    Organisation,
    SubGroupPage,
    TermsOfReferencePage,
    ThematicGroupPage,
    WorkProgrammePage,
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
    """The latest documents of the group's public collection (one query)."""
    from .models import GroupAccess

    Document = get_document_model()
    collection = GroupAccess.objects.filter(translation_key=page.translation_key).values(
        "collection_id"
    )
    return list(
        Document.objects.filter(collection_id__in=collection).order_by("-created_at")[:limit]
    )


def restricted_q(page):
    """Excludes the subtrees under ``page`` that carry a view restriction (one query)."""
    paths = PageViewRestriction.objects.filter(page__path__startswith=page.path).values_list(
        "page__path", flat=True
    )
    condition = Q()
    for path in paths:
        condition &= ~Q(path__startswith=path)
    return condition


def group_page_context(page):
    """Everything the public GT/SGT page shows, in a fixed number of queries."""
    now = timezone.now()
    public = restricted_q(page)
    # Lead, co-lead and government counterpart in one query instead of three.
    fields = ("lead_partner", "co_lead", "government_counterpart")
    ids = {getattr(page, f"{name}_id") for name in fields} - {None}
    organisations = Organisation.objects.in_bulk(ids) if ids else {}
    for name in fields:
        setattr(page, name, organisations.get(getattr(page, f"{name}_id")))
    meetings = list(
        MeetingPage.objects.child_of(page)
        .live()
        .filter(public)
        .only("title", "path", "url_path", "locale_id", "depth", "start", "place")
        .order_by("start")
    )
    upcoming = [m for m in meetings if m.start >= now][:5]
    past = [m for m in reversed(meetings) if m.start < now][:5]
    programme = (
        WorkProgrammePage.objects.child_of(page)
        .live()
        .filter(public, year__lte=now.year)
        .order_by("-year")
        .prefetch_related("activities")
        .first()
    )
    activities = list(programme.activities.all()) if programme else []
    other_types = ["meetingpage", "subgrouppage", "groupnewspage"]
    parent_group = page.get_parent() if isinstance(page, SubGroupPage) else None
    return {
        "parent_group": parent_group,
        "memberships": GroupMembership.objects.filter(page_id=page.pk)
        .select_related("organisation")
        .order_by("organisation__name"),
        "focal_points": page.focal_points.select_related("organisation").all(),
        "upcoming_meetings": upcoming,
        "past_meetings": past,
        "programme": programme,
        "activities": activities,
        "progress": progress(activities),
        "terms_of_reference": TermsOfReferencePage.objects.child_of(page)
        .live()
        .filter(public)
        .first(),
        "sub_groups": SubGroupPage.objects.child_of(page).live().filter(public).order_by("title"),
        "news": GroupNewsPage.objects.child_of(page).live().filter(public).order_by("-date")[:3],
        "other_pages": Page.objects.child_of(page)
        .live()
        .filter(public)
        .exclude(content_type__model__in=other_types)
        .order_by("title"),
        "latest_documents": latest_documents(page),
    }
