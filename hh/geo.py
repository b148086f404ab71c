"""County shapes drawn as SVG paths on the server.

The shapes are the U.S. Census Bureau's cartographic boundary files (2016, 1:500,000) as the
plotly-geo package ships them, read with pyshp. A county is found by its five-digit FIPS code, or
else by its name and two-letter state ("Adams County", "NE"). Shapes never change, so what is read
and drawn is cached for the life of the process (functools), never in the database or the cache.

Drawing: an equirectangular projection scaled by the cosine of the middle latitude (good enough
for the few counties of one Continuum of Care), fitted to the counties drawn, simplified with
Douglas-Peucker to under a pixel and rounded to one decimal, so a county is a few hundred bytes.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import _plotly_geo
import shapefile

DATA = Path(_plotly_geo.__file__).parent / "package_data"
COUNTIES = DATA / "cb_2016_us_county_500k"
STATES = DATA / "cb_2016_us_state_500k"
SOURCE = "U.S. Census Bureau, cartographic boundary files (2016, 1:500,000)"

WIDTH = 640       # the drawing's width in SVG units; the height follows the counties' shape
MAX_HEIGHT = 420  # a tall CoC is drawn narrower instead
MARGIN = 8
TOLERANCE = 0.6   # simplification, in SVG units (under a pixel at the drawn size)

Ring = tuple[tuple[float, float], ...]


# --- Finding shapes ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _county_index() -> tuple[dict[str, int], dict[tuple[str, str], str]]:
    """Record numbers by FIPS code, and FIPS codes by (state code, lower-case name)."""
    states = _state_codes()
    by_fips, by_name = {}, {}
    reader = shapefile.Reader(str(COUNTIES))
    try:
        for number, (statefp, geoid, name) in enumerate(
                reader.iterRecords(fields=["STATEFP", "GEOID", "NAME"])):
            by_fips[geoid] = number
            by_name[(states.get(statefp, ""), name.lower())] = geoid
    finally:
        reader.close()
    return by_fips, by_name


@lru_cache(maxsize=1)
def _state_codes() -> dict[str, str]:
    """Two-letter postal codes by state FIPS code ("31" → "NE")."""
    reader = shapefile.Reader(str(STATES))
    try:
        return {statefp: code for statefp, code in reader.iterRecords(fields=["STATEFP", "STUSPS"])}
    finally:
        reader.close()


_SUFFIX = re.compile(r"\s+(county|parish|borough|census area|municipality)$", re.IGNORECASE)


def short_name(name: str) -> str:
    """A county's name without "County" (or "Parish"...): "Alder County" → "Alder"."""
    return _SUFFIX.sub("", name.strip())


def find_fips(fips: str | None, name: str = "", state: str = "") -> str | None:
    """The FIPS code of a county with a shape: its own code if known, else by name and state."""
    by_fips, by_name = _county_index()
    if fips and fips in by_fips:
        return fips
    if name and state:
        return by_name.get((state.upper(), short_name(name).lower()))
    return None


def _rings(path: Path, number: int) -> list[Ring]:
    reader = shapefile.Reader(str(path))
    try:
        shape = reader.shape(number)
    finally:
        reader.close()
    bounds = list(shape.parts) + [len(shape.points)]
    return [tuple((float(x), float(y)) for x, y in shape.points[a:b])
            for a, b in pairwise(bounds)]


@lru_cache(maxsize=4096)
def county_rings(fips: str) -> tuple[Ring, ...]:
    """A county's rings in longitude and latitude (outer boundaries and holes)."""
    number = _county_index()[0].get(fips)
    return tuple(_rings(COUNTIES, number)) if number is not None else ()


@lru_cache(maxsize=64)
def state_rings(statefp: str) -> tuple[Ring, ...]:
    reader = shapefile.Reader(str(STATES))
    try:
        numbers = [n for n, (fp,) in enumerate(reader.iterRecords(fields=["STATEFP"])) if fp == statefp]
    finally:
        reader.close()
    return tuple(_rings(STATES, numbers[0])) if numbers else ()


# --- Drawing -------------------------------------------------------------------------------------------

