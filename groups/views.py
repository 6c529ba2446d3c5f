"""Admin views of the groups app: copy last year's work programme, manage a group's members,
and confirm what to do with a group's rights when its page is deleted."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .isolation import can_see_page
from .models import ActivityStatus, GroupAccess, WorkProgrammeActivity, WorkProgrammePage


def _shift(day, years):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def copy_work_programme(source, user=None):
    """A draft work programme for the next year, copied from ``source`` (dates shifted)."""
    parent = source.get_parent()
    year = source.year + 1
    title = source.title.replace(str(source.year), str(year))
    if title == source.title:
        title = f"{source.title} {year}"
    slug = slugify(title) or f"programme-{year}"
    taken = set(parent.get_children().values_list("slug", flat=True))
    base, n = slug, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    page = WorkProgrammePage(
        title=title,
        slug=slug,
        year=year,
        objectives=source.objectives,
        ptf_coherence=source.ptf_coherence,
        live=False,
        owner=user,
        locale_id=source.locale_id,
    )
    page.activities = [
        WorkProgrammeActivity(
            title=activity.title,
            responsible=activity.responsible,
            start_date=_shift(activity.start_date, 1),
            end_date=_shift(activity.end_date, 1),
            status=ActivityStatus.PLANNED,
            expected_results=activity.expected_results,
            sort_order=activity.sort_order,
        )
        for activity in source.activities.all()
    ]
    parent.add_child(instance=page)
    page.save_revision(user=user)
    return page


@require_http_methods(["GET", "POST"])
def copy_work_programme_view(request, page_id):
    source = get_object_or_404(WorkProgrammePage, pk=page_id)
    parent = source.get_parent()
    if not (
        can_see_page(source, request.user)
        and parent.permissions_for_user(request.user).can_add_subpage()
    ):
        raise PermissionDenied
    existing = WorkProgrammePage.objects.child_of(parent).filter(year=source.year + 1).first()
    if existing is not None:
        messages.error(
            request,
            _("There is already a work programme for %(year)s.") % {"year": existing.year},
        )
        return redirect("wagtailadmin_pages:edit", existing.pk)
    if request.method == "POST":
        with transaction.atomic():
            page = copy_work_programme(source, request.user)
        messages.success(
            request,
            _("Draft work programme %(year)s created from %(source)s.")
            % {"year": page.year, "source": source.year},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "groups/admin/copy_work_programme.html",
        {"source": source, "next_year": source.year + 1},
    )


# --- Membership of a group's two Wagtail groups, managed by its moderators -------------------


def managed_accesses(user):
    accesses = GroupAccess.objects.select_related("editors", "moderators").order_by("acronym")
    if user.is_superuser:
        return accesses
    return accesses.filter(moderators__user=user)


def membership_index(request):
    accesses = list(managed_accesses(request.user))
    if not accesses:
        raise PermissionDenied
    return TemplateResponse(request, "groups/admin/membership_index.html", {"accesses": accesses})


@require_http_methods(["GET", "POST"])
def membership_edit(request, access_id):
    access = get_object_or_404(managed_accesses(request.user), pk=access_id)
    roles = {"editors": access.editors, "moderators": access.moderators}
    User = get_user_model()
    if request.method == "POST":
        group = roles.get(request.POST.get("role"))
        if group is None:
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "add":
            username = request.POST.get("username", "").strip()
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                messages.error(
                    request, _("No active user “%(username)s”.") % {"username": username}
                )
            else:
                user.groups.add(group)
                messages.success(
                    request, _("%(user)s added to %(group)s.") % {"user": user, "group": group.name}
                )
        elif action == "remove":
            user = get_object_or_404(User, pk=request.POST.get("user_id"))
            user.groups.remove(group)
            messages.success(
                request, _("%(user)s removed from %(group)s.") % {"user": user, "group": group.name}
            )
        else:
            raise PermissionDenied
        return redirect("groups_membership_edit", access.pk)
    members = {
        role: group.user_set.order_by("username") if group else [] for role, group in roles.items()
    }
    return TemplateResponse(
        request,
        "groups/admin/membership_edit.html",
        {"access": access, "editors": members["editors"], "moderators": members["moderators"]},
    )


# --- Deleting a GT/SGT page: keep or delete its rights ---------------------------------------


def delete_confirmation(request, page):
    """Called by the ``before_delete_page`` hook: ask what to do with the group's rights."""
    access = page.get_access()
    if access is None or access.pages().exclude(pk=page.pk).exists():
        return None  # other translations keep using the rights
    choice = request.POST.get("group_rights")
    if request.method == "POST" and choice in ("keep", "delete"):
        request._groups_delete_choice = (choice, access.pk)
        return None
    return TemplateResponse(
        request,
        "groups/admin/confirm_delete_group.html",
        {
            "page": page,
            "access": access,
            "action_url": reverse("wagtailadmin_pages:delete", args=[page.pk]),
            "next": request.GET.get("next", ""),
            "today": datetime.date.today(),
        },
    )
