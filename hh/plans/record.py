"""What the plan page shows of a plan's own record: its own columns, who owns and leads it, its
partners, the latest reviews and the tests of change. It is the same for everyone who reads the plan and is
written far less often than it is read, so it is kept in the one cache as plain values until one
of the tables it is read from is written."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from hh.caching import remember
from hh.extensions import db
from hh.plans.models import ActionPlan, PdsaCycle, PlanReview

# Names come from people and organizations: a renamed one is a write to its table too.
RECORD_TABLES = ("action_plan", "organization", "user_account", "plan_review", "pdsa_cycle")
REVIEWS_SHOWN = 4


@dataclass(frozen=True)
class ReviewView:
    reviewed_on: date
    author: str | None
    progress: str
    changes: str
    next_steps: str


@dataclass(frozen=True)
class CycleView:
    id: int
    title: str
    owner: str | None
    started_on: date | None
    ended_on: date | None
    act_label: str
    plan_text: str
    prediction: str
    do_text: str
    study_text: str


@dataclass(frozen=True)
class PlanFacts:
    """The plan's own columns that its page shows, as plain values."""

    id: int
    title: str
    status: str
    aim: str
    population_focus: str
    start_on: date | None
    end_on: date | None
    review_every_months: int
    next_review_on: date | None
    target_population: int | None
    monthly_cost: int | None

    status_label = ActionPlan.status_label  # reads only `status`

    @classmethod
    def of(cls, plan: ActionPlan) -> "PlanFacts":
        return cls(**{f.name: getattr(plan, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class PlanRecord:
    plan: PlanFacts
    owner: str | None
    lead_organization: str | None
    partners: tuple[str, ...]
    reviews: tuple[ReviewView, ...]  # the latest first, up to REVIEWS_SHOWN
    cycles: tuple[CycleView, ...]    # the latest first

    @property
    def last_review(self) -> ReviewView | None:
        return self.reviews[0] if self.reviews else None


def plan_record(plan_id: int) -> PlanRecord | None:
    """The plan's record (None: there is no such plan)."""
    return remember(f"plan-record:{plan_id}", RECORD_TABLES, lambda: _plan_record(plan_id))


def _name(person) -> str | None:
    return person.display_name if person is not None else None


def _plan_record(plan_id: int) -> PlanRecord | None:
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.id == plan_id).options(
        joinedload(ActionPlan.owner), joinedload(ActionPlan.lead_organization),
        selectinload(ActionPlan.partners),
        selectinload(ActionPlan.reviews).joinedload(PlanReview.author),
        selectinload(ActionPlan.cycles).joinedload(PdsaCycle.owner)))
    if plan is None:
        return None
    return PlanRecord(
        plan=PlanFacts.of(plan),
        owner=_name(plan.owner),
        lead_organization=plan.lead_organization.name if plan.lead_organization else None,
        partners=tuple(o.name for o in plan.partners),
        reviews=tuple(ReviewView(r.reviewed_on, _name(r.author), r.progress, r.changes,
                                 r.next_steps) for r in plan.reviews[:REVIEWS_SHOWN]),
        cycles=tuple(CycleView(c.id, c.title, _name(c.owner), c.started_on, c.ended_on,
                               c.act_label, c.plan_text, c.prediction, c.do_text, c.study_text)
                     for c in plan.cycles))
