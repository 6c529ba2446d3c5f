"""One ranked list over every kind of content, its facets with counts, its pages.

``run(request, site_query)`` asks Wagtail's search backend once per kind for every match,
reduced to a light *hit* (``sources``): a constant number of SQL queries whatever the data
(one per kind, one for the documents' and activities' groups and audiences, then the display
data of the page shown: one per kind present on it, one per page type). Ranking merges the
backend's scores (the same rank function for every kind); the date sort uses each kind's own
date. Facet counts are exact over the (at most ``MAX_HITS`` per kind) matches: the count of a
value is what the visitor gets by adding it, with the other facets kept ("faceted search").
"""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast
from wagtail.search.backends import get_search_backend

from . import ranked
from .query import FACETS
from .sources import KINDS, Hit, group_index, group_of_path, locale_id, partner_names

PAGE_SIZE = 10
MAX_HITS = 5000  # matches kept per kind; facet counts say "at least" beyond


@dataclass
class Results:
    page: object = None  # a Paginator page of Hit
    total: int = 0
    facets: dict = field(default_factory=dict)
    by_kind: dict = field(default_factory=dict)
    truncated: bool = False


def _hit_rows(backend, search_query, queryset, names):
    """(pk, score, *fields) of every match, best first: one query on the database backends,
    the engine's hits (objects) on Elasticsearch/OpenSearch."""
    results = backend.search(
        search_query, queryset, operator="and", order_by_relevance=True
    ).annotate_score("_score")
    if hasattr(results, "get_queryset"):
        return list(results.get_queryset().values_list("pk", "_score", *names)[:MAX_HITS])
    return [
        (obj.pk, getattr(obj, "_score", 0.0), *(getattr(obj, name, None) for name in names))
        for obj in results[:MAX_HITS]
    ]


def _to_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def collect(request, language, search_query, kinds=None):
    """Every hit of ``search_query`` per kind: {kind: [Hit…]} (one query per kind)."""
    backend = get_search_backend()
    found = {}
    for key, kind in KINDS.items():
        if kinds and key not in kinds:
            continue
        names = kind.fields
        rows = _hit_rows(backend, search_query, kind.queryset(request, language), names)
        hits = []
        for row in rows:
            data = dict(zip(names, row[2:], strict=True))
            hits.append(
                Hit(
                    kind=key,
                    pk=row[0],
                    score=float(row[1] or 0.0),
                    date=_to_date(data.get(kind.date_field)),
                    row=data,
                )
            )
        found[key] = hits
    return found


def annotate_facets(found):
    """Fill each hit's groups, audiences, document type and partner (one SQL query for the
    documents' and activities' relations, cached data for the rest)."""
    from wagtail.documents import get_document_model

    from iati_publisher.models import Activity

    groups = group_index()
    for hit in found.get("page", []):
        source = group_of_path(hit.row["path"], groups)
        if source:
            hit.groups = {source}
    for hit in found.get("edition", []):
        hit.date = hit.row["published_on"] or hit.row["expected_date"]
    documents = {hit.pk: hit for hit in found.get("document", [])}
    activities = {hit.pk: hit for hit in found.get("activity", [])}
    for hit in documents.values():
        hit.doctype = hit.row["document_type"]
    names = partner_names() if activities else {}
    for hit in activities.values():
        hit.partner = names.get(hit.row["reporting_org_id"], ("",))[0]
    parts = []
    Document = get_document_model()
    if documents:
        ids = list(documents)
        parts.append(
            Document.audiences.through.objects.filter(customdocument_id__in=ids).annotate(
                facet=Value("audience"),
                owner=F("customdocument_id"),
                value=Cast("audience__code", CharField()),
            )
        )
        parts.append(
            Document.thematic_groups.through.objects.filter(customdocument_id__in=ids).annotate(
                facet=Value("doc-group"),
                owner=F("customdocument_id"),
                value=Cast("thematicgrouppage_id", CharField()),
            )
        )
    if activities:
        parts.append(
            Activity.thematic_groups.through.objects.filter(
                activity_id__in=list(activities)
            ).annotate(
                facet=Value("activity-group"),
                owner=F("activity_id"),
                value=Cast("thematicgrouppage_id", CharField()),
            )
        )
    if parts:
        rows = [part.values_list("facet", "owner", "value") for part in parts]
        union = rows[0].union(*rows[1:], all=True) if len(rows) > 1 else rows[0]
        for facet, owner, value in union:
            if facet == "audience":
                documents[owner].audiences.add(value)
            elif facet == "doc-group":
                documents[owner].groups.add(int(value))
            else:
                activities[owner].groups.add(int(value))
    return groups


def _passes(hit, selected, skip=None):
    for facet, values in selected.items():
        if facet == skip or not values:
            continue
        if not hit.values(facet) & set(values):
            return False
    return True


def count_facets(hits, selected):
    """{facet: {value: count}}: for each facet, counts over the hits passing the other facets."""
    counts = {facet: {} for facet in FACETS}
    for hit in hits:
        for facet in FACETS:
            if _passes(hit, selected, skip=facet):
                for value in hit.values(facet):
                    counts[facet][value] = counts[facet].get(value, 0) + 1
    return counts


def order(hits, sort):
    if sort == "date":
        return sorted(
            hits, key=lambda hit: (hit.date or datetime.date.min, hit.score), reverse=True
        )
    return sorted(hits, key=lambda hit: (hit.score, hit.date or datetime.date.min), reverse=True)


def run(request, site_query, language):
    """The results page asked for by ``site_query``: hits of the page, total, facet counts."""
    backend = get_search_backend()
    if ranked.available(backend):
        return _run_ranked(backend, request, site_query, language)
    found = collect(request, language, site_query.parsed.search_query)
    groups = annotate_facets(found)
    every = [hit for hits in found.values() for hit in hits]
    selected = site_query.selected
    matching = [hit for hit in every if _passes(hit, selected)]
    page = Paginator(order(matching, site_query.sort), PAGE_SIZE).get_page(site_query.page)
    _describe(page.object_list, request, language, groups)
    return (
        Results(
            page=page,
            total=len(matching),
            facets=count_facets(every, selected),
            by_kind={key: len(hits) for key, hits in found.items()},
            truncated=any(len(hits) >= MAX_HITS for hits in found.values()),
        ),
        groups,
        locale_id(language),
    )


def _run_ranked(backend, request, site_query, language):
    """``run`` on PostgreSQL: ranking, limits and facet counts in one SQL statement."""
    groups = group_index()
    best, total, facets, by_kind, number, capped = ranked.run(
        backend, request, site_query, language, groups, PAGE_SIZE, order
    )
    page = Paginator(ranked.RankedHits(total, best), PAGE_SIZE).get_page(number)
    _describe(page.object_list, request, language, groups)
    counts = {facet: facets.get(facet, {}) for facet in FACETS}
    return (
        Results(page=page, total=total, facets=counts, by_kind=by_kind, truncated=bool(capped)),
        groups,
        locale_id(language),
    )


def _describe(hits, request, language, groups):
    """The display data of the hits shown (one query per kind present, see ``sources``)."""
    shown = {}
    for hit in hits:
        shown.setdefault(hit.kind, []).append(hit)
    for key, items in shown.items():
        KINDS[key].describe(items, request, language, groups)
