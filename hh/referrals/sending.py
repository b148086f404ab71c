"""Sending a referral: the choices the form offers, finding the household, checking what the
sender entered, and creating the referral with its first timeline event."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from hh.caching import remember
from hh.conferences.models import Household
from hh.conferences.privacy import can_view as can_view_household
from hh.directory.models import Organization
from hh.errors import raise_if
from hh.extensions import db
from hh.forms import as_id
from hh.notifications import events as notification_events
from hh.plans.feeds import refresh_fed_measures
from hh.referrals.checks import NeedsConfirmation, warnings_for
from hh.referrals.models import (
    CHECKLIST,
    KINDS,
    RECEIVING_PROGRAMS,
    URGENCIES,
    Referral,
    ReferralEvent,
)
from hh.referrals.steps import ReferralError, default_follow_up
from hh.resources.models import Service, TaxonomyTerm
from hh.resources.services import HIDDEN_STATUSES
from hh.timeutil import local_today, utcnow
from hh.web import audit, is_coordinator, like


def referable_services() -> Select:
    return (select(Service).join(Organization, Service.organization_id == Organization.id)
            .where(Service.accepts_referrals.is_(True), Service.status.not_in(HIDDEN_STATUSES))
            .order_by(func.lower(Organization.name), func.lower(Service.name)))


def service_choices(limit: int | None = None,
                    organization_id: int | None = None) -> list[tuple[int, str]] | None:
    """The services a referral may go to (one organization's, with `organization_id`), as (id,
    "organization — service"); None when they are more than `limit`."""
    query = referable_services().with_only_columns(Service.id, Service.name, Organization.name)
    if organization_id is not None:
        query = query.where(Service.organization_id == organization_id)
    if limit is not None and db.session.scalar(select(func.count()).select_from(
            query.order_by(None).limit(limit + 1).subquery())) > limit:
        return None
    return [(sid, f"{org} — {name}") for sid, name, org in db.session.execute(query)]


def category_choices() -> list[tuple[int, str]]:
    terms = db.session.scalars(select(TaxonomyTerm).options(selectinload(TaxonomyTerm.parent)))
    return sorted(((t.id, t.label) for t in terms), key=lambda pair: pair[1].lower())


def sender_organization_options() -> Select:
    """The organizations a coordinator may send on behalf of: the active ones, (id, name)."""
    return (select(Organization.id, Organization.name).where(Organization.active.is_(True))
            .order_by(func.lower(Organization.name)))


def receiving_organization_choices(limit: int | None = None) -> list[tuple[int, str]] | None:
    """Organizations with at least one service that takes referrals (None: more than `limit`),
    from the one cache until a service or an organization changes (the directory's, not a
    client's: the same for every coordinator)."""
    return remember(f"referrals:receiving_organizations:{limit}", ["service", "organization"],
                    lambda: _receiving_organizations(limit))


def _receiving_organizations(limit: int | None) -> list[tuple[int, str]] | None:
    receiving = select(Service.organization_id).where(
        Service.accepts_referrals.is_(True), Service.status.not_in(HIDDEN_STATUSES))
    # Whether there are more than `limit`: count distinct organizations only that far.
    if limit and db.session.scalar(select(func.count()).select_from(
            receiving.distinct().limit(limit + 1).subquery())) > limit:
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
    household_id = as_id(raw)
    if household_id is None:
        return None
    # With the county the referral form shows, even when the session holds it already.
    household = db.session.get(Household, household_id, populate_existing=True,
                               options=[joinedload(Household.county)])
    if household is None or not can_view_household(user, household):
        return None
    return household


def send_referral(data: dict, user, confirmed: bool = False, today: date | None = None,
                  check_only: bool = False) -> Referral | None:
    """Validate and send. Raises ReferralError for bad input and NeedsConfirmation when there are
    warnings the sender has not confirmed. `check_only` validates without sending."""
    today = today or local_today()
    errors: dict[str, str] = {}
    chosen = _Chosen(kind=data.get("kind") or "referral", service=_service(data, errors),
                     sender_organization_id=_sender_organization(data, user, errors))
    _person(chosen, data, user, errors)
    _reason_and_urgency(chosen, data, errors)
    _consent_and_follow_up(chosen, data, today, errors)
    if chosen.kind == "discharge":
        _discharge(data, today, errors)
    raise_if(errors, ReferralError)
    if check_only:
        return None
    if not confirmed:
        warnings = warnings_for(chosen.service, chosen.household, chosen.category_id)
        if warnings:
            raise NeedsConfirmation(warnings)
    referral = _new_referral(chosen, data, user, today)
    notification_events.referral_sent(referral, user)
    audit("referral_sent", "referral", referral.id,
          detail=f"to service {chosen.service.id}" +
          (f", household {chosen.household.id}" if chosen.household else ""), user=user)
    db.session.commit()
    refresh_fed_measures()
    return referral


@dataclass
class _Chosen:
    """What the sender's input names, once checked."""

    kind: str
    service: Service | None
    sender_organization_id: int | None
    household: Household | None = None
    initials: str = ""
    contact: str = ""
    category_id: int | None = None
    urgency: str = "routine"
    notes: str = ""
    follow_up_on: date | None = None


def _service(data: dict, errors: dict) -> Service | None:
    try:
        service = db.session.get(Service, int(data.get("service_id") or 0))
    except (TypeError, ValueError):
        service = None
    if service is None:
        errors["service_id"] = "Choose the service you are referring to."
    elif not service.accepts_referrals or service.status in HIDDEN_STATUSES:
        errors["service_id"] = f"{service.name} does not take referrals through Crosswalk."
    return service


def _sender_organization(data: dict, user, errors: dict) -> int | None:
    """The sender's own organization; a coordinator may send on behalf of another."""
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
    return sender_organization_id


def _person(chosen: _Chosen, data: dict, user, errors: dict) -> None:
    """A household on the By-Name List (that the sender may see), or initials and a contact
    route for a person who is not on it."""
    raw_household = str(data.get("household_id") or "").strip()
    if raw_household:
        chosen.household = find_household(raw_household, user)
        if chosen.household is None:
            errors["household_id"] = ("There is no household with that number on the By-Name "
                                      "List that you may see.")
        elif chosen.household.status != "active":
            errors["household_id"] = f"{chosen.household.reference} is no longer on the active list."
        return
    chosen.initials = initials = (data.get("person_initials") or "").strip()
    chosen.contact = contact = (data.get("contact_route") or "").strip()
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


def _reason_and_urgency(chosen: _Chosen, data: dict, errors: dict) -> None:
    if chosen.kind not in KINDS:
        errors["kind"] = "Choose a referral or a discharge hand-off."
    if data.get("category_id"):
        try:
            chosen.category_id = int(data["category_id"])
        except (TypeError, ValueError):
            chosen.category_id = -1
        if db.session.get(TaxonomyTerm, chosen.category_id) is None:
            errors["category_id"] = "Choose a reason from the list."
    elif chosen.service is not None and chosen.service.category_id:
        chosen.category_id = chosen.service.category_id
    else:
        errors["category_id"] = "Choose the reason for the referral."
    chosen.urgency = data.get("urgency") or "routine"
    if chosen.urgency not in URGENCIES:
        errors["urgency"] = "Choose how urgent the referral is."


def _consent_and_follow_up(chosen: _Chosen, data: dict, today: date, errors: dict) -> None:
    chosen.notes = (data.get("notes") or "").strip()
    if len(chosen.notes) > 5000:
        errors["notes"] = "Keep the notes under 5,000 characters."
    if not data.get("consent"):
        errors["consent"] = ("Confirm the person agreed to this referral (and to sharing what "
                             "it needs) before sending.")
    chosen.follow_up_on = data.get("follow_up_on")
    if chosen.follow_up_on is not None and chosen.follow_up_on < today:
        errors["follow_up_on"] = "The follow-up date cannot be in the past."


def _discharge(data: dict, today: date, errors: dict) -> None:
    """A hospital-discharge hand-off also names the facility, the date and the program."""
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


def _new_referral(chosen: _Chosen, data: dict, user, today: date) -> Referral:
    """The sent referral with its first timeline event, added and flushed (not committed)."""
    referral = Referral(
        kind=chosen.kind, service=chosen.service,
        receiving_organization_id=chosen.service.organization_id,
        sender_id=user.id, sender_organization_id=chosen.sender_organization_id,
        household=chosen.household, person_initials=chosen.initials.upper(),
        contact_route=chosen.contact, category_id=chosen.category_id, urgency=chosen.urgency,
        notes=chosen.notes, consent_confirmed=True, status="sent", sent_at=utcnow())
    if chosen.kind == "discharge":
        referral.discharging_facility = data["discharging_facility"].strip()
        referral.expected_discharge_on = data["expected_discharge_on"]
        referral.receiving_program = data["receiving_program"]
        for name, _ in CHECKLIST:
            setattr(referral, name, bool(data.get(name)))
    referral.follow_up_on = chosen.follow_up_on or default_follow_up(referral, today)
    referral.events.append(ReferralEvent(status="sent", note="", user_id=user.id,
                                         organization_id=chosen.sender_organization_id,
                                         at=referral.sent_at))
    db.session.add(referral)
    db.session.flush()
    return referral
