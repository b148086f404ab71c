"""The list's memory: every change of a household's list status is written here with the date it
took effect and who recorded it, whichever way it came (a coordinator's button, an HMIS import,
a confirmed missing household, a scheduled move-in reaching its day). The list's flow (inflow,
outflow, placements, time to housing) is counted from these rows, never from current fields.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, select

from hh.caching import remember
from hh.conferences.models import Household, StatusChange
from hh.extensions import db
from hh.plans.feeds import refresh_fed_measures
from hh.timeutil import local_today
from hh.web import audit

INFLOW = ("identified", "returned_from_housed", "returned_from_inactive")
OUTFLOW = ("housed", "inactive")


def record(household: Household, kind: str, effective_on: date, *, user=None,
           source: str = "ui", reason: str = "", move_in_on: date | None = None) -> StatusChange:
    """Add one change to the household's history (the caller commits)."""
    change = StatusChange(household=household, kind=kind, effective_on=effective_on,
                          reason=reason[:300], move_in_on=move_in_on, source=source,
                          recorded_by_id=getattr(user, "id", None))
    db.session.add(change)
    return change


def transition_kind(old_status: str | None, new_status: str) -> str | None:
    """The change a move from one list status to another is (None: no change of list status)."""
    if old_status == new_status:
        return None
    if new_status == "active":
        return {None: "identified", "housed": "returned_from_housed",
                "inactive": "returned_from_inactive"}.get(old_status, "identified")
    return new_status if new_status in OUTFLOW else None


def record_transition(household: Household, old_status: str | None, effective_on: date, *,
                      user=None, source: str = "ui") -> StatusChange | None:
    """Write the change from `old_status` to the household's status now, if there is one."""
    kind = transition_kind(old_status, household.status)
    if kind is None:
        return None
    reason = household.inactive_reason if kind == "inactive" else ""
    move_in_on = household.move_in_on if kind == "housed" else None
    return record(household, kind, effective_on, user=user, source=source, reason=reason,
                  move_in_on=move_in_on)


# Statements read on every view of the list or a household, built once (building one costs
# more than running it); their values are bound parameters.
_HISTORY = (select(StatusChange).where(StatusChange.household_id == bindparam("household_id"))
            .order_by(StatusChange.effective_on.desc(), StatusChange.id.desc()))
_DUE = select(Household).where(Household.status == "active", Household.move_in_on.is_not(None),
                               Household.move_in_on <= bindparam("today"))


def history_of(household: Household) -> list[StatusChange]:
    return list(db.session.scalars(_HISTORY, {"household_id": household.id}))


def apply_scheduled_move_ins(today: date | None = None) -> int:
    """Households whose scheduled move-in day has come (in the CoC's calendar) leave the active
    list as housed, with the move-in date as the date of the change. Asked on every view of the
    list or a household, so whether any is due today is kept in the one cache (a yes or no, no
    client data) until a household is written: a move-in date set, or one applied here."""
    today = today or local_today()
    if not remember(f"move-ins-due:{today.isoformat()}", ("bnl_household",),
                    lambda: bool(db.session.scalar(select(_DUE.exists()), {"today": today}))):
        return 0
    due = list(db.session.scalars(_DUE, {"today": today}))
    for household in due:
        household.status = "housed"
        household.housing_status = "housed"
        household.status_updated_on = household.move_in_on
        household.paused_on, household.revisit_on, household.pause_reason = None, None, ""
        record(household, "housed", household.move_in_on, source="schedule",
               move_in_on=household.move_in_on)
        audit("household_housed", "household", household.id, detail="scheduled move-in",
              actor="schedule")
    if due:
        db.session.commit()
        refresh_fed_measures()
    return len(due)