@lru_cache(maxsize=64)
def state_counties(statefp: str) -> tuple[str, ...]:
    """The FIPS codes of a state's counties."""
    return tuple(sorted(code for code in _county_index()[0] if code[:2] == statefp))


@dataclass(frozen=True)
class Shape:
    """One county as drawn: its path, where its label goes, and its size."""

    key: str      # the FIPS code it was found by
    d: str        # SVG path data
    x: float      # label point (the centroid of its largest part)
    y: float
    width: float = 0.0
    height: float = 0.0


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    shapes: dict[str, Shape]      # by the key asked for
    neighbours: tuple[str, ...]   # path data of the other counties in view, for orientation
    context: tuple[str, ...]      # outlines of the states the counties are in


def _bounds(points) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=128)
def draw_counties(fips_codes: tuple[str, ...]) -> Drawing:
    """The counties (FIPS codes from find_fips) projected, fitted and simplified together, with
    their neighbours in the same states and the states' outlines around them."""
    rings = {code: county_rings(code) for code in fips_codes}
    points = [p for found in rings.values() for ring in found for p in ring]
    if not points:
        return Drawing(WIDTH, 0, {}, (), ())
    west, south, east, north = _bounds(points)
    pad = max(east - west, north - south) * 0.04 + 0.05  # a glimpse of the neighbours
    west, south, east, north = west - pad, south - pad, east + pad, north + pad
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x, span_y = (east - west) * squeeze, north - south
    scale = min((WIDTH - 2 * MARGIN) / span_x, (MAX_HEIGHT - 2 * MARGIN) / span_y)
    width, height = round(span_x * scale + 2 * MARGIN), round(span_y * scale + 2 * MARGIN)

    def project(ring: Ring) -> list[tuple[float, float]]:
        return [(MARGIN + (lon - west) * squeeze * scale, MARGIN + (north - lat) * scale)
                for lon, lat in ring]

    def in_view(found: tuple[Ring, ...]) -> bool:
        x1, y1, x2, y2 = _bounds([p for ring in found for p in ring])
        return x1 < east and x2 > west and y1 < north and y2 > south

    shapes = {}
    for code, found in rings.items():
        projected = [project(ring) for ring in found]
        if projected:
            x, y = _label_point(projected)
            x1, y1, x2, y2 = _bounds([p for ring in projected for p in ring])
            shapes[code] = Shape(code, _path(projected), round(x, 1), round(y, 1),
                                 round(x2 - x1, 1), round(y2 - y1, 1))
    states = sorted({code[:2] for code in fips_codes if rings[code]})
    neighbours = tuple(
        _path([project(r) for r in county_rings(other)], tolerance=TOLERANCE * 1.5)
        for fp in states for other in state_counties(fp)
        if other not in rings and in_view(county_rings(other)))
    context = tuple(_path([project(r) for r in state_rings(fp)], tolerance=TOLERANCE * 1.5)
                    for fp in states)
    return Drawing(width, height, shapes, neighbours, context)


def _path(rings: list[list[tuple[float, float]]], tolerance: float = TOLERANCE) -> str:
    """SVG path data for projected rings: simplified, rounded, specks left out."""
    parts = []
    for ring in rings:
        xs, ys = [x for x, _ in ring], [y for _, y in ring]
        if max(xs) - min(xs) < 1 and max(ys) - min(ys) < 1:
            continue  # an island smaller than a pixel
        kept = simplify(ring, tolerance)
        if len(kept) < 3:
            continue
        coords = " ".join(f"{_n(x)} {_n(y)}" for x, y in kept[:-1])
        parts.append(f"M{coords}Z")
    return "".join(parts)


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: keep only the points that move the line by more than `tolerance`."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            distance = (abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length if length
                        else math.hypot(px - x1, py - y1))
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, kept in zip(points, keep) if kept]


def _label_point(rings: list[list[tuple[float, float]]]) -> tuple[float, float]:
    """The centroid of the largest ring (a county's main part, not an island)."""
    best, best_area = rings[0], 0.0
    for ring in rings:
        area = abs(_area(ring))
        if area > best_area:
            best, best_area = ring, area
    area = _area(best)
    if not area:
        return best[0]
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(best, best[1:] + best[:1]):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * area), cy / (6 * area)


def _area(ring: list[tuple[float, float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])) / 2
