"""A referral's way from sent to closed: the status machine, each step (timestamped, attributed,
audited with ids only), notes and follow-up dates, the discharge checklist, and expiry of
referrals nobody answered."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app, has_app_context
from sqlalchemy import func, select

from hh.caching import remember
from hh.errors import InputError, raise_if
from hh.extensions import db
from hh.notifications import events as notification_events
from hh.plans.feeds import refresh_fed_measures
from hh.referrals.access import sides
from hh.referrals.models import (
    CHECKLIST,
    DECLINE_REASONS,
    FOLLOW_UP_DAYS,
    OPEN_STATUSES,
    STATUSES,
    UNANSWERED,
    Referral,
    ReferralEvent,
)
from hh.timeutil import local_today, utcnow
from hh.web import audit, is_coordinator


class ReferralError(InputError):
    """Input that cannot be saved (422); `errors` maps each form field to its message."""


class TransitionError(Exception):
    """A status change that is not possible from where the referral stands (409)."""


def expiry_days() -> int:
    return current_app.config.get("REFERRAL_EXPIRY_DAYS", 14) if has_app_context() else 14


# --- The status machine --------------------------------------------------------------------------

# status → {next status: the side that may make that step}
TRANSITIONS: dict[str, dict[str, str]] = {
    "sent": {"received": "receiver", "accepted": "receiver", "declined": "receiver",
             "withdrawn": "sender"},
    "received": {"accepted": "receiver", "declined": "receiver", "withdrawn": "sender"},
    "accepted": {"scheduled": "receiver", "connected": "receiver", "withdrawn": "sender"},
    "scheduled": {"scheduled": "receiver", "connected": "receiver", "no_show": "receiver",
                  "withdrawn": "sender"},
    "no_show": {"scheduled": "receiver", "closed": "either"},
    "connected": {"closed": "either"},
    "declined": {"closed": "sender"},
    "closed": {},
    "withdrawn": {},
    "expired": {},
}

# What each step is called on a button.
ACTIONS: dict[str, str] = {
    "received": "Mark received",
    "accepted": "Accept",
    "declined": "Decline",
    "scheduled": "Schedule",
    "connected": "Connected",
    "no_show": "No-show",
    "closed": "Close",
    "withdrawn": "Withdraw",
}

_MILESTONES = {"received": "received_at", "accepted": "accepted_at", "declined": "declined_at",
               "connected": "connected_at", "no_show": "no_show_at", "closed": "closed_at",
               "withdrawn": "closed_at", "expired": "closed_at"}


def allowed_steps(user, referral: Referral) -> list[str]:
    """The next statuses this person may move the referral to, in a sensible order."""
    mine = sides(user, referral)
    steps = TRANSITIONS.get(referral.status, {})
    return [to for to, who in steps.items() if who == "either" and mine or who in mine]


# In a queue's row, these steps unfold the details they need (a reason, a date), and these are
# taken on the referral's page; every other step is one click.
UNFOLDED = ("declined", "scheduled")
ON_THE_PAGE = ("closed", "withdrawn")


@dataclass(frozen=True)
class RowSteps:
    """The steps a queue's row offers this reader, sorted the way the row shows them."""

    quick: list[str]
    decline: bool
    schedule: bool
    more: bool  # steps only the referral's page offers

    def __bool__(self) -> bool:
        return bool(self.quick) or self.decline or self.schedule or self.more


def row_steps(user, referral: Referral) -> RowSteps:
    steps = allowed_steps(user, referral)
    return RowSteps(quick=[to for to in steps if to not in UNFOLDED + ON_THE_PAGE],
                    decline="declined" in steps, schedule="scheduled" in steps,
                    more=any(to in ON_THE_PAGE for to in steps))


def _check_step(referral: Referral, to: str, user) -> None:
    if to not in STATUSES:
        raise TransitionError("That is not a referral status.")
    if to not in TRANSITIONS.get(referral.status, {}):
        raise TransitionError(
            f"A referral that is {referral.status_label.lower()} cannot be marked "
            f"{STATUSES[to].lower()}." + _hint(referral))
    if to not in allowed_steps(user, referral):
        who = TRANSITIONS[referral.status][to]
        raise TransitionError(
            "Only the receiving organization can take this step." if who == "receiver" else
            "Only the sender can take this step.")


def _hint(referral: Referral) -> str:
    nexts = [STATUSES[s].lower() for s in TRANSITIONS.get(referral.status, {})]
    if not nexts:
        return " It is finished."
    return " From here it can be " + ", ".join(nexts) + "."


def default_follow_up(referral: Referral, today: date) -> date:
    if referral.status == "scheduled" and referral.scheduled_on:
        return max(referral.scheduled_on, today) + timedelta(days=1)
    return today + timedelta(days=FOLLOW_UP_DAYS.get(referral.urgency, 7))


def _record(referral: Referral, to: str, user, note: str = "", at: datetime | None = None) -> None:
    at = at or utcnow()
    previous = referral.status
    referral.status = to
    milestone = _MILESTONES.get(to)
    if milestone and getattr(referral, milestone) is None:
        setattr(referral, milestone, at)
    referral.events.append(ReferralEvent(
        status=to, previous_status=previous, note=note[:1000], at=at,
        user_id=user.id if user is not None else None,
        organization_id=user.organization_id if user is not None else None))


