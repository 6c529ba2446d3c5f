"""Confirmation messages after a moderator's decision on a page (approve, request changes).

Wagtail's workflow action view — the "Approuver" / "Demander des modifications" buttons of the
admin home's "En attente de votre vérification" panel, with or without a comment — acts and
redirects without a word, and approving from the page editor only says the page was updated.
``WorkflowActionView`` (our subclass of Wagtail's view, mounted on the same path before the
admin's URLs: ``admin_overrides``) and the ``after_edit_page`` hook (``wagtail_hooks``) both
call ``confirm``, which says what happened: published and live, approved for the next step, or
sent back to its author.

SQL: one query (the page, re-read after the action) on top of Wagtail's.
"""

from django.contrib import messages
from django.urls import path
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages import workflow
from wagtail.models import Page, TaskState


def confirm(request, page_id, action_name):
    """Add the confirmation of ``action_name`` ("approve" or "reject") on page ``page_id``."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or action_name not in ("approve", "reject"):
        return
    title = get_latest_str(page)
    if action_name == "reject":
        text = _("Changes requested on the page “%(title)s”: it goes back to its author.")
    elif page.workflow_in_progress:
        text = _("The page “%(title)s” is approved: it goes to the next moderation step.")
    elif page.live and not page.has_unpublished_changes:
        text = _("The page “%(title)s” is approved and published: it is now on the site.")
    else:
        text = _("The page “%(title)s” is approved.")
    messages.success(request, text % {"title": title})


class WorkflowActionView(workflow.WorkflowActionView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if self.task_state.status != TaskState.STATUS_IN_PROGRESS:  # the action was taken
            confirm(request, self.object.pk, self.action_name)
        return response


admin_overrides = [
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        require_admin_access(WorkflowActionView.as_view()),
    ),
]
