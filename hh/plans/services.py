"""Action-plan operations: who may update what, saving plans, measures, data points, items,
reviews and tests of change, the queries behind "my items", the all-items view and home page."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from hh.auth.models import User
from hh.directory.models import Organization
from hh.errors import InputError, raise_if
from hh.extensions import db
from hh.needs.models import Need
from hh.plans.charts import RunChart
from hh.plans.models import (
    DIRECTIONS,
    ITEM_STATUSES,
    OPEN_STATUSES,
    PDSA_ACTS,
    PLAN_STATUSES,
    ActionItem,
    ActionPlan,
    DataPoint,
    ItemUpdate,
    Measure,
    PdsaCycle,
    PlanReview,
)
from hh.timeutil import local_today, utcnow
from hh.web import audit, is_coordinator


class PlanError(InputError):
    """Input that cannot be saved; `errors` maps each form field to its message."""



# --- Dates: due dates are calendar dates in the CoC's own time zone ----------------------------




def is_overdue(item: ActionItem, today: date | None = None) -> bool:
    return item.is_open and item.due_on is not None and item.due_on < (today or local_today())


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable


# --- Who may do what -----------------------------------------------------------------------------


def can_update_item(user, item: ActionItem) -> bool:
    """Coordinators and admins update every item; providers the items assigned to them or to
    their organization."""
    return item_updater(user)(item)


def item_updater(user):
    """can_update_item for one user, as a quick check for pages with hundreds of items."""
    if is_coordinator(user):
        return lambda item: True
    if not (user.is_authenticated and user.role == "provider"):
        return lambda item: False
    user_id, organization_id = user.id, user.organization_id
    return lambda item: item.owner_id == user_id or (
        organization_id is not None and item.organization_id == organization_id)


# --- Parsing -------------------------------------------------------------------------------------


def _text(data: dict, name: str, limit: int) -> str:
    return (data.get(name) or "").strip()[:limit]


def _number(raw, field: str, errors: dict) -> float | None:
    if raw in (None, ""):
        return None
    try:
        value = float(str(raw).strip().replace(",", ""))
    except ValueError:
        errors[field] = "Enter a number, like 12 or 4.5."
        return None
    if not math.isfinite(value) or abs(value) > 1e12:
        errors[field] = "Enter a number between -1,000,000,000,000 and 1,000,000,000,000."
        return None
    return value


MAX_ID = 2**31 - 1  # larger numbers are no id of ours (and overflow the database's integers)


def valid_id(value) -> int | None:
    """A positive id from user input, or None (for unknown, hostile or empty input)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def _get(model, raw_id, field: str, errors: dict, message: str):
    if raw_id in (None, ""):
        return None
    found = db.session.get(model, raw_id) if valid_id(raw_id) == raw_id else None
    if found is None:
        errors[field] = message
    return found


def _date_order(first: date | None, second: date | None, field: str, errors: dict, what: str):
    if first and second and second < first:
        errors[field] = what


def user_choices() -> list[tuple[int, str]]:
    users = db.session.scalars(select(User).where(User.active.is_(True), User.role != "viewer")
                               .order_by(func.lower(User.name), User.email))
    return [(u.id, u.display_name) for u in users]


def coordinator_choices() -> list[tuple[int, str]]:
    users = db.session.scalars(select(User).where(User.active.is_(True),
                                                  User.role.in_(("coordinator", "admin")))
                               .order_by(func.lower(User.name), User.email))
    return [(u.id, u.display_name) for u in users]


def organization_choices() -> list[tuple[int, str]]:
    orgs = db.session.scalars(select(Organization).where(Organization.active.is_(True))
                              .order_by(func.lower(Organization.name)))
    return [(o.id, o.name) for o in orgs]


def item_owner_choices() -> tuple[list, list]:
    """Filter choices: only the people and organizations that own items (not every partner)."""
    people = db.session.execute(
        select(User.id, User.name, User.email).where(User.id.in_(
            select(ActionItem.owner_id).where(ActionItem.owner_id.is_not(None)).distinct()))
        .order_by(func.lower(User.name), User.email))
    orgs = db.session.execute(
        select(Organization.id, Organization.name).where(Organization.id.in_(
            select(ActionItem.organization_id).where(ActionItem.organization_id.is_not(None))
            .distinct())).order_by(func.lower(Organization.name)))
    return [(p.id, p.name or p.email) for p in people], [(o.id, o.name) for o in orgs]


def need_choices() -> list[tuple[int, str]]:
    needs = db.session.scalars(select(Need).order_by(Need.title).limit(500))
    return [(n.id, n.title) for n in needs]


