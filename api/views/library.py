"""``/api/v2/documents/``, ``/api/v2/images/`` and ``/api/v2/report-editions/``.

Documents: exactly those the public library lists to an anonymous visitor
(``library.queries.visible_documents(None)``: listed, complete, outside every restricted
collection), with the library's own filters and sorts (``q``, ``type``, ``audience``,
``group``, ``year``, ``language``, ``tag``, ``sort``) — same names, same meaning as
``/fr/bibliotheque/?…``, but an unknown value is a 400 here rather than ignored.

Images: those outside every restricted collection. Report editions: the calendar of
reference reports, with their series; an edition's document appears only when public.

SQL per list page: count, rows, one query per many-to-many relation shown, one for the
public documents linked — constant with the page size.
"""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.filters import OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageDownloadUrlField, ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from library.models import EditionStatus, ReportEdition
from library.models.documents import AudienceCode, DocumentType, LanguageCode
from library.queries import LibraryQuery, hidden_collections_q, search_documents

from .. import lookups
from ..fields import (
    ORGANISATION,
    ChoiceLabelField,
    DocumentRefField,
    OrganisationListField,
    TagNamesField,
)
from .base import LOCALE_PARAMETER, PublicAPIMixin, SafeFieldsFilter, SafeSearchFilter, integer

DOCUMENT_FILTERS = {
    "type": set(DocumentType.values),
    "audience": set(AudienceCode.values),
    "language": set(LanguageCode.values),
}


class CodesField(serializers.ListField):
    """The codes of a many-to-many relation to a code table (audiences, languages)."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.CharField(), read_only=True, **kwargs)

    def to_representation(self, manager):
        return [item.code for item in manager.all()]


class GroupRefListField(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(child=serializers.DictField(), read_only=True, **kwargs)

    def to_representation(self, manager):
        return [lookups.group_reference(group) for group in manager.all()]


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class DocumentHtmlUrlField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, document):
        return lookups.document_page_url(document, self.context["request"])


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    filter_backends = []  # the library's own filters, see get_queryset
    filter_parameters = [
        LOCALE_PARAMETER,
        OpenApiParameter("q", str, description="Full-text search (title, description, text)"),
        OpenApiParameter("type", str, enum=DocumentType.values, many=True),
        OpenApiParameter("audience", str, enum=AudienceCode.values, many=True),
        OpenApiParameter("language", str, enum=LanguageCode.values, many=True),
        OpenApiParameter("group", int, many=True, description="Id of a thematic group page"),
        OpenApiParameter("year", int, many=True, description="Year of publication"),
        OpenApiParameter("tag", str, many=True),
        OpenApiParameter("sort", str, enum=["date", "relevance", "title"]),
    ]
    summary = _("Documents of the public library, with their metadata and download links.")
    body_fields = [
        *DocumentsAPIViewSet.body_fields,
        "description",
        "document_type",
        APIField("document_type_label", serializer=ChoiceLabelField("document_type")),
        "publication_date",
        APIField("audiences", serializer=CodesField()),
        APIField("languages", serializer=CodesField()),
        APIField("thematic_groups", serializer=GroupRefListField()),
        APIField("issuing_organisations", serializer=OrganisationListField()),
        "country_scope",
        APIField("extension", serializer=serializers.CharField(read_only=True)),
        "file_size",
        "page_count",
    ]
    meta_fields = [
        *(name for name in DocumentsAPIViewSet.meta_fields if name != "tags"),
        APIField("tags", serializer=TagNamesField()),
        APIField("html_url", serializer=DocumentHtmlUrlField()),
    ]
    listing_default_fields = [
        *DocumentsAPIViewSet.listing_default_fields,
        "html_url",
        "document_type",
        "publication_date",
        APIField("extension", serializer=serializers.CharField(read_only=True)),
        "file_size",
    ]

    def get_queryset(self):
        params = self.request.GET
        for name, valid in DOCUMENT_FILTERS.items():
            for value in params.getlist(name):
                if value not in valid:
                    raise BadRequestError(f"{name}: unknown value '{value[:40]}'")
        for name in ("group", "year"):
            for value in params.getlist(name):
                integer(value, name)
        if params.get("sort", "date") not in ("date", "relevance", "title"):
            raise BadRequestError("sort must be one of: date, relevance, title")
        query = LibraryQuery.from_request(self.request)
        return search_documents(None, query)

    def prepare(self, objects):
        prefetch_related_objects(
            objects, "tags", "audiences", "languages", "thematic_groups", "issuing_organisations"
        )


class AbsoluteImageDownloadUrlField(ImageDownloadUrlField):
    """The image file's absolute URL (``WAGTAILAPI_BASE_URL``), like a document's: Wagtail's
    own is the storage's relative ``/media/…`` path, which is not the ``uri`` the schema says."""

    def to_representation(self, image):
        from wagtail.api.v2.utils import get_full_url

        return get_full_url(self.context["request"], image.file.url)


