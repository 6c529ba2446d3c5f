"""The same object in the other language: the switcher, hreflang links and sitemap alternates.

One rule for every page type. For a Wagtail page the target is its live translation, plus the
part of the URL a routable page served below its own URL (``agenda/``, ``document/12/slug/``,
``activity/<IATI id>/``, ``feeds/rss/``…: routable sub-pages are addressed by objects shared by
both languages, so the same sub-path is valid under the translation), plus the query string
(library facets, map filters, search terms: their values are language-independent ids and
codes). A page without a translation leads to the other language's home page, and is not
advertised with hreflang. For a Django view (search, site map, API documentation),
``django.urls.translate_url`` gives the other language's URL with the same query.

SQL cost: none on most requests — the page URLs come from ``home.chrome`` (cached under the
``chrome`` generation, one query when cold).
"""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from . import chrome


def _home_urls(request):
    site = Site.find_for_request(request)
    if site is None:
        return {}
    return {code: f"/{code}/" for code in chrome.home_pages(site)}


def _suffix(request, own_url):
    """What follows the page's own URL in the request path (a routable sub-page), or ''."""
    path = request.path
    if own_url and path.startswith(own_url) and own_url.endswith("/"):
        return path[len(own_url) :]
    return ""


def language_links(request, page=None):
    """[{code, name, url, absolute, translated, current}] for every language of the site.

    ``url`` is the path (with the query string); ``absolute`` the same on this request's host;
    ``translated``: the target is really this object in that language (otherwise the home page
    of that language).
    """
    memo = getattr(request, "_ptf_language_links", None)
    memo_key = (getattr(page, "pk", None), request.get_full_path())
    if memo and memo[0] == memo_key:
        return memo[1]
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    links = []
    if isinstance(page, Page) and page.pk:
        urls = chrome.language_urls(page)
        homes = _home_urls(request)
        suffix = _suffix(request, urls.get(current) or "")
        for code, name in settings.LANGUAGES:
            target = urls.get(code)
            if target:
                url = target + suffix + (f"?{query}" if query else "")
            else:
                url = homes.get(code, f"/{code}/")
            links.append(_link(request, code, name, url, bool(target), code == current))
    else:
        full_path = request.get_full_path()
        for code, name in settings.LANGUAGES:
            url = full_path if code == current else translate_url(full_path, code)
            links.append(_link(request, code, name, url, url != full_path or code == current,
                               code == current))  # fmt: skip
    request._ptf_language_links = (memo_key, links)
    return links


def _link(request, code, name, url, translated, current):
    return {
        "code": code,
        "name": name,
        "url": url,
        "absolute": request.build_absolute_uri(url),
        "translated": translated,
        "current": current,
    }


def hreflang_links(request, page=None):
    """[(hreflang, absolute URL)]: every translated language (itself included) and x-default
    (the default language's version), or [] when the object exists in one language only."""
    links = [link for link in language_links(request, page) if link["translated"]]
    if len(links) < 2:
        return []
    pairs = [(link["code"], link["absolute"]) for link in links]
    default = next((url for code, url in pairs if code == settings.LANGUAGE_CODE), pairs[0][1])
    return [*pairs, ("x-default", default)]
