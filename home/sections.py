"""The home page's sections, contributed by the apps that own the data (``home`` imports none).

An app may have a ``<app>/home_sections.py`` module with any of:

- ``figures(language)`` → [{"order", "value", "label", "url"}]: key figures from live data.
  They are gathered for every app and cached together for ``FIGURES_SECONDS`` (and in the
  ``chrome`` generation, so publishing a page refreshes them at once).
- ``entry_points(language)`` → [{"order", "title", "text", "url", "icon"}]: the visitors' tasks
  (groups, library, map, agenda, report calendar), cached in the ``chrome`` generation.
- ``context(request, home_page)`` → dict of extra template variables (next meetings, latest
  documents and reports), not cached: each provider states its own SQL cost (one or two queries).

SQL cost of :func:`home_context` with a warm cache: the providers' ``context`` queries only.
"""

from functools import cache as memoize
from importlib import import_module

from django.apps import apps

from . import cache, chrome

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
    context = {"figures": figures(language), "entry_points": entry_points(language)}
    for module in providers():
        function = getattr(module, "context", None)
        if function is not None:
            context.update(function(request, home_page))
    return context
