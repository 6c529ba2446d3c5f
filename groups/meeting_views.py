"""Admin: start a meeting of a group in one click, with its attendance already listed.

``POST /admin/groups/<group id>/new-meeting/`` creates a draft meeting under the group (never
published: it goes through moderation like any page) dated next week at 9:00, titled and
slugged after the date (ASCII, unique among the group's pages), with one attendance row per
organisation that is a member on that date — present by default, with the group's focal
points of that organisation as the persons present — then opens its editor, where each row
is a present/absent/excused toggle and outside participants can still be added.

Refused unless the user may add pages under the group (and sees it: ``groups.isolation``).
SQL: a handful of queries plus one INSERT per attendance row.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import validation
from .isolation import can_see_page
from .models import BaseGroupPage, GroupFocalPoint, MeetingAttendance, MeetingPage
from .models.meetings import default_start


def unique_slug(parent, slug, instance=None):
    """``slug`` (made ASCII), or ``slug-2``, ``slug-3``… when a sibling already uses it."""
    base = slugify(slug, allow_unicode=False) or "reunion"
    taken = set(Page.objects.child_of(parent).values_list("slug", flat=True))
    if instance is not None and instance.pk:
        taken.discard(Page.objects.filter(pk=instance.pk).values_list("slug", flat=True).first())
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def new_meeting(group, user):
    start = default_start()
    day = timezone.localtime(start).date()
    title = _("Meeting of %(date)s") % {"date": formats.date_format(day, "j F Y")}
    members = validation.member_ids_on(group, start)
    persons = {}
    for organisation_id, name in (
        GroupFocalPoint.objects.filter(page_id=group.pk, organisation_id__in=members)
        .order_by("sort_order")
        .values_list("organisation_id", "name")
    ):
        persons.setdefault(organisation_id, []).append(name)
    memberships = (
        group.memberships.filter(organisation_id__in=members)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    meeting = MeetingPage(
        title=title,
        slug=unique_slug(group, f"reunion-{day.isoformat()}"),
        start=start,
        owner=user,
        live=False,
        locale_id=group.locale_id,
    )
    seen = set()
    rows = []
    for membership in memberships:
        if membership.organisation_id in seen:
            continue
        seen.add(membership.organisation_id)
        rows.append(
            MeetingAttendance(
                organisation=membership.organisation,
                persons="\n".join(persons.get(membership.organisation_id, [])),
                sort_order=len(rows),
            )
        )
    meeting.attendances = rows
    group.add_child(instance=meeting)
    meeting.save_revision(user=user, log_action=True)
    return meeting


@require_POST
def new_meeting_view(request, group_id):
    group = get_object_or_404(Page, pk=group_id).specific
    if not isinstance(group, BaseGroupPage):
        raise PermissionDenied
    if not (
        can_see_page(group, request.user)
        and group.permissions_for_user(request.user).can_add_subpage()
    ):
        raise PermissionDenied
    with transaction.atomic():
        meeting = new_meeting(group, request.user)
    messages.success(
        request,
        _(
            "Draft meeting created with the %(count)s member organisations: set each one "
            "present, absent or excused, then submit."
        )
        % {"count": len(meeting.attendances.all())},
    )
    return redirect("wagtailadmin_pages:edit", meeting.pk)
