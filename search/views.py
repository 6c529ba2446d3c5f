"""The site search page (``/<lang>/search/``) and its suggestions (``/<lang>/search/suggest/``).

SQL: see ``engine.run`` (constant in the data); no query at all for an empty box.
"""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from library.models import AudienceCode, DocumentType

from . import engine
from .highlight import extract, highlight, matcher
from .query import FACETS, SORTS, SiteQuery
from .sources import KIND_LABELS, group_label, language_of, partner_names

FACET_LABELS = {
    "kind": gettext_lazy("Type"),
    "group": gettext_lazy("Thematic group"),
    "year": gettext_lazy("Year"),
    "audience": gettext_lazy("Audience"),
    "doctype": gettext_lazy("Document type"),
    "partner": gettext_lazy("Partner"),
}
SORT_LABELS = {"relevance": gettext_lazy("Relevance"), "date": gettext_lazy("Date (newest first)")}


def facet_label(facet, value, locale, groups, partners):
    if facet == "kind":
        return str(KIND_LABELS.get(value, value))
    if facet == "group":
        return group_label(value, locale, groups) or str(value)
    if facet == "audience":
        return str(dict(AudienceCode.choices).get(value, value))
    if facet == "doctype":
        return str(dict(DocumentType.choices).get(value, value))
    if facet == "partner":
        english = language_of(None) == "en"
        for ref, name_fr, name_en in partners.values():
            if ref == value:
                return name_en if english else name_fr
    return str(value)


def facet_groups(request, site_query, counts, locale, groups):
    """Each facet's options with their count, state and the URL that toggles them."""
    params = request.GET.copy()
    params.pop("page", None)
    partners = partner_names() if counts.get("partner") else {}
    result = []
    for facet in FACETS:
        selected = [str(value) for value in site_query.selected.get(facet, [])]
        values = dict(counts.get(facet, {}))
        for value in site_query.selected.get(facet, []):
            values.setdefault(value, 0)  # a selected value stays visible (to remove it)
        options = []
        for value, count in values.items():
            toggled = params.copy()
            current = toggled.getlist(facet)
            chosen = str(value) in selected
            toggled.setlist(
                facet,
                [v for v in current if v != str(value)] if chosen else [*current, str(value)],
            )
            options.append(
                {
                    "value": value,
                    "label": facet_label(facet, value, locale, groups, partners),
                    "count": count,
                    "selected": chosen,
                    "query": toggled.urlencode(),
                }
            )
        if facet == "year":
            options.sort(key=lambda option: -int(option["value"]))
        else:
            options.sort(key=lambda option: (-option["count"], option["label"].casefold()))
        if options:
            result.append({"name": facet, "label": FACET_LABELS[facet], "options": options[:30]})
    return result


def log_search(text, language, total):
    """Wagtail's search terms log (``Query.add_hit``), plus the searches without result."""
    from wagtail.contrib.search_promotions.models import Query

    from .models import UnansweredSearch

    query = Query.get(text)
    query.add_hit()
    if total == 0:
        UnansweredSearch.record(query, language)


def promotions(text, language):
    """The editors' promoted results for these terms (Wagtail's search promotions), the pages
    in the visitor's language when translated: [{"title", "url", "description"}]."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.models import Page
    from wagtail.search.utils import normalise_query_string

    from .sources import locale_id

    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(text))
        .select_related("page")
        .order_by("sort_order")
    )
    keys = [pick.page.translation_key for pick in picks if pick.page_id]
    translated = (
        {
            page.translation_key: page
            for page in Page.objects.live()
            .public()
            .filter(translation_key__in=keys, locale_id=locale_id(language))
            .only("id", "title", "url_path", "translation_key", "depth", "path")
        }
        if keys
        else {}
    )
    shown = []
    for pick in picks:
        if pick.page_id:
            page = translated.get(pick.page.translation_key)
            if page is None:
                continue  # not translated, unpublished or private: not promoted here
            shown.append({"title": page.title, "url": page.url, "description": pick.description})
        elif pick.external_link_url:
            shown.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return shown


def search(request):
    site_query = SiteQuery.from_request(request)
    language = language_of(request)
    context = {
        "search_query": site_query.text,
        "site_query": site_query,
        "notes": site_query.parsed.notes,
        "sort_options": [(value, SORT_LABELS[value]) for value in SORTS],
    }
    if not site_query.parsed.is_empty:
        results, groups, locale = engine.run(request, site_query, language)
        words = site_query.parsed.words
        matches = matcher(words) if words else None
        for hit in results.page.object_list:
            hit.title_html = highlight(hit.title, words, matches)
            hit.extract = extract(hit.text, words, matches=matches)
            hit.meta = [item for item in hit.meta if item]
        params = request.GET.copy()
        params.pop("page", None)
        first_look = site_query.page in ("", "1") and not site_query.is_filtered
        if first_look:
            log_search(site_query.text, language, results.total)
        context.update(
            {
                "promotions": promotions(site_query.text, language) if first_look else [],
                "results": results,
                "search_results": results.page,
                "facet_groups": facet_groups(request, site_query, results.facets, locale, groups),
                "extra_query": params.urlencode() + "&",
            }
        )
    elif site_query.text and not site_query.parsed.notes:
        context["notes"] = [_("Type words to look for: letters or digits.")]
    return TemplateResponse(request, "search/search.html", context)


SUGGESTED_KINDS = ("page", "document", "activity", "series", "organisation")
MAX_SUGGESTIONS = 8


def suggest(request):
    """Titles starting with what is typed (accent-insensitive), as JSON for the search box:
    ``{"suggestions": [{"title", "url", "kind"}…]}``. SQL: two queries per kind at most."""
    from django.http import JsonResponse
    from wagtail.search.backends import get_search_backend

    from .query import words_of
    from .sources import KINDS, Hit, group_index

    words = words_of(request.GET.get("q", "")[:100])[:6]
    suggestions = []
    if words and len("".join(words)) >= 2:
        language = language_of(request)
        backend = get_search_backend()
        text = " ".join(words)
        for key in SUGGESTED_KINDS:
            kind = KINDS[key]
            found = backend.autocomplete(text, kind.queryset(request, language))[:3]
            hits = [
                Hit(
                    kind=key,
                    pk=obj.pk,
                    row={"content_type_id": getattr(obj, "content_type_id", None)},
                )
                for obj in found
            ]
            if not hits:
                continue
            kind.describe(hits, request, language, group_index())
            suggestions += [
                {"title": hit.title, "url": hit.url, "kind": str(hit.kind_label)}
                for hit in hits
                if hit.title and hit.url
            ]
            if len(suggestions) >= MAX_SUGGESTIONS:
                break
    response = JsonResponse({"suggestions": suggestions[:MAX_SUGGESTIONS]})
    response["Cache-Control"] = "private, max-age=60"
    return response
