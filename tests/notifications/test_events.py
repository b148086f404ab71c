"""Every kind of notice, caused the way people cause it (through the features' services and the
day's scan), goes to the people it concerns; and no mail carries anything that identifies the
household: name, initials, HMIS ID, SSN digits, date of birth or notes."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from conftest import html_of, text_of
from support import PASSWORD

from hh.auth import services as accounts
from hh.conferences import meetings
from hh.conferences.models import Household
from hh.extensions import db
from hh.notifications import events
from hh.notifications.delivery import deliver
from hh.notifications.kinds import KINDS
from hh.notifications.models import Notification
from hh.notifications.scan import scan
from hh.plans.items import save_item
from hh.plans.models import ActionPlan
from hh.referrals.sending import send_referral
from hh.referrals.steps import change_status, expire_unanswered
from hh.resources.models import Service, TaxonomyTerm
from hh.timeutil import local_today

NOTES = "Zebulon Quixote, born 1971-07-13 (07/13/1971), HMIS-778899, SSN 4321: sleeps behind the mill"
SECRETS = ["Zebulon", "Quixote", "HMIS-778899", "778899", "4321", "1971-07-13", "07/13/1971",
           "13 July 1971", "July 13", "sleeps behind the mill", "Z.Q.", "Z. Q."]


@pytest.fixture
def world(app, factory, clock):
    clock(datetime(2026, 3, 10, 15, 0))  # a Tuesday, 10:00 in Chicago
    north = factory.region("North Valley", counties=("Alder County",))
    hospital = factory.organization("Cedar Valley Regional Hospital", sector="health_care")
    shelter = factory.organization("Harbor House")
    category = TaxonomyTerm(code="t.shelter", name="Emergency shelter")
    db.session.add(category)
    db.session.flush()
    beds = Service(organization=shelter, name="Harbor beds", accepts_referrals=True,
                   category_id=category.id)
    household = Household(hmis_id="HMIS-778899", first_name="Zebulon", last_name="Quixote",
                          ssn4="4321", county=north.counties[0], region=north, consent=True,
                          consent_on=local_today() - timedelta(days=10),
                          added_on=local_today() - timedelta(days=40))
    db.session.add_all([beds, household])
    db.session.commit()
    return SimpleNamespace(
        north=north, hospital=hospital, shelter=shelter, beds=beds, household=household,
        sender=factory.user("provider", organization=hospital, region=north, name="Sam Sender"),
        intake=factory.user("provider", organization=shelter, region=north, name="Ida Intake"),
        coordinator=factory.user("coordinator", name="Cora Coordinator"),
        bystander=factory.user("provider", organization=factory.organization("Elsewhere"),
                               region=north, name="Bo Bystander"))


def _send(w, kind="referral", **extra):
    data = {"kind": kind, "service_id": w.beds.id, "household_id": str(w.household.id),
            "urgency": "routine", "notes": NOTES, "consent": True, **extra}
    if kind == "discharge":
        data.update(discharging_facility="Cedar Valley Regional Hospital",
                    expected_discharge_on=local_today() + timedelta(days=1),
                    receiving_program="shelter")
    return send_referral(data, w.sender, confirmed=True)


def _kinds_for(user) -> set[str]:
    return set(db.session.scalars(db.select(Notification.kind)
                                  .where(Notification.recipient_id == user.id)))


def test_referrals_tell_the_receiving_then_the_sending_organization(world):
    w = world
    referral = _send(w)
    [notice] = db.session.scalars(db.select(Notification).where(Notification.kind == "referral_received"))
    assert notice.recipient_id == w.intake.id  # not the sender, not a bystander
    assert notice.body == ("A referral for one household was sent to Harbor House by Cedar Valley "
                           "Regional Hospital.")
    assert notice.link == f"/referrals/{referral.id}"
    change_status(referral, "accepted", w.intake)
    assert _kinds_for(w.sender) == {"referral_outcome"}
    assert "referral_outcome" not in _kinds_for(w.intake) | _kinds_for(w.bystander)


def test_every_kind_reaches_someone_and_no_mail_identifies_the_household(world, smtp, clock, login_as):
    w = world
    # Referrals: sent, accepted, declined, connected, expired.
    accepted = _send(w)
    change_status(accepted, "accepted", w.intake)
    change_status(accepted, "connected", w.intake, note=NOTES)
    declined = _send(w, urgency="soon")
    change_status(declined, "declined", w.intake, reason="other", note=NOTES)
    _send(w, follow_up_on=local_today())  # waits, its follow-up due today
    discharge = _send(w, kind="discharge")
    events.discharge_date_changed(discharge, w.sender)
    # Action items: assigned (a plan's and a conference's), due soon, overdue.
    plan = ActionPlan(title="Shelter capacity", status="active")
    db.session.add(plan)
    db.session.commit()
    save_item(None, plan, {"description": NOTES, "owner_id": w.intake.id, "status": "open",
                           "due_on": local_today() + timedelta(days=2)}, w.coordinator)
    save_item(None, plan, {"description": NOTES, "owner_id": w.intake.id, "status": "open",
                           "due_on": local_today() - timedelta(days=1)}, w.coordinator)
    # Case conferences: agenda (the last conference's people too), action step, minutes.
    first = meetings.save_conference(None, {
        "region_id": w.north.id, "held_on": local_today(), "format": "in_person",
        "focus": "highest_priority", "facilitator_id": w.intake.id, "scribe_id": w.sender.id,
        "agenda_size": 10}, w.coordinator)
    [entry] = first.entries
    meetings.save_entry(entry, {"follow_up": NOTES, "barrier_note": NOTES, "action_step": NOTES,
                                "responsible_id": w.sender.id,
                                "target_on": local_today() + timedelta(days=20)}, w.coordinator)
    meetings.save_summary(first, NOTES, w.coordinator)
    meetings.plan_next(first, w.coordinator)
    # Accounts: invitation (by the admin page) and a password change.
    admin = login_as("admin")
    assert admin.post("/admin/users/new", data={"email": "new.person@example.org",
                                                "name": "New Person", "role": "viewer"}).status_code == 201
    accounts.change_password(w.bystander, PASSWORD, "a brand new long passphrase 77")
    db.session.commit()
    # The day's scan: follow-up due, discharge due tomorrow, items due soon and overdue; then
    # expiry in 2 days (twelve days later) and expired (fourteen).
    assert scan() > 0
    assert scan() == 0  # twice a day adds nothing
    deliver()
    clock(datetime(2026, 3, 22, 16, 0))
    scan()
    clock(datetime(2026, 3, 25, 16, 0))
    assert expire_unanswered() > 0
    deliver()

    kinds = set(db.session.scalars(db.select(Notification.kind)))
    assert kinds == set(KINDS) | {"invitation"}
    assert db.session.scalar(db.select(db.func.count(Notification.id))
                             .where(Notification.state != "sent")) == 0
    mailed_subjects = {m["Subject"] for m in smtp.messages}
    assert "You are invited to Crosswalk" in mailed_subjects
    invitation = next(m for m in smtp.messages if m["Subject"] == "You are invited to Crosswalk")
    assert "https://crosswalk.example.org/auth/invite?token=" in text_of(invitation)
    stored = db.session.scalar(db.select(Notification).where(Notification.kind == "invitation"))
    assert "token" not in stored.link  # the secret is not kept once mailed
    _assert_nothing_identifies(smtp.messages)


def _assert_nothing_identifies(messages):
    assert messages
    for message in messages:
        # Message-ID, Date and the MIME boundary in Content-Type are random digits the app never
        # writes: a "4321" in them is chance, not a leak.
        headers = "\n".join(f"{k}: {v}" for k, v in message.items()
                            if k.lower() not in ("message-id", "date", "content-type"))
        for part in (headers, text_of(message), html_of(message)):
            lowered = part.lower()
            for secret in SECRETS:
                assert secret.lower() not in lowered, f"{secret!r} in mail {message['Subject']!r}"
            assert not re.search(r"\bZ\.?\s?Q\.?\b", part), message["Subject"]


def test_the_agenda_goes_to_the_people_of_the_last_conference_in_the_region(world, factory):
    w = world
    attendee = factory.user("provider", organization=w.shelter, region=w.north, name="Ana Attendee")
    outsider = factory.user("provider", region=factory.region("South"), name="Oz Outsider")
    first = meetings.save_conference(None, {
        "region_id": w.north.id, "held_on": date(2026, 3, 3), "format": "in_person",
        "focus": "highest_priority", "agenda_size": 5}, w.coordinator)
    for name in ("Ana Attendee", "Oz Outsider"):
        meetings.add_attendee(first, {"name": name, "role": "provider"}, w.coordinator)
    meetings.save_conference(None, {
        "region_id": w.north.id, "held_on": date(2026, 3, 10), "format": "in_person",
        "focus": "highest_priority", "facilitator_id": w.intake.id, "agenda_size": 5},
        w.coordinator)
    agenda = set(db.session.scalars(db.select(Notification.recipient_id)
                                    .where(Notification.kind == "conference_agenda")))
    assert agenda == {attendee.id, w.intake.id}  # not the outsider from another region
    assert outsider.id not in agenda


def test_an_unchanged_owner_is_not_told_again(world):
    w = world
    plan = ActionPlan(title="Plan", status="active")
    db.session.add(plan)
    db.session.commit()
    data = {"description": "Call the landlord", "owner_id": w.intake.id, "status": "open",
            "due_on": local_today() + timedelta(days=20)}
    item = save_item(None, plan, data, w.coordinator)
    save_item(item, plan, {**data, "description": "Call the landlord again"}, w.coordinator)
    assert db.session.scalar(db.select(db.func.count(Notification.id))) == 1
    save_item(item, plan, {**data, "owner_id": w.sender.id}, w.coordinator)
    assert _kinds_for(w.sender) == {"item_assigned"}