def change_status(referral: Referral, to: str, user, *, note: str = "", reason: str = "",
                  scheduled_on: date | None = None, follow_up_on: date | None = None,
                  warm_handoff: bool | None = None, today: date | None = None) -> Referral:
    """Move a referral one step, timestamped and attributed. Raises TransitionError for a step
    that is not possible (the caller answers 409) and ReferralError for missing details (422)."""
    today = today or local_today()
    _check_step(referral, to, user)
    note = (note or "").strip()
    errors: dict[str, str] = {}
    if to == "declined":
        if reason not in DECLINE_REASONS:
            errors["reason"] = "Choose the reason for declining."
        elif reason == "other" and not note:
            errors["note"] = "Say why the referral is declined."
    if to == "scheduled":
        if scheduled_on is None:
            errors["scheduled_on"] = "Enter the date of the appointment or intake."
        elif scheduled_on < today - timedelta(days=30):
            errors["scheduled_on"] = "That date is more than a month ago."
    if follow_up_on is not None and follow_up_on < today and to in OPEN_STATUSES:
        errors["follow_up_on"] = "The follow-up date cannot be in the past."
    raise_if(errors, ReferralError)

    if referral.status == "sent" and to in ("accepted", "declined"):
        _record(referral, "received", user)  # answering implies it arrived
    if to == "declined":
        referral.decline_reason = reason
        referral.decline_note = note[:500]
    if to == "scheduled":
        referral.scheduled_on = scheduled_on
    if warm_handoff is not None and referral.is_discharge:
        referral.warm_handoff = warm_handoff
    _record(referral, to, user, note)
    notification_events.referral_status(referral, to, user)
    referral.follow_up_on = (follow_up_on or default_follow_up(referral, today)) \
        if to in OPEN_STATUSES else None
    audit("referral_status", "referral", referral.id, detail=f"{_previous(referral)} → {to}", user=user)
    db.session.commit()
    refresh_fed_measures()
    return referral


def _previous(referral: Referral) -> str:
    return referral.events[-1].previous_status if referral.events else ""


def mark_received(referral: Referral, user) -> bool:
    """The receiving side opened a new referral: it has arrived (once)."""
    if referral.status == "sent" and "receiver" in sides(user, referral) and not is_coordinator(user):
        _record(referral, "received", user)
        referral.follow_up_on = default_follow_up(referral, local_today())
        audit("referral_status", "referral", referral.id, detail="sent → received", user=user)
        return True
    return False


def add_note(referral: Referral, user, note: str, follow_up_on: date | None,
             today: date | None = None) -> Referral:
    """A note on the timeline and/or a new follow-up date, from either side."""
    today = today or local_today()
    note = (note or "").strip()
    errors = {}
    if not note and follow_up_on is None:
        errors["note"] = "Write a note or choose a new follow-up date."
    if follow_up_on is not None:
        if not referral.is_open:
            errors["follow_up_on"] = "This referral is finished; it needs no follow-up."
        elif follow_up_on < today:
            errors["follow_up_on"] = "The follow-up date cannot be in the past."
    raise_if(errors, ReferralError)
    if follow_up_on is not None:
        referral.follow_up_on = follow_up_on
        note = (note + " " if note else "") + f"(follow-up on {follow_up_on.isoformat()})"
    referral.events.append(ReferralEvent(status="note", previous_status=referral.status,
                                         note=note[:1000], user_id=user.id,
                                         organization_id=user.organization_id))
    audit("referral_note", "referral", referral.id, user=user)
    db.session.commit()
    return referral


def save_checklist(referral: Referral, user, checked: set[str], warm_handoff: bool | None) -> Referral:
    if not referral.is_discharge:
        raise TransitionError("Only a hospital-discharge hand-off has a checklist.")
    for name, _ in CHECKLIST:
        setattr(referral, name, name in checked)
    referral.warm_handoff = warm_handoff
    audit("referral_checklist", "referral", referral.id,
          detail=f"{len(checked)} of {len(CHECKLIST)} done", user=user)
    db.session.commit()
    return referral


def _oldest_unanswered() -> tuple:
    """When the oldest referral of each unanswered status was sent, each read from the first row
    of the (status, sent_at) index. (A LIMIT 1 over both statuses made PostgreSQL read every
    referral whenever none was stale: the usual case, as every queue asks.) Two times that name
    nobody, kept in the one cache until a referral changes: every referral page asks."""
    return remember("referrals:oldest_unanswered", ["referral"], lambda: tuple(db.session.execute(
        select(*(select(func.min(Referral.sent_at)).where(Referral.status == status)
                 .scalar_subquery() for status in UNANSWERED))).one()))


def expire_unanswered(now: datetime | None = None) -> int:
    """Referrals nobody answered within REFERRAL_EXPIRY_DAYS expire (run by the queues and by the
    `expire-referrals` command for cron)."""
    now = now or utcnow()
    cutoff = now - timedelta(days=expiry_days())
    if not any(sent and sent < cutoff for sent in _oldest_unanswered()):
        return 0
    stale = list(db.session.scalars(select(Referral).where(
        Referral.status.in_(UNANSWERED), Referral.sent_at < cutoff)))
    for referral in stale:
        _record(referral, "expired", None,
                f"No answer within {expiry_days()} days.", at=now)
        referral.follow_up_on = None
        notification_events.referral_status(referral, "expired", None)
        audit("referral_status", "referral", referral.id, detail="expired", actor="system")
    db.session.commit()
    refresh_fed_measures()
    return len(stale)
