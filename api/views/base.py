"""What every endpoint of the open API shares (on our own classes, over Wagtail's API v2).

- Anonymous and read-only: no authentication, JSON only (the human documentation page is
  ``/<lang>/api/``); what a logged-in browser sends (session cookie) changes nothing.
- Each endpoint declares its extra query parameters once, in ``filter_parameters``
  (``OpenApiParameter`` objects): they are both accepted by the query check and documented
  in the OpenAPI schema.
- Every refusal is ``{"message": …}`` with status 400 (bad parameter), 404 or 429, never a 500:
  integers beyond the database's range, NUL bytes and search syntax errors included.
- After a list page is cut, :meth:`prepare` fetches what the serialisers look up (one query
  each), so a list page costs the same number of queries whatever its length.
- URLs are wrapped by :func:`api.caching.api_view` (rate limit, cache, ETag, gzip).
"""

from django.core.exceptions import FieldError, ValidationError
from django.db import DataError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter

from ..caching import api_view
from ..schema import EndpointSchema

MAX_INT = 2**63 - 1
LOCALE_PARAMETER = OpenApiParameter(
    "locale",
    str,
    enum=["fr", "en"],
    description="Language of labels and texts (fr by default); for pages, only that language.",
)


def integer(value, name):
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise BadRequestError(f"{name} must be an integer") from error
    if not 0 <= number <= MAX_INT:
        raise BadRequestError(f"{name} is out of range")
    return number


class SafeFieldsFilter(FieldsFilter):
    """Wagtail's ``?field=value`` filters, with integers checked against the database range."""

    def filter_queryset(self, request, queryset, view):
        from django.db import models

        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        fields.discard("locale")  # its own filter (?locale=fr|en)
        for name, value in request.GET.items():
            if name not in fields:
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except LookupError:
                continue
            if isinstance(field, (models.IntegerField, models.AutoField, models.ForeignKey)):
                integer(value, name)
        return super().filter_queryset(request, queryset, view)


class SafeSearchFilter(SearchFilter):
    def filter_queryset(self, request, queryset, view):
        operator = request.GET.get("search_operator")
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if len(request.GET.get("search", "")) > 200:
            raise BadRequestError("search is limited to 200 characters")
        return super().filter_queryset(request, queryset, view)


class PublicAPIMixin:
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []  # the rate limit is applied by api_view, to cache hits too
    renderer_classes = [JSONRenderer]
    schema = EndpointSchema()
    filter_parameters = [LOCALE_PARAMETER]
    #: one sentence (translated) for the documentation page and the schema
    summary = ""

    @classmethod
    def standard_parameters(cls):
        """Wagtail's parameters this endpoint accepts (the others are refused)."""
        names = ["limit", "offset", "fields"]
        if any(issubclass(b, OrderingFilter) for b in cls.filter_backends):
            names.append("order")
        if any(issubclass(b, SafeFieldsFilter) for b in cls.filter_backends):
            names += ["search", "search_operator"]
        return names

    @classmethod
    def schema_model(cls):
        """The model whose fields document this endpoint's items in the schema."""
        return cls.model

    def check_query_parameters(self, queryset):
        """Only this endpoint's parameters (and, with field filters, its database fields)."""
        allowed = set(self.standard_parameters()) | {p.name for p in self.filter_parameters}
        allowed |= {"_", "rich_text_format"}
        if any(issubclass(b, SafeFieldsFilter) for b in self.filter_backends):
            allowed |= set(self.get_available_fields(queryset.model, db_fields_only=True))
        unknown = set(self.request.GET) - allowed
        if unknown:
            raise BadRequestError("unknown query parameter(s): " + ", ".join(sorted(unknown)[:10]))

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return Response({"message": "not found"}, status=404)
        if isinstance(exc, exceptions.Throttled):
            return Response({"message": "too many requests"}, status=429)
        if isinstance(exc, exceptions.MethodNotAllowed):
            return Response({"message": "this API is read-only"}, status=405)
        if isinstance(exc, (ValidationError, FieldError, DataError, ValueError)):
            return Response({"message": f"bad request: {exc}"[:300]}, status=400)
        if isinstance(exc, exceptions.APIException):
            return Response({"message": str(exc.detail)}, status=exc.status_code)
        return super().handle_exception(exc)

    def get_object(self):
        if not 0 <= int(self.kwargs.get("pk", 0)) <= MAX_INT:
            raise Http404("not found")
        return super().get_object()

    def paginate_queryset(self, queryset):
        objects = list(super().paginate_queryset(queryset))
        self.prepare(objects)
        return objects

    def detail_view(self, request, pk):
        self.prepare([self.get_object()])
        return super().detail_view(request, pk)

    def prepare(self, objects):
        """Fetch in bulk what the serialisers of ``objects`` will need (override)."""

    def listing_model(self):
        """The model whose fields a list page shows (the queryset's, unless overridden)."""
        return self.get_queryset().model

    def get_serializer_class(self):
        """Wagtail's, with the list page's model from :meth:`listing_model`."""
        listing = self.action == "listing_view"
        model = self.listing_model() if listing else type(self.get_object())
        try:
            fields_config = (
                parse_fields_parameter(self.request.GET["fields"])
                if "fields" in self.request.GET
                else []
            )
        except ValueError as error:
            raise BadRequestError(f"fields error: {error}") from error
        return self._get_serializer_class(
            self.request.wagtailapi_router,
            model,
            fields_config,
            show_details=self.action != "listing_view",
        )

    @classmethod
    def get_urlpatterns(cls):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = api_view(pattern.callback)
        return [p for p in patterns if p.name != "find"]
