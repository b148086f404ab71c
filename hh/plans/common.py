"""What the action-plan modules share: their input error, dates, reading raw input, and the
choice lists of their forms."""
from __future__ import annotations

import math
from datetime import date

from sqlalchemy import Select, func, select

from hh.auth.models import User
from hh.caching import remember
from hh.directory.models import Organization
from hh.errors import InputError
from hh.extensions import db
from hh.needs.models import Need
from hh.plans.models import ActionItem
from hh.timeutil import local_today

# User.display_name in SQL, for rows read without the user's record.
USER_DISPLAY_NAME = func.coalesce(func.nullif(User.name, ""), User.email)


class PlanError(InputError):
    """Input that cannot be saved; `errors` maps each form field to its message."""



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


# --- Reading raw input ---------------------------------------------------------------------------


def clean_text(data: dict, name: str, limit: int) -> str:
    return (data.get(name) or "").strip()[:limit]


def parse_number(raw, field: str, errors: dict) -> float | None:
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


def whole_number(raw, field: str, errors: dict, message: str) -> int | None:
    """A whole number 0 or more from input like "13,000" or "$25,000"; None when left empty."""
    text = str(raw or "").strip().replace(",", "").replace("$", "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        errors[field] = message
        return None
    return int(text)


MAX_ID = 2**31 - 1  # larger numbers are no id of ours (and overflow the database's integers)


def valid_id(value) -> int | None:
    """A positive id from user input, or None (for unknown, hostile or empty input)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def chosen(model, raw_id, field: str, errors: dict, message: str):
    if raw_id in (None, ""):
        return None
    found = db.session.get(model, raw_id) if valid_id(raw_id) == raw_id else None
    if found is None:
        errors[field] = message
    return found


def check_order(first: date | None, second: date | None, field: str, errors: dict, what: str):
    if first and second and second < first:
        errors[field] = what



# --- Choices for the forms ------------------------------------------------------------------------


def user_choices() -> list[tuple[int, str]]:
    users = db.session.scalars(select(User).where(User.active.is_(True), User.role != "viewer")
                               .order_by(func.lower(User.name), User.email))
    return [(u.id, u.display_name) for u in users]


def coordinator_choices() -> list[tuple[int, str]]:
    users = db.session.scalars(select(User).where(User.active.is_(True),
                                                  User.role.in_(("coordinator", "admin")))
                               .order_by(func.lower(User.name), User.email))
    return [(u.id, u.display_name) for u in users]


def organization_options() -> Select:
    """The organizations a plan or an item may name: the active ones, (id, name) by name."""
    return (select(Organization.id, Organization.name).where(Organization.active.is_(True))
            .order_by(func.lower(Organization.name)))


# Built once: the all-items filter reads them on every view.
_ITEM_OWNERS = (
    select(User.id, User.name, User.email).where(User.id.in_(
        select(ActionItem.owner_id).where(ActionItem.owner_id.is_not(None)).distinct()))
    .order_by(func.lower(User.name), User.email))
_ITEM_ORGANIZATIONS = (
    select(Organization.id, Organization.name).where(Organization.id.in_(
        select(ActionItem.organization_id).where(ActionItem.organization_id.is_not(None))
        .distinct())).order_by(func.lower(Organization.name)))


def item_owner_choices() -> tuple[list, list]:
    """Filter choices: only the people and organizations that own items (not every partner).
    The same for every reader: from the cache until an item, a user or an organization changes."""
    return remember("plans:item-owners", ("action_item", "user_account", "organization"),
                    _item_owner_choices)


def _item_owner_choices() -> tuple[list, list]:
    people, orgs = db.session.execute(_ITEM_OWNERS), db.session.execute(_ITEM_ORGANIZATIONS)
    return [(p.id, p.name or p.email) for p in people], [(o.id, o.name) for o in orgs]


def need_choices() -> list[tuple[int, str]]:
    needs = db.session.scalars(select(Need).order_by(Need.title).limit(500))
    return [(n.id, n.title) for n in needs]

