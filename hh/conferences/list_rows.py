"""The By-Name List page's rows: the values a row shows, read in one statement as plain tuples.
A page shows 25 to 100 households; as ORM records, each with its county loaded, they cost more
than the rest of the page's work (and the audit's commit then expires every one of them)."""
from __future__ import annotations

from dataclasses import astuple
from datetime import date
from typing import NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Bundle

from hh.caching import remember
from hh.conferences.households import LIST_ORDER, ListFilters, filtered
from hh.conferences.models import Household, HouseholdWords
from hh.conferences.privacy import IDENTITY_COLUMNS, IDENTITY_FIELDS, Identity, identity
from hh.directory.models import County
from hh.extensions import db
from hh.timeutil import local_today
from hh.web import is_coordinator

# What privacy.identity reads (IDENTITY_COLUMNS, in its order), then what the row shows besides.
_Fields = NamedTuple("_Fields", [
    *IDENTITY_FIELDS, ("priority_score", int), ("score_tool", str), ("added_on", date),
    ("housing_status", str), ("veteran", bool), ("chronic", bool),
    ("last_contact_on", date | None), ("navigator_name", str), ("status", str),
    ("paused_on", date | None), ("revisit_on", date | None), ("move_in_on", date | None),
    ("county_name", str | None)])  # county_name None: no county


class HouseholdFields(_Fields, HouseholdWords):
    """A household as a row of the list shows it (and as privacy.identity reads it)."""

    __slots__ = ()


class _Rows(Bundle):
    """The row's columns handed to HouseholdFields, with no ORM record made on the way."""

    def create_row_processor(self, query, procs, labels):
        return lambda row: HouseholdFields(*[proc(row) for proc in procs])


# The county's name by a subquery of its own, for the page's rows only (the list is read in its
# index's order; nothing is joined before the page is cut). Built once, like every statement a
# page runs on each view.
_COUNTY = select(County.name).where(County.id == Household.county_id).scalar_subquery()
_LIST = select(_Rows(
    "household", *IDENTITY_COLUMNS, Household.priority_score, Household.score_tool,
    Household.added_on, Household.housing_status, Household.veteran, Household.chronic,
    Household.last_contact_on, Household.navigator_name, Household.status, Household.paused_on,
    Household.revisit_on, Household.move_in_on, _COUNTY))


def list_query(filters: ListFilters, user, today: date | None = None) -> Select:
    """The prioritized list as rows (a paginate()-able select of one column), in its order."""
    return filtered(_LIST, filters, user, today).order_by(*LIST_ORDER)


def list_count(filters: ListFilters, user, today: date | None = None) -> int:
    """How many households the list holds for these filters, as this reader may see them: the
    same for every reader of the same scope, so from the one cache until a household is written
    (counting 50,000 active households cost PostgreSQL 11 ms on every view; only the number is
    kept). The day is in the key: "no contact for N days" moves with it."""
    today = today or local_today()
    scope = ("every" if is_coordinator(user) else
             f"region {user.region_id}" if user.role == "provider" else "none")
    key = f"bnl:count:{scope}:{today}:{astuple(filters)}"
    return remember(key, ["bnl_household"], lambda: db.session.scalar(
        filtered(select(func.count()).select_from(Household), filters, user, today)) or 0)


class ListRow(NamedTuple):
    """One household of the list as its page shows it."""

    household: HouseholdFields
    who: Identity
    days_on_list: int


def list_rows(households, user, today: date | None = None) -> list[ListRow]:
    """The page's rows in one pass: who each household is to this reader, and its days on the
    list (pass the user object, not Flask-Login's proxy: each read through it looks the user up
    again, several times per household)."""
    today = today or local_today()
    return [ListRow(h, identity(user, h), h.days_on_list(today)) for h in households]
