"""What a visitor may see of the library, the faceted search over it, and its facet counts.

Every function here issues a fixed number of SQL queries, whatever the number of documents:
filters are sub-queries on primary keys and facet counts are ``values().annotate(Count)``.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q, Value
from django.db.models.functions import ExtractYear
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.search.backends import get_search_backend

from home import cache

from .models.documents import AudienceCode, DocumentType, LanguageCode

FACETS = ("type", "audience", "group", "year", "language", "tag")
SORTS = ("date", "relevance", "title")
MAX_TAGS_SHOWN = 25


RESTRICTIONS = "library-restrictions"  # generation name in home.cache


def collection_restrictions():
    """Every collection view restriction as plain data, cached until a restriction or a
    collection changes (see ``signals.py``): no query on most requests."""

    def build():
        collections = list(Collection.objects.values_list("id", "path"))
        data = []
        restrictions = CollectionViewRestriction.objects.select_related(
            "collection"
        ).prefetch_related("groups")
        for restriction in restrictions:
            prefix = restriction.collection.path
            data.append(
                {
                    "id": restriction.pk,
                    "type": restriction.restriction_type,
                    "group_ids": {g.pk for g in restriction.groups.all()},
                    "collection_ids": [pk for pk, path in collections if path.startswith(prefix)],
                }
            )
        return data

    # Privacy settings: half an hour with a shared cache, a minute per process otherwise.
    return cache.get_or_build(RESTRICTIONS, [], build, 30 * 60)


def invalidate_restrictions(**kwargs):
    cache.invalidate(RESTRICTIONS)


def _accepts(restriction, request):
    """Wagtail's ``accept_request`` rules on the cached data."""
    if request is None:
        return False
    user = getattr(request, "user", None)
    kind = restriction["type"]
    if kind == CollectionViewRestriction.PASSWORD:
        passed = request.session.get(
            CollectionViewRestriction.passed_view_restrictions_session_key, []
        )
        return restriction["id"] in passed
    if user is None or not user.is_authenticated:
        return False
    if kind == CollectionViewRestriction.GROUPS and not user.is_superuser:
        group_ids = getattr(request, "_library_group_ids", None)
        if group_ids is None:
            group_ids = set(user.groups.values_list("id", flat=True))
            request._library_group_ids = group_ids
        return bool(group_ids & restriction["group_ids"])
    return True


def hidden_collection_ids(request):
    """Sorted ids of the collections whose view restriction this request does not pass."""
    hidden_ids = set()
    for restriction in collection_restrictions():
        if not _accepts(restriction, request):
            hidden_ids.update(restriction["collection_ids"])
    return sorted(hidden_ids)


def hidden_collections_q(request):
    """A Q matching documents in collections whose view restriction this request does not pass."""
    return Q(collection_id__in=hidden_collection_ids(request))


def visible_documents(request, hidden=None):
    """Documents listed publicly, complete, and outside the collections the request may not see.

    ``hidden``: a ``hidden_collections_q(request)`` already computed (saves its query).
    """
    Document = get_document_model()
    return Document.objects.listed().exclude(
        hidden_collections_q(request) if hidden is None else hidden
    )


def document_labels(document):
    """(audiences, languages, tags) of one document as lists of labels, in one query."""
    Document = get_document_model()
    audiences = (
        Document.audiences.through.objects.filter(customdocument_id=document.pk)
        .annotate(facet=Value("audience"), value=F("audience__code"))
        .values_list("facet", "value")
    )
    languages = (
        Document.languages.through.objects.filter(customdocument_id=document.pk)
        .annotate(facet=Value("language"), value=F("documentlanguage__code"))
        .values_list("facet", "value")
    )
    tags = (
        Document.objects.filter(pk=document.pk, tags__isnull=False)
        .annotate(facet=Value("tag"), value=F("tags__name"))
        .values_list("facet", "value")
    )
    found = {"audience": [], "language": [], "tag": []}
    for facet, value in audiences.union(languages, tags, all=True):
        found[facet].append(value)
    audience_labels = dict(AudienceCode.choices)
    language_labels = dict(LanguageCode.choices)
    return (
        [
            (code, audience_labels.get(code, code))
            for code in AudienceCode.values
            if code in found["audience"]
        ],
        [
            (code, language_labels.get(code, code))
            for code in LanguageCode.values
            if code in found["language"]
        ],
        sorted(found["tag"]),
    )


def _values(params, name, valid=None, integer=False):
    values = []
    for value in params.getlist(name):
        value = value.strip()
        if not value:
            continue
        if integer:
            if not value.isdecimal():
                continue
            value = int(value)
        elif valid is not None and value not in valid:
            continue
        if value not in values:
            values.append(value)
    return values[:20]


