"""Run charts drawn on the server as SVG, with the run-chart rules of hh/chart_rules.py marked.

The SVG uses presentation attributes and classes only (the CSP forbids inline styles), so it
prints without JavaScript or CSS.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Sequence

from markupsafe import Markup, escape

from hh.chart_rules import Signal, median, shifts, signals, trends  # noqa: F401  (callers' names)
from hh.timeutil import local_today

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
    def fit(cls, values: Sequence[float], count: int, floor: float | None = None,
            span: tuple[float, float] | None = None) -> "Scale":
        """A range with round tick values (0, 5, 10 ... rather than 0.96, 4.73 ...), never below
        `floor` (0 for counts), or the whole `span` when every value is inside it (0 to 100 for a
        percentage)."""
        if span is not None and span[0] <= min(values) and max(values) <= span[1]:
            step = _nice_step((span[1] - span[0]) / 4)
            return cls(span[0], span[1], count,
                       [span[0] + step * i for i in range(round((span[1] - span[0]) / step) + 1)])
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
        if floor is not None and low < floor <= min(values):
            low = floor  # a count or a rate never goes below zero, so neither does its axis
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


def is_percent(unit: str) -> bool:
    """A measure counted in per cent: its axis runs from 0 to 100."""
    unit = (unit or "").strip().lower()
    return "%" in unit or unit.startswith(("percent", "per cent"))


def month_so_far(dates: Sequence[date]) -> bool:
    """A monthly series (every date the first of a month) whose last month is the current one,
    still going: its last value is a month so far, not a whole month."""
    return bool(dates) and all(d.day == 1 for d in dates) and dates[-1] == local_today().replace(day=1)


@dataclass
class RunChart:
    dates: list[date]
    values: list[float]
    baseline: float | None = None
    target: float | None = None
    title: str = ""
    unit: str = ""
    # The last point is the current month, still going: drawn hollow with a dashed line to it,
    # labelled, and left out of the median and the rules. None: decided from the dates.
    incomplete: bool | None = None
    centre: float | None = None
    found: list[Signal] = field(default_factory=list)

    def __post_init__(self):
        if self.incomplete is None:
            self.incomplete = month_so_far(self.dates)
        self.incomplete = bool(self.incomplete and self.values)
        self.centre = median(self.full_values)
        self.found = signals(self.full_values)

    @property
    def full_values(self) -> list[float]:
        """The values the median and the rules are counted on: whole periods only."""
        return list(self.values[:-1] if self.incomplete else self.values)

    @property
    def signal_indexes(self) -> set[int]:
        return {i for s in self.found for i in s.indexes}

    @property
    def percent(self) -> bool:
        return is_percent(self.unit)

    def amount(self, value: float | None) -> str:
        """A value with its unit: "7 placements", "40%"."""
        if self.percent:
            return f"{number(value)}%"
        return f"{number(value)} {self.unit}" if self.unit else number(value)

    def describe(self) -> str:
        """The text alternative, as sentences a text browser reads well: "Placements per month,
        Jan 2026 to Nov 2026 (11 data points): lowest 2 in March, highest 9 in October, latest
        full month 7 (November); December so far: 1, not counted in the median or the rules."."""
        if not self.values:
            return f"{self.title}: no data points yet."
        words = _Words(self.dates)
        full = self.full_values
        if full:
            count = f"{len(full)} data point{'s' if len(full) != 1 else ''}"
            first, last = words.span(self.dates[0]), words.span(self.dates[len(full) - 1])
            period = first if len(full) == 1 else f"{first} to {last}"
            sentence = f"{self.title}, {period} ({count}): "
            latest = f"{self.amount(full[-1])} ({words.when(self.dates[len(full) - 1])})"
            if len(full) == 1:
                sentence += self.amount(full[0])
            else:
                low, high = min(full), max(full)
                sentence += (f"lowest {self.amount(low)} {words.at(full, low)}, highest "
                             f"{self.amount(high)} {words.at(full, high)}, latest"
                             f"{' full month' if self.incomplete else ''} {latest}")
        else:
            sentence = f"{self.title}: no whole month yet"
        if self.incomplete:
            sentence += (f"; {words.when(self.dates[-1])} so far: {self.amount(self.values[-1])}, "
                         "not counted in the median or the rules")
        parts = [sentence + "."]
        if self.centre is not None:
            parts.append(f"Median {self.amount(self.centre)}.")
        if self.baseline is not None:
            parts.append(f"Baseline {self.amount(self.baseline)}.")
        if self.target is not None:
            parts.append(f"Target {self.amount(self.target)}.")
        if self.found:
            parts.extend(s.describe(self.dates) + "." for s in self.found)
        elif full:
            parts.append("No shift or trend: no signal of a real change yet.")
        return " ".join(parts)

    def svg(self, element_id: str) -> Markup:
        if not self.values:
            return Markup("")
        # Drawing is a pure function of the numbers: cached, so a busy plan page redraws a chart
        # only after its data changes.
        return _draw(element_id, self.title, self.unit, self.baseline, self.target,
                     tuple(self.dates), tuple(self.values), self.incomplete)

    def _scale(self) -> Scale:
        values = list(self.values) + [v for v in (self.baseline, self.target) if v is not None]
        floor = 0.0 if min(values) >= 0 else None
        return Scale.fit(values, len(self.values), floor=floor,
                         span=(0.0, 100.0) if self.percent else None)

    def _draw(self, element_id: str) -> Markup:
        scale = self._scale()
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
            label = number(round(tick, 2)) + ("%" if self.percent else "")
            out.append(f'<line x1="{LEFT - 4}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#ddd" />')
            out.append(f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end" font-size="11" '
                       f'fill="#333">{e(label)}</text>')
        last = len(self.values) - 1
        for index in _label_indexes(len(self.values)):
            anchor = "end" if index == last and index else "middle"
            out.append(f'<text x="{scale.x(index)}" y="{bottom + 16}" text-anchor="{anchor}" '
                       f'font-size="11" fill="#333">{self.dates[index].strftime("%b %Y")}</text>')
        if self.incomplete:
            out.append(f'<text class="chart-incomplete-label" x="{scale.x(last)}" y="{bottom + 30}" '
                       f'text-anchor="{"end" if last else "middle"}" font-size="11" '
                       f'fill="#333">(month so far)</text>')
        out.extend(self._lines(scale))
        out.extend(self._data(scale))
        for number_, signal in enumerate(self.found):
            y = HEIGHT + 4 + 16 * number_  # under the dates, clear of the data
            out.append(f'<text class="chart-signal-label" x="{LEFT}" y="{y}" '
                       f'font-size="11" font-weight="bold" fill="#7a3e00">'
                       f'{e(signal.describe())}</text>')
        out.append("</svg>")
        return Markup("".join(out))

    def _lines(self, scale: Scale) -> list[str]:
        """Baseline, target and median across the plot, each dashed its own way and named."""
        out = []
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
                       f'{escape(number(value))}</text>')
        return out

    def _data(self, scale: Scale) -> list[str]:
        """The line through the whole months, a dashed line to the month so far, and the points:
        squares for a signal, a hollow dot for the month so far."""
        out = []
        full = len(self.full_values)
        xy = [(scale.x(i), scale.y(v)) for i, v in enumerate(self.values)]
        if full > 1:
            points = " ".join(f"{x},{y}" for x, y in xy[:full])
            out.append(f'<polyline class="chart-data" points="{points}" fill="none" '
                       f'stroke="#0b5394" stroke-width="2" />')
        if self.incomplete and full:
            (x1, y1), (x2, y2) = xy[full - 1], xy[-1]
            out.append(f'<line class="chart-incomplete" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" '
                       f'stroke="#0b5394" stroke-width="2" stroke-dasharray="5 4" />')
        signal_at = self.signal_indexes
        for index, ((x, y), value) in enumerate(zip(xy, self.values)):
            label = escape(f"{self.dates[index].isoformat()}: {number(value)}")
            if index >= full:
                out.append(f'<circle class="chart-point-incomplete" cx="{x}" cy="{y}" r="4.5" '
                           f'fill="#ffffff" stroke="#0b5394" stroke-width="2"><title>{label} '
                           f'(month so far)</title></circle>')
            elif index in signal_at:
                # A square, not only a colour, marks points that are part of a signal.
                out.append(f'<rect class="chart-signal" x="{x - 5}" y="{y - 5}" width="10" '
                           f'height="10" fill="#b45f06"><title>{label} (part of a signal)'
                           f'</title></rect>')
            else:
                out.append(f'<circle class="chart-point" cx="{x}" cy="{y}" r="3.5" '
                           f'fill="#0b5394"><title>{label}</title></circle>')
        return out


