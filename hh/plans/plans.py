"""Action plans themselves: saving one, the list of plans, the plan page in a few queries, and
what the home page shows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import selectinload

from hh.auth.models import User
from hh.caching import remember
from hh.directory.models import Organization
from hh.errors import raise_if
from hh.extensions import db
from hh.plans.common import (
    USER_DISPLAY_NAME,
    PlanError,
    add_months,
    check_order,
    chosen,
    clean_text,
    valid_id,
    whole_number,
)
from hh.plans.item_rows import MINE, FirstOpenRows, ItemRow
from hh.plans.measures import MeasureView, north_star_views, plan_measure_views
from hh.plans.models import (
    ITEM_STATUSES,
    OPEN_STATUSES,
    ActionItem,
    ActionPlan,
    ItemUpdate,
)
from hh.plans.record import PlanFacts, PlanRecord, plan_record
from hh.plans.reviews import plans_due_today
from hh.timeutil import local_today
from hh.web import audit, is_coordinator


def save_plan(plan: ActionPlan | None, data: dict) -> ActionPlan:
    """Create or edit a plan. PlanForm has checked the shape (choices, lengths, dates); these
    are the rules it cannot check."""
    errors: dict[str, str] = {}
    title = clean_text(data, "title", 200)
    if not title:
        errors["title"] = "Enter the plan's title."
    status = data.get("status") or "draft"
    lead = chosen(Organization, data.get("lead_organization_id"), "lead_organization_id", errors,
                "Choose an organization from the list.")
    owner = chosen(User, data.get("owner_id"), "owner_id", errors, "Choose a person from the list.")
    if owner is not None and owner.role not in ("coordinator", "admin"):
        errors["owner_id"] = "The owner must be a coordinator."
    partner_ids = set(data.get("partner_ids") or [])
    wanted = {i for i in partner_ids if valid_id(i) == i}
    partners = list(db.session.scalars(select(Organization).where(Organization.id.in_(wanted))))
    if len(partners) != len(partner_ids):
        errors["partner_ids"] = "Choose partners from the list."
    cadence_raw = str(data.get("review_every_months") or "3").strip()
    cadence = int(cadence_raw) if cadence_raw.isdigit() else 0
    if not 1 <= cadence <= 12:
        errors["review_every_months"] = "Enter a whole number of months from 1 to 12."
    check_order(data.get("start_on"), data.get("end_on"), "end_on", errors,
                "The end date cannot be before the start date.")
    target_population = whole_number(data.get("target_population"), "target_population", errors,
                                     "Enter the number of people as a whole number, 0 or more.")
    monthly_cost = whole_number(data.get("monthly_cost"), "monthly_cost", errors,
                                "Enter the cost in whole dollars, 0 or more, like 25000.")
    raise_if(errors, PlanError)

    creating = plan is None
    if creating:
        plan = ActionPlan(title=title)
        db.session.add(plan)
    plan.title, plan.status, plan.review_every_months = title, status, cadence
    plan.aim = clean_text(data, "aim", 2000)
    plan.population_focus = clean_text(data, "population_focus", 200)
    plan.lead_organization, plan.owner, plan.partners = lead, owner, partners
    plan.start_on, plan.end_on = data.get("start_on"), data.get("end_on")
    plan.target_population, plan.monthly_cost = target_population, monthly_cost
    plan.next_review_on = data.get("next_review_on") or plan.next_review_on or add_months(
        local_today(), cadence)
    db.session.flush()
    audit("plan_created" if creating else "plan_updated", "action_plan", plan.id)
    db.session.commit()
    return plan


_STATUS_ORDER = {status: index for index, status in enumerate(("active", "draft", "paused",
                                                               "completed"))}


def _plan_order(plan) -> tuple:
    return _STATUS_ORDER.get(plan.status, 9), plan.title.lower()


def plan_list() -> list[ActionPlan]:
    plans = db.session.scalars(select(ActionPlan).options(
        selectinload(ActionPlan.lead_organization), selectinload(ActionPlan.owner)))
    return sorted(plans, key=_plan_order)


_PLAN_CHOICES = select(ActionPlan.id, ActionPlan.title, ActionPlan.status)  # built once


def plan_choices() -> list[tuple[int, str]]:
    """(id, title) of every plan in plan_list's order, for a filter: from the cache until a plan
    changes (one statement, no records, to fill it)."""
    return remember("plans:plan-choices", ("action_plan",), lambda: [
        (plan.id, plan.title) for plan in sorted(db.session.execute(_PLAN_CHOICES), key=_plan_order)])


def open_item_counts() -> dict[int, tuple[int, int]]:
    """plan id → (open items, overdue items), in one query."""
    today = local_today()
    rows = db.session.execute(
        select(ActionItem.plan_id, func.count(),
               func.sum(case((ActionItem.due_on < today, 1), else_=0)))
        .where(ActionItem.status.in_(OPEN_STATUSES)).group_by(ActionItem.plan_id))
    return {plan_id: (count, int(overdue or 0)) for plan_id, count, overdue in rows}


PLAN_PAGE_ITEMS = 25  # open items shown at a glance; the rest one click away
CLOSED_SHOWN = 20     # done and dropped items listed (the latest), by description and status


class ClosedItem(NamedTuple):
    id: int
    description: str
    status: str

    @property
    def status_label(self) -> str:
        return ITEM_STATUSES.get(self.status, self.status)


class UpdateLine(NamedTuple):
    """One update as the plan page lists it, under its item."""

    created_at: datetime
    author: str | None  # display name
    item_id: int
    item_description: str
    status_change: str
    body: str


@dataclass
class PlanPage:
    plan: PlanFacts  # its own columns, from the cache with its record
    record: PlanRecord
    measures: list[MeasureView]
    open_items: list[ItemRow]
    open_count: int
    overdue_count: int
    closed_items: list[ClosedItem]
    closed_count: int


# Built once, with bound values: the plan page reads them on every view.
_OF_PLAN = ActionItem.plan_id == bindparam("plan_id")
_OPEN_ITEMS = FirstOpenRows("plan", _OF_PLAN, PLAN_PAGE_ITEMS)
_CLOSED = _OF_PLAN & ActionItem.status.not_in(OPEN_STATUSES)
_CLOSED_ITEMS = (select(ActionItem.id, ActionItem.description, ActionItem.status).where(_CLOSED)
                 .order_by(ActionItem.updated_at.desc()).limit(CLOSED_SHOWN))
_CLOSED_COUNT = select(func.count()).select_from(ActionItem).where(_CLOSED)
RECENT_UPDATES = 8
_RECENT_UPDATES = (
    select(ItemUpdate.created_at, USER_DISPLAY_NAME, ActionItem.id, ActionItem.description,
           ItemUpdate.status_change, ItemUpdate.body)
    .join(ItemUpdate.item).outerjoin(ItemUpdate.author).where(_OF_PLAN)
    .order_by(ItemUpdate.created_at.desc(), ItemUpdate.id.desc()).limit(RECENT_UPDATES))


def plan_page(plan_id: int, all_items: bool = False) -> PlanPage | None:
    """Everything the plan page shows, in a few queries (it stays quick at 5 measures of 60
    points and 200 items): the plan's record (its own columns too) and its measures' charts from
    the cache, the open items' rows listed up to PLAN_PAGE_ITEMS unless all are asked for
    (counted apart only when there are more), the closed ones as plain rows."""
    record = plan_record(plan_id)
    if record is None:
        return None
    open_items, open_count, overdue_count = _OPEN_ITEMS.read(
        local_today(), {"plan_id": plan_id}, every=all_items)
    closed_items, closed_count = _closed_items(plan_id)
    return PlanPage(record.plan, record, plan_measure_views(plan_id), open_items,
                    open_count, overdue_count, closed_items, closed_count)


def _closed_items(plan_id: int) -> tuple[list[ClosedItem], int]:
    """The latest done or dropped items, and how many there are (counted apart only when there
    are more than are listed)."""
    values = {"plan_id": plan_id}
    items = [ClosedItem(*row) for row in db.session.execute(_CLOSED_ITEMS, values)]
    if len(items) < CLOSED_SHOWN:
        return items, len(items)
    return items, db.session.scalar(_CLOSED_COUNT, values)


def recent_updates(plan: ActionPlan | PlanFacts) -> list[UpdateLine]:
    """The plan's latest updates as plain rows (no records to build for eight lines)."""
    return [UpdateLine(*row) for row in db.session.execute(_RECENT_UPDATES, {"plan_id": plan.id})]


# --- Home page ---------------------------------------------------------------------------------


HOME_ITEMS = 8  # my items listed on the home page; all of them one click away
_MY_OPEN_ITEMS = FirstOpenRows("mine", MINE, HOME_ITEMS)


def home_context(user) -> dict:
    """What the home page shows from action plans: my open and overdue items (counted in SQL,
    the first few listed), north-star measures and (for coordinators) plans due for review, both
    from the cache."""
    if not user.is_authenticated:
        return {}
    today = local_today()
    items, open_count, overdue_count = _MY_OPEN_ITEMS.read(
        today, {"user_id": user.id, "organization_id": user.organization_id})
    return {
        "plans_today": today,
        "plans_my_items": items,
        "plans_my_open": open_count,
        "plans_my_overdue": overdue_count,
        "plans_north_stars": north_star_views(),
        "plans_due_review": plans_due_today(today) if is_coordinator(user) else [],
    }
