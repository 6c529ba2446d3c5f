"""Public and overriding views of the accounts app (URLs in ``accounts/urls.py``):

- :func:`accept_invitation` (``/<lang>/invitation/<token>/``): the invited person chooses a
  username and their own password; the link works once, for 7 days.
- :class:`PasswordResetView`: Wagtail's, throttled per address and per e-mail
  (``PASSWORD_RESET_RATE`` requests in 15 minutes); inactive accounts never receive a link
  (Django's form only e-mails active users) and the answer never says whether an account exists.
- :func:`serve_document`: Wagtail's document view; a document of a restricted collection is
  answered with ``Cache-Control: private, no-store`` (no shared cache keeps it).
- :class:`PageTypesUsageReportView`: Wagtail's report without the title of a last-edited page
  the user may not see (another group's draft). Mounted in ``config/urls.py`` on Wagtail's own
  path, before the admin's URLs, so its URL names keep working.

SQL: the acceptance is a few statements; the report adds one query.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.views import account as wagtail_account
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView as BaseReport
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve

from . import invitations
from .bulk_actions import visible_page_ids
from .forms import AcceptInvitationForm
from .security import client_ip, throttled

THROTTLE_WINDOW = 15 * 60


@never_cache
@sensitive_post_parameters("password1", "password2")
def accept_invitation(request, token):
    invitation = invitations.find_pending(token)
    if invitation is None:
        return TemplateResponse(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        user = invitations.accept(
            invitation,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your account is ready."))
        return redirect("wagtailadmin_home")
    return TemplateResponse(
        request,
        "accounts/invitation_accept.html",
        {
            "form": form,
            "invitation": invitation,
            "groups": [g.name for g in invitation.groups.order_by("name")],
        },
    )


class PasswordResetView(wagtail_account.PasswordResetView):
    def form_valid(self, form):
        rate = getattr(settings, "PASSWORD_RESET_RATE", 5)
        email = form.cleaned_data.get("email", "").strip().lower()
        too_many = throttled("reset-ip", client_ip(self.request), rate, THROTTLE_WINDOW)
        too_many = throttled("reset-email", email, rate, THROTTLE_WINDOW) or too_many
        if too_many:
            form.add_error(
                None,
                _("Too many password reset requests. Try again in 15 minutes."),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PageTypesUsageReportView(BaseReport):
    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        ids = [item.last_edited_page.pk for item in page_types if item.last_edited_page]
        allowed = visible_page_ids(self.request.user, ids) if ids else set()
        for item in page_types:
            if item.last_edited_page and item.last_edited_page.pk not in allowed:
                item.last_edited_page = None
        return page_types


def serve_document(request, document_id, document_filename):
    response = wagtail_serve(request, document_id, document_filename)
    document = get_document_model().objects.filter(pk=document_id).select_related("collection")
    document = document.first()
    if document is not None and document.collection.get_view_restrictions().exists():
        patch_cache_control(response, private=True, no_store=True)
    return response
