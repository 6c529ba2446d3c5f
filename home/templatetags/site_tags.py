"""Template tags for the public site chrome: language switcher, breadcrumbs, sharing."""

from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

register = template.Library()


def _home_pages(request):
    """Home page of each language, cached on the request (one query)."""
    cached = getattr(request, "_ptf_home_pages", None)
    if cached is None:
        site = Site.find_for_request(request)
        cached = {}
        if site is not None:
            for home in Page.objects.filter(
                translation_key=site.root_page.translation_key
            ).select_related("locale"):
                cached[home.locale.language_code] = home
        request._ptf_home_pages = cached
    return cached


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in each other language, or to that language's home page."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    links = []
    translations = {}
    if isinstance(page, Page):
        for tr in page.get_translations(inclusive=False).live().select_related("locale"):
            translations[tr.locale.language_code] = tr
    homes = _home_pages(request)
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        if isinstance(page, Page):
            target = translations.get(code) or homes.get(code)
            url = target.get_url(request) if target is not None else f"/{code}/"
            translated = code in translations
        else:
            url = translate_url(request.get_full_path(), code)
            translated = True
        links.append({"code": code, "name": name, "url": url, "translated": translated})
    return {"links": links, "current": current}


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """hreflang alternates of the current page (same data as the switcher)."""
    return language_switcher(context)["links"]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path", "path", "depth", "locale_id")
    return {"ancestors": ancestors, "page": page, "request": context["request"]}


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
