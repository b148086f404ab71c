"""The item tables' rows (a plan's open items, my items, all items, a row swapped alone): the
values a row shows, read in one statement as plain tuples. A page lists up to 50 items; as ORM
records, with their plan, owner and organization joined in, they cost more to build than the
page's SQL."""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Bundle

from hh.auth.models import User
from hh.directory.models import Organization
from hh.extensions import db
from hh.plans.items import ItemFilters, due_order, first_items, item_conditions, mine
from hh.plans.models import ITEM_STATUSES, OPEN_STATUSES, ActionItem, ActionPlan


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

    @property
    def status_label(self) -> str:
        return ITEM_STATUSES.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class _ItemRows(Bundle):
    """The row's columns handed to ItemRow, with no ORM record made on the way."""

    def create_row_processor(self, query, procs, labels):
        return lambda row: ItemRow(*[proc(row) for proc in procs])


# Built once: every item table reads it (a paginate()-able select of one column), in due order.
ITEM_ROWS = (
    select(_ItemRows("item", ActionItem.id, ActionItem.description, ActionItem.status,
                     ActionItem.blocked_reason, ActionItem.due_on, ActionItem.owner_id,
                     ActionItem.organization_id, ActionPlan.title,
                     func.coalesce(func.nullif(User.name, ""), User.email),  # User.display_name
                     Organization.name))
    .select_from(ActionItem)
    .join(ActionPlan, ActionPlan.id == ActionItem.plan_id)
    .outerjoin(User, User.id == ActionItem.owner_id)
    .outerjoin(Organization, Organization.id == ActionItem.organization_id)
    .order_by(*due_order()))


def item_row(item_id: int) -> ItemRow | None:
    """One item's row, as a table shows it (after Set or an edit, htmx swaps it alone)."""
    return db.session.scalar(ITEM_ROWS.where(ActionItem.id == item_id))


def item_rows(filters: ItemFilters) -> Select:
    """The all-items view's rows, due first."""
    return ITEM_ROWS.where(*item_conditions(filters))


def my_item_rows(user, include_closed: bool = False) -> Select:
    """Rows of the items a person owns, or that their organization owns, due first."""
    query = ITEM_ROWS.where(mine(user))
    return query if include_closed else query.where(ActionItem.status.in_(OPEN_STATUSES))


def open_item_rows(plan_id: int) -> Select:
    """Rows of a plan's open items, due first."""
    return ITEM_ROWS.where(ActionItem.plan_id == plan_id, ActionItem.status.in_(OPEN_STATUSES))


def my_first_items(user, today: date, limit: int) -> tuple[list[ItemRow], int, int]:
    """A person's first `limit` open items (due first), how many are open and how many overdue."""
    return first_items(my_item_rows(user), limit, today)
