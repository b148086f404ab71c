"""What each change tells whom. The features' services call these in the transaction of the
change (one line each); they only add rows to the outbox.

Privacy: mail is not a safe channel. No notice names a household or person on the By-Name List,
their initials, ids, dates of birth or any free text typed about them: it says what happened,
between which organizations, and links to the page behind sign-in."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy import inspect as inspect_state

from hh.auth.models import User
from hh.extensions import db
from hh.notifications.kinds import INVITATION
from hh.notifications.outbox import mail_on, notify, path_for
from hh.web import STAFF

OUTCOMES = {"accepted": "accepted", "declined": "declined", "connected": "marked connected",
            "expired": "expired without an answer"}


def organization_staff(*organization_ids) -> list:
    """The active staff of these organizations (viewers never see referrals), as (id, active)
    rows: all `notify` needs, and cheap inside the request that causes the notice."""
    ids = [i for i in organization_ids if i is not None]
    if not ids:
        return []
    return list(db.session.execute(select(User.id, User.active).where(
        User.organization_id.in_(ids), User.active.is_(True), User.role.in_(STAFF))))


def _what(referral) -> str:
    return "discharge hand-off" if referral.kind == "discharge" else "referral"


def _names(referral) -> tuple[str, str]:
    sender = referral.sender_organization.name if referral.sender_organization else "a coordinator"
    return sender, referral.receiving_organization.name


def _referral_link(referral) -> str:
    return path_for("referrals.referral", referral_id=referral.id)


def referral_sent(referral, actor) -> None:
    """A new referral or hand-off: the receiving organization's staff."""
    sender, receiver = _names(referral)
    discharge = referral.kind == "discharge"
    when = (f", expected discharge {referral.expected_discharge_on:%A %-d %B}"
            if discharge and referral.expected_discharge_on else "")
    notify(organization_staff(referral.receiving_organization_id),
           "discharge_new" if discharge else "referral_received",
           f"New {_what(referral)} for {receiver}",
           f"A {_what(referral)} for one household was sent to {receiver} by {sender}{when}.",
           _referral_link(referral), actor=actor)


def referral_status(referral, status: str, actor) -> None:
    """Accepted, declined, connected or expired: the sending organization (and the sender)."""
    if status not in OUTCOMES:
        return
    sender, receiver = _names(referral)
    people = organization_staff(referral.sender_organization_id)
    if referral.sender_id is not None and referral.sender_id not in {p.id for p in people}:
        people.append(referral.sender)
    what = _what(referral)
    notify(people, "referral_outcome", f"A {what} {sender} sent was {OUTCOMES[status]}",
           f"A {what} for one household that {sender} sent to {receiver} was {OUTCOMES[status]}.",
           _referral_link(referral), actor=actor)


def discharge_date_changed(referral, actor) -> None:
    """The expected discharge date of a hand-off changed: the receiving organization."""
    sender, receiver = _names(referral)
    notify(organization_staff(referral.receiving_organization_id), "discharge_changed",
           f"Discharge date changed for a hand-off to {receiver}",
           f"The expected discharge date of a hand-off from {sender} to {receiver} is now "
           f"{referral.expected_discharge_on:%A %-d %B %Y}.",
           _referral_link(referral), actor=actor)


def _owners(item) -> list[User]:
    """An item's owner; without one, its organization's people."""
    if item.owner_id is not None:
        owner = db.session.get(User, item.owner_id)
        return [owner] if owner is not None else []
    if item.organization_id is None:
        return []
    return list(db.session.scalars(select(User).where(
        User.organization_id == item.organization_id, User.active.is_(True))))


def _due(item) -> str:
    return f", due {item.due_on:%A %-d %B %Y}" if item.due_on else ""


def item_assigned(item, actor) -> None:
    """Call before the item is flushed: tells its new owner (not an unchanged one)."""
    state = inspect_state(item)
    if not (state.attrs.owner.history.added or state.attrs.owner_id.history.added):
        return
    db.session.flush()
    if item.owner_id is None:
        return
    notify(_owners(item), "item_assigned", "An action item was assigned to you",
           f"An action item on the plan “{item.plan.title}” was assigned to you{_due(item)}.",
           path_for("plans.item", item_id=item.id), actor=actor)


def _conference_people(conference) -> list[User]:
    """Its facilitator and scribe, and the attendees who have an account (by name), who may see it."""
    from hh.conferences.models import ConferenceAttendee
    from hh.conferences.privacy import can_view_conference

    names = db.session.scalars(select(func.lower(ConferenceAttendee.name)).where(
        ConferenceAttendee.conference_id == conference.id))
    ids = {conference.facilitator_id, conference.scribe_id} - {None}
    query = select(User).where(User.active.is_(True), User.role.in_(STAFF))
    people = list(db.session.scalars(query.where(func.lower(User.name).in_(list(names))))) + \
        list(db.session.scalars(query.where(User.id.in_(ids))))
    return [u for u in {u.id: u for u in people}.values() if can_view_conference(u, conference)]


def conference_agenda_ready(conference, actor) -> None:
    """A new conference's agenda: the people of the region's last conference, and its own
    facilitator and scribe."""
    from hh.conferences.models import CaseConference

    db.session.flush()
    last = db.session.scalar(select(CaseConference).where(
        CaseConference.region_id == conference.region_id, CaseConference.id != conference.id,
        CaseConference.held_at <= conference.held_at)
        .order_by(CaseConference.held_at.desc(), CaseConference.id.desc()).limit(1))
    people = {u.id: u for u in _conference_people(conference)}
    if last is not None:
        people.update({u.id: u for u in _conference_people(last)
                       if u.region_id == conference.region_id or u.role != "provider"})
    region = conference.region.name
    notify(people.values(), "conference_agenda",
           f"Agenda ready: {region} case conference, {conference.held_at:%-d %B}",
           f"The agenda for the {region} case conference on "
           f"{conference.held_at:%A %-d %B %Y at %H:%M} is ready "
           f"({len(conference.entries)} households to work).",
           path_for("conferences.meeting", conference_id=conference.id),
           key=f"conference_agenda:{conference.id}", actor=actor)


def conference_minutes_ready(conference, actor) -> None:
    """The summary is written: the conference's people (once per conference)."""
    if not (conference.summary or "").strip():
        return
    region = conference.region.name
    notify(_conference_people(conference), "conference_minutes",
           f"Minutes ready: {region} case conference, {conference.held_at:%-d %B}",
           f"The minutes of the {region} case conference of {conference.held_at:%A %-d %B %Y} "
           "are ready.", path_for("conferences.minutes", conference_id=conference.id),
           key=f"conference_minutes:{conference.id}", actor=actor)


def invitation(user, token: str, actor) -> None:
    """The invitation link by mail, when mail is on (the page shows it either way)."""
    if not mail_on():
        return
    inviter = actor.display_name if actor is not None else "An administrator"
    notify([user], INVITATION, "You are invited to Crosswalk",
           f"{inviter} invited you to Crosswalk, the shared workspace of the Continuum of Care. "
           "Open the link to choose your password; it works once.",
           path_for("auth.invite", token=token))


def password_changed(user) -> None:
    notify([user], "password_changed", "Your Crosswalk password was changed",
           "The password of your Crosswalk account was just changed, and every session of yours "
           "was signed out. If you did not do this, tell your administrator at once.",
           path_for("auth.password"))