class _Words:
    """Dates as the text alternative says them: months by name for a monthly series ("March",
    with the year when the series spans more than one), days otherwise."""

    def __init__(self, dates: Sequence[date]):
        self.dates = list(dates)
        self.monthly = all(d.day == 1 for d in dates)
        self.one_year = len({d.year for d in dates}) == 1

    def span(self, day: date) -> str:
        return day.strftime("%b %Y") if self.monthly else f"{day.day} {day:%b %Y}"

    def when(self, day: date) -> str:
        if not self.monthly:
            return f"{day.day} {day:%b %Y}"
        return day.strftime("%B") if self.one_year else day.strftime("%B %Y")

    def at(self, values: Sequence[float], value: float) -> str:
        """Where a value occurs: "in March", "in March and May", "in 4 months", "on 3 Mar 2026"."""
        found = [self.when(self.dates[i]) for i, v in enumerate(values) if v == value]
        if len(found) > 2:
            return f"{len(found)} times"
        return ("in " if self.monthly else "on ") + " and ".join(found)


@lru_cache(maxsize=512)
def _draw(element_id: str, title: str, unit: str, baseline: float | None, target: float | None,
          dates: tuple, values: tuple, incomplete: bool) -> Markup:
    return RunChart(list(dates), list(values), baseline=baseline, target=target, title=title,
                    unit=unit, incomplete=incomplete)._draw(element_id)


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
