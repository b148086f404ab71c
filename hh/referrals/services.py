"""Referrals: who may see and act on which, sending with its warnings, the status machine, the
two queues, expiry and the dashboard. Everything that changes data is here and audited with ids
only (never client data)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app, has_app_context
from sqlalchemy import Select, and_, case, false, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from hh.conferences.models import Household
from hh.conferences.privacy import can_view as can_view_household
from hh.directory.models import Organization
from hh.errors import InputError, raise_if
from hh.extensions import db
from hh.plans.feeds import refresh_fed_measures
from hh.referrals.models import (
    CHECKLIST,
    DECLINE_REASONS,
    FOLLOW_UP_DAYS,
    KINDS,
    OPEN_STATUSES,
    RECEIVING_PROGRAMS,
    STATUSES,
    UNANSWERED,
    URGENCIES,
    Referral,
    ReferralEvent,
)
from hh.resources.models import Service, TaxonomyTerm
from hh.resources.services import HIDDEN_STATUSES, is_fresh
from hh.timeutil import local_today, utcnow
from hh.web import audit, is_coordinator, like


class ReferralError(InputError):
    """Input that cannot be saved (422); `errors` maps each form field to its message."""


class TransitionError(Exception):
    """A status change that is not possible from where the referral stands (409)."""



def expiry_days() -> int:
    return current_app.config.get("REFERRAL_EXPIRY_DAYS", 14) if has_app_context() else 14


# --- Who may see and do what -------------------------------------------------------------------


def can_view(user, referral: Referral) -> bool:
    """Coordinators and admins: every referral. Providers: those their organization sent or
    receives, and those they sent themselves."""
    if is_coordinator(user):
        return True
    if not (user.is_authenticated and user.role == "provider"):
        return False
    if referral.sender_id == user.id:
        return True
    return user.organization_id is not None and user.organization_id in (
        referral.sender_organization_id, referral.receiving_organization_id)


def sides(user, referral: Referral) -> set[str]:
    """Which side(s) this person acts for: 'receiver', 'sender' (coordinators act for both)."""
    if is_coordinator(user):
        return {"receiver", "sender"}
    result = set()
    if user.organization_id is not None and user.organization_id == referral.receiving_organization_id:
        result.add("receiver")
    if referral.sender_id == user.id or (
            user.organization_id is not None and user.organization_id == referral.sender_organization_id):
        result.add("sender")
    return result


def scope(query: Select, user) -> Select:
    """Referrals this person may see."""
    if is_coordinator(user):
        return query
    if user.role != "provider":
        return query.where(false())
    conditions = [Referral.sender_id == user.id]
    if user.organization_id is not None:
        conditions += [Referral.sender_organization_id == user.organization_id,
                       Referral.receiving_organization_id == user.organization_id]
    return query.where(or_(*conditions))


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


def _default_follow_up(referral: Referral, today: date) -> date:
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
    if len(note) > 1000:
        errors["note"] = "Keep the note under 1,000 characters."
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
    referral.follow_up_on = (follow_up_on or _default_follow_up(referral, today)) \
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
        referral.follow_up_on = _default_follow_up(referral, local_today())
        audit("referral_status", "referral", referral.id, detail="sent → received", user=user)
        return True
    return False


def add_note(referral: Referral, user, note: str, follow_up_on: date | None,
             today: date | None = None) -> None:
    """A note on the timeline and/or a new follow-up date, from either side."""
    today = today or local_today()
    note = (note or "").strip()
    errors = {}
    if not note and follow_up_on is None:
        errors["note"] = "Write a note or choose a new follow-up date."
    if len(note) > 1000:
        errors["note"] = "Keep the note under 1,000 characters."
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


def save_checklist(referral: Referral, user, checked: set[str], warm_handoff: bool | None) -> None:
    if not referral.is_discharge:
        raise TransitionError("Only a hospital-discharge hand-off has a checklist.")
    for name, _ in CHECKLIST:
        setattr(referral, name, name in checked)
    referral.warm_handoff = warm_handoff
    audit("referral_checklist", "referral", referral.id,
          detail=f"{len(checked)} of {len(CHECKLIST)} done", user=user)
    db.session.commit()


def expire_unanswered(now: datetime | None = None) -> int:
    """Referrals nobody answered within REFERRAL_EXPIRY_DAYS expire (run by the queues and by the
    `expire-referrals` command for cron)."""
    now = now or utcnow()
    cutoff = now - timedelta(days=expiry_days())
    stale_where = and_(Referral.status.in_(UNANSWERED), Referral.sent_at < cutoff)
    if db.session.scalar(select(Referral.id).where(stale_where).limit(1)) is None:
        return 0
    stale = list(db.session.scalars(select(Referral).where(stale_where)))
    for referral in stale:
        _record(referral, "expired", None,
                f"No answer within {expiry_days()} days.", at=now)
        referral.follow_up_on = None
        audit("referral_status", "referral", referral.id, detail="expired", actor="system")
    db.session.commit()
    refresh_fed_measures()
    return len(stale)


# --- Sending -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Warning:
    kind: str  # availability | duplicate | navigator
    message: str


def availability_warning(service: Service) -> Warning | None:
    """No fresh availability: warn before sending (the sender may still send)."""
    units = service.capacity
    if not units:
        return None
    fresh = [u for u in units if is_fresh(u)]
    if fresh and all((u.available or 0) <= 0 for u in fresh) and len(fresh) == len(units):
        return Warning("availability", f"{service.name} shows no availability right now "
                       f"({', '.join(f'0 of {u.total} {u.unit_label.lower()}' for u in fresh)}). "
                       "Send anyway only if the program expects you to, or choose another service.")
    if not fresh:
        return Warning("availability", f"{service.name}'s availability is unknown: nobody has "
                       "updated it recently. Call ahead before sending if it is urgent.")
    return None


def duplicate_warnings(household: Household, category_id: int | None,
                       exclude_id: int | None = None) -> list[Warning]:
    """One navigator per client: say so when the household already has one, or already has an
    open referral of the same category."""
    warnings = []
    if category_id:
        query = (select(Referral).where(Referral.household_id == household.id,
                                        Referral.category_id == category_id,
                                        Referral.status.in_(OPEN_STATUSES))
                 .options(selectinload(Referral.service)))
        if exclude_id:
            query = query.where(Referral.id != exclude_id)
        for other in db.session.scalars(query):
            warnings.append(Warning(
                "duplicate", f"This household already has an open referral of the same category: "
                f"{other.reference} to {other.service.name} ({other.status_label.lower()})."))
    if household.navigator_name or household.navigator_organization_id:
        who = household.navigator_name or "a navigator"
        where = f" at {household.navigator_organization.name}" if household.navigator_organization else ""
        warnings.append(Warning(
            "navigator", f"This household already has an assigned navigator: {who}{where}. "
            "One navigator per client: coordinate with them."))
    return warnings


def warnings_for(service: Service | None, household: Household | None,
                 category_id: int | None) -> list[Warning]:
    warnings = []
    if service is not None:
        warning = availability_warning(service)
        if warning:
            warnings.append(warning)
    if household is not None:
        warnings.extend(duplicate_warnings(household, category_id or (service.category_id if service else None)))
    return warnings


class NeedsConfirmation(Exception):
    """Warnings the sender has not yet seen and confirmed."""

    def __init__(self, warnings: list[Warning]):
        super().__init__("; ".join(w.message for w in warnings))
        self.warnings = warnings


def referable_services() -> Select:
    return (select(Service).join(Organization, Service.organization_id == Organization.id)
            .where(Service.accepts_referrals.is_(True), Service.status.not_in(HIDDEN_STATUSES))
            .order_by(func.lower(Organization.name), func.lower(Service.name)))


def service_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(referable_services().with_only_columns(
        Service.id, Service.name, Organization.name))
    return [(sid, f"{org} — {name}") for sid, name, org in rows]


def category_choices() -> list[tuple[int, str]]:
    terms = db.session.scalars(select(TaxonomyTerm).options(selectinload(TaxonomyTerm.parent)))
    return sorted(((t.id, t.label) for t in terms), key=lambda pair: pair[1].lower())


def sender_organization_choices() -> list[tuple[int, str]]:
    return [tuple(r) for r in db.session.execute(
        select(Organization.id, Organization.name).where(Organization.active.is_(True))
        .order_by(func.lower(Organization.name)))]


def receiving_organization_choices(limit: int | None = None) -> list[tuple[int, str]] | None:
    """Organizations with at least one service that takes referrals (None: more than `limit`)."""
    receiving = select(Service.organization_id).where(
        Service.accepts_referrals.is_(True), Service.status.not_in(HIDDEN_STATUSES))
    if limit and (db.session.scalar(receiving.with_only_columns(
            func.count(func.distinct(Service.organization_id)))) or 0) > limit:
        return None
    return [tuple(r) for r in db.session.execute(
        select(Organization.id, Organization.name).where(Organization.id.in_(receiving))
        .order_by(func.lower(Organization.name)))]


def organization_named(text: str) -> int | None:
    """The organization whose name is, or else starts with, or else contains the text."""
    for pattern in (text, text.replace("%", "").replace("_", "") + "%", like(text)):
        found = db.session.scalar(select(Organization.id).where(
            func.lower(Organization.name).like(func.lower(pattern), escape="\\"))
            .order_by(func.length(Organization.name)).limit(1))
        if found:
            return found
    return None


def select_referrals() -> Select:
    return select(Referral)


def find_household(raw, user) -> Household | None:
    try:
        household_id = int(str(raw).strip().lstrip("#"))
    except (TypeError, ValueError):
        return None
    household = db.session.get(Household, household_id)
    if household is None or not can_view_household(user, household):
        return None
    return household


def send_referral(data: dict, user, confirmed: bool = False, today: date | None = None,
                  check_only: bool = False) -> Referral | None:
    """Validate and send. Raises ReferralError for bad input and NeedsConfirmation when there are
    warnings the sender has not confirmed. `check_only` validates without sending."""
    today = today or local_today()
    errors: dict[str, str] = {}
    kind = data.get("kind") or "referral"
    if kind not in KINDS:
        errors["kind"] = "Choose a referral or a discharge hand-off."

    service = None
    try:
        service = db.session.get(Service, int(data.get("service_id") or 0))
    except (TypeError, ValueError):
        service = None
    if service is None:
        errors["service_id"] = "Choose the service you are referring to."
    elif not service.accepts_referrals or service.status in HIDDEN_STATUSES:
        errors["service_id"] = f"{service.name} does not take referrals through Crosswalk."

    household = None
    raw_household = str(data.get("household_id") or "").strip()
    initials = (data.get("person_initials") or "").strip()
    contact = (data.get("contact_route") or "").strip()
    if raw_household:
        household = find_household(raw_household, user)
        if household is None:
            errors["household_id"] = ("There is no household with that number on the By-Name "
                                      "List that you may see.")
        elif household.status != "active":
            errors["household_id"] = f"{household.reference} is no longer on the active list."
        initials = contact = ""
    else:
        if not initials:
            errors["person_initials"] = ("Enter the person's initials, or the household number "
                                         "if they are on the By-Name List.")
        elif len(initials) > 10 or not all(c.isalpha() or c in ". -" for c in initials):
            errors["person_initials"] = "Initials only: letters, up to 10 characters."
        if not contact:
            errors["contact_route"] = ("Say how the receiving program can reach the person "
                                       "(for example: through me, at the day center).")
        elif len(contact) > 200:
            errors["contact_route"] = "Keep the contact route under 200 characters."

    category_id = None
    if data.get("category_id"):
        try:
            category_id = int(data["category_id"])
        except (TypeError, ValueError):
            category_id = -1
        if db.session.get(TaxonomyTerm, category_id) is None:
            errors["category_id"] = "Choose a reason from the list."
    elif service is not None and service.category_id:
        category_id = service.category_id
    else:
        errors["category_id"] = "Choose the reason for the referral."

    urgency = data.get("urgency") or "routine"
    if urgency not in URGENCIES:
        errors["urgency"] = "Choose how urgent the referral is."
    notes = (data.get("notes") or "").strip()
    if len(notes) > 5000:
        errors["notes"] = "Keep the notes under 5,000 characters."
    if not data.get("consent"):
        errors["consent"] = ("Confirm the person agreed to this referral (and to sharing what "
                             "it needs) before sending.")
    follow_up_on = data.get("follow_up_on")
    if follow_up_on is not None and follow_up_on < today:
        errors["follow_up_on"] = "The follow-up date cannot be in the past."

    sender_organization_id = user.organization_id
    if is_coordinator(user) and data.get("sender_organization_id"):
        try:
            sender_organization_id = int(data["sender_organization_id"])
        except (TypeError, ValueError):
            sender_organization_id = -1
        if db.session.get(Organization, sender_organization_id) is None:
            errors["sender_organization_id"] = "Choose an organization from the list."
    if sender_organization_id is None and not is_coordinator(user):
        errors["service_id"] = errors.get("service_id") or (
            "Your account belongs to no organization, so referrals cannot be sent in its name. "
            "Ask an administrator to add your organization.")

    if kind == "discharge":
        facility = (data.get("discharging_facility") or "").strip()
        if not facility:
            errors["discharging_facility"] = "Name the hospital or facility discharging the person."
        elif len(facility) > 200:
            errors["discharging_facility"] = "Keep the facility name under 200 characters."
        if data.get("expected_discharge_on") is None:
            errors["expected_discharge_on"] = "Enter the expected discharge date."
        elif data["expected_discharge_on"] < today - timedelta(days=7):
            errors["expected_discharge_on"] = "That discharge date is more than a week ago."
        if data.get("receiving_program") not in RECEIVING_PROGRAMS:
            errors["receiving_program"] = "Choose the receiving program."
    raise_if(errors, ReferralError)
    if check_only:
        return None

    if not confirmed:
        warnings = warnings_for(service, household, category_id)
        if warnings:
            raise NeedsConfirmation(warnings)

    referral = Referral(
        kind=kind, service=service, receiving_organization_id=service.organization_id,
        sender_id=user.id, sender_organization_id=sender_organization_id,
        household=household, person_initials=initials.upper(), contact_route=contact,
        category_id=category_id, urgency=urgency, notes=notes, consent_confirmed=True,
        status="sent", sent_at=utcnow())
    if kind == "discharge":
        referral.discharging_facility = data["discharging_facility"].strip()
        referral.expected_discharge_on = data["expected_discharge_on"]
        referral.receiving_program = data["receiving_program"]
        for name, _ in CHECKLIST:
            setattr(referral, name, bool(data.get(name)))
    referral.follow_up_on = follow_up_on or _default_follow_up(referral, today)
    referral.events.append(ReferralEvent(status="sent", note="", user_id=user.id,
                                         organization_id=sender_organization_id,
                                         at=referral.sent_at))
    db.session.add(referral)
    db.session.flush()
    audit("referral_sent", "referral", referral.id,
          detail=f"to service {service.id}" + (f", household {household.id}" if household else ""),
          user=user)
    db.session.commit()
    refresh_fed_measures()
    return referral


# --- The two queues -----------------------------------------------------------------------------

INCOMING_VIEWS: dict[str, str] = {
    "new": "New",
    "awaiting": "Awaiting action",
    "overdue": "Follow-up overdue",
    "discharges": "Upcoming discharges",
    "all": "All",
}

OUTGOING_VIEWS: dict[str, str] = {
    "open": "Open",
    "overdue": "Follow-up overdue",
    "closed": "Finished",
    "all": "All",
}


def _list_options():
    # Each row names all of these: one joined query instead of six follow-up queries.
    return (joinedload(Referral.service), joinedload(Referral.household),
            joinedload(Referral.sender), joinedload(Referral.sender_organization),
            joinedload(Referral.receiving_organization), joinedload(Referral.category))


def incoming_query(user, view: str, organization_id: int | None = None,
                   today: date | None = None) -> Select:
    """The receiving organization's queue. Coordinators see every organization's, or one's."""
    today = today or local_today()
    query = select(Referral)
    if is_coordinator(user):
        if organization_id:
            query = query.where(Referral.receiving_organization_id == organization_id)
    elif user.organization_id is not None:
        query = query.where(Referral.receiving_organization_id == user.organization_id)
    else:
        query = query.where(false())
    if view == "new":
        query = query.where(Referral.status == "sent").order_by(Referral.sent_at, Referral.id)
    elif view == "awaiting":
        query = query.where(Referral.status.in_(("received", "accepted", "scheduled", "no_show")))
        query = query.order_by(Referral.follow_up_on, Referral.id)
    elif view == "overdue":
        query = query.where(Referral.status.in_(OPEN_STATUSES), Referral.follow_up_on < today)
        query = query.order_by(Referral.follow_up_on, Referral.id)
    elif view == "discharges":
        query = query.where(Referral.kind == "discharge", Referral.status.in_(OPEN_STATUSES),
                            Referral.expected_discharge_on >= today - timedelta(days=1))
        query = query.order_by(Referral.expected_discharge_on, Referral.id)
    else:
        query = query.order_by(Referral.sent_at.desc(), Referral.id.desc())
    return query.options(*_list_options())


