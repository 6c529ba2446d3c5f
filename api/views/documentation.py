"""``/<lang>/api/``: the API's documentation for people, in French and English.

The endpoints, their filters and their fields are read from the endpoint classes and the
field registry (the same sources as the OpenAPI schema), so the page never drifts from the
API. No query.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

from ..router import ENDPOINTS


def endpoint_rows(base_url):
    rows = []
    for name, endpoint in ENDPOINTS:
        model = endpoint.schema_model()
        fields = endpoint.get_available_fields(model)
        rows.append(
            {
                "name": name,
                "url": f"{base_url}/api/v2/{name}/",
                "summary": endpoint.summary,
                "filters": [p.name for p in endpoint.filter_parameters],
                "standard": endpoint.standard_parameters(),
                "fields": fields,
                "default_fields": endpoint.get_listing_default_fields(model),
            }
        )
    return rows


def rate_limit_text(rate=None):
    """The configured ``API_RATE_LIMIT`` in words (the same parser as the throttle)."""
    rate = settings.API_RATE_LIMIT if rate is None else rate
    if not rate:
        return _("no limit is set on this server")
    count, seconds = SimpleRateThrottle.parse_rate(None, rate)
    texts = {
        1: _("at most %(count)s requests per second and per client address"),
        60: _("at most %(count)s requests per minute and per client address"),
        3600: _("at most %(count)s requests per hour and per client address"),
        86400: _("at most %(count)s requests per day and per client address"),
    }
    return texts[seconds] % {"count": count}


def documentation(request):
    base_url = request.build_absolute_uri("/").rstrip("/")
    return TemplateResponse(
        request,
        "api/documentation.html",
        {
            "endpoints": endpoint_rows(base_url),
            "schema_url": base_url + reverse("api_schema"),
            "base_url": base_url,
            "rate_limit": rate_limit_text(),
        },
    )
