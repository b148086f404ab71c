"""The run-chart rules that signal a real change (the usual ones, as used in improvement work):
- a shift: 6 or more consecutive points on one side of the median; points exactly on the median
  neither break the run nor count towards it;
- a trend: 5 or more consecutive points all rising or all falling; a point equal to the one
  before it neither breaks the trend nor counts towards it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import median as _median
from typing import Sequence

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
            first, last = dates[self.indexes[0]], dates[self.indexes[-1]]
            monthly = all(d.day == 1 for d in dates)
            what += (f", {first:%b %Y} to {last:%b %Y}" if monthly
                     else f", {first.isoformat()} to {last.isoformat()}")
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
