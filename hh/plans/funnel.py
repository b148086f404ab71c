"""The engagement funnel and cost per client (IHI: "What is your rate of engagement?", "What is
your cost per client?"): target population → on the list → conferenced or referred → housed or
connected, by month, with the cost per person engaged and per person housed.

Like measure feeds (feeds.py), the stages come from other features, which register them when they
are imported (the By-Name List in hh/conferences/funnel.py, referrals in hh/referrals/funnel.py);
plans only knows this registry. Stages registered with the same `order` are one step of the
funnel, joined with "or": distinct households in either when every stage of the step can name its
households, else the sum of their counts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Callable

from hh.caching import remember
from hh.plans.common import add_months
from hh.timeutil import local_today

Count = Callable[..., int]                          # count(start, end, region_id=None) -> int
Members = Callable[..., tuple[set[int], int]]       # (household ids, records with no household)

MONTHS = 6


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    order: int
    count: Count
    definition: str
    members: Members | None = None   # lets "or" count a household in two stages once
    tables: tuple[str, ...] = ()     # the tables its figures read (for the cache)


STAGES: dict[str, Stage] = {}


def count_of(members: Members) -> Count:
    """A stage's count from its members: the distinct households, plus those without one."""
    def count(start: date, end: date, region_id: int | None = None) -> int:
        ids, unknown = members(start, end, region_id)
        return len(ids) + unknown
    return count


def register_stage(key: str, label: str, order: int, count: Count | None, definition: str, *,
                   members: Members | None = None, tables: tuple[str, ...] = ()) -> Stage:
    """Offer a stage to the funnel (re-registering a key replaces it). With `members`, the count
    may be None: it is then the number of members."""
    if count is None:
        count = count_of(members)
    stage = Stage(key, label, order, count, definition, members, tables)
    STAGES[key] = stage
    return stage


@dataclass(frozen=True)
class Step:
    """One step of the funnel: one stage, or several joined with "or"."""

    stages: tuple[Stage, ...]

    @property
    def key(self) -> str:
        return "_or_".join(s.key for s in self.stages)

    @property
    def label(self) -> str:
        return " or ".join(s.label if i == 0 else s.label.lower()
                           for i, s in enumerate(self.stages))

    @property
    def definition(self) -> str:
        parts = [f"{s.label}: {s.definition}" for s in self.stages]
        if len(self.stages) > 1:
            parts.append(self.how_or_counts)
        return " ".join(parts)

    @property
    def how_or_counts(self) -> str:
        if all(s.members for s in self.stages):
            return ("A household in both is counted once; records with no household "
                    "(a referral for a person not on the list) are each counted.")
        return "The counts are added up (a household in both is counted twice)."

    def count(self, start: date, end: date, region_id: int | None = None) -> int:
        if len(self.stages) == 1 or not all(s.members for s in self.stages):
            return sum(s.count(start, end, region_id) for s in self.stages)
        households: set[int] = set()
        unknown = 0
        for stage in self.stages:
            ids, extra = stage.members(start, end, region_id)
            households |= ids
            unknown += extra
        return len(households) + unknown


def steps() -> list[Step]:
    ordered = sorted(STAGES.values(), key=lambda s: (s.order, s.key))
    return [Step(tuple(group)) for _, group in groupby(ordered, key=lambda s: s.order)]


def whole_months(count: int = MONTHS, today: date | None = None) -> list[date]:
    """The first days of the last `count` whole months, oldest first (not the current month)."""
    first = (today or local_today()).replace(day=1)
    return [add_months(first, -back) for back in range(count, 0, -1)]


def monthly_counts(region_id: int | None = None, today: date | None = None,
                   months: int = MONTHS) -> list[tuple[date, list[int]]]:
    """(month start, one count per step) for the last whole months, oldest first."""
    today = today or local_today()
    current = steps()
    tables = {t for step in current for s in step.stages for t in s.tables}
    key = f"funnel:{'.'.join(s.key for s in current)}:{region_id}:{months}:{today.isoformat()}"

    def compute():
        return [(start, [step.count(start, add_months(start, 1), region_id) for step in current])
                for start in whole_months(months, today)]
    return remember(key, tables, compute) if tables else compute()