# --- Plans ---------------------------------------------------------------------------------------


def save_plan(plan: ActionPlan | None, data: dict) -> ActionPlan:
    errors: dict[str, str] = {}
    title = _text(data, "title", 200)
    if not title:
        errors["title"] = "Enter the plan's title."
    status = data.get("status") or "draft"
    if status not in PLAN_STATUSES:
        errors["status"] = "Choose a status from the list."
    lead = _get(Organization, data.get("lead_organization_id"), "lead_organization_id", errors,
                "Choose an organization from the list.")
    owner = _get(User, data.get("owner_id"), "owner_id", errors, "Choose a person from the list.")
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
    _date_order(data.get("start_on"), data.get("end_on"), "end_on", errors,
                "The end date cannot be before the start date.")
    raise_if(errors, PlanError)

    creating = plan is None
    if creating:
        plan = ActionPlan(title=title)
        db.session.add(plan)
    plan.title, plan.status, plan.review_every_months = title, status, cadence
    plan.aim = _text(data, "aim", 2000)
    plan.population_focus = _text(data, "population_focus", 200)
    plan.lead_organization, plan.owner, plan.partners = lead, owner, partners
    plan.start_on, plan.end_on = data.get("start_on"), data.get("end_on")
    plan.next_review_on = data.get("next_review_on") or plan.next_review_on or add_months(
        local_today(), cadence)
    db.session.flush()
    audit("plan_created" if creating else "plan_updated", "action_plan", plan.id)
    db.session.commit()
    return plan


def plan_list() -> list[ActionPlan]:
    order = {status: index for index, status in enumerate(("active", "draft", "paused", "completed"))}
    plans = db.session.scalars(select(ActionPlan).options(
        selectinload(ActionPlan.lead_organization), selectinload(ActionPlan.owner)))
    return sorted(plans, key=lambda p: (order.get(p.status, 9), p.title.lower()))


def open_item_counts() -> dict[int, tuple[int, int]]:
    """plan id → (open items, overdue items), in one query."""
    today = local_today()
    rows = db.session.execute(
        select(ActionItem.plan_id, func.count(),
               func.sum(case((ActionItem.due_on < today, 1), else_=0)))
        .where(ActionItem.status.in_(OPEN_STATUSES)).group_by(ActionItem.plan_id))
    return {plan_id: (count, int(overdue or 0)) for plan_id, count, overdue in rows}


@dataclass
class MeasureView:
    """A measure with its run chart and its numbers (rows with observed_on, value, note)."""

    measure: Measure
    chart: RunChart
    rows: list

    @property
    def latest(self):
        return self.rows[-1] if self.rows else None

    @property
    def latest_signal(self):
        """The signal that reaches furthest into the present: is something changing now?"""
        found = self.chart.found
        return max(found, key=lambda s: s.indexes[-1]) if found else None


def measure_view(measure: Measure, rows: list | None = None) -> MeasureView:
    rows = measure.points if rows is None else rows
    chart = RunChart([p.observed_on for p in rows], [p.value for p in rows],
                     baseline=measure.baseline_value, target=measure.target_value,
                     title=measure.name, unit=measure.unit)
    return MeasureView(measure, chart, rows)


PLAN_PAGE_ITEMS = 25  # open items shown at a glance; the rest one click away


@dataclass
class PlanPage:
    plan: ActionPlan
    measures: list[MeasureView]
    open_items: list[ActionItem]
    open_count: int
    overdue_count: int
    closed_items: list[ActionItem]
    closed_count: int


