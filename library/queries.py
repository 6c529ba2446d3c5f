"""What a visitor may see of the library, the faceted search over it, and its facet counts.

Every function here issues a fixed number of SQL queries, whatever the number of documents:
filters are sub-queries on primary keys and facet counts are ``values().annotate(Count)``.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction
from wagtail.search.backends import get_search_backend

from .models.documents import AudienceCode, DocumentType, LanguageCode

FACETS = ("type", "audience", "group", "year", "language", "tag")
SORTS = ("date", "relevance", "title")
MAX_TAGS_SHOWN = 25


def hidden_collections_q(request):
    """A Q matching documents in collections whose view restriction this request does not pass."""
    hidden = Q(pk__in=[])
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        if request is None or not restriction.accept_request(request):
            hidden |= Q(collection__path__startswith=restriction.collection.path)
    return hidden


def visible_documents(request):
    """Documents listed publicly, complete, and outside the collections the request may not see."""
    Document = get_document_model()
    return (
        Document.objects.filter(is_listed=True, publication_date__isnull=False)
        .exclude(document_type="")
        .exclude(hidden_collections_q(request))
    )


def _values(params, name, valid=None, integer=False):
    values = []
    for value in params.getlist(name):
        value = value.strip()
        if not value:
            continue
        if integer:
            if not value.isdigit():
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


def facet_counts(queryset, locale=None):
    """Counts per facet value over ``queryset`` (one query per facet, whatever its size)."""
    Document = get_document_model()
    ids = queryset.order_by().values("pk")
    matching = Document.objects.filter(pk__in=ids)
    types = dict(DocumentType.choices)
    audiences = dict(AudienceCode.choices)
    languages = dict(LanguageCode.choices)
    facets = {}
    facets["type"] = [
        (row["document_type"], types.get(row["document_type"], row["document_type"]), row["n"])
        for row in matching.values("document_type")
        .annotate(n=Count("pk"))
        .order_by("-n", "document_type")
    ]
    facets["year"] = [
        (row["year"], row["year"], row["n"])
        for row in matching.annotate(year=ExtractYear("publication_date"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
        if row["year"]
    ]
    Audiences = Document.audiences.through
    facets["audience"] = [
        (row["audience__code"], audiences.get(row["audience__code"]), row["n"])
        for row in Audiences.objects.filter(customdocument_id__in=ids)
        .values("audience__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "audience__code")
    ]
    Languages = Document.languages.through
    facets["language"] = [
        (row["documentlanguage__code"], languages.get(row["documentlanguage__code"]), row["n"])
        for row in Languages.objects.filter(customdocument_id__in=ids)
        .values("documentlanguage__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "documentlanguage__code")
    ]
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
    if locale is not None and group_rows:
        from groups.models import ThematicGroupPage

        translated = dict(
            ThematicGroupPage.objects.filter(
                locale=locale,
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
    facets["tag"] = [
        (row["tags__name"], row["tags__name"], row["n"])
        for row in matching.filter(tags__isnull=False)
        .values("tags__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "tags__name")[:MAX_TAGS_SHOWN]
    ]
    return facets
