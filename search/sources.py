"""The kinds of content the site search covers, and what a visitor may find of each.

Each kind gives (1) the queryset of what this request may see, filtered on Wagtail
``FilterField``\\ s only, so that any search backend accepts it; (2) the fields of a *hit*, the
light tuple every match is reduced to (score, date, facet values) — one SQL query per kind,
whatever the number of matches; (3) ``describe``: the display data of the hits on the page
shown (at most one query per kind, one per page type for pages).

Visibility: pages live, of the visitor's locale, outside view restrictions the request does not
pass; documents listed in the public library outside restricted collections (the library's own
rule, ``library.queries.visible_documents``); published IATI activities; report series and
organisations of the visitor's locale; report editions once published.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Substr
from django.utils.html import strip_tags
from django.utils.translation import pgettext_lazy
from modelsearch.index import SearchField
from wagtail.models import Page, PageViewRestriction

from home import cache, chrome

from .highlight import SCANNED

KIND_LABELS = {
    "page": pgettext_lazy("search facet", "Pages"),
    "document": pgettext_lazy("search facet", "Documents"),
    "activity": pgettext_lazy("search facet", "IATI activities"),
    "series": pgettext_lazy("search facet", "Report series"),
    "edition": pgettext_lazy("search facet", "Report editions"),
    "organisation": pgettext_lazy("search facet", "Organisations"),
}
KIND_LABEL = {
    "page": pgettext_lazy("search result type", "Page"),
    "document": pgettext_lazy("search result type", "Document"),
    "activity": pgettext_lazy("search result type", "IATI activity"),
    "series": pgettext_lazy("search result type", "Report series"),
    "edition": pgettext_lazy("search result type", "Report edition"),
    "organisation": pgettext_lazy("search result type", "Organisation"),
}


@dataclass
class Hit:
    """One match, reduced to what ranking, sorting and facets need."""

    kind: str
    pk: int
    score: float = 0.0
    date: object = None
    groups: set = field(default_factory=set)
    audiences: set = field(default_factory=set)
    doctype: str = ""
    partner: str = ""
    row: tuple = ()
    # Display data, filled for the hits of the page shown:
    title: str = ""
    url: str = ""
    text: str = ""
    meta: list = field(default_factory=list)
    group_label: str = ""

    @property
    def year(self):
        return self.date.year if self.date else None

    @property
    def kind_label(self):
        return KIND_LABEL[self.kind]

    def values(self, facet):
        """The values of this hit for ``facet`` (a set; empty when the facet does not apply)."""
        if facet == "kind":
            return {self.kind}
        if facet == "group":
            return self.groups
        if facet == "year":
            return {self.year} if self.year else set()
        if facet == "audience":
            return self.audiences
        if facet == "doctype":
            return {self.doctype} if self.doctype else set()
        if facet == "partner":
            return {self.partner} if self.partner else set()
        return set()


def language_of(request):
    from django.utils.translation import get_language

    return (get_language() or "fr")[:2]


def locale_id(language):
    return {code: pk for pk, code in chrome.locale_codes().items()}.get(language)


def _date(value):
    return value.date() if hasattr(value, "date") and callable(value.date) else value


# --- pages -----------------------------------------------------------------------------------


def hidden_page_paths(request):
    """Paths of the view-restricted subtrees this request does not pass (one query)."""
    return [
        restriction.page.path
        for restriction in PageViewRestriction.objects.select_related("page").only(
            "restriction_type", "password", "page__path"
        )
        if not restriction.accept_request(request)
    ]


def pages(request, language):
    queryset = Page.objects.live().filter(locale_id=locale_id(language), depth__gt=1)
    for path in hidden_page_paths(request):
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def group_index():
    """Every thematic group page as plain data, cached until a page is published or moved:
    ``{"paths": [(path, source id)], "labels": {(source id, locale id): title}}``."""

    def build():
        from groups.models import ThematicGroupPage

        rows = list(
            ThematicGroupPage.objects.values_list(
                "pk", "path", "translation_key", "locale_id", "title"
            )
        )
        source = {}
        for pk, _path, key, locale, _title in rows:
            if chrome.locale_codes().get(locale) == "fr" or key not in source:
                source[key] = pk
        return {
            "paths": sorted(((path, source[key]) for _pk, path, key, _l, _t in rows), reverse=True),
            "labels": {(source[key], locale): title for _pk, _p, key, locale, title in rows},
            "source_titles": {
                source[key]: title for _pk, _p, key, locale, title in rows if source[key] == _pk
            },
        }

    return cache.get_or_build(chrome.NAME, ["search-groups"], build, chrome.TIMEOUT)


def group_of_path(path, groups):
    for prefix, source_id in groups["paths"]:
        if path.startswith(prefix):
            return source_id
    return None


def group_label(source_id, locale, groups):
    return groups["labels"].get((source_id, locale)) or groups["source_titles"].get(source_id, "")


def special_pages(language):
    """URLs of the library, the report calendar and the aid map of ``language`` (cached)."""

    def build():
        from aidmap.models import AidMapPage
        from library.models import LibraryPage, ReportCalendarPage

        types = {
            ContentType.objects.get_for_model(model).pk: name
            for name, model in (
                ("library", LibraryPage),
                ("calendar", ReportCalendarPage),
                ("aidmap", AidMapPage),
            )
        }
        found = {}
        for page in Page.objects.live().filter(
            locale_id=locale_id(language), content_type_id__in=list(types)
        ):
            found.setdefault(types[page.content_type_id], page.get_url())
        return found

    return cache.get_or_build(chrome.NAME, ["search-special", language], build, chrome.TIMEOUT)


def page_text(page):
    """The indexed text of a page (its search fields but the title), for the extract."""
    texts = [page.search_description]
    for search_field in page.get_search_fields():
        if isinstance(search_field, SearchField) and search_field.field_name != "title":
            try:
                value = search_field.get_value(page)
            except (AttributeError, ValueError):
                continue
            if isinstance(value, list | tuple):
                value = " ".join(str(item) for item in value)
            texts.append(strip_tags(str(value or "")))
    return " ".join(text for text in texts if text)


def specific_pages(hits):
    """{pk: specific page} of the page hits in **one** query whatever their types: the base
    ``Page`` row joined to the table of each type present (``select_related`` of the reverse
    one-to-one link Django gives a page type; ``PageQuerySet.specific()`` would take one query
    per type)."""
    links = {}
    for hit in hits:
        model = ContentType.objects.get_for_id(hit.row["content_type_id"]).model_class()
        link = []
        while model is not None and model is not Page:  # the path down from Page
            parent, field = next(iter(model._meta.parents.items()), (None, None))
            if field is None:
                break
            link.insert(0, field.remote_field.get_accessor_name())
            model = parent
        if model is Page and link:
            links[hit.pk] = link
    paths = {"__".join(link) for link in links.values()}
    found = Page.objects.filter(pk__in=[hit.pk for hit in hits]).select_related(*paths).in_bulk()
    pages = {}
    for pk, page in found.items():
        for name in links.get(pk, ()):
            page = getattr(page, name)
        pages[pk] = page
    return pages


def describe_pages(hits, request, language, groups):
    locale = locale_id(language)
    found = specific_pages(hits)
    for hit in hits:
        page = found.get(hit.pk)
        if page is None:
            continue
        hit.title = page.title
        hit.url = page.get_url(request)
        hit.text = page_text(page)
        hit.date = _date(getattr(page, "date", None) or getattr(page, "start", None)) or hit.date
        hit.meta = [str(page._meta.verbose_name).capitalize()]
        if hit.groups:
            hit.group_label = group_label(next(iter(hit.groups)), locale, groups)


# --- documents -------------------------------------------------------------------------------


def documents(request, language):
    from library.queries import visible_documents

    return visible_documents(request)


def describe_documents(hits, request, language, groups):
    from django.template.defaultfilters import filesizeformat
    from wagtail.documents import get_document_model

    from library.models import DocumentType

    urls = special_pages(language)
    types = dict(DocumentType.choices)
    found = (
        get_document_model()
        .objects.filter(pk__in=[hit.pk for hit in hits])
        .annotate(text_start=Substr("extracted_text", 1, SCANNED))
        .only("pk", "title", "file", "file_size", "description", "document_type")
        .in_bulk()
    )
    locale = locale_id(language)
    for hit in hits:
        document = found.get(hit.pk)
        if document is None:
            continue
        hit.title = document.title
        library = urls.get("library")
        hit.url = f"{library}document/{document.pk}/{document.slug}/" if library else document.url
        hit.text = f"{document.description} {document.text_start}"
        hit.meta = [
            str(types.get(document.document_type, "")),
            document.extension.upper(),
            filesizeformat(document.file_size) if document.file_size else "",
        ]
        if hit.groups:
            hit.group_label = group_label(sorted(hit.groups)[0], locale, groups)


# --- IATI activities --------------------------------------------------------------------------


def activities(request, language):
    from iati_publisher.models import Activity, ActivityDate

    start = ActivityDate.objects.filter(activity=OuterRef("pk"), type__in=["1", "2"]).order_by(
        "iso_date"
    )
    return Activity.objects.filter(live=True).annotate(
        start_date=Subquery(start.values("iso_date")[:1])
    )


def partner_names():
    """{reporting organisation id: (ref, French name, English name)}, cached."""

    def build():
        from iati_publisher.models import ReportingOrganisation

        return {
            pk: (ref, name_fr, name_en or name_fr)
            for pk, ref, name_fr, name_en in ReportingOrganisation.objects.values_list(
                "pk", "ref", "name_fr", "name_en"
            )
        }

    return cache.get_or_build("search-partners", [], build, 60 * 10)


def describe_activities(hits, request, language, groups):
    from aidmap.data import activity_url
    from iati_publisher.models import Activity

    english = language == "en"
    base = special_pages(language).get("aidmap", "")
    found = (
        Activity.objects.filter(pk__in=[hit.pk for hit in hits])
        .only("pk", "iati_identifier", "title_fr", "title_en", "description_fr", "description_en")
        .in_bulk()
    )
    names = partner_names()
    locale = locale_id(language)
    for hit in hits:
        activity = found.get(hit.pk)
        if activity is None:
            continue
        first, second = ("en", "fr") if english else ("fr", "en")
        hit.title = getattr(activity, f"title_{first}") or getattr(activity, f"title_{second}")
        hit.title = hit.title or activity.iati_identifier
        hit.text = getattr(activity, f"description_{first}") or getattr(
            activity, f"description_{second}"
        )
        hit.url = activity_url(base, activity.iati_identifier)
        partner = [name for pk, name in names.items() if name[0] == hit.partner]
        hit.meta = [activity.iati_identifier]
        if partner:
            hit.meta.append(partner[0][2 if english else 1])
        if hit.groups:
            hit.group_label = group_label(sorted(hit.groups)[0], locale, groups)


# --- report series and editions, organisations -------------------------------------------------


def series(request, language):
    from library.models import ReportSeries

    return ReportSeries.objects.filter(locale_id=locale_id(language))


def describe_series(hits, request, language, groups):
    from library.models import ReportSeries

    url = special_pages(language).get("calendar", "")
    found = (
        ReportSeries.objects.filter(pk__in=[hit.pk for hit in hits])
        .select_related("publisher")
        .in_bulk()
    )
    for hit in hits:
        item = found.get(hit.pk)
        if item is None:
            continue
        hit.title = item.title
        hit.text = item.description
        hit.url = url
        hit.meta = [str(item.publisher)] if item.publisher else []


def editions(request, language):
    from library.models import EditionStatus, ReportEdition

    return ReportEdition.objects.filter(
        status__in=[EditionStatus.PUBLISHED, EditionStatus.ACQUIRED, EditionStatus.ONLINE]
    )


def describe_editions(hits, request, language, groups):
    from library.models import ReportEdition, ReportSeries

    urls = special_pages(language)
    translated = ReportSeries.objects.filter(
        translation_key=OuterRef("series__translation_key"), locale_id=locale_id(language)
    )
    found = (
        ReportEdition.objects.filter(pk__in=[hit.pk for hit in hits])
        .select_related("series", "document")
        .annotate(series_title=Subquery(translated.values("title")[:1]))
        .in_bulk()
    )
    for hit in hits:
        edition = found.get(hit.pk)
        if edition is None:
            continue
        hit.title = f"{edition.series_title or edition.series.title} {edition.edition}"
        hit.text = edition.series.description
        document = edition.document
        library = urls.get("library")
        if document is not None and document.is_listed and library:
            hit.url = f"{library}document/{document.pk}/{document.slug}/"
        else:
            hit.url = f"{urls.get('calendar', '')}#edition-{edition.pk}"
        hit.meta = [str(edition.get_status_display())]


def organisations(request, language):
    from groups.models import Organisation

    return Organisation.objects.filter(locale_id=locale_id(language))


def describe_organisations(hits, request, language, groups):
    from urllib.parse import urlencode

    from django.urls import reverse

    from groups.models import Organisation

    found = Organisation.objects.filter(pk__in=[hit.pk for hit in hits]).in_bulk()
    for hit in hits:
        item = found.get(hit.pk)
        if item is None:
            continue
        hit.title = str(item)
        hit.text = ""
        words = item.acronym or item.name
        hit.url = (
            reverse("search")
            + "?"
            + urlencode({"q": words, "kind": ["document", "activity"]}, doseq=True)
        )
        hit.meta = [str(item.get_family_display())]


@dataclass
class Kind:
    """How the search reads one kind of content (see the module docstring)."""

    key: str
    queryset: object  # (request, language) -> queryset
    fields: tuple  # hit fields after "pk" and "_score": date field first
    describe: object  # (hits, request, language, groups) -> None
    date_field: str = ""  # the hit field giving the date sorted on and the year facet


KINDS = {
    "page": Kind(
        "page", pages, ("first_published_at", "path", "content_type_id"), describe_pages,
        "first_published_at",
    ),
    "document": Kind(
        "document", documents, ("publication_date", "document_type"), describe_documents,
        "publication_date",
    ),
    "activity": Kind(
        "activity", activities, ("start_date", "reporting_org_id"), describe_activities,
        "start_date",
    ),
    "series": Kind("series", series, (), describe_series),
    "edition": Kind(
        "edition", editions, ("published_on", "expected_date"), describe_editions, "published_on"
    ),
    "organisation": Kind("organisation", organisations, (), describe_organisations),
}  # fmt: skip