def plan_page(plan_id: int, all_items: bool = False) -> PlanPage | None:
    """Everything the plan page shows, in a few queries (it stays quick at 5 measures of 60
    points and 200 items): data points as plain rows, items counted in SQL, the open items
    listed up to PLAN_PAGE_ITEMS unless all are asked for."""
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.id == plan_id).options(
        joinedload(ActionPlan.owner), joinedload(ActionPlan.lead_organization),
        selectinload(ActionPlan.measures), selectinload(ActionPlan.partners),
        selectinload(ActionPlan.reviews).joinedload(PlanReview.author),
        selectinload(ActionPlan.cycles).joinedload(PdsaCycle.owner)))
    if plan is None:
        return None
    rows: dict[int, list] = {m.id: [] for m in plan.measures}
    for row in db.session.execute(
            select(DataPoint.measure_id, DataPoint.observed_on, DataPoint.value, DataPoint.note)
            .where(DataPoint.measure_id.in_(list(rows)))
            .order_by(DataPoint.measure_id, DataPoint.observed_on, DataPoint.id)):
        rows[row.measure_id].append(row)
    today = local_today()
    is_open = ActionItem.status.in_(OPEN_STATUSES)
    counts = db.session.execute(
        select(func.count(),
               func.sum(case((is_open, 1), else_=0)),
               func.sum(case((is_open & (ActionItem.due_on < today), 1), else_=0)))
        .where(ActionItem.plan_id == plan.id)).one()
    total, open_count, overdue_count = counts[0], int(counts[1] or 0), int(counts[2] or 0)
    items = select(ActionItem).where(ActionItem.plan_id == plan.id).options(
        joinedload(ActionItem.owner), joinedload(ActionItem.organization))
    open_items = list(db.session.scalars(
        items.where(is_open).order_by(*_due_order())
        .limit(None if all_items else PLAN_PAGE_ITEMS)))
    closed_items = list(db.session.scalars(
        items.where(~is_open).order_by(ActionItem.updated_at.desc()).limit(20)))
    for item in open_items + closed_items:  # each item's plan is this one: no lazy loads
        set_committed_value(item, "plan", plan)
    return PlanPage(plan, [measure_view(m, rows[m.id]) for m in plan.measures], open_items,
                    open_count, overdue_count, closed_items, total - open_count)


def recent_updates(plan: ActionPlan, limit: int = 8) -> list[ItemUpdate]:
    return list(db.session.scalars(
        select(ItemUpdate).join(ItemUpdate.item).where(ActionItem.plan_id == plan.id)
        .options(contains_eager(ItemUpdate.item), joinedload(ItemUpdate.author))
        .order_by(ItemUpdate.created_at.desc(), ItemUpdate.id.desc()).limit(limit)))


# --- Measures and data points -------------------------------------------------------------------


def save_measure(measure: Measure | None, plan: ActionPlan, data: dict) -> Measure:
    errors: dict[str, str] = {}
    name = _text(data, "name", 200)
    if not name:
        errors["name"] = "Enter the measure's name."
    direction = data.get("direction") or "up"
    if direction not in DIRECTIONS:
        errors["direction"] = "Choose a direction from the list."
    baseline = _number(data.get("baseline_value"), "baseline_value", errors)
    target = _number(data.get("target_value"), "target_value", errors)
    from hh.referrals.outcomes import FEEDS, feed_measure

    feed = data.get("feed") or ""
    if feed not in FEEDS and feed != "":
        errors["feed"] = "Choose a figure from the list."
    raise_if(errors, PlanError)
    creating = measure is None
    if creating:
        measure = Measure(plan=plan, name=name)
        db.session.add(measure)
    measure.name, measure.direction = name, direction
    measure.definition = _text(data, "definition", 2000)
    measure.unit = _text(data, "unit", 60)
    measure.baseline_value, measure.target_value = baseline, target
    measure.baseline_on, measure.target_on = data.get("baseline_on"), data.get("target_on")
    measure.north_star = bool(data.get("north_star"))
    measure.feed = feed
    db.session.flush()
    feed_measure(measure)
    audit("measure_created" if creating else "measure_updated", "measure", measure.id,
          detail=f"plan {plan.id}")
    db.session.commit()
    return measure


def record_data_point(measure: Measure, data: dict, user) -> DataPoint:
    """Add a value for a date; a second value for the same date corrects the first."""
    errors: dict[str, str] = {}
    observed_on = data.get("observed_on")
    if not isinstance(observed_on, date):
        errors["observed_on"] = "Enter the date the value is for."
    value = _number(data.get("value"), "value", errors)
    if value is None and "value" not in errors:
        errors["value"] = "Enter the value."
    raise_if(errors, PlanError)
    point = db.session.scalar(select(DataPoint).where(DataPoint.measure_id == measure.id,
                                                      DataPoint.observed_on == observed_on))
    if point is None:
        point = DataPoint(measure=measure, observed_on=observed_on, value=value)
        db.session.add(point)
    point.value = value
    point.note = _text(data, "note", 500)
    point.entered_by_id = user.id if user is not None else None
    point.entered_at = utcnow()
    db.session.flush()
    audit("data_point_recorded", "measure", measure.id, detail=f"{observed_on.isoformat()}")
    db.session.commit()
    return point


def north_star_views() -> list[MeasureView]:
    measures = db.session.scalars(
        select(Measure).join(Measure.plan).where(Measure.north_star.is_(True),
                                                 ActionPlan.status != "completed")
        .options(selectinload(Measure.points), selectinload(Measure.plan)).order_by(Measure.name))
    return [measure_view(m) for m in measures]


