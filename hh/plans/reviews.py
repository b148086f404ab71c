"""Plan reviews (what changed since the last one, and recording this one) and tests of change
(PDSA cycles)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hh.auth.models import User
from hh.caching import remember
from hh.errors import raise_if
from hh.extensions import db
from hh.plans.common import PlanError, add_months, check_order, chosen, clean_text, is_overdue
from hh.plans.items import due_order, item_options
from hh.plans.models import (
    ActionItem,
    ActionPlan,
    DataPoint,
    Measure,
    PdsaCycle,
    PlanReview,
)
from hh.timeutil import local_today, utcnow
from hh.web import audit


@dataclass
class ReviewFacts:
    """What changed since the last review, so the update is written from facts."""

    since: date
    new_points: list[DataPoint]
    items_done: list[ActionItem]
    items_added: list[ActionItem]
    items_overdue: list[ActionItem]
    cycles_changed: list[PdsaCycle]


def last_review(plan: ActionPlan) -> PlanReview | None:
    return plan.reviews[0] if plan.reviews else None


def review_facts(plan: ActionPlan, today: date | None = None) -> ReviewFacts:
    previous = last_review(plan)
    if previous is not None:
        since = previous.reviewed_on
    else:
        since = plan.start_on or plan.created_at.date()
    start = datetime.combine(since, datetime.min.time())
    new_points = list(db.session.scalars(
        select(DataPoint).join(DataPoint.measure).where(Measure.plan_id == plan.id,
                                                        DataPoint.entered_at >= start)
        .options(selectinload(DataPoint.measure)).order_by(Measure.name, DataPoint.observed_on)))
    items = list(db.session.scalars(select(ActionItem).where(ActionItem.plan_id == plan.id)
                                    .options(*item_options()).order_by(*due_order())))
    today = today or local_today()
    cycles = [c for c in plan.cycles if c.updated_at >= start]
    return ReviewFacts(
        since=since,
        new_points=new_points,
        items_done=[i for i in items if i.status == "done" and i.done_at and i.done_at >= start],
        items_added=[i for i in items if i.created_at >= start],
        items_overdue=[i for i in items if is_overdue(i, today)],
        cycles_changed=cycles,
    )


def save_review(plan: ActionPlan, data: dict, user) -> PlanReview:
    """Record a review and move the plan's next review date (one period on, unless given)."""
    errors: dict[str, str] = {}
    reviewed_on = data.get("reviewed_on") or local_today()
    progress = clean_text(data, "progress", 5000)
    if not progress:
        errors["progress"] = "Summarise the progress since the last review."
    next_review_on = data.get("next_review_on") or add_months(reviewed_on, plan.review_every_months)
    if next_review_on <= reviewed_on:
        errors["next_review_on"] = "The next review must come after this one."
    raise_if(errors, PlanError)
    review = PlanReview(plan=plan, reviewed_on=reviewed_on, progress=progress,
                        changes=clean_text(data, "changes", 5000),
                        next_steps=clean_text(data, "next_steps", 5000),
                        next_review_on=next_review_on, author_id=user.id)
    db.session.add(review)
    plan.next_review_on = next_review_on
    db.session.flush()
    audit("plan_reviewed", "action_plan", plan.id, detail=f"next review {next_review_on.isoformat()}")
    db.session.commit()
    return review


def plans_due_for_review(today: date | None = None, within_days: int = 14) -> list[ActionPlan]:
    horizon = (today or local_today()) + timedelta(days=within_days)
    return list(db.session.scalars(
        select(ActionPlan).where(ActionPlan.status.in_(("active", "draft")),
                                 ActionPlan.next_review_on <= horizon)
        .order_by(ActionPlan.next_review_on)))


class PlanDue(NamedTuple):
    id: int
    title: str
    next_review_on: date


def plans_due_today(today: date) -> list[PlanDue]:
    """The plans due for review, as the home page names them to every coordinator: from the
    cache for the day, until a plan is written."""
    return remember(f"plans-due:{today.isoformat()}", ("action_plan",), lambda: [
        PlanDue(p.id, p.title, p.next_review_on) for p in plans_due_for_review(today)])


# --- Tests of change (PDSA) ----------------------------------------------------------------------


def save_cycle(cycle: PdsaCycle | None, plan: ActionPlan, data: dict) -> PdsaCycle:
    """Create or edit a test of change (PdsaForm has checked its choices and lengths)."""
    errors: dict[str, str] = {}
    title = clean_text(data, "title", 200)
    if not title:
        errors["title"] = "Name the test of change."
    owner = chosen(User, data.get("owner_id"), "owner_id", errors, "Choose a person from the list.")
    act = data.get("act") or ""
    check_order(data.get("started_on"), data.get("ended_on"), "ended_on", errors,
                "The end date cannot be before the start date.")
    raise_if(errors, PlanError)
    creating = cycle is None
    if creating:
        cycle = PdsaCycle(plan=plan, title=title)
        db.session.add(cycle)
    cycle.title, cycle.owner, cycle.act = title, owner, act
    for name in ("plan_text", "prediction", "do_text", "study_text"):
        setattr(cycle, name, clean_text(data, name, 4000))
    cycle.started_on, cycle.ended_on = data.get("started_on"), data.get("ended_on")
    cycle.updated_at = utcnow()
    db.session.flush()
    audit("pdsa_created" if creating else "pdsa_updated", "pdsa_cycle", cycle.id,
          detail=f"plan {plan.id}")
    db.session.commit()
    return cycle


