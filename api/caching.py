"""What every API response goes through: rate limit, input check, cache, conditional GET, gzip.

:func:`api_view` wraps an endpoint's Django view (``ViewSet.as_view(...)``):

1. **Rate limit** per client IP (``API_RATE_LIMIT``, e.g. ``600/min``) with the project's one
   throttle (``accounts.security.KeyRateThrottle``, Django REST framework's) and its one
   client address (``accounts.security.client_ip``, ``TRUSTED_PROXY_COUNT``) — applied to
   cache hits too; ``429`` with ``Retry-After``. Counters in the default cache (Redis).
2. **Input**: control characters in the query string (PostgreSQL refuses NUL) → ``400`` in
   JSON; the rule is the site's one (``accounts.security.has_control_characters``), the
   site-wide ``BadInputMiddleware`` leaves ``/api/`` to this wrapper for the JSON format.
3. **Language**: ``?locale=fr|en`` (default ``fr``) is the language of labels and narratives;
   the browser's ``Accept-Language`` is ignored, so a URL always answers the same.
4. **Cache**: successful responses are stored, gzipped, under the ``api`` generation of
   ``home.cache`` — the one cache helper, invalidated at every publication (``signals.py``) —
   keyed by path and query string; errors are never stored.
5. **Conditional GET**: ``ETag`` (hash of the body) and ``Last-Modified`` (when it was built),
   ``304 Not Modified`` on a match.
6. **gzip** for clients that accept it (all of them), ``Vary: Accept-Encoding``.

A cached response costs no SQL query.
"""

import gzip
import hashlib
import json
import time
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from rest_framework.throttling import SimpleRateThrottle

from accounts.security import KeyRateThrottle, client_ip, has_control_characters
from home import cache

from .signals import CACHE_NAME

LANGUAGES = ("fr", "en")
JSON = "application/json"


def error(status, message, **headers):
    response = HttpResponse(json.dumps({"message": message}), status=status, content_type=JSON)
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _throttled(request):
    """Seconds to wait when the client is over its rate, else None (never fails the request)."""
    rate = settings.API_RATE_LIMIT
    if not rate:
        return None
    try:
        limit, seconds = SimpleRateThrottle.parse_rate(None, rate)
        throttle = KeyRateThrottle("api", client_ip(request), limit, seconds)
        if throttle.allow_request(request, None):
            return None
        return max(1, int(throttle.wait() or 1))
    except Exception:  # noqa: BLE001  (cache down: serve rather than refuse)
        return None


def _key_parts(request):
    query = sorted((key, value) for key, values in request.GET.lists() for value in values)
    digest = hashlib.sha1(json.dumps(query, ensure_ascii=False).encode()).hexdigest()
    return [request.path, digest]


def _entry(response):
    body = response.content
    return {
        "body": gzip.compress(body, compresslevel=6),
        "etag": f'"{hashlib.sha1(body).hexdigest()[:32]}"',
        "modified": time.time(),
        "type": response.get("Content-Type", JSON),
    }


def _serve(request, entry):
    accepts_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    body = entry["body"] if accepts_gzip else gzip.decompress(entry["body"])
    response = HttpResponse(body, content_type=entry["type"])
    if accepts_gzip:
        response["Content-Encoding"] = "gzip"
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["modified"])
    response["Cache-Control"] = "public, max-age=60"
    patch_vary_headers(response, ["Accept-Encoding"])
    conditional = get_conditional_response(
        request, etag=entry["etag"], last_modified=int(entry["modified"]), response=response
    )
    return conditional


def api_view(view):
    """The endpoint ``view`` behind the rate limit, input check, cache and conditional GET."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)  # DRF answers 405 with its Allow header
        wait = _throttled(request)
        if wait is not None:
            return error(429, f"too many requests: retry in {wait} s", Retry_After=str(wait))
        raw_query = request.META.get("QUERY_STRING", "")
        if any(
            has_control_characters(key) or any(has_control_characters(v) for v in values)
            for key, values in request.GET.lists()
        ):
            return error(400, "control characters are not allowed in query parameters")
        if len(raw_query) > 4000:
            return error(400, "query string too long (4,000 characters at most)")
        locale = request.GET.get("locale", "fr")
        if locale not in LANGUAGES:
            return error(400, "locale must be one of: fr, en")

        built = {}

        def build():
            with translation.override(locale):
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()
            built["response"] = response
            return _entry(response) if response.status_code == 200 else None

        entry = cache.get_or_build(
            CACHE_NAME, _key_parts(request), build, settings.API_CACHE_SECONDS
        )
        if entry is None:
            response = built["response"]
            response["Cache-Control"] = "no-store"
            return response
        response = _serve(request, entry)
        response["X-Cache"] = "miss" if built else "hit"
        return response

    wrapper.csrf_exempt = True
    return wrapper
