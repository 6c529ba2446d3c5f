"""Gazetteer of Mali shipped with the product: régions, cercles and the country outline.

Data files beside this module (see README.md for sources and approximations):
``mali-admin.json`` (11 first-level units — 10 régions and the Bamako district — with their
capitals, and 49 cercles with approximate centroids) and ``mali-outline.geojson`` (a simplified
country boundary). Everything is read once per process.
"""

import json
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

HERE = Path(__file__).resolve().parent
#: IATI GeographicVocabulary for ISO 3166-2 first-level subdivisions (our région codes).
REGION_VOCABULARY = "A4"
#: The code used for activities located "at national level" (the whole of Mali).
NATIONAL_CODE = "ML"
#: Where national-level totals are drawn: in the north, away from every région capital.
NATIONAL_POINT = (20.0, -2.0)


@cache
def _data():
    return json.loads((HERE / "mali-admin.json").read_text(encoding="utf-8"))


@cache
def outline():
    """The simplified boundary of Mali as a GeoJSON FeatureCollection (a dict)."""
    return json.loads((HERE / "mali-outline.geojson").read_text(encoding="utf-8"))


@cache
def outline_json():
    """The outline serialised, ready to embed in a page."""
    return json.dumps(outline(), separators=(",", ":"))


@cache
def outline_rings():
    """Outer rings of the outline as lists of (longitude, latitude)."""
    geometry = outline()["features"][0]["geometry"]
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    return [[tuple(point) for point in polygon[0]] for polygon in polygons]


def regions():
    """The 10 régions and the Bamako district, each a dict (code, names, capital, lat/lon)."""
    return _data()["regions"]


def cercles():
    """The 49 cercles, each a dict (code, région code, names, approximate centroid)."""
    return _data()["cercles"]


@cache
def _by_code():
    units = {unit["code"]: unit for unit in [*regions(), *cercles()]}
    units.update({unit["gadm"]: unit for unit in regions() if unit.get("gadm")})
    return units


def get(code):
    """The unit (région or cercle) with this code — ISO 3166-2 or GADM 3.6 id for a région, our
    code for a cercle — or None."""
    return _by_code().get((code or "").strip())


def stored_code(unit):
    """The code the location editor stores for a unit: the GADM id of a région when GADM has it
    (the IATI export declares vocabulary A3, GADM), else the gazetteer's code."""
    return unit.get("gadm") or unit["code"]


def iati_vocabulary(code):
    """IATI GeographicVocabulary of a stored code: A3 (GADM), A4 (ISO 3166-2) or None (our
    cercle codes, which belong to no IATI vocabulary)."""
    code = (code or "").strip()
    unit = get(code)
    if unit is None or unit["level"] != 1:
        return None
    return "A3" if code == unit.get("gadm") else "A4"


def region_code_for(code):
    """The région code for a région or cercle code; None for unknown codes or national level."""
    unit = get(code)
    if unit is None:
        return None
    return unit["code"] if unit["level"] == 1 else unit["region"]


def is_national(code):
    return (code or "").strip().upper() in {NATIONAL_CODE, "MLI", "ML-0"}


def localized_name(unit, language=None):
    language = (language or get_language() or "fr")[:2]
    return unit["name_en"] if language == "en" else unit["name_fr"]


def choices(language=None):
    """Grouped choices for a select: régions, then the cercles of each région."""
    result = []
    for region in regions():
        name = localized_name(region, language)
        options = [(stored_code(region), name)]
        options += [
            (stored_code(cercle), f"{localized_name(cercle, language)} ({name})")
            for cercle in cercles()
            if cercle["region"] == region["code"]
        ]
        result.append((name, options))
    return result
