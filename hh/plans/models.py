"""Action plans: a shared aim, measures with data points, action items with owners and dates,
reviews of progress, and PDSA tests of change."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hh.directory.models import Organization
from hh.extensions import db
from hh.needs.models import Need
from hh.timeutil import utcnow

PLAN_STATUSES: dict[str, str] = {
    "draft": "Draft",
    "active": "Active",
    "paused": "Paused",
    "completed": "Completed",
}

DIRECTIONS: dict[str, str] = {
    "up": "Higher is better",
    "down": "Lower is better",
}

ITEM_STATUSES: dict[str, str] = {
    "open": "Open",
    "in_progress": "In progress",
    "blocked": "Blocked",
    "done": "Done",
    "dropped": "Dropped",
}
# Items still someone's job: these can be overdue.
OPEN_STATUSES = ("open", "in_progress", "blocked")

PDSA_ACTS: dict[str, str] = {
    "": "Not decided yet",
    "adopt": "Adopt",
    "adapt": "Adapt",
    "abandon": "Abandon",
}

plan_partner = Table(
    "action_plan_partner",
    db.metadata,
    Column("plan_id", ForeignKey("action_plan.id", ondelete="CASCADE"), primary_key=True),
    Column("organization_id", ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True),
)


class ActionPlan(db.Model):
    __tablename__ = "action_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    aim: Mapped[str] = mapped_column(Text, default="")
    population_focus: Mapped[str] = mapped_column(String(200), default="")
    lead_organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True)
    owner_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    start_on: Mapped[Optional[date]]
    end_on: Mapped[Optional[date]]
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    review_every_months: Mapped[int] = mapped_column(default=3)
    next_review_on: Mapped[Optional[date]] = mapped_column(index=True)
    # For the engagement funnel and cost per client: the size of the population the plan is for,
    # and what coordinating costs each month, in whole dollars.
    target_population: Mapped[Optional[int]]
    monthly_cost: Mapped[Optional[int]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    lead_organization: Mapped[Optional[Organization]] = relationship()
    owner = relationship("User")
    partners: Mapped[list[Organization]] = relationship(
        secondary=plan_partner, order_by="Organization.name")
    measures: Mapped[list["Measure"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Measure.id")
    items: Mapped[list["ActionItem"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="ActionItem.id")
    reviews: Mapped[list["PlanReview"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan",
        order_by="(PlanReview.reviewed_on.desc(), PlanReview.id.desc())")
    cycles: Mapped[list["PdsaCycle"]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PdsaCycle.id.desc()")

    @property
    def status_label(self) -> str:
        return PLAN_STATUSES.get(self.status, self.status)


class Measure(db.Model):
    __tablename__ = "measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(60), default="")
    direction: Mapped[str] = mapped_column(String(4), default="up")
    baseline_value: Mapped[Optional[float]]
    baseline_on: Mapped[Optional[date]]
    target_value: Mapped[Optional[float]]
    target_on: Mapped[Optional[date]]
    north_star: Mapped[bool] = mapped_column(default=False, index=True)
    # Fed automatically from a product figure (a key of hh.plans.feeds.FEEDS), or "" for by hand.
    feed: Mapped[str] = mapped_column(String(40), default="", server_default="")

    plan: Mapped[ActionPlan] = relationship(back_populates="measures")
    points: Mapped[list["DataPoint"]] = relationship(
        back_populates="measure", cascade="all, delete-orphan",
        order_by="(DataPoint.observed_on, DataPoint.id)")

    @property
    def direction_label(self) -> str:
        return DIRECTIONS.get(self.direction, self.direction)


class DataPoint(db.Model):
    __tablename__ = "measure_data_point"
    __table_args__ = (UniqueConstraint("measure_id", "observed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"), index=True)
    observed_on: Mapped[date]
    value: Mapped[float]
    note: Mapped[str] = mapped_column(String(500), default="")
    entered_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    measure: Mapped[Measure] = relationship(back_populates="points")
    entered_by = relationship("User")


class ActionItem(db.Model):
    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(String(1000))
    owner_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True)
    due_on: Mapped[Optional[date]] = mapped_column(index=True)  # a date: "by when", no clock time
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    blocked_reason: Mapped[str] = mapped_column(String(500), default="")
    need_id: Mapped[Optional[int]] = mapped_column(ForeignKey("need.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    done_at: Mapped[Optional[datetime]]

    plan: Mapped[ActionPlan] = relationship(back_populates="items")
    owner = relationship("User")
    organization: Mapped[Optional[Organization]] = relationship()
    need: Mapped[Optional[Need]] = relationship()
    updates: Mapped[list["ItemUpdate"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="ItemUpdate.id")

    @property
    def status_label(self) -> str:
        return ITEM_STATUSES.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ItemUpdate(db.Model):
    """One entry in an item's thread: a note, a status change, or both."""

    __tablename__ = "action_item_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("action_item.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text, default="")
    status_change: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[ActionItem] = relationship(back_populates="updates")
    author = relationship("User")


class PlanReview(db.Model):
    """A plan update written at a review: progress, what changed or pivoted, next steps."""

    __tablename__ = "plan_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"), index=True)
    reviewed_on: Mapped[date]
    progress: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    next_review_on: Mapped[Optional[date]]
    author_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    plan: Mapped[ActionPlan] = relationship(back_populates="reviews")
    author = relationship("User")


class PdsaCycle(db.Model):
    """A small test of change: plan (with a prediction), do, study (the result), act."""

    __tablename__ = "pdsa_cycle"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    plan_text: Mapped[str] = mapped_column(Text, default="")
    prediction: Mapped[str] = mapped_column(Text, default="")
    do_text: Mapped[str] = mapped_column(Text, default="")
    study_text: Mapped[str] = mapped_column(Text, default="")
    act: Mapped[str] = mapped_column(String(10), default="")
    started_on: Mapped[Optional[date]]
    ended_on: Mapped[Optional[date]]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    plan: Mapped[ActionPlan] = relationship(back_populates="cycles")
    owner = relationship("User")

    @property
    def act_label(self) -> str:
        return PDSA_ACTS.get(self.act, self.act)
