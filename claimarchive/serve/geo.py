"""The map's offline base layer: Natural Earth's country outlines (static/countries.geojson, public domain, made by
scripts/make_countries.py), drawn as SVG map tiles, and the point where a place that is a country is drawn."""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib.resources import files

TILE = 256
MAX_ZOOM = 12
OCEAN, LAND, BORDER = "#dfe9f2", "#f7f5ef", "#9a9a9a"


@lru_cache(maxsize=1)
def countries() -> list[dict]:
    """The country features of the packaged GeoJSON."""
    text = (files(__package__) / "static" / "countries.geojson").read_text(encoding="utf-8")
    return json.loads(text)["features"]


@lru_cache(maxsize=1)
def _labels() -> dict[str, tuple[float, float]]:
    return {f["properties"]["iso_a2"]: tuple(f["properties"]["label"]) for f in countries()
            if f["properties"]["iso_a2"]}


def point(place: dict) -> tuple[float, float] | None:
    """(latitude, longitude) to draw a place at: a country at the middle of its outline (the gazetteer gives
    its capital's), anything else at its own point."""
    if place.get("feature") == "country" and place.get("country") in _labels():
        longitude, latitude = _labels()[place["country"]]
        return latitude, longitude
    if place.get("latitude") is None or place.get("longitude") is None:
        return None
    return place["latitude"], place["longitude"]


def _project(longitude: float, latitude: float) -> tuple[float, float]:
    """Web Mercator at zoom 0, in pixels (0 to 256)."""
    latitude = max(min(latitude, 85.0511), -85.0511)
    x = (longitude + 180) / 360 * TILE
    y = (1 - math.log(math.tan(math.radians(latitude)) + 1 / math.cos(math.radians(latitude))) / math.pi) / 2 * TILE
    return x, y


@lru_cache(maxsize=1)
def _projected() -> list[tuple[tuple[float, float, float, float], list[list[tuple[float, float]]]]]:
    """Each country's rings projected at zoom 0, with their bounding box."""
    shapes = []
    for feature in countries():
        rings = [[_project(x, y) for x, y in ring] for polygon in feature["geometry"]["coordinates"]
                 for ring in polygon]
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        shapes.append(((min(xs), min(ys), max(xs), max(ys)), rings))
    return shapes


@lru_cache(maxsize=1024)
def tile_svg(z: int, x: int, y: int) -> str:
    """One 256-pixel map tile: the ocean, and the countries crossing it, outlined."""
    scale = 2 ** z
    left, top, size = x * TILE / scale, y * TILE / scale, TILE / scale
    paths = []
    for (x0, y0, x1, y1), rings in _projected():
        if x1 < left or x0 > left + size or y1 < top or y0 > top + size:
            continue
        paths.append(" ".join("M" + "L".join(f"{(px - left) * scale:.1f},{(py - top) * scale:.1f}" for px, py in ring)
                              + "Z" for ring in rings))
    body = "".join(f'<path d="{d}"/>' for d in paths)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{TILE}" height="{TILE}" viewBox="0 0 {TILE} {TILE}">'
            f'<rect width="{TILE}" height="{TILE}" fill="{OCEAN}"/>'
            f'<g fill="{LAND}" stroke="{BORDER}" stroke-width="0.6" fill-rule="evenodd">{body}</g></svg>')
