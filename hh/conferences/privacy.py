"""Who may see which household and conference, and which identifying fields.

Households are personal data (as HMIS data): other features (referrals) ask these rules, never
their own copies."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import Select, false
from sqlalchemy.orm import Bundle

from hh.conferences.models import CaseConference, Household, HouseholdWords
from hh.web import is_coordinator

MASK = "•••"  # what a person without the right to see an identifying field sees instead


def can_view(user, household: Household) -> bool:
    """Coordinators and admins: every household. Providers: their region's only."""
    if is_coordinator(user):
        return True
    return (user.is_authenticated and user.role == "provider" and user.region_id is not None
            and user.region_id == household.region_id)


def may_identify(user, household: Household, today: date | None = None) -> bool:
    """May this person see the household's name, HMIS ID and SSN digits?

    A survivor's (safety flag) only by the agency that entered them and admins; otherwise
    coordinators always, providers of the region only with a release of information on file."""
    if not can_view(user, household):
        return False
    if household.safety_flag:
        return user.role == "admin" or (user.organization_id is not None and
                                        user.organization_id == household.entered_by_organization_id)
    if is_coordinator(user):
        return True
    return household.consent_on_file(today)


@dataclass(frozen=True)
class Identity:
    """The identifying fields as this reader may see them."""

    name: str
    hmis_id: str
    ssn4: str
    shown: bool


# What identity() reads of a household: a page that only names households loads these alone.
IDENTITY_COLUMNS = (Household.id, Household.first_name, Household.last_name, Household.hmis_id,
                    Household.ssn4, Household.region_id, Household.safety_flag,
                    Household.entered_by_organization_id, Household.consent,
                    Household.consent_expires_on)


class _IdentityFields(NamedTuple):  # IDENTITY_COLUMNS, in their order
    id: int
    first_name: str
    last_name: str
    hmis_id: str
    ssn4: str
    region_id: int | None
    safety_flag: bool
    entered_by_organization_id: int | None
    consent: bool
    consent_expires_on: date | None


# The names and types of those fields, for a row that reads more columns after them.
IDENTITY_FIELDS = list(_IdentityFields.__annotations__.items())


class IdentityFields(_IdentityFields, HouseholdWords):
    """A household as identity() reads it, read as plain values where a page only names it (a
    record costs several times as much to load)."""

    __slots__ = ()


class IdentityRow(Bundle):
    """IDENTITY_COLUMNS (or a subquery's columns of the same names) read into IdentityFields:
    `select(IdentityRow("who", *IDENTITY_COLUMNS), ...)`."""

    def create_row_processor(self, query, procs, labels):
        return lambda row: IdentityFields(*[proc(row) for proc in procs])


def identity(user, household: Household) -> Identity:
    if may_identify(user, household):
        return Identity(f"{household.first_name} {household.last_name}".strip() or household.reference,
                        household.hmis_id, household.ssn4, True)
    return Identity(household.reference, MASK, MASK if household.ssn4 else "", False)


def can_view_conference(user, conference: CaseConference) -> bool:
    if is_coordinator(user):
        return True
    return (user.is_authenticated and user.role == "provider" and user.region_id is not None
            and user.region_id == conference.region_id)


def can_record(user, conference: CaseConference) -> bool:
    """Coordinators, and the conference's scribe or facilitator, record the meeting."""
    return is_coordinator(user) or (can_view_conference(user, conference) and
                                    user.id in (conference.scribe_id, conference.facilitator_id))


def region_scope(query: Select, user, column) -> Select:
    """Providers see their own region only; one without a region sees nothing."""
    if is_coordinator(user):
        return query
    if user.role == "provider" and user.region_id is not None:
        return query.where(column == user.region_id)
    return query.where(false())