# --- Action items -------------------------------------------------------------------------------


def _status_change(item: ActionItem, status: str, reason: str, errors: dict) -> str:
    """Apply a status; returns the words for the item's thread ('' when nothing changed)."""
    if status not in ITEM_STATUSES:
        errors["status"] = "Choose a status from the list."
        return ""
    if status == "blocked" and not reason:
        errors["blocked_reason"] = "Say what blocks it, so others can help."
        return ""
    before = (item.status, item.blocked_reason)
    item.status = status
    item.blocked_reason = reason if status == "blocked" else ""
    if status == "done" and before[0] != "done":
        item.done_at = utcnow()
    elif status != "done":
        item.done_at = None
    if (item.status, item.blocked_reason) == before:
        return ""
    words = f"Status: {ITEM_STATUSES[status]}"
    return words + (f" ({reason})" if status == "blocked" else "")


def save_item(item: ActionItem | None, plan: ActionPlan, data: dict, user,
              coordinator_fields: bool = True) -> ActionItem:
    """Create or edit an item. Providers (coordinator_fields=False) keep its owners and need."""
    errors: dict[str, str] = {}
    description = _text(data, "description", 1000)
    if not description:
        errors["description"] = "Say what needs doing."
    if coordinator_fields:
        owner = _get(User, data.get("owner_id"), "owner_id", errors, "Choose a person from the list.")
        organization = _get(Organization, data.get("organization_id"), "organization_id", errors,
                            "Choose an organization from the list.")
        need = _get(Need, data.get("need_id"), "need_id", errors, "Choose a need from the list.")
        if owner is None and organization is None and "owner_id" not in errors \
                and "organization_id" not in errors:
            errors["owner_id"] = "Choose who owns it: a person, an organization or both."
    creating = item is None
    if creating:
        item = ActionItem(description=description, status="open")  # not in the session yet
    change = _status_change(item, data.get("status") or "open",
                            _text(data, "blocked_reason", 500), errors)
    if errors:
        db.session.rollback()  # an edited item goes back to what is saved
        raise_if(errors, PlanError)
    if creating:
        item.plan = plan
        db.session.add(item)
    item.description = description
    item.due_on = data.get("due_on")
    if coordinator_fields:
        item.owner, item.organization, item.need = owner, organization, need
    if change and not creating:
        item.updates.append(ItemUpdate(author_id=user.id, status_change=change))
    db.session.flush()
    audit("item_created" if creating else "item_updated", "action_item", item.id,
          detail=f"plan {plan.id}")
    db.session.commit()
    return item


def change_item_status(item: ActionItem, status: str, reason: str, user) -> ActionItem:
    errors: dict[str, str] = {}
    change = _status_change(item, status, (reason or "").strip()[:500], errors)
    if errors:
        db.session.rollback()
        raise_if(errors, PlanError)
    if change:
        item.updates.append(ItemUpdate(author_id=user.id, status_change=change))
        audit("item_status_changed", "action_item", item.id, detail=status)
    db.session.commit()
    return item


def add_item_update(item: ActionItem, body: str, user) -> ItemUpdate:
    body = (body or "").strip()
    if not body:
        raise PlanError("Write the update first.", "body")
    if len(body) > 4000:
        raise PlanError("Keep the update under 4,000 characters.", "body")
    update = ItemUpdate(item=item, author_id=user.id, body=body)
    db.session.add(update)
    item.updated_at = utcnow()
    db.session.flush()
    audit("item_update_added", "action_item", item.id)
    db.session.commit()
    return update


def _item_options():
    return (joinedload(ActionItem.owner), joinedload(ActionItem.organization),
            joinedload(ActionItem.plan))


def _due_order():
    # Items without a due date last, on SQLite and PostgreSQL alike.
    return (ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)


def my_items_query(user, include_closed: bool = False) -> Select:
    """Items a person owns, or that their organization owns."""
    mine = [ActionItem.owner_id == user.id]
    if user.organization_id is not None:
        mine.append(ActionItem.organization_id == user.organization_id)
    query = select(ActionItem).where(or_(*mine)).options(*_item_options()).order_by(*_due_order())
    if not include_closed:
        query = query.where(ActionItem.status.in_(OPEN_STATUSES))
    return query


@dataclass
class ItemFilters:
    owner_id: int | None = None
    organization_id: int | None = None
    plan_id: int | None = None
    status: str = ""        # "" = still open, "all", or one status
    due: str = ""           # "", "overdue", "7", "30", "none"