def outgoing_query(user, view: str, today: date | None = None) -> Select:
    """What this person's organization (or they themselves) sent."""
    today = today or local_today()
    query = select(Referral)
    if user.organization_id is not None:
        query = query.where(or_(Referral.sender_organization_id == user.organization_id,
                                Referral.sender_id == user.id))
    else:
        query = query.where(Referral.sender_id == user.id)
    if view == "open":
        query = query.where(Referral.status.in_(OPEN_STATUSES))
    elif view == "overdue":
        query = query.where(Referral.status.in_(OPEN_STATUSES), Referral.follow_up_on < today)
    elif view == "closed":
        query = query.where(Referral.status.not_in(OPEN_STATUSES))
    return query.order_by(Referral.sent_at.desc(), Referral.id.desc()).options(*_list_options())


def incoming_counts(user, organization_id: int | None = None, today: date | None = None) -> dict[str, int]:
    """How many referrals each queue tab holds, in one pass over the organization's open ones."""
    today = today or local_today()
    base = incoming_query(user, "all", organization_id, today).where(
        Referral.status.in_(OPEN_STATUSES))
    def tally(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)
    row = db.session.execute(base.with_only_columns(
        tally(Referral.status == "sent"),
        tally(Referral.status.in_(("received", "accepted", "scheduled", "no_show"))),
        tally(Referral.follow_up_on < today),
        tally(and_(Referral.kind == "discharge",
                   Referral.expected_discharge_on >= today - timedelta(days=1))),
        maintain_column_froms=True).order_by(None).options()).one()
    return dict(zip(("new", "awaiting", "overdue", "discharges"), (int(n) for n in row)))


