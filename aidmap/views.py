"""The GeoJSON endpoint of the aid map: ``/api/aid/locations.geojson?<filters>&lang=fr``."""

import json

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from . import cache
from .data import Filters, language_code, map_data


@require_GET
def locations_geojson(request):
    """Published activities' locations and totals per région, with the map page's filters.

    Public data only (live activities); cached until an activity is published or unpublished.
    """
    filters = Filters.from_query(request.GET)
    language = language_code(request.GET.get("lang"))
    body = cache.get_or_build(
        ["geojson", language, *filters.cache_parts()],
        lambda: json.dumps(
            map_data(filters, language), ensure_ascii=False, separators=(",", ":")
        ).encode(),
    )
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response
