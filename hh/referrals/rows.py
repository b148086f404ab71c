"""The queues' rows (incoming, outgoing, a row swapped alone): the values a row shows, read in one
statement as plain tuples, and the households some rows name. A page shows 15 referrals; as ORM
records, with their service, organizations, category and sender loaded, they cost several times
the page's SQL."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Bundle

from hh.auth.models import User
from hh.conferences.models import Household
from hh.directory.models import Organization
from hh.extensions import db
from hh.referrals.models import Referral, ReferralWords
from hh.resources.models import Service, TaxonomyTerm


class _Fields(NamedTuple):
    id: int
    kind: str
    status: str
    urgency: str
    sent_at: datetime
    follow_up_on: date | None
    scheduled_on: date | None
    decline_reason: str
    decline_note: str
    expected_discharge_on: date | None
    discharging_facility: str
    receiving_program: str
    person_initials: str
    household_id: int | None
    sender_id: int | None
    sender_organization_id: int | None
    receiving_organization_id: int
    service_name: str
    receiving_organization_name: str
    sender_organization_name: str | None
    sender_name: str | None  # the sender's display name
    category_name: str | None
    household: Any = None  # the Household, when it names one (see with_households)


class QueueRow(_Fields, ReferralWords):
    """A referral as its queue row shows it (and as row_steps and is_overdue read it)."""

    __slots__ = ()


class _QueueRows(Bundle):
    """The row's columns handed to QueueRow, with no ORM record made on the way."""

    def create_row_processor(self, query, procs, labels):
        return lambda row: QueueRow(*[proc(row) for proc in procs])


# Each name a row shows is read by a subquery of its own, for the page's rows only (a tab reads
# its index in order: nothing is sorted after them). PostgreSQL plans the five in about 0.1 ms;
# the same names joined took it 1.5 to 2.3 ms to plan (SQLite runs either as fast).
_SERVICE = select(Service.name).where(Service.id == Referral.service_id)
_RECEIVER = select(Organization.name).where(Organization.id == Referral.receiving_organization_id)
_SENDER_ORGANIZATION = select(Organization.name).where(
    Organization.id == Referral.sender_organization_id)
_SENDER = select(func.coalesce(func.nullif(User.name, ""), User.email)).where(  # display_name
    User.id == Referral.sender_id)
_CATEGORY = select(TaxonomyTerm.name).where(TaxonomyTerm.id == Referral.category_id)

# Built once: every queue reads it (a paginate()-able select of one column), with its conditions
# and order.
QUEUE_ROWS = select(_QueueRows(
    "referral", Referral.id, Referral.kind, Referral.status, Referral.urgency, Referral.sent_at,
    Referral.follow_up_on, Referral.scheduled_on, Referral.decline_reason, Referral.decline_note,
    Referral.expected_discharge_on, Referral.discharging_facility, Referral.receiving_program,
    Referral.person_initials, Referral.household_id, Referral.sender_id,
    Referral.sender_organization_id, Referral.receiving_organization_id,
    *(name.scalar_subquery() for name in (_SERVICE, _RECEIVER, _SENDER_ORGANIZATION, _SENDER,
                                          _CATEGORY))))

_ONE_ROW = QUEUE_ROWS.where(Referral.id == bindparam("referral_id"))

_HOUSEHOLDS = select(Household).where(Household.id.in_(bindparam("ids", expanding=True)))


def queue_row(referral_id: int) -> QueueRow | None:
    """One referral's row, as its queue shows it (after a step, htmx swaps it alone)."""
    row = db.session.scalar(_ONE_ROW, {"referral_id": referral_id})
    return with_households([row])[0] if row is not None else None


def with_households(rows: list[QueueRow]) -> list[QueueRow]:
    """The rows, each with the household it names (read in one statement, only if any does):
    who a row is for is shown as its reader may see the household (privacy.identity)."""
    ids = {row.household_id for row in rows if row.household_id is not None}
    if not ids:
        return rows
    households = {h.id: h for h in db.session.scalars(_HOUSEHOLDS, {"ids": sorted(ids)})}
    return [row._replace(household=households.get(row.household_id)) for row in rows]
