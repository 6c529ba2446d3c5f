"""The GeoJSON endpoint of the aid map: ``/api/aid/locations.geojson?<filters>&lang=fr``."""

import gzip
import json

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from home import cache

from .data import CACHE_NAME, Filters, build, language_code


@require_GET
def locations_geojson(request):
    """Published activities' locations and totals per région, with the map page's filters.

    Public data only (live activities); cached until an activity is published or unpublished.
    """
    filters = Filters.from_query(request.GET)
    language = language_code(request.GET.get("lang"))
    body = cache.get_or_build(
        CACHE_NAME,
        ["geojson.gz", language, *filters.cache_parts()],
        lambda: gzip.compress(
            json.dumps(
                build(filters, language), ensure_ascii=False, separators=(",", ":")
            ).encode(),
            compresslevel=6,
        ),
    )
    # Stored gzipped (10,000 locations: ~2.5 MB of JSON, ~0.2 MB gzipped); served as is to
    # the browsers that accept it, which is all of them.
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(
            gzip.decompress(body), content_type="application/geo+json; charset=utf-8"
        )
    patch_vary_headers(response, ["Accept-Encoding"])
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response
