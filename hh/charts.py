"""Run charts drawn on the server as SVG, and the run-chart rules that signal a real change.

Rules (the usual ones for run charts, as used in improvement work):
- a shift: 6 or more consecutive points on one side of the median; points exactly on the median
  neither break the run nor count towards it;
- a trend: 5 or more consecutive points all rising or all falling; a point equal to the one
  before it neither breaks the trend nor counts towards it.
The SVG uses presentation attributes and classes only (the CSP forbids inline styles), so it
prints without JavaScript or CSS.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from statistics import median as _median
from typing import Sequence

from markupsafe import Markup, escape

SHIFT_LENGTH = 6
TREND_LENGTH = 5


@dataclass
class Signal:
    kind: str            # "shift" or "trend"
    direction: str       # "above"/"below" for a shift, "rising"/"falling" for a trend
    indexes: list[int]   # positions of the points that count towards it

    @property
    def length(self) -> int:
        return len(self.indexes)

    def describe(self, dates: Sequence[date] | None = None) -> str:
        what = (f"Shift: {self.length} points in a row {self.direction} the median"
                if self.kind == "shift" else
                f"Trend: {self.length} points in a row {self.direction}")
        if dates:
            what += f", {dates[self.indexes[0]].isoformat()} to {dates[self.indexes[-1]].isoformat()}"
        return what


def median(values: Sequence[float]) -> float | None:
    return float(_median(values)) if values else None


def shifts(values: Sequence[float], centre: float | None = None) -> list[Signal]:
    """Runs of SHIFT_LENGTH or more points on one side of the median."""
    if not values:
        return []
    centre = median(values) if centre is None else centre
    found, run, side = [], [], None
    for index, value in enumerate(values):
        if value == centre:
            continue  # on the median: neither breaks nor counts
        this_side = "above" if value > centre else "below"
        if this_side != side:
            if len(run) >= SHIFT_LENGTH:
                found.append(Signal("shift", side, run))
            run, side = [], this_side
        run.append(index)
    if len(run) >= SHIFT_LENGTH:
        found.append(Signal("shift", side, run))
    return found


def trends(values: Sequence[float]) -> list[Signal]:
    """Runs of TREND_LENGTH or more points each higher (or each lower) than the one before."""
    found: list[Signal] = []
    run: list[int] = []
    direction = None
    for index, value in enumerate(values):
        if not run:
            run = [index]
            continue
        previous = values[run[-1]]
        if value == previous:
            continue  # equal neighbours: neither break nor count
        this_direction = "rising" if value > previous else "falling"
        if direction is None or this_direction == direction:
            run.append(index)
        else:
            if len(run) >= TREND_LENGTH:
                found.append(Signal("trend", direction, run))
            run = [run[-1], index]  # the turning point starts the next run
        direction = this_direction
    if direction is not None and len(run) >= TREND_LENGTH:
        found.append(Signal("trend", direction, run))
    return found


def signals(values: Sequence[float]) -> list[Signal]:
    return shifts(values) + trends(values)


# --- Drawing ------------------------------------------------------------------------------------

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


@dataclass
class Scale:
    """Maps values to the plot area; a flat series (one value, all zero) still gets a range."""

    low: float
    high: float
    count: int
    ticks: list[float] = field(default_factory=list)

    @classmethod
    def fit(cls, values: Sequence[float], count: int) -> "Scale":
        """A range with round tick values (0, 5, 10 ... rather than 0.96, 4.73 ...)."""
        low, high = min(values), max(values)
        if low == high:
            pad = abs(low) * 0.1 or 1.0
            low, high = low - pad, high + pad
        step = _nice_step((high - low) / 4)
        low, high = math.floor(low / step) * step, math.ceil(high / step) * step
        if low == min(values):
            low -= step  # keep points off the axis line and the top edge
        if high == max(values):
            high += step
        ticks = [low + step * i for i in range(int(round((high - low) / step)) + 1)]
        return cls(low, high, count, ticks)

    def y(self, value: float) -> float:
        span = HEIGHT - TOP - BOTTOM
        return round(TOP + span * (self.high - value) / (self.high - self.low), 1)

    def x(self, index: int) -> float:
        span = WIDTH - LEFT - RIGHT
        if self.count <= 1:
            return round(LEFT + span / 2, 1)
        return round(LEFT + span * index / (self.count - 1), 1)


def number(value: float | None) -> str:
    """Short display of a measure's value: 12, 12.5, -3."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass
