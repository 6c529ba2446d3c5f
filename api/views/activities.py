"""``/api/v2/activities/``: published IATI activities, as JSON.

The full record (``iati``, on the detail view and with ``?fields=iati``) is the activity's
IATI 2.03 XML as published at ``/iati/activities.xml`` — built by the same exporter
(``iati_publisher.export``) and turned into JSON by :func:`element_json`: attributes become
keys (``xml:lang`` → ``lang``), child elements become lists under their tag, text goes
under ``text``. Contact e-mail addresses are left out (the API publishes no e-mail address).

Filters are the aid map's (``aidmap.data.Filters``): ``partner`` (reporting organisation
identifier), ``sector`` (5-digit code or 3-digit category), ``region`` (a région's code),
``status`` (IATI activity status), ``year`` (of a transaction), ``group`` (a thematic group
page id); an unusable value is a 400 here rather than ignored.

SQL per list page: count, rows, thematic groups; with ``iati``, one query per part table.
"""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.filters import OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from aidmap.activity import iati_xml_url
from aidmap.data import Filters, activity_url, filtered_activities, list_data, map_page_url
from iati_publisher.export import XML_LANG, activity_element, iter_activities
from iati_publisher.models import Activity

from .. import lookups
from .base import LOCALE_PARAMETER, PublicAPIMixin
from .library import GroupRefListField

FILTER_NAMES = ("partner", "sector", "region", "status", "year", "group")
LEFT_OUT = {("contact-info", "email")}


def element_json(element, parent_tag=None):
    """A JSON-ready dict of an lxml element (see the module docstring)."""
    data = {}
    for name, value in element.attrib.items():
        data["lang" if name == XML_LANG else name] = value
    text = (element.text or "").strip()
    if text:
        data["text"] = text
    for child in element:
        if not isinstance(child.tag, str) or (element.tag, child.tag) in LEFT_OUT:
            continue
        data.setdefault(child.tag, []).append(element_json(child, element.tag))
    return data


@extend_schema_field({"$ref": "#/components/schemas/IatiElement", "nullable": True})
class IatiField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, activity):
        records = getattr(self.context["request"], "_api_iati", {})
        return records.get(activity.pk)


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class HtmlUrlField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, activity):
        from django.utils.translation import get_language
        from wagtail.api.v2.utils import get_full_url

        base = map_page_url((get_language() or "fr")[:2])
        url = activity_url(base, activity.iati_identifier)
        return get_full_url(self.context["request"], url) if url else None


@extend_schema_field({"type": "string", "format": "uri"})
class XmlUrlField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, activity):
        from wagtail.api.v2.utils import get_full_url

        return get_full_url(self.context["request"], iati_xml_url(activity))


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "ref": {"type": "string"},
            "name": {"type": "string"},
            "type": {"type": "string"},
        },
    }
)
class ReportingOrgField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, org):
        return {"ref": org.ref, "name": org.name, "type": org.org_type}


class ActivitiesAPIViewSet(PublicAPIMixin, BaseAPIViewSet):
    model = Activity
    name = "activities"
    summary = _("Published IATI activities in Mali, with the same data as the IATI XML files.")
    filter_backends = [OrderingFilter]  # ?order=iati_identifier, -last_updated…
    filter_parameters = [
        LOCALE_PARAMETER,
        OpenApiParameter("partner", str, description="IATI identifier of the reporting org"),
        OpenApiParameter("sector", str, description="DAC sector (5 digits) or category (3)"),
        OpenApiParameter("region", str, description="Code of a région of Mali"),
        OpenApiParameter("status", str, description="IATI activity status code (1–6)"),
        OpenApiParameter("year", int, description="Year of a transaction"),
        OpenApiParameter("group", int, description="Id of a thematic group page"),
    ]
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "iati_identifier",
        APIField("title", serializer=serializers.CharField(read_only=True)),
        APIField("description", serializer=serializers.CharField(read_only=True)),
        "activity_status",
        APIField("reporting_org", serializer=ReportingOrgField()),
        "default_currency",
        "last_updated",
        APIField("thematic_groups", serializer=GroupRefListField()),
        APIField("iati", serializer=IatiField()),
    ]
    meta_fields = [
        *BaseAPIViewSet.meta_fields,
        APIField("html_url", serializer=HtmlUrlField()),
        APIField("xml_url", serializer=XmlUrlField()),
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "html_url",
        "iati_identifier",
        "title",
        "activity_status",
        "reporting_org",
    ]
    detail_only_fields = []

    def get_queryset(self):
        params = self.request.GET
        filters = Filters.from_query(params)
        for name in FILTER_NAMES:
            if name not in params:
                continue
            kept = getattr(filters, name)
            # The map drops what it cannot use; the API says so (a région is kept as its code).
            if not kept or (name != "region" and kept != params[name].strip()):
                raise BadRequestError(f"{name}: unusable value '{params[name][:40]}'")
        queryset = filtered_activities(filters) if filters.as_query() else Activity.objects
        queryset = queryset.filter(live=True)
        if filters.region:  # located by the aid map's rules (points and administrative units)
            keep = list(list_data(filters, "fr")["activities"])
            queryset = queryset.filter(iati_identifier__in=keep)
        return queryset.select_related("reporting_org").order_by("iati_identifier", "pk")

    def wants_iati(self):
        if self.action != "listing_view":
            return True
        fields = self.request.GET.get("fields", "")
        return fields.startswith("*") or "iati" in fields.replace("-iati", "").split(",")

    def prepare(self, objects):
        prefetch_related_objects(objects, "thematic_groups")
        request = self.request
        request._api_iati = {}
        if objects and self.wants_iati():
            ids = [activity.pk for activity in objects]
            for record in iter_activities(Activity.objects.filter(pk__in=ids)):
                request._api_iati[record.id] = element_json(activity_element(record))
        lookups.prepare([], request)