def items_query(filters: ItemFilters, today: date | None = None) -> Select:
    today = today or local_today()
    query = select(ActionItem).options(*_item_options()).order_by(*_due_order())
    if filters.owner_id:
        query = query.where(ActionItem.owner_id == filters.owner_id)
    if filters.organization_id:
        query = query.where(ActionItem.organization_id == filters.organization_id)
    if filters.plan_id:
        query = query.where(ActionItem.plan_id == filters.plan_id)
    if filters.status in ITEM_STATUSES:
        query = query.where(ActionItem.status == filters.status)
    elif filters.status != "all":
        query = query.where(ActionItem.status.in_(OPEN_STATUSES))
    if filters.due == "overdue":
        query = query.where(ActionItem.due_on < today, ActionItem.status.in_(OPEN_STATUSES))
    elif filters.due in ("7", "30"):
        query = query.where(ActionItem.due_on >= today,
                            ActionItem.due_on <= today + timedelta(days=int(filters.due)))
    elif filters.due == "none":
        query = query.where(ActionItem.due_on.is_(None))
    return query


ITEM_CSV_HEADER = ["id", "plan", "description", "owner", "organization", "due_on", "status",
                   "blocked_reason", "overdue", "need", "last_update"]


def item_csv_rows(query: Select):
    today = local_today()
    query = query.options(selectinload(ActionItem.need), selectinload(ActionItem.updates))
    for item in db.session.scalars(query):
        last = item.updates[-1] if item.updates else None
        yield [item.id, item.plan.title, item.description,
               item.owner.display_name if item.owner else "",
               item.organization.name if item.organization else "",
               item.due_on.isoformat() if item.due_on else "", item.status_label,
               item.blocked_reason, "yes" if is_overdue(item, today) else "no",
               item.need.title if item.need else "",
               last.created_at.date().isoformat() if last else ""]


# --- Reviews -------------------------------------------------------------------------------------


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
                                    .options(*_item_options()).order_by(*_due_order())))
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
    progress = _text(data, "progress", 5000)
    if not progress:
        errors["progress"] = "Summarise the progress since the last review."
    next_review_on = data.get("next_review_on") or add_months(reviewed_on, plan.review_every_months)
    if next_review_on <= reviewed_on:
        errors["next_review_on"] = "The next review must come after this one."
    raise_if(errors, PlanError)
    review = PlanReview(plan=plan, reviewed_on=reviewed_on, progress=progress,
                        changes=_text(data, "changes", 5000),
                        next_steps=_text(data, "next_steps", 5000),
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


# --- Tests of change (PDSA) ----------------------------------------------------------------------


def save_cycle(cycle: PdsaCycle | None, plan: ActionPlan, data: dict) -> PdsaCycle:
    errors: dict[str, str] = {}
    title = _text(data, "title", 200)
    if not title:
        errors["title"] = "Name the test of change."
    owner = _get(User, data.get("owner_id"), "owner_id", errors, "Choose a person from the list.")
    act = data.get("act") or ""
    if act not in PDSA_ACTS:
        errors["act"] = "Choose adopt, adapt or abandon."
    _date_order(data.get("started_on"), data.get("ended_on"), "ended_on", errors,
                "The end date cannot be before the start date.")
    raise_if(errors, PlanError)
    creating = cycle is None
    if creating:
        cycle = PdsaCycle(plan=plan, title=title)
        db.session.add(cycle)
    cycle.title, cycle.owner, cycle.act = title, owner, act
    for name in ("plan_text", "prediction", "do_text", "study_text"):
        setattr(cycle, name, _text(data, name, 4000))
    cycle.started_on, cycle.ended_on = data.get("started_on"), data.get("ended_on")
    cycle.updated_at = utcnow()
    db.session.flush()
    audit("pdsa_created" if creating else "pdsa_updated", "pdsa_cycle", cycle.id,
          detail=f"plan {plan.id}")
    db.session.commit()
    return cycle


# --- Home page ---------------------------------------------------------------------------------


def home_context(user) -> dict:
    """What the home page shows from action plans: my open and overdue items, north-star
    measures, and (for coordinators) plans due for review."""
    if not user.is_authenticated:
        return {}
    today = local_today()
    mine = list(db.session.scalars(my_items_query(user).limit(50)))
    return {
        "plans_today": today,
        "plans_my_items": mine[:8],
        "plans_my_open": len(mine),
        "plans_my_overdue": sum(1 for i in mine if is_overdue(i, today)),
        "plans_north_stars": north_star_views(),
        "plans_due_review": plans_due_for_review(today) if is_coordinator(user) else [],
    }