class RunChart:
    dates: list[date]
    values: list[float]
    baseline: float | None = None
    target: float | None = None
    title: str = ""
    unit: str = ""
    centre: float | None = None
    found: list[Signal] = field(default_factory=list)

    def __post_init__(self):
        self.centre = median(self.values)
        self.found = signals(self.values)

    @property
    def signal_indexes(self) -> set[int]:
        return {i for s in self.found for i in s.indexes}

    def describe(self) -> str:
        """The text alternative: what the chart shows, in words."""
        if not self.values:
            return f"{self.title}: no data points yet."
        unit = f" {self.unit}" if self.unit else ""
        parts = [f"{self.title}: {len(self.values)} data point{'s' if len(self.values) != 1 else ''} "
                 f"from {self.dates[0].isoformat()} to {self.dates[-1].isoformat()}.",
                 f"Latest {number(self.values[-1])}{unit}; median {number(self.centre)}{unit}."]
        if self.baseline is not None:
            parts.append(f"Baseline {number(self.baseline)}{unit}.")
        if self.target is not None:
            parts.append(f"Target {number(self.target)}{unit}.")
        if self.found:
            parts.extend(s.describe(self.dates) + "." for s in self.found)
        else:
            parts.append("No shift or trend: no signal of a real change yet.")
        return " ".join(parts)

    def svg(self, element_id: str) -> Markup:
        if not self.values:
            return Markup("")
        # Drawing is a pure function of the numbers: cached, so a busy plan page redraws a chart
        # only after its data changes.
        return _draw(element_id, self.title, self.unit, self.baseline, self.target,
                     tuple(self.dates), tuple(self.values))

    def _draw(self, element_id: str) -> Markup:
        lines = [v for v in (self.baseline, self.target) if v is not None]
        scale = Scale.fit(list(self.values) + lines, len(self.values))
        e = escape
        height = HEIGHT + 16 * len(self.found)
        out = [f'<svg class="run-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
               f'aria-labelledby="{element_id}-title {element_id}-desc" '
               f'xmlns="http://www.w3.org/2000/svg">',
               f'<title id="{element_id}-title">Run chart: {e(self.title)}</title>',
               f'<desc id="{element_id}-desc">{e(self.describe())}</desc>']
        bottom = HEIGHT - BOTTOM
        out.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="#555" />')
        out.append(f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="#555" />')
        for tick in scale.ticks:
            y = scale.y(tick)
            out.append(f'<line x1="{LEFT - 4}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#ddd" />')
            out.append(f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end" font-size="11" '
                       f'fill="#333">{e(number(round(tick, 2)))}</text>')
        labelled = _label_indexes(len(self.values))
        for index in labelled:
            anchor = "end" if index == len(self.values) - 1 and index else "middle"
            out.append(f'<text x="{scale.x(index)}" y="{bottom + 16}" text-anchor="{anchor}" '
                       f'font-size="11" fill="#333">{self.dates[index].strftime("%b %Y")}</text>')
        for value, name, dash, css in ((self.baseline, "Baseline", "8 4", "baseline"),
                                       (self.target, "Target", "2 3", "target"),
                                       (self.centre, "Median", "5 5", "median")):
            if value is None:
                continue
            y = scale.y(value)
            out.append(f'<line class="chart-{css}" x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" '
                       f'y2="{y}" stroke="#666" stroke-width="1.5" stroke-dasharray="{dash}" />')
            out.append(f'<text class="chart-{css}-label" x="{WIDTH - RIGHT - 2}" y="{y - 4}" '
                       f'text-anchor="end" font-size="11" fill="#222">{name} '
                       f'{e(number(value))}</text>')
        points = " ".join(f"{scale.x(i)},{scale.y(v)}" for i, v in enumerate(self.values))
        if len(self.values) > 1:
            out.append(f'<polyline class="chart-data" points="{points}" fill="none" '
                       f'stroke="#0b5394" stroke-width="2" />')
        signal_at = self.signal_indexes
        for index, value in enumerate(self.values):
            x, y = scale.x(index), scale.y(value)
            label = f"{self.dates[index].isoformat()}: {number(value)}"
            if index in signal_at:
                # A square, not only a colour, marks points that are part of a signal.
                out.append(f'<rect class="chart-signal" x="{x - 5}" y="{y - 5}" width="10" '
                           f'height="10" fill="#b45f06"><title>{e(label)} (part of a signal)'
                           f'</title></rect>')
            else:
                out.append(f'<circle class="chart-point" cx="{x}" cy="{y}" r="3.5" '
                           f'fill="#0b5394"><title>{e(label)}</title></circle>')
        for number_, signal in enumerate(self.found):
            y = HEIGHT + 4 + 16 * number_  # under the dates, clear of the data
            out.append(f'<text class="chart-signal-label" x="{LEFT}" y="{y}" '
                       f'font-size="11" font-weight="bold" fill="#7a3e00">'
                       f'{e(signal.describe())}</text>')
        out.append("</svg>")
        return Markup("".join(out))


@lru_cache(maxsize=512)
def _draw(element_id: str, title: str, unit: str, baseline: float | None, target: float | None,
          dates: tuple, values: tuple) -> Markup:
    return RunChart(list(dates), list(values), baseline=baseline, target=target, title=title,
                    unit=unit)._draw(element_id)


def _nice_step(rough: float) -> float:
    """1, 2, 2.5 or 5 times a power of ten, at least `rough`."""
    power = 10 ** math.floor(math.log10(rough))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= rough:
            return factor * power
    return 10 * power


def _label_indexes(count: int) -> list[int]:
    """At most about six date labels along the bottom, always the first and the last."""
    if count <= 6:
        return list(range(count))
    step = max(1, round((count - 1) / 5))
    indexes = list(range(0, count, step))
    if indexes[-1] != count - 1:
        if count - 1 - indexes[-1] < step:
            indexes[-1] = count - 1  # not two labels side by side
        else:
            indexes.append(count - 1)
    return indexes
