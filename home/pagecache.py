"""Whole-page cache for anonymous visitors, on the ``pages`` generation of ``home.cache``.

Contract
- Served from the cache: anonymous ``GET``/``HEAD`` of public URLs (every page in both
  languages, listings with their query strings, feeds, the sitemap), keyed by scheme, host, path
  and query string (parameters in a stable order). Never for a request carrying a session or a
  pending-messages cookie (signed-in people, private pages unlocked with a password, previews),
  an ``Authorization`` header, or a plain-HTTP request the site redirects to HTTPS.
- Stored: only a ``200`` built for an anonymous visitor that sets no cookie (so never a page
  with a CSRF token: Django then sets the CSRF cookie), is not ``Cache-Control``
  ``private``/``no-store``/``no-cache``, is not streamed, is under ``PAGE_CACHE_MAX_BYTES`` and
  varies on nothing but ``Cookie``, ``Accept-Language`` or ``Accept-Encoding``.
- Never: ``PAGE_CACHE_EXCLUDED`` prefixes — the admin and previews, the API (own cache),
  documents (permission-checked), IATI files (served from disk with ETags), the health check,
  static and media files, login and password views.
- Invalidated at once on every server (``home/signals.py``): publish, unpublish, move or delete
  of a page or of any snippet with drafts (activities), and any save or delete of the other
  content the pages show (documents, images, collections, snippets, settings, sites…);
  ``PAGE_CACHE_SECONDS`` (default 600) bounds what changes with time alone (upcoming meetings).
- The response says ``X-Page-Cache: hit``, ``miss`` (stored now) or ``bypass`` (not for the
  cache); stored pages carry an ``ETag`` and answer ``If-None-Match`` with ``304``.

Two entry points share one lookup: :class:`PageCacheMiddleware` (first in ``MIDDLEWARE``; it
stores, and serves hits to the test client and the dev server) and :func:`wsgi`, which wraps
the WSGI application in ``config/wsgi.py`` and answers a hit before Django builds a request or
runs any middleware (the stored headers already hold what the middleware added).

Why not ``wagtail-cache`` or Django's ``cache_page``: their keys cannot follow the project's
generations (one bump per publication on every server, with any backend), and they run after
the request is built. A CDN in front purges through ``wagtail.contrib.frontend_cache`` (see the
README's *Scaling out*).

Cost: no SQL for a hit; one cache round trip (the entry and its generation are read together).
"""

import hashlib
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

from . import cache

NAME = "pages"
ALLOWED_VARY = {"cookie", "accept-language", "accept-encoding"}
UNCACHEABLE_CONTROL = ("private", "no-store", "no-cache")
_SKIPPED_HEADERS = {"set-cookie", "x-page-cache", "date", "content-length"}
_LOOKED_UP = "ptf.page_cache.lookup"  # environ key: the miss wsgi() found, for the middleware


def _setting(name, default):
    return getattr(settings, name, default)


def get_or_build(parts, build):
    """Data that only pages show (a home page's sections), cached in this generation: stale
    with the stored pages, kept at most ``PAGE_CACHE_SECONDS``, whether or not whole pages are
    cached (``PAGE_CACHE_ENABLED``)."""
    return cache.get_or_build(NAME, ["data", *parts], build, _setting("PAGE_CACHE_SECONDS", 600))


def invalidate(*args, **kwargs):
    """Every stored page is stale at once (usable as a signal receiver)."""
    cache.invalidate(NAME)


def _scheme(environ):
    header = settings.SECURE_PROXY_SSL_HEADER
    if header:
        name, expected = header
        value = environ.get(name, "")
        if value and value.split(",")[0].strip() == expected:
            return "https"
    return environ.get("wsgi.url_scheme", "http")


def _has_bypass_cookie(environ):
    raw = environ.get("HTTP_COOKIE", "")
    if not raw:
        return False
    names = (settings.SESSION_COOKIE_NAME, "messages", *_setting("PAGE_CACHE_BYPASS_COOKIES", ()))
    if not any(name in raw for name in names):
        return False
    try:
        cookies = SimpleCookie(raw)
    except Exception:  # noqa: BLE001  (an unparsable cookie header: do not serve from cache)
        return True
    return any(name in cookies for name in names)


