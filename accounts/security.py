"""Small security helpers shared by the middleware, the lockout and the throttles.

- :func:`client_ip`: the client's address (``REMOTE_ADDR``, or the address the trusted reverse
  proxies saw, when ``TRUSTED_PROXY_COUNT`` says how many there are). django-axes uses it.
- :func:`has_control_characters`: True when a string holds a character that XML cannot carry
  (the set ``home.text.clean_text`` removes): such input is refused with a 400.
- :func:`throttled` / :class:`KeyRateThrottle`: Django REST framework's rate throttle keyed by
  any string, history in the cache (no SQL), used by the password-reset form and the open
  data API; it degrades to "not throttled" when the cache fails.
- :class:`AddressThrottleBackend`: failed sign-ins counted per address, whatever the username.
"""

import hashlib
import logging

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from home.text import clean_text

logger = logging.getLogger(__name__)


def client_ip(request):
    """The client's IP address, trusting exactly ``TRUSTED_PROXY_COUNT`` proxies."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
    ]
    # Each trusted proxy appended the address it received from: the client is the one the
    # outermost trusted proxy saw.
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return remote


def has_control_characters(value):
    return isinstance(value, str) and clean_text(value) != value


class KeyRateThrottle(SimpleRateThrottle):
    """Django REST framework's rate throttle (the project's one), keyed by any string.

    ``limit`` hits per ``seconds`` for ``(scope, key)``; the history lives in the default
    cache (Redis with several servers). Also the base of the open data API's rate limit."""

    def __init__(self, scope, key, limit, seconds):  # no settings lookup: the rate is given
        self.scope, self.rate = scope, f"{limit}/{seconds}s"
        self.num_requests, self.duration = limit, seconds
        self._digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]

    def get_cache_key(self, request, view):
        return f"throttle:{self.scope}:{self._digest}"


def throttled(scope, key, limit, seconds):
    """Count one hit for ``(scope, key)``; True when more than ``limit`` in the window."""
    try:
        return not KeyRateThrottle(scope, key, limit, seconds).allow_request(None, None)
    except Exception:  # noqa: BLE001 — a failing cache must not lock anyone out
        logger.warning("throttle cache unavailable", exc_info=True)
        return False


# --- Failed sign-ins per address (any username) -------------------------------------------
# django-axes locks an (account, address) pair; an address trying a new username each time is
# never locked by it and each try costs a full password hash. ``AddressThrottleBackend`` (before
# ModelBackend in AUTHENTICATION_BACKENDS) refuses, before any hashing, an address with
# ``LOGIN_FAILURES_PER_ADDRESS`` failed sign-ins in the lockout's cool-off window; the refusal
# is axes' lockout page (429). The count lives in the cache (one GET per sign-in, one INCR per
# failure); a failing cache locks nobody out.


def _address_key(address):
    digest = hashlib.sha256((address or "").encode()).hexdigest()[:32]
    return f"accounts:login-failures:{digest}"


def _window_seconds():
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def count_address_failure(request):
    """Called on ``user_login_failed`` (``accounts.signals``)."""
    from django.core.cache import cache

    if request is None or not getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", 0):
        return
    key = _address_key(client_ip(request))
    try:
        cache.add(key, 0, _window_seconds())
        cache.incr(key)
    except Exception:  # noqa: BLE001 — see above
        logger.warning("login failure counter unavailable", exc_info=True)


def address_is_throttled(request):
    from django.core.cache import cache

    limit = getattr(settings, "LOGIN_FAILURES_PER_ADDRESS", 0)
    if request is None or not limit:
        return False
    try:
        return (cache.get(_address_key(client_ip(request))) or 0) >= limit
    except Exception:  # noqa: BLE001
        logger.warning("login failure counter unavailable", exc_info=True)
        return False


def reset_address_failures(address):
    """An administrator unlocking a sign-in also clears its address (``admin_views``)."""
    from django.core.cache import cache

    try:
        cache.delete(_address_key(address))
    except Exception:  # noqa: BLE001
        logger.warning("login failure counter unavailable", exc_info=True)


class AddressThrottleBackend:
    """Authentication backend that authenticates nobody: it stops the sign-in of a throttled
    address (Django's ``authenticate`` ends at the first ``PermissionDenied``)."""

    def authenticate(self, request, **credentials):
        from django.core.exceptions import PermissionDenied

        if address_is_throttled(request):
            request.axes_locked_out = True  # AxesMiddleware answers with the lockout page
            request.accounts_address_locked = True
            raise PermissionDenied
        return None  # no ``get_user``: no session ever names this backend
