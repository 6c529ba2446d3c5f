"""Two-factor authentication (TOTP) for the administrators and the Pool Technique.

Built on django-otp's TOTP devices (wagtail-2fa 1.8 imports ``UserListingButton``, which Wagtail
8 no longer has, so it cannot be used). Contract:
- eligible: superusers and members of the "Administrateurs" and "Pool Technique" roles;
- optional by default: an eligible user may set up an authenticator app (QR code rendered here
  as inline SVG by segno: the secret never leaves the server) and then enters a 6-digit code
  once per session in the admin; ``TWO_FACTOR_REQUIRED = True`` makes the setup mandatory;
- django-otp throttles wrong codes (growing delay after each failure);
- setting up and removing a device is written to the audit log.

SQL: one query for the user's confirmed devices per admin request (cached on the user).
"""

import base64
import time

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .roles import ADMINISTRATORS, POOL_TECHNIQUE

TWO_FACTOR_ROLES = (ADMINISTRATORS, POOL_TECHNIQUE)


def is_eligible(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_two_factor_eligible", None)
    if cached is None:
        cached = user.groups.filter(name__in=TWO_FACTOR_ROLES).exists()
        user._two_factor_eligible = cached
    return cached


def confirmed_device(user):
    if not hasattr(user, "_two_factor_device"):
        user._two_factor_device = (
            TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        )
    return user._two_factor_device


def needs_verification(user):
    """A user with a confirmed device who has not entered a code in this session."""
    verified = getattr(user, "is_verified", None)
    return confirmed_device(user) is not None and not (verified and verified())


def needs_setup(user):
    return (
        getattr(settings, "TWO_FACTOR_REQUIRED", False)
        and is_eligible(user)
        and confirmed_device(user) is None
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if self.device is None or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not valid. Check the time of your phone and try again."),
                code="invalid",
            )
        return token


PENDING_KEY = "accounts_2fa_pending_key"


class SetupTokenForm(TokenForm):
    """Checks a code against a device not saved yet (its key is in the session)."""

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        device = self.device
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        if not token.isdecimal() or not totp.verify(int(token), tolerance=device.tolerance):
            raise forms.ValidationError(
                _("This code is not valid. Check the time of your phone and try again."),
                code="invalid",
            )
        self.matched_t = totp.t()
        return token


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _log(user, action, title):
    from .audit import log_user_action

    log_user_action(user, action, actor=user, title=title)


@never_cache
@sensitive_post_parameters("token")
@login_required(login_url="wagtailadmin_login")
def verify_view(request):
    device = confirmed_device(request.user)
    if device is None:
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next_url(request))
    return TemplateResponse(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def _qr_svg(device):
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)


@never_cache
@sensitive_post_parameters("token")
@login_required(login_url="wagtailadmin_login")
def setup_view(request):
    user = request.user
    if not is_eligible(user):
        messages.error(request, _("Two-factor authentication is for administrators."))
        return redirect("wagtailadmin_home")
    existing = confirmed_device(user)
    if request.method == "POST" and request.POST.get("action") == "remove":
        if existing is not None and not needs_verification(user):
            if getattr(settings, "TWO_FACTOR_REQUIRED", False):
                messages.error(request, _("Two-factor authentication is required on this site."))
            else:
                TOTPDevice.objects.filter(user=user).delete()
                _log(user, "accounts.2fa_removed", _("Two-factor authentication removed"))
                messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts_2fa_setup")
    if existing is not None:
        return TemplateResponse(
            request,
            "accounts/two_factor_setup.html",
            {"device": existing, "required": getattr(settings, "TWO_FACTOR_REQUIRED", False)},
        )
    # The new secret waits in the session until a code proves the app has it (no GET writes).
    key = request.session.get(PENDING_KEY)
    if not key:
        key = random_hex(20)
        request.session[PENDING_KEY] = key
    device = TOTPDevice(user=user, key=key, name=_("Authenticator app"), confirmed=False)
    form = SetupTokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.last_t = form.matched_t
        device.save()
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        del request.session[PENDING_KEY]
        otp_login(request, device)
        _log(user, "accounts.2fa_enabled", _("Two-factor authentication set up"))
        messages.success(request, _("Two-factor authentication is on."))
        return redirect(_next_url(request))
    manual_key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return TemplateResponse(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device),
            "manual_key": " ".join(manual_key[i : i + 4] for i in range(0, len(manual_key), 4)),
            "next": _next_url(request),
            "required": getattr(settings, "TWO_FACTOR_REQUIRED", False),
        },
    )
