"""One performance adjustment of Wagtail core, applied at start-up (see ``HomeConfig.ready``).

``Page.get_view_restrictions`` runs on every page served: Wagtail loads the ancestors to
resolve aliases (one query), then the restrictions (a second query). The same answer comes
from one query on the tree paths: restrictions on the page or an ancestor, or on the source
page of any of them that is an alias. Saves one SQL query on every public page.

``Locale.get_active`` (called when routing every request) reads the locale table from the
cached page chrome instead of the database: one more query saved per page.
"""

from django.db.models import Q
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction


def get_view_restrictions(self):
    step = self.steplen
    paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
    return PageViewRestriction.objects.filter(
        Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
    ).distinct()


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
    Page.get_view_restrictions = get_view_restrictions
    Locale.get_active = classmethod(get_active_locale)
