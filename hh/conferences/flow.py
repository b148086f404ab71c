"""The list's flow by month, counted from the status history: actively homeless at month end,
inflow (newly identified, returned from housed, returned from inactive), outflow (housed, moved
to inactive), housing placements and the median days from identification to move-in; for all
households or one sub-population, in one region or all.

Each movement counts: a household identified and housed in the same month is in that month's
inflow and its outflow. Small counts are suppressed where a viewer or provider can see them.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import select

from hh.caching import remember
from hh.conferences.history import INFLOW, OUTFLOW
from hh.conferences.models import RACE_ETHNICITY, Household, StatusChange
from hh.timeutil import local_today
from hh.web import is_coordinator

SUBPOPULATIONS: dict[str, str] = {
    "": "All households", "veteran": "Veterans", "chronic": "Chronically homeless",
    "youth": "Unaccompanied youth", "family": "Families with children",
    **{f"race:{key}": label for key, label in RACE_ETHNICITY.items()},
}
COLUMNS = ("actively_homeless", "identified", "returned_from_housed", "returned_from_inactive",
           "housed", "inactive", "median_days_to_move_in")
COLUMN_LABELS = {
    "actively_homeless": "Actively homeless at month end", "identified": "Newly identified",
    "returned_from_housed": "Returned from housed", "returned_from_inactive": "Returned from inactive",
    "housed": "Housing placements", "inactive": "Moved to inactive",
    "median_days_to_move_in": "Median days from identification to move-in",
}


@dataclass
class Month:
    start: date
    counts: dict[str, int] = field(default_factory=dict)
    median_days_to_move_in: float | None = None
    partial: bool = False  # the current month, still going

    @property
    def inflow(self) -> int:
        return sum(self.counts.get(kind, 0) for kind in INFLOW)

    @property
    def outflow(self) -> int:
        return sum(self.counts.get(kind, 0) for kind in OUTFLOW)

    def value(self, column: str):
        if column == "median_days_to_move_in":
            return self.median_days_to_move_in
        return self.counts.get(column, 0)


def month_starts(count: int, today: date) -> list[date]:
    first = date(today.year, today.month, 1)
    starts = []
    for back in range(count - 1, -1, -1):
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        starts.append(date(year, month + 1, 1))
    return starts


def _next_month(start: date) -> date:
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def _scope(region_id: int | None, subpopulation: str):
    query = select(StatusChange.household_id, StatusChange.kind, StatusChange.effective_on) \
        .join(Household, Household.id == StatusChange.household_id) \
        .where(StatusChange.kind.in_(INFLOW + OUTFLOW))
    if region_id:
        query = query.where(Household.region_id == region_id)
    if subpopulation in ("veteran", "chronic"):
        query = query.where(getattr(Household, subpopulation).is_(True))
    elif subpopulation in ("youth", "family"):
        query = query.where(Household.household_type == subpopulation)
    elif subpopulation.startswith("race:"):
        query = query.where(Household.race_ethnicity.contains(subpopulation[5:]))
    return query.order_by(StatusChange.household_id, StatusChange.effective_on, StatusChange.id)


def monthly_flow(months: int = 12, region_id: int | None = None, subpopulation: str = "",
                 today: date | None = None) -> list[Month]:
    """One Month per calendar month, oldest first, the last one the current (partial) month."""
    today = today or local_today()
    key = f"flow:{months}:{region_id}:{subpopulation}:{today.isoformat()}"
    return remember(key, ["bnl_status_change", "bnl_household"],
                    lambda: _compute(months, region_id, subpopulation, today))


def _compute(months: int, region_id: int | None, subpopulation: str, today: date) -> list[Month]:
    from hh.extensions import db

    starts = month_starts(months, today)
    result = [Month(start=s, partial=(s == starts[-1])) for s in starts]
    ends = [_next_month(s) for s in starts]
    index = {(s.year, s.month): i for i, s in enumerate(starts)}
    waits: list[list[int]] = [[] for _ in starts]
    current, events = None, []
    for household_id, kind, effective_on in db.session.execute(_scope(region_id, subpopulation)):
        if household_id != current:
            _count_household(events, result, ends, index, waits)
            current, events = household_id, []
        events.append((kind, effective_on))
    _count_household(events, result, ends, index, waits)
    for month, days in zip(result, waits):
        month.median_days_to_move_in = float(statistics.median(days)) if days else None
    return result


def _count_household(events, result, ends, index, waits) -> None:
    """Add one household's movements to the months, and whether it was active at each month end."""
    if not events:
        return
    episode_start = None
    for kind, effective_on in events:
        i = index.get((effective_on.year, effective_on.month))
        if kind in INFLOW:
            episode_start = effective_on
        if i is not None:
            result[i].counts[kind] = result[i].counts.get(kind, 0) + 1
            if kind == "housed" and episode_start is not None:
                waits[i].append((effective_on - episode_start).days)
    position = 0
    active = False
    for month, end in zip(result, ends):
        while position < len(events) and events[position][1] < end:
            active = events[position][0] in INFLOW
            position += 1
        if active:
            month.counts["actively_homeless"] = month.counts.get("actively_homeless", 0) + 1


def small_count_threshold() -> int:
    return int(current_app.config.get("SMALL_COUNT_THRESHOLD", 5))


def shown(value, user):
    """What a person sees of a count: coordinators the number, others "fewer than N" for small
    counts (1 to N-1), so no household can be picked out of a sub-population."""
    threshold = small_count_threshold()
    if value is None or is_coordinator(user) or not isinstance(value, int):
        return value
    if 0 < value < threshold:
        return f"fewer than {threshold}"
    return value
