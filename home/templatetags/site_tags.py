"""Template tags for the public site chrome: language switcher, breadcrumbs, sharing."""

from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home import chrome

register = template.Library()


def _home_urls(request):
    """URL of the home page of each language (from the cached chrome)."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    return {code: f"/{code}/" for code in chrome.home_pages(site)}


@register.simple_tag(takes_context=True)
def page_language(context):
    """Language code of the page's locale (falls back to the active language)."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    return chrome.locale_codes().get(locale_id) or get_language()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in each other language, or to that language's home page."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    memo_key = (getattr(page, "pk", None), current)
    memo = getattr(request, "_ptf_language_links", None)
    if memo and memo[0] == memo_key:
        return memo[1]
    links = []
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = chrome.translation_urls(page)
    homes = _home_urls(request)
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        if isinstance(page, Page):
            url = translations.get(code) or homes.get(code, f"/{code}/")
            translated = code in translations
        else:
            url = translate_url(request.get_full_path(), code)
            translated = True
        links.append({"code": code, "name": name, "url": url, "translated": translated})
    result = {"links": links, "current": current}
    request._ptf_language_links = (memo_key, result)
    return result


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """hreflang alternates of the current page (same data as the switcher)."""
    return language_switcher(context)["links"]


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
            ("E-mail", f"mailto:?subject={t}&body={u}"),
        ],
        "url": url,
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
