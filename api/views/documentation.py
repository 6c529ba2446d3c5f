"""``/<lang>/api/``: the API's documentation for people, in French and English.

The endpoints, their filters and their fields are read from the endpoint classes and the
field registry (the same sources as the OpenAPI schema), so the page never drifts from the
API. No query.
"""

from django.template.response import TemplateResponse
from django.urls import reverse

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


def documentation(request):
    base_url = request.build_absolute_uri("/").rstrip("/")
    return TemplateResponse(
        request,
        "api/documentation.html",
        {
            "endpoints": endpoint_rows(base_url),
            "schema_url": base_url + reverse("api_schema"),
            "base_url": base_url,
        },
    )
