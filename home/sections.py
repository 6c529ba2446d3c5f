"""The home page's sections, contributed by the apps that own the data (``home`` imports none).

An app may have a ``<app>/home_sections.py`` module with any of:

- ``figures(language)`` → [{"order", "value", "label", "url"}]: key figures from live data.
  They are gathered for every app and cached together for ``FIGURES_SECONDS`` (and in the
  ``chrome`` generation, so publishing a page refreshes them at once).
- ``entry_points(language)`` → [{"order", "title", "text", "url", "icon"}]: the visitors' tasks
  (groups, library, map, agenda, report calendar), cached in the ``chrome`` generation.
- ``context(request, home_page)`` → dict of extra template variables as plain data (URLs
  computed, dates and labels ready: next meetings, latest news, documents and reports); each
  provider states its own SQL cost.
- ``cache_parts(request)`` → [str]: what, besides the language, makes the ``context`` of one
  visitor differ from another's (the library: the restricted collections this visitor may not
  see). Visitors with the same parts share one cached copy.

:func:`home_context` keeps everything above in one entry of the page cache's generation
(``home.pagecache.get_or_build``): stale on every server at the publication, deletion or save
of any content, like the cached pages, and kept at most ``PAGE_CACHE_SECONDS`` (upcoming
meetings change with time alone). So an uncached home page (a signed-in editor, a first visit
after a publication) is rebuilt from the database once per generation and language.

SQL cost of :func:`home_context`: none on a hit (one cache round trip); the providers' queries
when built; the ``cache_parts`` queries always (none for an anonymous visitor).
"""

from functools import cache as memoize
from importlib import import_module

from django.apps import apps

from . import cache, chrome, pagecache

FIGURES_SECONDS = 5 * 60


@memoize
def providers():
    found = []
    for config in apps.get_app_configs():
        try:
            found.append(import_module(f"{config.name}.home_sections"))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.home_sections":
                raise
    return found


def _gather(function_name, language):
    items = []
    for module in providers():
        function = getattr(module, function_name, None)
        if function is not None:
            items.extend(function(language))
    return sorted(items, key=lambda item: item["order"])


def figures(language):
    return cache.get_or_build(
        "home-figures",
        [language, chrome.version()],
        lambda: _gather("figures", language),
        FIGURES_SECONDS,
    )


def entry_points(language):
    return cache.get_or_build(
        chrome.NAME, ["entry-points", language], lambda: _gather("entry_points", language)
    )


def home_context(request, home_page, language):
    parts = ["home", home_page.pk, language]
    for module in providers():
        function = getattr(module, "cache_parts", None)
        if function is not None:
            parts.extend(function(request))

    def build():
        context = {"figures": figures(language), "entry_points": entry_points(language)}
        for module in providers():
            function = getattr(module, "context", None)
            if function is not None:
                context.update(function(request, home_page))
        return context

    return pagecache.get_or_build(parts, build)
