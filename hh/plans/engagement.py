"""A plan's "Engagement and cost" section: the funnel's counts by month (funnel.py), each as a
rate of the step before it, the engagement rate, and the cost per person engaged and per person
housed from the plan's monthly cost. Counts only, never names; small counts are shown as
"fewer than N" to anyone but coordinators, and so is every figure worked out from one."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import current_app

from hh.plans.funnel import monthly_counts, steps
from hh.plans.models import ActionPlan
from hh.plans.record import PlanFacts
from hh.web import is_coordinator

DASH = "—"
NOT_SHOWN = "not shown (small count)"


def small_count_threshold() -> int:
    return int(current_app.config.get("SMALL_COUNT_THRESHOLD", 5))


def is_small(value: int, exact: bool) -> bool:
    """A count someone could pick a household out of: 1 to N-1, unless they see exact counts."""
    return not exact and 0 < value < small_count_threshold()


def shown_count(value: int, exact: bool) -> str:
    return f"fewer than {small_count_threshold()}" if is_small(value, exact) else f"{value:,}"


def percent(part: int, whole: int | None) -> str:
    if not whole:
        return DASH
    value = 100 * part / whole
    return f"{value:.1f}%" if value >= 1 or value == 0 else f"{value:.2f}%"


def dollars(amount: float) -> str:
    return f"${amount:,.2f}" if amount < 100 else f"${amount:,.0f}"


def cost_per(cost: int | None, people: int) -> str:
    return DASH if cost is None or people == 0 else dollars(cost / people)


@dataclass
class EngagementRow:
    month: date
    cells: list[str] = field(default_factory=list)   # one per step: count and its rate
    engagement_rate: str = DASH
    cost_per_engaged: str = DASH
    cost_per_housed: str = DASH


@dataclass
class Engagement:
    labels: list[str]                    # one per step
    definitions: list[tuple[str, str]]   # (term, what it means), for the <dl>
    rows: list[EngagementRow]
    suppressed: bool                     # whether small counts are hidden on this page


def _row(start: date, counts: list[int], plan: ActionPlan, exact: bool) -> EngagementRow:
    row = EngagementRow(start)
    previous = plan.target_population
    small_before = False
    for count in counts:
        small = is_small(count, exact)
        hide_rate = small or small_before or previous is None
        row.cells.append(shown_count(count, exact) if hide_rate
                         else f"{shown_count(count, exact)} ({percent(count, previous)})")
        previous, small_before = count, small
    engaged = counts[1] if len(counts) > 1 else 0
    housed = counts[2] if len(counts) > 2 else 0
    hide_engaged, hide_housed = is_small(engaged, exact), is_small(housed, exact)
    row.engagement_rate = NOT_SHOWN if hide_engaged else percent(engaged, plan.target_population)
    row.cost_per_engaged = NOT_SHOWN if hide_engaged else cost_per(plan.monthly_cost, engaged)
    row.cost_per_housed = NOT_SHOWN if hide_housed else cost_per(plan.monthly_cost, housed)
    return row


def _definitions(labels: list[str], funnel_steps) -> list[tuple[str, str]]:
    threshold = small_count_threshold()
    engaged = labels[1].lower() if len(labels) > 1 else "engaged"
    housed = labels[2].lower() if len(labels) > 2 else "housed"
    return [
        ("Target population", "The number of people the plan is for, as the plan states it."),
        *[(step.label, step.definition) for step in funnel_steps],
        ("Rate (in brackets)", "Each count as a share of the step before it: on the list of the "
         "target population, and so on; left out where a small count is not shown."),
        ("Engagement rate", f"People {engaged} in the month ÷ the target population."),
        ("Cost per person engaged", f"The plan's monthly cost to coordinate ÷ the people {engaged} "
         "in the month; — when no one was."),
        ("Cost per person housed", f"The plan's monthly cost to coordinate ÷ the people {housed} "
         "in the month; — when no one was."),
        ("Small counts", f"Counts from 1 to {threshold - 1} show as “fewer than {threshold}” to "
         "everyone but coordinators, with the figures worked out from them."),
    ]


def engagement(plan: ActionPlan | PlanFacts, user,
               today: date | None = None) -> Engagement | None:
    """The section, or None when the plan states neither its target population nor its cost."""
    if plan.target_population is None and plan.monthly_cost is None:
        return None
    funnel_steps = steps()
    if not funnel_steps:
        return None
    exact = is_coordinator(user)
    labels = [step.label for step in funnel_steps]
    rows = [_row(start, counts, plan, exact) for start, counts in monthly_counts(today=today)]
    return Engagement(labels, _definitions(labels, funnel_steps), rows, not exact)
