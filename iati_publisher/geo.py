"""Checks on the coordinates of activity locations: inside Mali, not swapped, nearest région.

Mali is tested against a bounding box first, then against the simplified outline of the
gazetteer (with a small tolerance for the simplification). Messages go through gettext, so an
editor reads them in the admin's language.
"""

import math
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import gazetteer

#: Degrees outside the simplified outline still accepted (≈ 5 km): border towns stay valid.
BORDER_TOLERANCE = 0.05


@cache
def bbox():
    """(min_lon, min_lat, max_lon, max_lat) of the outline, widened by the tolerance."""
    points = [point for ring in gazetteer.outline_rings() for point in ring]
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    t = BORDER_TOLERANCE
    return (min(lons) - t, min(lats) - t, max(lons) + t, max(lats) + t)


def _in_ring(lon, lat, ring):
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _near_ring(lon, lat, ring, tolerance):
    return any(
        _segment_distance(lon, lat, *ring[i - 1], *ring[i]) <= tolerance for i in range(len(ring))
    )


def in_mali(latitude, longitude):
    """True when the point (decimal degrees) lies in Mali (or within ~5 km of its outline)."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return False
    min_lon, min_lat, max_lon, max_lat = bbox()
    if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
        return False
    rings = gazetteer.outline_rings()
    return any(_in_ring(lon, lat, ring) for ring in rings) or any(
        _near_ring(lon, lat, ring, BORDER_TOLERANCE) for ring in rings
    )


@cache
def _towns():
    """(latitude, longitude, région code) of every cercle centroid and région capital."""
    return tuple(
        [(c["latitude"], c["longitude"], c["region"]) for c in gazetteer.cercles()]
        + [(r["latitude"], r["longitude"], r["code"]) for r in gazetteer.regions()]
    )


@lru_cache(maxsize=65536)
def _nearest_code(lat, lon):
    scale = math.cos(math.radians(lat))
    best, best_code = None, None
    for town_lat, town_lon, code in _towns():
        d = (town_lat - lat) ** 2 + ((town_lon - lon) * scale) ** 2
        if best is None or d < best:
            best, best_code = d, code
    return best_code


def nearest_region(latitude, longitude):
    """The région (gazetteer dict) whose capital or cercle centroid is nearest to the point.

    An approximation (a Voronoi partition of 60 towns), good enough to tell an editor "near
    Ségou" or to attach a point to a région on the map; not a boundary test.
    """
    return gazetteer.get(_nearest_code(round(float(latitude), 4), round(float(longitude), 4)))


def _number(value):
    if value is None or value == "":
        return None
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def coordinate_errors(latitude, longitude):
    """Problems with a (latitude, longitude) pair as {field: message}; empty when fine.

    Both empty is fine (a location may be given by administrative unit only). The messages
    explain what is wrong: one of the two missing, out of range, swapped, the sign of the
    longitude forgotten, or simply outside Mali.
    """
    lat, lon = _number(latitude), _number(longitude)
    if lat is None and lon is None:
        return {}
    if lat is None:
        return {"latitude": _("Give the latitude too, or clear the longitude.")}
    if lon is None:
        return {"longitude": _("Give the longitude too, or clear the latitude.")}
    if not -90 <= lat <= 90:
        if in_mali(lon, lat):
            return {"latitude": _swapped_message(lat, lon)}
        return {"latitude": _("A latitude lies between -90 and 90 degrees.")}
    if not -180 <= lon <= 180:
        return {"longitude": _("A longitude lies between -180 and 180 degrees.")}
    if in_mali(lat, lon):
        return {}
    if in_mali(lon, lat):
        return {"latitude": _swapped_message(lat, lon), "longitude": _swapped_message(lat, lon)}
    if lon > 0 and in_mali(lat, -lon):
        region = gazetteer.localized_name(nearest_region(lat, -lon))
        return {
            "longitude": _(
                "This point is outside Mali. Most of Mali lies west of the Greenwich "
                "meridian, where longitudes are negative: with %(longitude)s the point would be "
                "in Mali, near %(region)s."
            )
            % {"longitude": f"{-lon:g}", "region": region}
        }
    return {
        "latitude": _(
            "This point (latitude %(latitude)s, longitude %(longitude)s) is outside Mali. In "
            "Mali, latitudes run from about 10 to 25 (north) and longitudes from about -12.3 "
            "(west) to 4.3 (east)."
        )
        % {"latitude": f"{lat:g}", "longitude": f"{lon:g}"}
    }


def _swapped_message(lat, lon):
    region = gazetteer.localized_name(nearest_region(lon, lat))
    return _(
        "Latitude and longitude seem swapped: (%(latitude)s, %(longitude)s) is outside Mali, "
        "but (%(longitude)s, %(latitude)s) is in Mali, near %(region)s. The latitude (north–"
        "south, about 10 to 25 in Mali) comes first, then the longitude (west–east, about "
        "-12.3 to 4.3)."
    ) % {"latitude": f"{lat:g}", "longitude": f"{lon:g}", "region": region}


def validate_coordinates(latitude, longitude):
    """Raise a ValidationError keyed by field when the pair is not a point in Mali."""
    errors = coordinate_errors(latitude, longitude)
    if errors:
        raise ValidationError(errors)
