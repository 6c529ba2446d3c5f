"""Rebuild ``mali-outline.geojson`` from Natural Earth (world-atlas on the npm registry).

Not used at run time. Procedure (see README.md here)::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python iati_publisher/gazetteer/make_outline.py package/countries-50m.json

Decodes Mali (ISO 3166-1 numeric 466) from the TopoJSON, simplifies it with Douglas-Peucker
(tolerance 0.02°, about 2 km) and rounds coordinates to 3 decimals.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOLERANCE = 0.02


def decode_arcs(topology):
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def perpendicular(point, start, end):
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    index, dmax = 0, 0.0
    for i in range(1, len(points) - 1):
        d = perpendicular(points[i], points[0], points[-1])
        if d > dmax:
            index, dmax = i, d
    if dmax <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def main(path):
    topology = json.loads(Path(path).read_text())
    arcs = decode_arcs(topology)
    geometries = topology["objects"]["countries"]["geometries"]
    mali = next(g for g in geometries if str(g.get("id")) == "466")
    polygons = [mali["arcs"]] if mali["type"] == "Polygon" else mali["arcs"]
    out = []
    for polygon in polygons:
        rings = []
        for indexes in polygon:
            points = simplify(ring(arcs, indexes), TOLERANCE)
            rings.append([[round(x, 3), round(y, 3)] for x, y in points])
        out.append(rings)
    geometry = (
        {"type": "Polygon", "coordinates": out[0]}
        if len(out) == 1
        else {"type": "MultiPolygon", "coordinates": out}
    )
    feature = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "name": "Mali",
                    "source": "Natural Earth 1:50m admin-0 countries via world-atlas 2.0.2 "
                    "(public domain), simplified (Douglas-Peucker 0.02°)",
                },
                "geometry": geometry,
            }
        ],
    }
    (HERE / "mali-outline.geojson").write_text(json.dumps(feature, separators=(",", ":")) + "\n")
    print(sum(len(r) for p in out for r in p), "points")


if __name__ == "__main__":
    main(sys.argv[1])
