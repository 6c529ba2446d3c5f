"""Template tags for the public site chrome: language switcher, breadcrumbs, sharing."""

from urllib.parse import quote

from django import template
from django.utils.translation import get_language, gettext
from wagtail.models import Page

from home import chrome, formats, languages

register = template.Library()


@register.simple_tag(takes_context=True)
def page_language(context):
    """Language code of the page's locale (falls back to the active language)."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    return chrome.locale_codes().get(locale_id) or get_language()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same object in each other language (see ``home.languages``)."""
    request = context["request"]
    links = languages.language_links(request, context.get("page"))
    return {"links": [link for link in links if not link["current"]], "current": get_language()}


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """[(hreflang, absolute URL)] for ``<link rel="alternate" hreflang>``, x-default included."""
    return languages.hreflang_links(context["request"], context.get("page"))


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page}
    if not page.pk:  # preview of a page not saved yet
        return {"ancestors": [], "page": page}
    return {"ancestors": chrome.ancestors(page), "page": page}


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, url, title):
    """Plain share links (no third-party scripts)."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return {
        "links": [
            ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
            ("X", f"https://twitter.com/intent/tweet?url={u}&text={t}"),
            ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={u}"),
            ("WhatsApp", f"https://wa.me/?text={t}%20{u}"),
            (gettext("E-mail"), f"mailto:?subject={t}&body={u}"),
        ],
        "url": url,
        "title": title,
    }


@register.filter
def startswith(value, prefix):
    return isinstance(value, str) and bool(prefix) and value.startswith(prefix)


@register.simple_tag(takes_context=True)
def page_description(context):
    """The text for meta description / og:description: the page's social summary if any."""
    page = context.get("page")
    if page is None:
        return ""
    return getattr(page, "social_summary", None) or getattr(page, "search_description", "") or ""


# --- Numbers, amounts, sizes and dates in the page's language (home.formats) ----------------


@register.filter(name="number")
def number_filter(value, decimals=0):
    return formats.number(value, int(decimals))


@register.filter(name="amount")
def amount_filter(value, currency="XOF"):
    return formats.amount(value, currency or "XOF")


@register.filter(name="compact_amount")
def compact_amount_filter(value, currency="XOF"):
    return formats.compact_amount(value, currency or "XOF")


@register.filter(name="filesize")
def filesize_filter(value):
    return formats.filesize(value)


@register.filter(name="day")
def day_filter(value):
    return formats.day(value)


@register.filter(name="short_day")
def short_day_filter(value):
    return formats.short_day(value)


@register.filter(name="month_year")
def month_year_filter(value):
    return formats.month_year(value)
