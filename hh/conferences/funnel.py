"""The By-Name List's stages of the action plans' engagement funnel (on the list, conferenced,
housed), registered with plans' funnel registry when the conferences feature is imported. Counts
from the status history and the conferences held, never from current fields."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from hh.conferences.history import INFLOW, OUTFLOW
from hh.conferences.models import CaseConference, ConferenceEntry, Household, StatusChange
from hh.extensions import db
from hh.plans.funnel import register_stage

HISTORY_TABLES = ("bnl_status_change", "bnl_household")


def on_the_list(start: date, end: date, region_id: int | None = None) -> tuple[set[int], int]:
    """Households active on the list at some point in [start, end): active when the month began
    (their last inflow or outflow before it was an inflow), or came onto the list in it."""
    query = select(StatusChange.household_id, StatusChange.kind, StatusChange.effective_on) \
        .where(StatusChange.kind.in_(INFLOW + OUTFLOW), StatusChange.effective_on < end)
    if region_id:
        query = query.join(Household, Household.id == StatusChange.household_id) \
            .where(Household.region_id == region_id)
    query = query.order_by(StatusChange.household_id, StatusChange.effective_on, StatusChange.id)
    active_at_start: dict[int, bool] = {}
    found: set[int] = set()
    for household_id, kind, effective_on in db.session.execute(query):
        if effective_on < start:
            active_at_start[household_id] = kind in INFLOW
        elif kind in INFLOW:
            found.add(household_id)
    return found | {h for h, active in active_at_start.items() if active}, 0


def conferenced(start: date, end: date, region_id: int | None = None) -> tuple[set[int], int]:
    """Distinct households with an entry in a conference held in [start, end) (local time)."""
    query = select(ConferenceEntry.household_id).join(ConferenceEntry.conference).where(
        CaseConference.held_at >= datetime.combine(start, datetime.min.time()),
        CaseConference.held_at < datetime.combine(end, datetime.min.time()))
    if region_id:
        query = query.where(CaseConference.region_id == region_id)
    return set(db.session.scalars(query.distinct())), 0


def housed(start: date, end: date, region_id: int | None = None) -> tuple[set[int], int]:
    """Distinct households with a "housed" change effective in [start, end)."""
    query = select(StatusChange.household_id).where(
        StatusChange.kind == "housed", StatusChange.effective_on >= start,
        StatusChange.effective_on < end)
    if region_id:
        query = query.join(Household, Household.id == StatusChange.household_id) \
            .where(Household.region_id == region_id)
    return set(db.session.scalars(query.distinct())), 0



register_stage(
    "bnl_on_list", "On the By-Name List", 1, None,
    "households active on the list at some point in the month (active when it began, or newly "
    "identified or returned during it), from the list's status history.",
    members=on_the_list, tables=HISTORY_TABLES)
register_stage(
    "bnl_conferenced", "Conferenced", 2, None,
    "distinct households worked in a case conference held in the month.",
    members=conferenced, tables=("case_conference_entry", "case_conference"))
register_stage(
    "bnl_housed", "Housed", 3, None,
    "distinct households whose move into housing took effect in the month (the list's status "
    "history).", members=housed, tables=HISTORY_TABLES)