def request_parts(environ):
    """The cache key parts of a request, or None when it must not use the cache."""
    if not _setting("PAGE_CACHE_ENABLED", True):
        return None
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    path = environ.get("PATH_INFO", "/")
    if path.startswith(_setting("PAGE_CACHE_EXCLUDED", ())) or "/_util/" in path:
        return None
    if "HTTP_AUTHORIZATION" in environ or _has_bypass_cookie(environ):
        return None
    scheme = _scheme(environ)
    if settings.SECURE_SSL_REDIRECT and scheme != "https":
        return None
    query = environ.get("QUERY_STRING", "")
    if len(query) > 1024:
        return None
    if query:
        query = urlencode(sorted(parse_qsl(query, keep_blank_values=True), key=lambda kv: kv[0]))
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    digest = hashlib.sha1(f"{scheme}://{host.lower()}{path}?{query}".encode()).hexdigest()
    return [digest]


def lookup(environ):
    """(parts, generation, entry): parts None when the request is not for the cache; entry None
    on a miss (then store what is built under that generation, read before building)."""
    parts = request_parts(environ)
    if parts is None:
        return None, None, None
    return parts, *cache.read(NAME, parts)


def _not_modified(environ, entry):
    etag = entry["etag"]
    sent = environ.get("HTTP_IF_NONE_MATCH", "")
    return bool(sent) and (sent.strip() == "*" or etag in [t.strip() for t in sent.split(",")])


def _entry_for(response):
    """The stored form of ``response``, or None when it must not be stored."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if getattr(response, "page_cache_exempt", False):
        return None
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in UNCACHEABLE_CONTROL):
        return None
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - ALLOWED_VARY:
        return None
    body = response.content
    if len(body) > _setting("PAGE_CACHE_MAX_BYTES", 2 * 1024 * 1024):
        return None
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
    headers = [(k, v) for k, v in response.items() if k.lower() not in _SKIPPED_HEADERS]
    return {"headers": headers, "body": body, "etag": response["ETag"]}


class PageCacheMiddleware:
    """First in ``MIDDLEWARE``: serve a stored page, or store the anonymous page just built."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponse, HttpResponseNotModified

        found = request.META.pop(_LOOKED_UP, None)  # by wsgi() below: not read twice
        parts, built_in, entry = found or lookup(request.META)
        if entry is not None:
            if _not_modified(request.META, entry):
                response = HttpResponseNotModified()
                response["ETag"] = entry["etag"]
            else:
                response = HttpResponse(entry["body"])
                for name, value in entry["headers"]:
                    response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        with cache.request_scope():
            response = self.get_response(request)
        if parts is None:
            if _setting("PAGE_CACHE_ENABLED", True) and request.method in ("GET", "HEAD"):
                path = request.path_info
                if not path.startswith(_setting("PAGE_CACHE_EXCLUDED", ())):
                    response["X-Page-Cache"] = "bypass"
            return response
        user = getattr(request, "user", None)
        stored = None
        if request.method == "GET" and not (user is not None and user.is_authenticated):
            stored = _entry_for(response)
        if stored is None:
            response["X-Page-Cache"] = "bypass"
            return response
        cache.write(NAME, parts, built_in, stored, _setting("PAGE_CACHE_SECONDS", 600))
        response["X-Page-Cache"] = "miss"
        return response


def wsgi(application):
    """Wrap a WSGI application: answer stored pages before Django runs (``config/wsgi.py``)."""

    def cached_application(environ, start_response):
        try:
            parts, built_in, entry = lookup(environ)
        except Exception:  # noqa: BLE001  (any failure here: let Django answer)
            parts = entry = None
        if entry is None:
            if parts is not None:
                environ[_LOOKED_UP] = (parts, built_in, None)
            return application(environ, start_response)
        if _not_modified(environ, entry):
            start_response("304 Not Modified", [("ETag", entry["etag"]), ("X-Page-Cache", "hit")])
            return [b""]
        body = b"" if environ.get("REQUEST_METHOD") == "HEAD" else entry["body"]
        headers = [
            *entry["headers"],
            ("Content-Length", str(len(entry["body"]))),
            ("X-Page-Cache", "hit"),
        ]
        start_response("200 OK", headers)
        return [body]

    return cached_application
