"""Referrals' stages of the action plans' engagement funnel (referred, connected), registered
with plans' funnel registry when the referrals feature is imported. A referral for a household on
the By-Name List counts as that household; one for a person not on the list counts on its own."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from hh.conferences.models import Household
from hh.extensions import db
from hh.plans.funnel import register_stage
from hh.referrals.models import Referral
from hh.timeutil import utc_midnight

TABLES = ("referral", "bnl_household")


def _members(moment, start: date, end: date, region_id: int | None) -> tuple[set[int], int]:
    """(distinct households, referrals with no household) with `moment` in [start, end), the
    CoC's local days. With a region: only referrals for that region's households."""
    query = select(Referral.household_id).where(
        moment >= utc_midnight(start), moment < utc_midnight(end))
    if region_id:
        query = query.join(Household, Household.id == Referral.household_id) \
            .where(Household.region_id == region_id)
    households: set[int] = set()
    unknown = 0
    for household_id in db.session.scalars(query):
        if household_id is None:
            unknown += 1
        else:
            households.add(household_id)
    return households, unknown


def referred(start: date, end: date, region_id: int | None = None) -> tuple[set[int], int]:
    return _members(Referral.sent_at, start, end, region_id)


def connected(start: date, end: date, region_id: int | None = None) -> tuple[set[int], int]:
    return _members(Referral.connected_at, start, end, region_id)



register_stage(
    "referrals_referred", "Referred", 2, None,
    "referrals and hand-offs sent in the month: distinct households on the list, plus each "
    "referral for a person not on the list.", members=referred, tables=TABLES)
register_stage(
    "referrals_connected", "Connected", 3, None,
    "referrals that reached the Connected outcome (the person got the service) in the month: "
    "distinct households, plus each referral for a person not on the list.",
    members=connected, tables=TABLES)