def is_overdue(referral: Referral, today: date | None = None) -> bool:
    return referral.is_open and referral.follow_up_on is not None and \
        referral.follow_up_on < (today or local_today())


def household_referrals(household: Household) -> list[Referral]:
    return list(db.session.scalars(
        select(Referral).where(Referral.household_id == household.id)
        .order_by(Referral.sent_at.desc()).options(selectinload(Referral.service))))


# --- Home page ------------------------------------------------------------------------------------


def home_context(user) -> dict:
    """Referrals waiting for me or my organization, follow-ups due, discharges in the next 7 days."""
    if not (user.is_authenticated and user.role in ("provider", "coordinator", "admin")):
        return {}
    today = local_today()
    expire_unanswered()
    waiting = db.session.scalar(
        incoming_query(user, "new", today=today).with_only_columns(
            func.count(), maintain_column_froms=True).order_by(None)) or 0
    follow_ups = list(db.session.scalars(
        scope(select(Referral), user)
        .where(Referral.status.in_(OPEN_STATUSES), Referral.follow_up_on <= today)
        .order_by(Referral.follow_up_on, Referral.id).limit(8).options(*_list_options())))
    follow_up_count = db.session.scalar(
        scope(select(func.count(Referral.id)), user)
        .where(Referral.status.in_(OPEN_STATUSES), Referral.follow_up_on <= today)) or 0
    discharges = list(db.session.scalars(
        incoming_query(user, "discharges", today=today)
        .where(Referral.expected_discharge_on <= today + timedelta(days=7)).limit(8)))
    return {
        "referrals_today": today,
        "referrals_waiting": waiting,
        "referrals_follow_ups": follow_ups,
        "referrals_follow_up_count": follow_up_count,
        "referrals_discharges": discharges,
    }
