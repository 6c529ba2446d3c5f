"""Cached pieces of the public page chrome (navigation, home pages per language, locales).

They change only when pages are published, unpublished, moved or deleted, so they are kept in
the cache under the ``chrome`` generation of ``home.cache``, which those events bump (see
``signals.py``). This keeps the number of SQL queries per public page low and constant.
"""

from wagtail.models import Locale, Page

from . import cache

NAME = "chrome"
TIMEOUT = 60 * 60


def version():
    """The current generation of the cached chrome (part of other apps' cache keys)."""
    return cache.generation(NAME)


def invalidate(**kwargs):
    cache.invalidate(NAME)


def _cached(name, builder):
    return cache.get_or_build(NAME, [name], builder, TIMEOUT)


def locale_codes():
    """{locale id: language code}."""
    return _cached("locales", lambda: dict(Locale.objects.values_list("id", "language_code")))


def site_for(hostname, port, find):
    """The Wagtail site answering ``hostname``:``port`` (``find()`` when cold; None not kept)."""
    return _cached(f"site:{hostname.lower()}:{port}", find)


def view_restrictions():
    """{"restricted": [paths of the pages with a view restriction], "guarded": {those paths and
    the paths of their aliases}} — what ``home.performance`` checks pages against."""

    def build():
        from django.db.models import Exists, OuterRef, Q
        from wagtail.models import PageViewRestriction

        # One query: the restricted pages and the aliases of restricted pages.
        restricted_ids = PageViewRestriction.objects.values("page_id")
        rows = list(
            Page.objects.annotate(
                restricted=Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))
            )
            .filter(Q(pk__in=restricted_ids) | Q(alias_of_id__in=restricted_ids))
            .values_list("path", "restricted")
        )
        restricted = sorted({path for path, is_restricted in rows if is_restricted})
        return {"restricted": restricted, "guarded": {path for path, _ in rows}}

    return _cached("view-restrictions", build)


def home_pages(site):
    """{language code: (page id, url path)} of the site's root page and its translations."""

    def build():
        codes = locale_codes()
        return {
            codes[home.locale_id]: home.pk
            for home in Page.objects.filter(translation_key=site.root_page.translation_key).only(
                "id", "locale_id"
            )
        }

    return _cached(f"homes:{site.pk}", build)


def navigation(site, language_code):
    """Live, public, in-menu children of the home page in ``language_code``: [(id, title, path)]."""

    def build():
        home_id = home_pages(site).get(language_code) or site.root_page_id
        home = Page.objects.only("path", "depth").get(pk=home_id)
        return [
            {"id": p.pk, "title": p.title, "path": p.path, "url": p.get_url()}
            for p in home.get_children()
            .live()
            .public()
            .in_menu()
            .only("id", "title", "path", "depth", "url_path", "locale_id")
        ]

    return _cached(f"nav:{site.pk}:{language_code}", build)


def language_urls(page):
    """{language code: URL} of ``page`` and its live translations (one query when cold)."""

    def build():
        codes = locale_codes()
        return {
            codes.get(tr.locale_id): tr.get_url()
            for tr in page.get_translations(inclusive=True)
            .live()
            .only("id", "url_path", "path", "depth", "locale_id")
        }

    return _cached(f"languages:{page.pk}", build)


def translation_urls(page):
    """{language code: URL} of the live translations of ``page`` (itself excluded)."""
    codes = locale_codes()
    own = codes.get(page.locale_id)
    return {code: url for code, url in language_urls(page).items() if code != own}


def ancestors(page):
    """[(depth, title, URL)] of the ancestors of ``page`` from its home page down."""

    def build():
        return [
            (p.depth, p.title, p.get_url())
            for p in page.get_ancestors()
            .filter(depth__gte=2)
            .only("id", "title", "url_path", "path", "depth", "locale_id")
        ]

    return _cached(f"ancestors:{page.pk}", build)


#: Page types left out of the human site map: one page per event or news item (they have
#: their own lists, feeds and the XML sitemap).
SITE_MAP_EXCLUDED = {"newspage", "meetingpage", "groupnewspage"}


def page_tree(site, language_code):
    """The human site map of one language: nested [{title, url, children}] (one query cold)."""

    def build():
        from django.contrib.contenttypes.models import ContentType

        home_id = home_pages(site).get(language_code) or site.root_page_id
        home = Page.objects.only("path", "depth").get(pk=home_id)
        excluded = [
            ct.pk
            for ct in ContentType.objects.get_for_models(
                *[m for m in _page_models() if m._meta.model_name in SITE_MAP_EXCLUDED]
            ).values()
        ]
        nodes, stack = [], []
        pages = (
            Page.objects.descendant_of(home)
            .live()
            .public()
            .exclude(content_type_id__in=excluded)
            .order_by("path")
            .only("id", "title", "path", "depth", "url_path", "locale_id", "content_type_id")
        )
        for page in pages:
            node = {"title": page.title, "url": page.get_url(), "children": []}
            while stack and stack[-1][0] >= page.depth:
                stack.pop()
            (stack[-1][1]["children"] if stack else nodes).append(node)
            stack.append((page.depth, node))
        return nodes

    return _cached(f"tree:{site.pk}:{language_code}", build)


def _page_models():
    from wagtail.models import get_page_models

    return get_page_models()
