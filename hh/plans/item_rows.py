"""The item tables' rows (a plan's open items, my items, all items, a row swapped alone): the
values a row shows, read in one statement as plain tuples. A page lists up to 50 items; as ORM
records, with their plan, owner and organization joined in, they cost more to build than the
page's SQL."""
from __future__ import annotations

from dataclasses import astuple
from datetime import date
from typing import NamedTuple

from sqlalchemy import Select, bindparam, case, func, or_, select
from sqlalchemy.orm import Bundle

from hh.auth.models import User
from hh.caching import remember
from hh.directory.models import Organization
from hh.extensions import db
from hh.plans.common import USER_DISPLAY_NAME, is_overdue
from hh.plans.items import ItemFilters, due_order, item_conditions
from hh.plans.models import OPEN_STATUSES, ActionItem, ActionPlan
from hh.timeutil import local_today


class ItemRow(NamedTuple):
    """An action item as its row shows it (and as can_update_item and is_overdue read it)."""

    id: int
    description: str
    status: str
    blocked_reason: str
    due_on: date | None
    owner_id: int | None
    organization_id: int | None
    plan_title: str
    owner_name: str | None  # the owner's display name
    organization_name: str | None

    # The record's own properties: they read only `status`.
    status_label = ActionItem.status_label
    is_open = ActionItem.is_open


class _ItemRows(Bundle):
    """The row's columns handed to ItemRow, with no ORM record made on the way."""

    def create_row_processor(self, query, procs, labels):
        return lambda row: ItemRow(*[proc(row) for proc in procs])


# Built once: every item table reads it (a paginate()-able select of one column), in due order.
# The names a row shows come from subqueries, not joins: the rows' count (paginate's) then reads
# the items alone, and PostgreSQL plans a four-table join for longer than it runs.
_PLAN_TITLE = select(ActionPlan.title).where(ActionPlan.id == ActionItem.plan_id)
_OWNER_NAME = select(USER_DISPLAY_NAME).where(User.id == ActionItem.owner_id)
_ORGANIZATION_NAME = select(Organization.name).where(Organization.id == ActionItem.organization_id)
ITEM_ROWS = (
    select(_ItemRows("item", ActionItem.id, ActionItem.description, ActionItem.status,
                     ActionItem.blocked_reason, ActionItem.due_on, ActionItem.owner_id,
                     ActionItem.organization_id, _PLAN_TITLE.scalar_subquery(),
                     _OWNER_NAME.scalar_subquery(), _ORGANIZATION_NAME.scalar_subquery()))
    .select_from(ActionItem)
    .order_by(*due_order()))


# Built once, with bound values (pages read them on every view). An organization_id of None
# (a person in no organization) compares as NULL, which matches no item.
MINE = or_(ActionItem.owner_id == bindparam("user_id"),
           ActionItem.organization_id == bindparam("organization_id"))
OPEN = ActionItem.status.in_(OPEN_STATUSES)
_ONE = ITEM_ROWS.where(ActionItem.id == bindparam("item_id"))
_MY_ROWS = {False: ITEM_ROWS.where(MINE, OPEN), True: ITEM_ROWS.where(MINE)}


def item_row(item_id: int) -> ItemRow | None:
    """One item's row, as a table shows it (after Set or an edit, htmx swaps it alone)."""
    return db.session.scalar(_ONE, {"item_id": item_id})


def item_rows(filters: ItemFilters) -> Select:
    """The all-items view's rows, due first."""
    return ITEM_ROWS.where(*item_conditions(filters))


def item_count(filters: ItemFilters) -> int:
    """How many items the all-items view's filters match: a number, the same for every reader,
    so from the one cache per filters and day (the due windows move with it) until an item is
    written."""
    today = local_today()
    key = f"plans:item-count:{astuple(filters)}:{today}"
    return remember(key, ("action_item",), lambda: db.session.scalar(
        select(func.count()).select_from(ActionItem).where(*item_conditions(filters, today))))


def my_item_rows(user, include_closed: bool = False) -> Select:
    """Rows of the items a person owns, or that their organization owns, due first."""
    return _MY_ROWS[include_closed].params(user_id=user.id,
                                           organization_id=user.organization_id)


class FirstOpenRows:
    """The rows of the open items that meet a condition (with bound values), due first, with
    how many there are and how many of those are overdue: statements built once. `name` keys
    the counts in the one cache."""

    def __init__(self, name: str, condition, limit: int):
        self.name, self.limit = name, limit
        self.every = ITEM_ROWS.where(condition, OPEN)
        self.first = self.every.limit(limit)
        late = case((ActionItem.due_on < bindparam("today"), 1))
        self.counts = (select(func.count(), func.count(late)).select_from(ActionItem)
                       .where(condition, OPEN))

    def read(self, today: date, values: dict,
             every: bool = False) -> tuple[list[ItemRow], int, int]:
        """The first `limit` rows (`every`: all of them), how many there are and how many are
        overdue. When they all fit, the rows themselves are counted; only a full page takes
        the counts, numbers the same for every reader of the same values, from the one cache
        per day until an item is written."""
        rows = list(db.session.scalars(self.every if every else self.first, values))
        if every or len(rows) < self.limit:
            return rows, len(rows), sum(is_overdue(row, today) for row in rows)
        key = f"plans:open-counts:{self.name}:{sorted(values.items())}:{today}"
        count, overdue = remember(key, ("action_item",), lambda: tuple(
            db.session.execute(self.counts, {**values, "today": today}).one()))
        return rows, count, overdue