class PublicImageSerializer(ImageSerializer):
    download_url = AbsoluteImageDownloadUrlField(read_only=True)


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    summary = _("Images of the media library outside restricted collections.")
    base_serializer_class = PublicImageSerializer
    filter_backends = [SafeFieldsFilter, OrderingFilter, SafeSearchFilter]
    filter_parameters = [LOCALE_PARAMETER]
    body_fields = [*ImagesAPIViewSet.body_fields, "credit"]
    meta_fields = [
        *(name for name in ImagesAPIViewSet.meta_fields if name != "tags"),
        APIField("tags", serializer=TagNamesField()),
    ]

    def get_queryset(self):
        return (
            self.model.objects.exclude(hidden_collections_q(None))
            .order_by("id")
            .prefetch_related("tags")
        )


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "publisher": {**ORGANISATION, "nullable": True},
            "website": {"type": "string"},
        },
    }
)
class SeriesField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, series):
        return lookups.series_reference(series)


class EditionsAPIViewSet(PublicAPIMixin, BaseAPIViewSet):
    """The calendar of reference reports: expected, published, acquired, online."""

    model = ReportEdition
    name = "report-editions"
    summary = _("Editions of the reference reports of the calendar, with their status and dates.")
    filter_backends = [OrderingFilter]  # ?order=expected_date, -published_on…
    filter_parameters = [
        LOCALE_PARAMETER,
        OpenApiParameter("status", str, enum=EditionStatus.values),
        OpenApiParameter("series", int, description="Id of a report series"),
        OpenApiParameter("year", int, description="Year of the expected date"),
        OpenApiParameter("overdue", bool, description="Only expected editions past their date"),
    ]
    body_fields = [
        *BaseAPIViewSet.body_fields,
        APIField("series", serializer=SeriesField()),
        "edition",
        "status",
        APIField("status_label", serializer=ChoiceLabelField("status")),
        "expected_date",
        "published_on",
        APIField("is_overdue", serializer=serializers.BooleanField(read_only=True)),
        APIField("document", serializer=DocumentRefField()),
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "series",
        "edition",
        "status",
        "expected_date",
        "published_on",
    ]

    def get_queryset(self):
        from django.utils import timezone

        params = self.request.GET
        queryset = ReportEdition.objects.filter(series__locale__language_code="fr")
        status = params.get("status")
        if status is not None:
            if status not in EditionStatus.values:
                raise BadRequestError("status must be one of: " + ", ".join(EditionStatus.values))
            queryset = queryset.filter(status=status)
        if "series" in params:
            queryset = queryset.filter(series_id=integer(params["series"], "series"))
        if "year" in params:
            year = integer(params["year"], "year")
            if not 1 <= year <= 9999:  # a date's year: beyond it the database lookup overflows
                raise BadRequestError("year is out of range (1 to 9999)")
            queryset = queryset.filter(expected_date__year=year)
        overdue = params.get("overdue")
        if overdue is not None:
            if overdue not in ("true", "false"):
                raise BadRequestError("overdue must be true or false")
            late = {"status": EditionStatus.EXPECTED, "expected_date__lt": timezone.localdate()}
            queryset = queryset.filter(**late) if overdue == "true" else queryset.exclude(**late)
        return queryset.select_related("series__publisher").order_by("expected_date", "id")

    def prepare(self, objects):
        lookups.prepare(objects, self.request)
