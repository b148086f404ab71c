"""The gap map drawn as a map: each county of the table shaded by how many gaps it has in the
chosen categories, drawn from its Census boundary (hh.geo), with the counties that have no
boundary listed rather than dropped."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from hh import geo
from hh.needs.gaps import Column, GapMap, Place


class Shade(NamedTuple):
    """A class of the legend: its name, the fewest gaps in it, fill, hatching, text colour.
    The hatching and the figure printed on each county say the same as the colour."""

    css: str
    label: str
    lowest: int
    fill: str
    hatch: str       # "" or the hatching's stroke colour
    spacing: int     # hatching lines' spacing: closer for more gaps
    text: str


SHADES = (
    Shade("none", "No gaps", 0, "#f2f4f5", "", 0, "#1a1a1a"),
    Shade("one", "1 gap", 1, "#fdd0a2", "#a65a1c", 8, "#1a1a1a"),
    Shade("two", "2 gaps", 2, "#f28e3f", "#7f3300", 5, "#1a1a1a"),
    Shade("many", "3 or more gaps", 3, "#a63603", "#ffffff", 4, "#ffffff"),
)


def shade_for(count: int) -> Shade:
    return [s for s in SHADES if count >= s.lowest][-1]


@dataclass
class CountyArea:
    """One county on the map and in the table below it."""

    place: Place
    gaps: list[tuple[Column, str]] = field(default_factory=list)  # (column, "no_service"...)
    checks: list[Column] = field(default_factory=list)            # capacity unknown
    needs: int = 0
    households: int = 0
    shape: geo.Shape | None = None

    @property
    def gap_count(self) -> int:
        return len(self.gaps)

    @property
    def shade(self) -> Shade:
        return shade_for(self.gap_count)

    @property
    def short_name(self) -> str:
        """The name printed on the map, where it fits: "Alder" for "Alder County"."""
        return geo.short_name(self.place.name)

    @property
    def label_fits(self) -> bool:
        """Room for the name under the figure (about 6 units a letter at the map's size)."""
        shape = self.shape
        return bool(shape) and shape.width >= 6 * len(self.short_name) + 4 and shape.height >= 34

    def map_name(self, topic: str) -> str:
        """The county's link name on the map: "Alder: 3 gaps in health care". It holds what the
        map prints on the county, in that order (the name where it fits, then the figure), so
        that saying the words one sees (voice control) follows the link."""
        count = self.gap_count
        text = f"{self.short_name}: {count} gap{'s' if count != 1 else ''} {topic}"
        if self.checks:
            text += f", capacity unknown in {len(self.checks)}"
        return text

    def describe(self, topic: str) -> str:
        """The county in a sentence: "Alder County: 3 gaps in health care"."""
        count = self.gap_count
        words = f"{count} gap{'s' if count != 1 else ''}" if count else "no gaps"
        text = f"{self.place.name}: {words} {topic}"
        if self.checks:
            text += f", capacity unknown in {len(self.checks)}"
        return text


@dataclass
class MapView:
    areas: list[CountyArea]
    drawing: geo.Drawing
    topic: str                    # "in health care", "across all categories"
    parent: Column | None
    # Worked out once from the areas, not each time the template asks for them.
    drawn: list[CountyArea] = field(init=False)
    # Counties with no boundary to draw (no FIPS code, or one the Census files lack).
    missing: list[CountyArea] = field(init=False)
    legend: list[tuple[Shade, int]] = field(init=False)  # each shade, and how many counties
    gap_count: int = field(init=False)  # as GapMap.gap_count: each area's gaps added up

    def __post_init__(self):
        self.drawn = [a for a in self.areas if a.shape is not None]
        self.missing = [a for a in self.areas if a.shape is None]
        counts = Counter(a.shade for a in self.areas)
        self.legend = [(shade, counts[shade]) for shade in SHADES]
        self.gap_count = sum(a.gap_count for a in self.areas)

    @property
    def shades(self) -> tuple[Shade, ...]:
        return SHADES

    def count_in(self, shade: Shade) -> int:
        return dict(self.legend)[shade]


def map_view(gaps: GapMap) -> MapView:
    """The map of a gap table: one area per county, shaded by its gaps across the columns."""
    areas = []
    for place in gaps.counties:
        row = gaps.row(place.id)
        areas.append(CountyArea(place, row.gaps, row.checks, row.needs, row.households))
    drawing = geo.draw_counties(tuple(sorted({a.place.shape_key for a in areas
                                              if a.place.shape_key})))
    for area in areas:
        key = area.place.shape_key
        area.shape = drawing.shapes.get(key) if key else None
    topic = f"in {gaps.parent.name.lower()}" if gaps.parent else "across all categories"
    return MapView(areas, drawing, topic, gaps.parent)
