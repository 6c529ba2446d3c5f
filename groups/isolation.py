"""Hide other groups' subtrees from users who hold rights on some groups only.

Wagtail's explorer already lists only "explorable" pages, but its page chooser, and listings
built on the chooser (copy/move destinations, link choosers), list every page. This module
computes, for a user, which GT/SGT subtrees are foreign to them and filters querysets with it.
"""

from django.db.models import Q
from wagtail.models import GroupPagePermission, Page


def permitted_paths(user):
    """Paths of the pages on which ``user`` holds any page permission (through their groups)."""
    cache_name = "_groups_permitted_paths"
    if not hasattr(user, cache_name):
        paths = list(
            GroupPagePermission.objects.filter(group__user=user)
            .values_list("page__path", flat=True)
            .distinct()
        )
        setattr(user, cache_name, paths)
    return getattr(user, cache_name)


def group_root_paths():
    from .models import SubGroupPage, ThematicGroupPage

    paths = list(ThematicGroupPage.objects.values_list("path", flat=True))
    paths += SubGroupPage.objects.values_list("path", flat=True)
    return sorted(paths)


def visible_pages_q(user):
    """A Q object selecting the pages ``user`` may see in admin listings (None: everything)."""
    if user.is_superuser:
        return None
    allowed = permitted_paths(user)
    condition = Q()
    for root in group_root_paths():
        if any(root.startswith(path) for path in allowed):
            continue  # rights on this group (or above it): everything inside is visible
        inside = [path for path in allowed if path.startswith(root)]
        keep = Q(pk__in=[])
        for path in inside:
            keep |= Q(path__startswith=path)
            ancestors = [path[:i] for i in range(len(root), len(path), Page.steplen)]
            keep |= Q(path__in=ancestors)
        condition &= ~Q(path__startswith=root) | keep
    return condition


def restrict_pages(pages, user):
    condition = visible_pages_q(user)
    if condition is None:
        return pages
    return pages.filter(condition)


def can_see_page(page, user):
    condition = visible_pages_q(user)
    return condition is None or Page.objects.filter(condition, pk=page.pk).exists()
