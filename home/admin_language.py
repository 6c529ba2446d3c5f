"""The admin's French, corrected for this audience, and the help menu.

Wagtail's French catalogue translates "locale" as "région", which collides with Mali's
administrative régions shown on the aid map. The project's catalogue (``LOCALE_PATHS``, read
before every app's) overrides those entries with "langue"; they are listed here with
``gettext_noop`` so that ``make messages`` keeps them (msgids are Wagtail's own English).

The help menu (and the account summary on the admin home) leads to the portal's own help:
``/admin/help/``, a page for focal points, and the training section when one is published
(``training_url``, the one place that finds it). Wagtail's English editor guide and "what's
new" links (third-party sites) are removed. SQL: the training URL costs one query, only when
the menu or the summary is rendered.
"""

import re

from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext_noop

WAGTAIL_OVERRIDES = [
    gettext_noop("Locale"),
    gettext_noop("Locale: "),
    gettext_noop("Locales"),
    gettext_noop("locale"),
    gettext_noop("Switch locales"),
    gettext_noop("Available in %(translations_total)s locales"),
    gettext_noop("Wagtail locales"),
    gettext_noop("Add a locale"),
    gettext_noop("Add locale"),
    gettext_noop("Delete locale"),
    gettext_noop("Locale '%(object)s' created."),
    gettext_noop("Locale '%(object)s' updated."),
    gettext_noop("Locale '%(object)s' deleted."),
    gettext_noop("The locale could not be saved due to errors."),
    gettext_noop("Are you sure you want to delete this locale?"),
    gettext_noop("%(locales_count)s locales"),
    gettext_noop("{} locales"),
    gettext_noop("Synchronise content from another locale"),
    gettext_noop("This locale cannot be synced into itself."),
]

REMOVED_HELP_ITEMS = ("editor-guide",)


def training_url():
    """URL of the published training section (a live page of the ``training`` app, the
    shallowest) in the admin's language, else in French; "" when there is none. 1 query."""
    from django.db.models import Case, IntegerField, Value, When
    from wagtail.models import Page

    code = (get_language() or "fr")[:2]
    section = (
        Page.objects.live()
        .filter(content_type__app_label="training", locale__language_code__in={code, "fr"})
        .order_by(
            Case(
                When(locale__language_code=code, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "depth",
            "path",
        )
        .first()
    )
    return section.url if section is not None else ""


def help_view(request):
    return TemplateResponse(request, "home/admin/help.html", {})


AVATAR_COLOURS = ("#1d6b4f", "#8a4b08", "#20508a", "#7a2e6b", "#5b5f12", "#8a1c2b")


def initials_avatar_url(user, size):
    """An SVG data: URL with the user's initials (no request, nothing sent to a third party).

    None when the user uploaded an avatar (Wagtail then shows it)."""
    from urllib.parse import quote
    from xml.sax.saxutils import escape
    from zlib import crc32

    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return None
    name = user.get_full_name() or user.get_username() or ""
    words = re.sub(r"[^\w\s]", " ", name).replace("_", " ").split()
    initials = "".join(word[0] for word in words[:2]).upper() or "?"
    colour = AVATAR_COLOURS[crc32(user.get_username().encode()) % len(AVATAR_COLOURS)]
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 100 100"><rect width="100" height="100" fill="{colour}"/>'
        '<text x="50" y="50" dy=".35em" text-anchor="middle" font-family="sans-serif" '
        f'font-size="42" fill="#fff">{escape(initials)}</text></svg>'
    )
    return "data:image/svg+xml," + quote(svg)
