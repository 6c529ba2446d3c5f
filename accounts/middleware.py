"""Security middleware of the site (order in ``config/settings/base.py``).

- :class:`BadInputMiddleware`: a path segment, query parameter name or value holding a
  control character that XML cannot carry (NUL, vertical tab…) answers 400 before any view
  runs: PostgreSQL refuses NUL in strings and feeds cannot carry the rest. No SQL. The open
  data API (``/api/v2/``) applies the same rule itself, to answer in JSON.
- :class:`SecurityHeadersMiddleware`: ``Permissions-Policy`` on every response (Django's
  ``SecurityMiddleware`` already sets nosniff, Referrer-Policy, COOP and HSTS). No SQL.
- :class:`ContentSecurityPolicyMiddleware`: django-csp's middleware, with the admin's looser
  script/style sources (``ADMIN_CONTENT_SECURITY_POLICY``) on ``ADMIN_URL_PREFIXES``. No SQL.
- :class:`TwoFactorMiddleware`: in the admin, a user with a confirmed TOTP device must enter a
  code once per session; with ``TWO_FACTOR_REQUIRED`` the administrators and the Pool
  Technique must set one up first. One cached query per admin request (the user's devices).
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.defaults import bad_request

from .security import has_control_characters

API_PREFIX = "/api/v2/"  # the open data API (not the aid map's /api/aid/…)


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            return self.get_response(request)  # the API answers in JSON (``api.caching``)
        if has_control_characters(request.path) or any(
            has_control_characters(key) or any(has_control_characters(v) for v in values)
            for key, values in request.GET.lists()
        ):
            return bad_request(request, exception=None)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


def is_admin_path(path):
    return path.startswith(tuple(getattr(settings, "ADMIN_URL_PREFIXES", ("/admin/",))))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            parts.replace = {**settings.ADMIN_CONTENT_SECURITY_POLICY, **(parts.replace or {})}
        return parts


# URL names reachable before the second factor (login, logout, the 2FA views, assets).
TWO_FACTOR_OPEN_URLS = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_2fa_verify",
    "accounts_2fa_setup",
)


class TwoFactorMiddleware:
    """After ``django_otp.middleware.OTPMiddleware`` (which sets ``user.is_verified``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._check(request)
        return response or self.get_response(request)

    def _check(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not is_admin_path(request.path_info):
            return None
        from .two_factor import needs_setup, needs_verification

        match = getattr(request, "resolver_match", None)
        name = match.url_name if match else None
        if name is None:
            from django.urls import Resolver404, resolve

            try:
                name = resolve(request.path_info).url_name
            except Resolver404:
                return None
        if name in TWO_FACTOR_OPEN_URLS:
            return None
        query = urlencode({"next": request.get_full_path()})
        if needs_verification(user):
            return redirect(f"{reverse('accounts_2fa_verify')}?{query}")
        if needs_setup(user):
            return redirect(f"{reverse('accounts_2fa_setup')}?{query}")
        return None
