"""Values the serialisers need from other rows, fetched once per list page or per publication.

- :func:`organisation`: an organisation in the requested language. Organisations are
  translatable snippets (one row per language); the names of every translation are cached
  together under the ``api`` generation (one query after each publication).
- :func:`prepare` runs after a list page is cut (or for one detail object): it fetches, in one
  query each, the publicly visible documents the pages link to and the groups the pages belong
  to, and keeps them on the request for :func:`public_document` and :func:`parent_group`.

So serialising a list page costs a fixed number of queries, whatever its length.
"""

from django.utils.translation import get_language
from wagtail.documents import get_document_model

from home import cache

from .signals import CACHE_NAME

DOCUMENT_FIELDS = ("document_id", "minutes_id")


def _language():
    return (get_language() or "fr")[:2]


def translations(model, fields):
    """{translation_key: {language: {field: value}}} of a translatable model, and
    {pk: translation_key}: one query per publication for the whole table."""

    def build():
        names, keys = {}, {}
        for row in model.objects.values("pk", "translation_key", "locale__language_code", *fields):
            key = str(row["translation_key"])
            names.setdefault(key, {})[row["locale__language_code"]] = row
            keys[row["pk"]] = key
        return {"names": names, "keys": keys}

    return cache.get_or_build(CACHE_NAME, ["translations", model._meta.label], build)


def _localised(model, obj, fields):
    """``obj``'s row in the requested language (its own when it has no translation)."""
    table = translations(model, fields)
    versions = table["names"].get(table["keys"].get(obj.pk, ""), {})
    return versions.get(_language()) or {"pk": obj.pk, **{f: getattr(obj, f) for f in fields}}


def organisation(org):
    """``{id, name, acronym, iati_identifier, family}`` in the requested language."""
    if org is None:
        return None
    from groups.models import Organisation

    row = _localised(Organisation, org, ("name", "acronym"))
    return {
        "id": row["pk"],
        "name": row["name"],
        "acronym": row["acronym"],
        "iati_identifier": org.iati_identifier,
        "family": org.family,
    }


def group_reference(group):
    """A thematic group linked from a document or an activity, in the requested language."""
    from groups.models import ThematicGroupPage

    row = _localised(ThematicGroupPage, group, ("title", "acronym", "url_path"))
    return {"id": row["pk"], "title": row["title"], "acronym": row["acronym"]}


def series_reference(series):
    from library.models import ReportSeries

    row = _localised(ReportSeries, series, ("title",))
    return {
        "id": series.pk,
        "title": row["title"],
        "publisher": organisation(series.publisher),
        "website": series.website,
    }


def library_page_urls():
    """{language: full URL of the live public library page}."""

    def build():
        from library.models import LibraryPage

        return {
            page.locale.language_code: page.get_full_url()
            for page in LibraryPage.objects.live().public().select_related("locale")
        }

    return cache.get_or_build(CACHE_NAME, ["library-page-urls"], build)


def document_page_url(document, request):
    """The document's page in the public library, in the requested language."""
    from library.models import LibraryPage

    urls = library_page_urls()
    base = urls.get(_language()) or next(iter(urls.values()), None)
    if not base:
        return None
    return (
        base.rstrip("/")
        + "/"
        + LibraryPage().reverse_subpage("document", args=(document.pk, document.slug))
    )


def visible_documents():
    """Documents the public library shows to an anonymous visitor."""
    from library.queries import visible_documents as library_visible

    return library_visible(None)


def document_reference(document, request):
    from wagtail.api.v2.utils import get_full_url

    from .router import api_router

    detail = api_router.get_object_detail_urlpath(get_document_model(), document.pk)
    return {
        "id": document.pk,
        "title": document.title,
        "detail_url": get_full_url(request, detail) if detail else None,
        "download_url": get_full_url(request, document.url),
    }


ORGANISATION_FIELDS = ("lead_partner_id", "co_lead_id", "government_counterpart_id")
CHILD_ROWS = ("memberships", "focal_points", "attendances")


def _organisation_ids(objects):
    ids = {getattr(obj, name, None) for obj in objects for name in ORGANISATION_FIELDS}
    for obj in objects:
        cache = getattr(obj, "_prefetched_objects_cache", {})
        for name in CHILD_ROWS:
            ids.update(row.organisation_id for row in cache.get(name, ()))
    ids.discard(None)
    return ids


def organisation_by_id(pk, request):
    """An organisation fetched by :func:`prepare` (or on its own), as :func:`organisation`."""
    if pk is None:
        return None
    found = getattr(request, "_api_organisations", {})
    if pk not in found:
        from groups.models import Organisation

        found[pk] = Organisation.objects.filter(pk=pk).first()
    return organisation(found[pk])


def prepare(objects, request):
    """Fetch what the serialisers of ``objects`` (pages of one list) will look up."""
    from groups.models import Organisation

    ids = _organisation_ids(objects)
    request._api_organisations = Organisation.objects.in_bulk(ids) if ids else {}
    ids = {
        getattr(obj, name)
        for obj in objects
        for name in DOCUMENT_FIELDS
        if getattr(obj, name, None) is not None
    }
    request._api_documents = (
        {
            document.pk: document_reference(document, request)
            for document in visible_documents().filter(pk__in=ids)
        }
        if ids
        else {}
    )
    parent_paths = {obj.path[: -obj.steplen] for obj in objects if hasattr(obj, "steplen")}
    request._api_groups = _groups(parent_paths) if parent_paths else {}


def _groups(paths):
    from groups.models import SubGroupPage, ThematicGroupPage

    found = {}
    # The parent of a public page is public (view restrictions apply to whole subtrees).
    for model in (ThematicGroupPage, SubGroupPage):
        for group in model.objects.filter(path__in=paths).live():
            found[group.path] = {
                "id": group.pk,
                "title": group.title,
                "acronym": group.acronym,
                "html_url": group.full_url,
            }
    return found


def public_document(document_id, request):
    if document_id is None:
        return None
    documents = getattr(request, "_api_documents", None)
    if documents is None:
        prepare([], request)
        document = visible_documents().filter(pk=document_id).first()
        return document_reference(document, request) if document else None
    return documents.get(document_id)


def parent_group(page, request):
    """The GT/SGT ``page`` belongs to (its parent), if public, from :func:`prepare`."""
    groups = getattr(request, "_api_groups", None)
    if groups is None:
        prepare([page], request)
        groups = request._api_groups
    return groups.get(page.path[: -page.steplen])