@dataclass
class LibraryQuery:
    """The visitor's search: a term, selected facet values and a sort — read from GET."""

    q: str = ""
    sort: str = "date"
    selected: dict = field(default_factory=dict)

    @classmethod
    def from_request(cls, request):
        params = request.GET
        selected = {
            "type": _values(params, "type", valid=set(DocumentType.values)),
            "audience": _values(params, "audience", valid=set(AudienceCode.values)),
            "group": _values(params, "group", integer=True),
            "year": _values(params, "year", integer=True),
            "language": _values(params, "language", valid=set(LanguageCode.values)),
            "tag": _values(params, "tag"),
        }
        q = params.get("q", "").strip()[:200]
        sort = params.get("sort", "")
        if sort not in SORTS:
            sort = "relevance" if q else "date"
        if sort == "relevance" and not q:
            sort = "date"
        return cls(q=q, sort=sort, selected=selected)

    @property
    def is_filtered(self):
        return bool(self.q) or any(self.selected.values())


def apply_filters(queryset, query):
    Document = get_document_model()
    selected = query.selected
    if selected["type"]:
        queryset = queryset.filter(document_type__in=selected["type"])
    if selected["year"]:
        queryset = queryset.filter(publication_date__year__in=selected["year"])
    relations = {
        "audience": "audiences__code__in",
        "group": "thematic_groups__in",
        "language": "languages__code__in",
        "tag": "tags__name__in",
    }
    for name, lookup in relations.items():
        if selected[name]:
            queryset = queryset.filter(
                pk__in=Document.objects.filter(**{lookup: selected[name]}).values("pk")
            )
    return queryset


def search_documents(request, query):
    """The visible documents matching ``query``, ordered as asked (a lazy queryset)."""
    Document = get_document_model()
    if query.q:
        backend = get_search_backend()
        results = backend.search(
            query.q,
            Document.objects.filter(is_listed=True),
            order_by_relevance=query.sort == "relevance",
        )
        matching = results.get_queryset()
        queryset = visible_documents(request).filter(pk__in=matching.values("pk"))
        if query.sort == "relevance":
            queryset = matching.filter(pk__in=queryset.values("pk"))
    else:
        queryset = visible_documents(request)
    queryset = apply_filters(queryset, query)
    if query.sort == "date":
        queryset = queryset.order_by("-publication_date", "-pk")
    elif query.sort == "title":
        queryset = queryset.order_by("title", "pk")
    return queryset


def facet_counts(queryset, locale_id=None):
    """Counts per facet value over ``queryset`` and the total, in three queries whatever its size.

    ``queryset`` may also be a list of primary keys (the hits of a full-text search).
    ``locale_id``: show the thematic groups' titles of that locale (one more query).
    """
    Document = get_document_model()
    ids = queryset if isinstance(queryset, list) else queryset.order_by().values("pk")
    matching = Document.objects.filter(pk__in=ids)
    types = dict(DocumentType.choices)
    labels = {"audience": dict(AudienceCode.choices), "language": dict(LanguageCode.choices)}
    facets = {name: [] for name in FACETS}

    # Type and year together: each visible document has exactly one type, so this also counts them.
    by_type, by_year, total = {}, {}, 0
    for row in (
        matching.annotate(year=ExtractYear("publication_date"))
        .values("document_type", "year")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_type[row["document_type"]] = by_type.get(row["document_type"], 0) + row["n"]
        if row["year"]:
            by_year[row["year"]] = by_year.get(row["year"], 0) + row["n"]
        total += row["n"]
    facets["type"] = [
        (value, types.get(value, value), n)
        for value, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    facets["year"] = [(year, year, n) for year, n in sorted(by_year.items(), reverse=True)]

    # Audiences, languages and tags: one UNION ALL query of (facet, value, count).
    audiences = (
        Document.audiences.through.objects.filter(customdocument_id__in=ids)
        .annotate(facet=Value("audience"), value=F("audience__code"))
        .values("facet", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    languages = (
        Document.languages.through.objects.filter(customdocument_id__in=ids)
        .annotate(facet=Value("language"), value=F("documentlanguage__code"))
        .values("facet", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tags = (
        Document.tags.through.objects.filter(
            content_type_id=ContentType.objects.get_for_model(Document).pk, object_id__in=ids
        )
        .annotate(facet=Value("tag"), value=F("tag__name"))
        .values("facet", "value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in audiences.union(languages, tags, all=True):
        name = row["facet"]
        label = labels[name].get(row["value"], row["value"]) if name in labels else row["value"]
        facets[name].append((row["value"], label, row["n"]))
    for name in ("audience", "language", "tag"):
        facets[name].sort(key=lambda option: (-option[2], str(option[1])))
    facets["tag"] = facets["tag"][:MAX_TAGS_SHOWN]

    Groups = Document.thematic_groups.through
    group_rows = list(
        Groups.objects.filter(customdocument_id__in=ids)
        .values(
            "thematicgrouppage_id", "thematicgrouppage__title", "thematicgrouppage__translation_key"
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "thematicgrouppage__title")
    )
    translated = {}
    if locale_id is not None and group_rows:
        from groups.models import ThematicGroupPage

        translated = dict(
            ThematicGroupPage.objects.filter(
                locale_id=locale_id,
                translation_key__in=[
                    row["thematicgrouppage__translation_key"] for row in group_rows
                ],
            ).values_list("translation_key", "title")
        )
    facets["group"] = [
        (
            row["thematicgrouppage_id"],
            translated.get(
                row["thematicgrouppage__translation_key"], row["thematicgrouppage__title"]
            ),
            row["n"],
        )
        for row in group_rows
    ]
    return facets, total
