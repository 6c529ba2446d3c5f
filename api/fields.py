"""What the API shows of each model: one registry of fields, read by the endpoints and the schema.

``PAGE_FIELDS`` lists, per page model (inherited along the MRO), the body fields added to
Wagtail's own (``id``, ``title`` and the ``meta`` block). Relations are serialised by the small
serializers below, never by Wagtail's automatic nested serialisers, so that the API decides
what of a related object is public: an organisation's name, acronym and IATI identifier; a
focal point's name, organisation and role (never their e-mail address or user account); a
document only when it is listed in the public library and outside every restricted
collection (otherwise ``null``).

SQL: the values that need other rows (organisation names in the requested language, the set
of publicly visible documents) come from :mod:`api.lookups`, cached until the next
publication: serialising a list costs no query per item.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.api import APIField

from . import lookups

ORGANISATION = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "acronym": {"type": "string"},
        "iati_identifier": {"type": "string"},
        "family": {"type": "string"},
    },
}


@extend_schema_field({**ORGANISATION, "nullable": True})
class OrganisationField(serializers.Field):
    """An organisation in the requested language: ``{id, name, acronym, iati_identifier}``.

    Read by id among the organisations :func:`api.lookups.prepare` fetched for the page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, f"{self.source}_id", None)

    def to_representation(self, organisation_id):
        return lookups.organisation_by_id(organisation_id, self.context["request"])


@extend_schema_field({"type": "array", "items": ORGANISATION})
class OrganisationListField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, manager):
        return [lookups.organisation(org) for org in manager.all()]


DOCUMENT_REF = {
    "type": "object",
    "nullable": True,
    "description": "A library document, only when it is public (else null).",
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "detail_url": {"type": "string", "format": "uri"},
        "download_url": {"type": "string", "format": "uri"},
    },
}


@extend_schema_field(DOCUMENT_REF)
class DocumentRefField(serializers.Field):
    """A document linked from a page: shown only when the public library shows it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, f"{self.field_name}_id", None)

    def to_representation(self, document_id):
        return lookups.public_document(document_id, self.context["request"])


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "acronym": {"type": "string"},
            "html_url": {"type": "string", "nullable": True},
        },
    }
)
class ParentGroupField(serializers.Field):
    """The GT/SGT a canevas page or meeting belongs to."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        return lookups.parent_group(page, self.context["request"])


class MembershipSerializer(serializers.Serializer):
    organisation = OrganisationField()
    start_date = serializers.DateField(read_only=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)


class FocalPointSerializer(serializers.Serializer):
    """A focal point as the public group page shows it (no e-mail, no user account)."""

    name = serializers.CharField(read_only=True)
    organisation = OrganisationField(allow_null=True)
    role = serializers.CharField(read_only=True)


class AttendanceSerializer(serializers.Serializer):
    organisation = OrganisationField()
    present = serializers.BooleanField(read_only=True)
    persons = serializers.ListField(
        child=serializers.CharField(), source="person_list", read_only=True
    )


class WorkProgrammeActivitySerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    responsible = serializers.CharField(read_only=True)
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True)
    expected_results = serializers.CharField(read_only=True)


class JointMissionSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    start_date = serializers.DateField(read_only=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    place = serializers.CharField(read_only=True)
    partners = serializers.CharField(read_only=True)


class CapacityBuildingActionSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    audience = serializers.CharField(read_only=True)
    provider = serializers.CharField(read_only=True)
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True)


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """The label of a choice field in the requested language (``status_label``…)."""

    def __init__(self, field_name, **kwargs):
        self.choice_field = field_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return str(getattr(instance, f"get_{self.choice_field}_display")())


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class TagNamesField(serializers.Field):
    """Tag names, sorted, from the prefetched tags (Wagtail's own field queries per item)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        return sorted(tag.name for tag in manager.all())


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class SectorCodesField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return page.sector_codes


def many(serializer_class, source=None):
    """A list of child rows (``source`` when the relation has another name than the field)."""
    kwargs = {"source": source} if source else {}
    return serializer_class(many=True, read_only=True, **kwargs)


GROUP_FIELDS = [
    APIField("acronym"),
    APIField("status"),
    APIField("status_label", serializer=ChoiceLabelField("status")),
    APIField("mandate"),
    APIField("lead_partner", serializer=OrganisationField(allow_null=True)),
    APIField("co_lead", serializer=OrganisationField(allow_null=True)),
    APIField("government_counterpart", serializer=OrganisationField(allow_null=True)),
    APIField("sector_codes", serializer=SectorCodesField()),
    APIField("members", serializer=many(MembershipSerializer, "memberships")),
    APIField("focal_points", serializer=many(FocalPointSerializer)),
]
CANEVAS_FIELDS = [APIField("group", serializer=ParentGroupField())]

# Per page model, as dotted "app_label.ModelName" (abstract bases by their class name).
PAGE_FIELDS = {
    "home.HomePage": ["intro", "body"],
    "home.StandardPage": ["intro", "body"],
    "home.NewsIndexPage": ["intro"],
    "home.NewsPage": ["date", "summary", "image", "body"],
    "groups.GroupIndexPage": ["intro"],
    "groups.BaseGroupPage": GROUP_FIELDS,
    "groups.GroupChildPage": CANEVAS_FIELDS,
    "groups.TermsOfReferencePage": [
        "adoption_date",
        APIField("document", serializer=DocumentRefField()),
        "body",
    ],
    "groups.WorkProgrammePage": [
        "year",
        "objectives",
        "ptf_coherence",
        APIField("activities", serializer=many(WorkProgrammeActivitySerializer)),
    ],
    "groups.JointMissionsCalendarPage": [
        "year",
        "intro",
        APIField("missions", serializer=many(JointMissionSerializer)),
    ],
    "groups.CapacityBuildingPage": [
        "year",
        "body",
        APIField("actions", serializer=many(CapacityBuildingActionSerializer)),
    ],
    "groups.AnnualReviewPage": [
        "year",
        "body",
        APIField("document", serializer=DocumentRefField()),
    ],
    "groups.GroupNewsPage": ["date", "summary", "body"],
    "groups.MeetingPage": [
        "start",
        "end",
        "place",
        "agenda",
        APIField("minutes", serializer=DocumentRefField()),
        APIField("attendances", serializer=many(AttendanceSerializer)),
    ],
    "library.LibraryPage": ["intro"],
    "library.ReportCalendarPage": ["intro"],
    "aidmap.AidMapPage": ["intro"],
}

# Child relations serialised in one extra query per list page (see views.pages).
PREFETCH = {
    "members": ["memberships"],
    "focal_points": ["focal_points"],
    "attendances": ["attendances"],
    "activities": ["activities"],
    "missions": ["missions"],
    "actions": ["actions"],
}
# Foreign keys to documents: shown only when public; to organisations: fetched together
# (see api.lookups.prepare).
DOCUMENT_FIELDS = ("document", "minutes")
ORGANISATION_FIELDS = ("lead_partner", "co_lead", "government_counterpart")


def _key(cls):
    return f"{cls._meta.app_label}.{cls.__name__}"


def page_fields(model):
    """The registry's body fields of ``model`` (bases first), as ``APIField`` objects."""
    found = []
    for cls in reversed(model.__mro__):
        meta = getattr(cls, "_meta", None)
        if meta is None:
            continue
        for field in PAGE_FIELDS.get(_key(cls), ()):
            field = field if isinstance(field, APIField) else APIField(field)
            if not hasattr(model, field.name) and field.serializer is None:
                continue  # a field renamed or removed by its app: never a 500
            found = [f for f in found if f.name != field.name] + [field]
    return found
