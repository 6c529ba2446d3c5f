"""Admin › Documents to approve: the moderators' queue, and the approve / reject actions.

- ``GET /admin/library/review/``: the documents awaiting approval the user may approve (their
  groups' collections; every collection for the Pool Technique), with their metadata, a link to
  the file and a comment box. Four queries whatever the number of documents (session, user,
  collections with the permission, the page of documents with uploader and collection).
- ``POST /admin/library/review/<id>/approve/`` and ``…/reject/`` (reject needs a comment):
  refused (403) unless the user may approve *that* document; a confirmation message follows.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.documents import get_document_model

from . import moderation
from .models import ReviewStatus


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the uploader"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def review_queue_view(request):
    if not moderation.is_reviewer(request.user):
        raise PermissionDenied
    documents = moderation.review_queue(request.user)
    page = Paginator(documents, 25).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "library/admin/review_queue.html",
        {
            "page_title": _("Documents to approve"),
            "documents": page,
            "form": DecisionForm(),
        },
    )


def _decide(request, document_id, decision):
    document = get_object_or_404(get_document_model(), pk=document_id)
    if not moderation.can_review(request.user, document):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The comment is too long (2,000 characters at most)."))
        return redirect("library_review_queue")
    comment = form.cleaned_data["comment"]
    if document.review_status != ReviewStatus.PENDING or not document.is_listed:
        messages.warning(
            request,
            _("“%(title)s” was not awaiting approval any more: nothing changed.")
            % {"title": document.title},
        )
        return redirect("library_review_queue")
    if decision == "approve":
        moderation.approve(document, request.user, comment)
        messages.success(
            request,
            _("“%(title)s” approved: it is now in the public library.") % {"title": document.title},
        )
    else:
        if not comment.strip():
            messages.error(
                request,
                _("Say why “%(title)s” is rejected: the uploader receives your comment.")
                % {"title": document.title},
            )
            return redirect("library_review_queue")
        moderation.reject(document, request.user, comment)
        messages.success(
            request,
            _("“%(title)s” rejected: the uploader has been told.") % {"title": document.title},
        )
    return redirect("library_review_queue")


@require_POST
def approve_view(request, document_id):
    return _decide(request, document_id, "approve")


@require_POST
def reject_view(request, document_id):
    return _decide(request, document_id, "reject")


class DocumentsPanel(Component):
    """Admin home: the user's documents awaiting approval or rejected (with the moderator's
    comment), and for approvers the size of their queue. Three queries at most."""

    name = "library_documents"
    order = 20
    template_name = "library/admin/documents_panel.html"

    def __init__(self, request):
        self.request = request
        user = request.user
        self.mine = list(
            get_document_model()
            .objects.filter(moderation.status_q(), uploaded_by_user=user)
            .order_by("-submitted_at", "-pk")
            .only("pk", "title", "review_status", "review_comment")[:10]
        )
        self.queue = moderation.review_queue(user).count() if moderation.is_reviewer(user) else None

    @property
    def shown(self):
        return bool(self.mine) or self.queue is not None

    def get_context_data(self, parent_context=None):
        return {"mine": self.mine, "queue": self.queue}
