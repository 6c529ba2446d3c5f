"""Admin home: the "Mon groupe" panel, one block per GT/SGT the user edits or moderates.

Each block has the focal point's common tasks in one click (edit the group page, add a
meeting, upload a document, add a news item, start next year's work programme), the group's
drafts and pages awaiting moderation, and what the monitoring dashboard flags for the group
(no terms of reference, no programme, no update for 90 days), each with the link that fixes it.

Shown to members of a group's "Éditeurs"/"Modérateurs" only (the Pool Technique has the
dashboard panel). SQL: a fixed number of queries whatever the number of groups, pages and
documents — the user's accesses (1), their pages (1), the dashboard's flat queries
(``dashboard.dashboard_rows``), drafts (1) and pages in moderation (1).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, WorkflowState

from .dashboard import STALE_DAYS, dashboard_rows
from .models import GroupAccess

LIST_LIMIT = 5


def _add(model, parent):
    return reverse("wagtailadmin_pages:add", args=["groups", model, parent.pk])


def _edit(pk):
    return reverse("wagtailadmin_pages:edit", args=[pk])


def _actions(group, row, year):
    programme = row["programme"]
    if programme:
        programme_action = (
            _("Start the %(year)s work programme") % {"year": year + 1},
            reverse("groups_copy_work_programme", args=[programme["pk"]]),
        )
    else:
        programme_action = (
            _("Write the %(year)s work programme") % {"year": year},
            _add("workprogrammepage", group),
        )
    # (label, url, icon, method): "post" actions create a draft at once (one click).
    return [
        (_("Edit the group page"), _edit(group.pk), "edit", "get"),
        (_("Add a meeting"), reverse("groups_new_meeting", args=[group.pk]), "date", "post"),
        (_("Upload a document"), reverse("wagtaildocs:add_multiple"), "doc-full-inverse", "get"),
        (_("Add a news item"), _add("groupnewspage", group), "pilcrow", "get"),
        (*programme_action, "list-ul", "post" if programme else "get"),
    ]


def _flags(group, row, year):
    flags = []
    if row["tor"] is None:
        flags.append(
            (_("No terms of reference"), _("Write them"), _add("termsofreferencepage", group))
        )
    if row["programme"] is None:
        flags.append(
            (
                _("No work programme for %(year)s") % {"year": year},
                _("Write it"),
                _add("workprogrammepage", group),
            )
        )
    stale_since = timezone.now() - datetime.timedelta(days=STALE_DAYS)
    if row["last_update"] is None or row["last_update"] < stale_since:
        flags.append(
            (
                _("No update for %(days)s days") % {"days": STALE_DAYS},
                _("Update the group page"),
                _edit(group.pk),
            )
        )
    return flags


def my_group_blocks(user, year=None):
    """One dict per group the user edits or moderates (source-language pages), by path."""
    if not user.is_authenticated:
        return []
    year = year or timezone.localdate().year
    accesses = list(
        GroupAccess.objects.filter(Q(editors__user=user) | Q(moderators__user=user))
        .distinct()
        .values("translation_key", "moderators_id", "collection_id")
    )
    if not accesses:
        return []
    moderated_groups = set(user.groups.values_list("pk", flat=True))
    keys = {a["translation_key"]: a for a in accesses}
    rows = {
        row["group"].translation_key: row
        for row in dashboard_rows(year, Locale.get_default())
        if row["group"].translation_key in keys
    }
    if not rows:
        return []
    paths = [row["group"].path for row in rows.values()]
    inside = Q()
    for path in paths:
        inside |= Q(path__startswith=path)
    # Pages in a workflow: WorkflowState.object_id is text, so compare it with the page's id
    # cast to text (a subquery, not a join: the generic relation cannot be joined on PostgreSQL).
    in_progress = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values("object_id")
    pages = Page.objects.filter(inside).annotate(text_id=Cast("pk", CharField()))
    drafts = list(
        pages.filter(has_unpublished_changes=True)
        .exclude(text_id__in=in_progress)
        .order_by("-latest_revision_created_at")
        .values("pk", "draft_title", "path", "live")[:200]
    )
    in_moderation = list(
        pages.filter(text_id__in=in_progress)
        .order_by("-latest_revision_created_at")
        .values("pk", "draft_title", "path")[:200]
    )
    blocks = []
    for key, row in sorted(rows.items(), key=lambda item: item[1]["group"].path):
        group = row["group"]

        def mine(items, group=group):
            found = [dict(item, url=_edit(item["pk"])) for item in items]
            found = [item for item in found if item["path"].startswith(group.path)]
            return found[:LIST_LIMIT], len(found)

        group_drafts, drafts_total = mine(drafts)
        waiting, waiting_total = mine(in_moderation)
        blocks.append(
            {
                "group": group,
                "is_moderator": keys[key]["moderators_id"] in moderated_groups,
                "actions": _actions(group, row, year),
                "drafts": group_drafts,
                "drafts_total": drafts_total,
                "waiting": waiting,
                "waiting_total": waiting_total,
                "flags": _flags(group, row, year),
                "explore_url": reverse("wagtailadmin_explore", args=[group.pk]),
                "public_url": group.url if group.live else "",
            }
        )
    return blocks


class MyGroupPanel(Component):
    name = "my_group"
    order = 10  # first on the admin home
    template_name = "groups/admin/my_group_panel.html"

    def __init__(self, request, blocks):
        self.request = request
        self.blocks = blocks

    def get_context_data(self, parent_context=None):
        """The one-click actions are POST forms: they need the CSRF token (a component's
        template is rendered with this context only, not the page's)."""
        from django.middleware.csrf import get_token

        return {
            "blocks": self.blocks,
            "request": self.request,
            "csrf_token": get_token(self.request),
        }
