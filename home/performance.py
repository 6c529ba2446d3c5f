"""Performance adjustments of Wagtail core, applied at start-up (see ``HomeConfig.ready``).

Named patches of Wagtail 8 (``apply`` refuses another major version: re-check them then), each
answering from the page chrome cached under the ``chrome`` generation (``home.chrome``), which
``home/signals.py`` bumps when pages are published, moved or deleted, when a site or a locale
changes, when a page view restriction is saved or deleted and when an alias is saved:

- ``Site.find_for_request`` (every request): the site for a host and port comes from the
  cache instead of Wagtail's query with its CASE annotation — one query less per page.
- ``Page.get_view_restrictions`` (every page served): Wagtail loads the ancestors to resolve
  aliases (one query), then the restrictions (a second query). With no restricted page among
  the page's ancestors or their alias sources (the cached list of restricted paths), the answer
  is an empty queryset with no query; otherwise one query on the tree paths.
- ``PageQuerySet.private_q`` (behind every ``.public()``): Wagtail reads every restriction (one
  query per call); the restricted paths come from the same cached list — no query.
- ``Locale.get_active`` (routing every request): the locale table from the cached chrome.

Cost: no SQL on most requests (one query each when the chrome is cold).
"""

import wagtail
from django.db.models import Q
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet


def get_view_restrictions(self):
    from . import chrome

    step = self.steplen
    paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
    restricted = chrome.view_restrictions()
    if not restricted["guarded"].intersection(paths):
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(
        Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
    ).distinct()


def private_q(self):
    """Wagtail's ``private_q`` (pages in a restricted section) from the cached paths."""
    from . import chrome

    q = Q()
    for path in chrome.view_restrictions()["restricted"]:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


_original_find_site = Site._find_for_request


def find_site_for_request(request):
    """Wagtail's site matching (``Site._find_for_request``), kept per host and port."""
    from django.http.request import split_domain_port

    from . import chrome

    hostname = split_domain_port(request._get_raw_host())[0]
    return chrome.site_for(hostname, request.get_port(), lambda: _original_find_site(request))


_original_get_active = Locale.get_active.__func__


def get_active_locale(cls):
    """``Locale.get_active`` from the cached locale table (one query less per request)."""
    from . import chrome

    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return _original_get_active(cls)
    locale_id = {code: pk for pk, code in chrome.locale_codes().items()}.get(code)
    if locale_id is None:
        return _original_get_active(cls)
    return Locale(id=locale_id, language_code=code)


def apply():
    if wagtail.VERSION[0] != 8:
        raise RuntimeError("home/performance.py patches Wagtail 8: check each patch again.")
    Page.get_view_restrictions = get_view_restrictions
    PageQuerySet.private_q = private_q
    Site._find_for_request = staticmethod(find_site_for_request)
    Locale.get_active = classmethod(get_active_locale)
