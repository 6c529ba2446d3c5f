"""Admin screens of the trainers: progress per session and per person, the sandbox reset, and
the "your next module" panel of the admin home.

- ``progress_view``: sessions (newest first) with each participant's progress over the
  session's modules; ``?user=<id>`` shows one person over every module. Needs
  ``training.view_training_progress``. Constant SQL: 4 queries + 1 per session listed (capped).
- ``sandbox_view``: GET shows the form; POST resets the sandbox and shows the one-time
  passwords once (never stored). Needs ``training.reset_sandbox``.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from .models import SessionParticipant, TrainingModulePage, TrainingSessionPage
from .queries import PROGRESS_PERMISSION, next_module, progress_rows
from .sandbox import SandboxError, reset_sandbox, sandbox_root

RESET_PERMISSION = "training.reset_sandbox"
SESSIONS_SHOWN = 20


def _admin_locale():
    """The admin language's locale (Wagtail's ``Locale.get_active``, cached by
    ``home.performance``); None before the locales exist (never a 500)."""
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def progress_view(request):
    if not request.user.has_perm(PROGRESS_PERMISSION):
        raise PermissionDenied
    locale = _admin_locale()
    user_id = request.GET.get("user", "")
    if user_id.isdecimal():
        person = get_object_or_404(get_user_model(), pk=int(user_id))
        modules = list(
            TrainingModulePage.objects.live().filter(locale=locale).order_by("number", "title")
        )
        return TemplateResponse(
            request,
            "training/admin/progress_person.html",
            {"person": person, "row": progress_rows([person], modules)[0]},
        )
    sessions = list(
        TrainingSessionPage.objects.filter(locale=locale)
        .select_related("trainer")
        .prefetch_related("modules")
        .order_by("-start")[:SESSIONS_SHOWN]
    )
    participants = {}
    for participant in (
        SessionParticipant.objects.filter(page__in=sessions)
        .select_related("user")
        .order_by("sort_order")
    ):
        participants.setdefault(participant.page_id, []).append(participant.user)
    blocks = []
    for session in sessions:
        modules = sorted(session.modules.all(), key=lambda m: (m.number, m.title))
        blocks.append(
            {
                "session": session,
                "modules": modules,
                "rows": progress_rows(participants.get(session.pk, []), modules),
            }
        )
    return TemplateResponse(request, "training/admin/progress.html", {"blocks": blocks})


class ResetForm(forms.Form):
    trainees = forms.IntegerField(
        label=_("Number of trainee accounts"), min_value=0, max_value=200, initial=10
    )


def sandbox_view(request):
    if not request.user.has_perm(RESET_PERMISSION):
        raise PermissionDenied
    credentials = None
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            credentials = reset_sandbox(form.cleaned_data["trainees"])
        except SandboxError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The sandbox was reset."))
    response = TemplateResponse(
        request,
        "training/admin/sandbox.html",
        {"form": form, "credentials": credentials, "sandbox": sandbox_root()},
    )
    response["Cache-Control"] = "no-store"  # the passwords are shown once
    return response


class NextModulePanel(Component):
    """Admin home: the first training module the user has not finished, in their language."""

    name = "training_next_module"
    order = 60
    template_name = "training/admin/next_module_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"next": next_module(self.request.user, _admin_locale())}
