"""Sending referrals (with their warnings), the two sides, the status machine, expiry, privacy,
audit and the discharge hand-off."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from support import field_error, text

from hh.admin.models import AuditEvent
from hh.extensions import db
from hh.referrals import services
from hh.referrals.models import Referral
from hh.timeutil import local_today, utcnow


def send(client, **fields):
    data = {"kind": "referral", "urgency": "routine", "consent": "y", "notes": "Needs a bed."}
    data.update(fields)
    return client.post("/referrals/new", data=data)


def only_referral() -> Referral:
    referrals = list(db.session.scalars(select(Referral)))
    assert len(referrals) == 1
    return referrals[0]


def audit(action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_sending_for_a_household_reaches_the_receiving_queue(net, sides):
    response = send(sides.sender, service_id=net.beds.id, household_id=str(net.north_household.id),
                    urgency="urgent")
    assert response.status_code == 303
    referral = only_referral()
    assert referral.status == "sent" and referral.receiving_organization_id == net.shelter.id
    assert referral.sender_organization_id == net.hospital.id
    assert referral.category_id == net.shelter_cat.id  # from the service
    assert referral.follow_up_on == local_today() + timedelta(days=1)  # urgent: tomorrow
    assert [e.status for e in referral.events] == ["sent"]
    assert audit("referral_sent")[0].object_id == str(referral.id)

    queue = sides.shelter.get("/referrals/?view=new")
    assert queue.headers["Cache-Control"] == "no-store"
    row = text(queue, f"#referral-row-{referral.id}")
    assert f"Referral #{referral.id}" in row and "Zed Quill" in row and "Urgent" in row
    assert "New (1)" in text(queue)
    sent = sides.sender.get("/referrals/outgoing")
    assert f"Referral #{referral.id}" in text(sent, f"#referral-row-{referral.id}")
    assert "Sent" in text(sent, f"#referral-row-{referral.id}")


def test_opening_a_queue_is_audited_with_filters_only(net, sides):
    send(sides.sender, service_id=net.beds.id, household_id=str(net.north_household.id))
    assert "Zed Quill" in text(sides.shelter.get("/referrals/?view=new"))
    sides.sender.get("/referrals/outgoing?view=all")
    sides.coordinator.get(f"/referrals/?view=all&organization={net.shelter.id}")
    events = audit("referral_queue_viewed")
    assert [(e.object_type, e.detail) for e in events] == [
        ("referral_queue", "incoming, view new"),
        ("referral_queue", "outgoing, view all"),
        ("referral_queue", f"incoming, view all, organization {net.shelter.id}"),
    ]
    # Who looked, never whom they saw.
    assert all("Zed" not in e.detail and "R-1" not in e.detail for e in events)
    assert events[0].user_id is not None


def test_a_person_not_on_the_list_is_only_initials_and_a_contact_route(net, sides):
    response = send(sides.sender, service_id=net.beds.id, person_initials="j.d.",
                    contact_route="Through me at the clinic, Tuesdays")
    assert response.status_code == 303
    referral = only_referral()
    assert referral.household_id is None and referral.person_initials == "J.D."
    html = sides.shelter.get(f"/referrals/{referral.id}").get_data(as_text=True)
    assert "J.D." in html and "not on the By-Name List" in html and "Tuesdays" in html


def test_bad_input_is_refused_next_to_each_field_and_nothing_is_sent(net, sides):
    response = send(sides.sender, service_id=net.closed.id, person_initials="John Smith 1985",
                    contact_route="", consent="")
    assert response.status_code == 422
    assert "does not take referrals through Crosswalk" in field_error(response, "service_id")
    assert "Initials only" in field_error(response, "person_initials")
    assert "Say how the receiving program can reach the person" in field_error(response, "contact_route")
    assert "Confirm the person agreed" in field_error(response, "consent")
    assert db.session.scalar(select(Referral.id)) is None
    # A household the sender may not see is refused like one that does not exist.
    response = send(sides.sender, service_id=net.beds.id, household_id=str(net.south_household.id))
    assert response.status_code == 422
    assert "no household with that number" in response.get_data(as_text=True)
    assert "Uma" not in response.get_data(as_text=True)


def test_no_availability_warns_before_sending_and_needs_a_confirming_submit(net, sides):
    first = send(sides.sender, service_id=net.full.id, person_initials="AB", contact_route="via me")
    html = first.get_data(as_text=True)
    assert first.status_code == 200
    assert "Before you send" in html and "shows no availability right now" in html
    assert "0 of 5 program slots" in html and "Send anyway" in html
    assert db.session.scalar(select(Referral.id)) is None
    signature = re.search(r'name="confirmed" type="hidden" value="([0-9a-f]+)"', html).group(1)
    second = send(sides.sender, service_id=net.full.id, person_initials="AB", contact_route="via me",
                  confirmed=signature)
    assert second.status_code == 303
    assert only_referral().service_id == net.full.id


def test_a_confirmation_covers_only_the_warnings_that_were_shown(net, sides):
    stale = send(sides.sender, service_id=net.full.id, person_initials="AB", contact_route="via me",
                 confirmed="0000000000000000")
    assert stale.status_code == 200 and "Before you send" in stale.get_data(as_text=True)
    assert db.session.scalar(select(Referral.id)) is None


def test_the_warnings_update_as_the_form_changes_with_htmx(net, sides):
    response = sides.sender.get(f"/referrals/check?service_id={net.full.id}",
                                headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert "shows no availability" in html and "<html" not in html
    quiet = sides.sender.get(f"/referrals/check?service_id={net.beds.id}", headers={"HX-Request": "true"})
    assert "Before you send" not in quiet.get_data(as_text=True)
    # Without htmx the same address is the form, prefilled.
    plain = sides.sender.get(f"/referrals/check?service_id={net.full.id}")
    assert plain.status_code == 303 and f"service={net.full.id}" in plain.headers["Location"]


def test_duplicate_and_navigator_warnings(net, login_as):
    coordinator = login_as("coordinator")
    household = net.south_household  # has a navigator
    first = send(coordinator, service_id=net.beds.id, household_id=str(household.id),
                 sender_organization_id=str(net.hospital.id))
    html = first.get_data(as_text=True)
    assert "already has an assigned navigator: Nia Navigator at Southern Housing" in html
    assert "One navigator per client" in html
    signature = re.search(r'name="confirmed" type="hidden" value="([0-9a-f]+)"', html).group(1)
    assert send(coordinator, service_id=net.beds.id, household_id=str(household.id),
                sender_organization_id=str(net.hospital.id), confirmed=signature).status_code == 303
    again = send(coordinator, service_id=net.beds.id, household_id=str(household.id),
                 sender_organization_id=str(net.hospital.id), confirmed=signature)
    text = again.get_data(as_text=True)
    assert again.status_code == 200  # a new warning: asked again
    assert "already has an open referral of the same category" in text
    assert db.session.query(Referral).count() == 1


def _sent(net, sides, **fields) -> Referral:
    assert send(sides.sender, service_id=net.beds.id, person_initials="AB", contact_route="via me",
                **fields).status_code == 303
    return db.session.scalars(select(Referral).order_by(Referral.id.desc())).first()


def step(client, referral, to, **fields):
    return client.post(f"/referrals/{referral.id}/status", data={"to": to, **fields})


def test_the_receiving_side_moves_it_along_and_every_step_is_on_the_timeline(net, sides):
    referral = _sent(net, sides)
    # Opening it marks it received.
    page = sides.shelter.get(f"/referrals/{referral.id}").get_data(as_text=True)
    db.session.refresh(referral)
    assert referral.status == "received" and referral.received_at is not None
    assert "Accept" in page and "Decline" in page
    assert step(sides.shelter, referral, "accepted").status_code == 303
    later = (local_today() + timedelta(days=3)).isoformat()
    assert step(sides.shelter, referral, "scheduled", scheduled_on=later).status_code == 303
    assert step(sides.shelter, referral, "connected", note="Checked in at 4 pm").status_code == 303
    assert step(sides.sender, referral, "closed").status_code == 303
    db.session.refresh(referral)
    assert [e.status for e in referral.events] == ["sent", "received", "accepted", "scheduled",
                                                   "connected", "closed"]
    assert all(e.at is not None for e in referral.events)
    assert referral.events[2].user_id == sides.shelter.user.id
    assert referral.events[2].organization_id == net.shelter.id
    assert referral.events[-1].user_id == sides.sender.user.id
    assert referral.scheduled_on.isoformat() == later and referral.follow_up_on is None
    # Both sides see the same timeline.
    for client in (sides.sender, sides.shelter):
        html = client.get(f"/referrals/{referral.id}").get_data(as_text=True)
        assert "Checked in at 4 pm" in html and "nothing more to do" in html
    assert len(audit("referral_status")) == 5


def test_an_illegal_step_is_refused_with_409_and_a_reason(net, sides):
    referral = _sent(net, sides)
    response = step(sides.shelter, referral, "connected")
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "cannot be marked connected" in html and "From here it can be" in html
    db.session.refresh(referral)
    assert referral.status == "sent" and referral.connected_at is None
    # The sender cannot accept their own referral.
    response = step(sides.sender, referral, "accepted")
    assert response.status_code == 409
    assert "Only the receiving organization can take this step" in response.get_data(as_text=True)
    # Nor can anything happen after the end.
    assert step(sides.sender, referral, "withdrawn").status_code == 303
    assert step(sides.shelter, referral, "accepted").status_code == 409


def test_declining_needs_a_reason_from_the_list(net, sides):
    referral = _sent(net, sides)
    missing = step(sides.shelter, referral, "declined")
    assert missing.status_code == 422
    assert "Choose the reason for declining" in missing.get_data(as_text=True)
    other = step(sides.shelter, referral, "declined", reason="other")
    assert other.status_code == 422 and "Say why" in other.get_data(as_text=True)
    assert step(sides.shelter, referral, "declined", reason="no_capacity",
                note="Full until Friday").status_code == 303
    db.session.refresh(referral)
    assert referral.status == "declined" and referral.decline_reason == "no_capacity"
    assert [e.status for e in referral.events] == ["sent", "received", "declined"]
    html = sides.sender.get("/referrals/outgoing?view=all").get_data(as_text=True)
    assert "No capacity or openings: Full until Friday" in html


def test_answering_from_the_queue_in_one_step_with_htmx_swaps_the_row(net, sides):
    referral = _sent(net, sides)
    row = f"r{referral.id}-"  # the queue is one form: each row's fields carry its prefix
    response = sides.shelter.post(f"/referrals/{referral.id}/status",
                                  data={row + "to": "accepted", "from": "incoming", "next": "/referrals/"},
                                  headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith("<li") and f'id="referral-row-{referral.id}"' in html
    assert "Accepted" in html and "is now accepted" in html  # the status message rides along
    bad = sides.shelter.post(f"/referrals/{referral.id}/status",
                             data={row + "to": "accepted", "from": "incoming"}, headers={"HX-Request": "true"})
    assert bad.status_code == 409 and "cannot be marked accepted" in bad.get_data(as_text=True)
    # Without JavaScript the same form goes back to the queue.
    plain = sides.shelter.post(f"/referrals/{referral.id}/status",
                               data={row + "to": "connected", "from": "incoming", "next": "/referrals/?view=awaiting"})
    assert plain.status_code == 303 and plain.headers["Location"] == "/referrals/?view=awaiting"


def test_follow_up_dates_notes_and_the_overdue_queue(net, sides, monkeypatch):
    referral = _sent(net, sides)
    past = (local_today() - timedelta(days=1)).isoformat()
    refused = sides.sender.post(f"/referrals/{referral.id}/notes",
                                data={"timeline-follow_up_on": past})
    assert refused.status_code == 422 and "cannot be in the past" in refused.get_data(as_text=True)
    empty = sides.sender.post(f"/referrals/{referral.id}/notes", data={})
    assert empty.status_code == 422
    soon = (local_today() + timedelta(days=2)).isoformat()
    assert sides.sender.post(f"/referrals/{referral.id}/notes",
                             data={"timeline-note": "Called twice",
                                   "timeline-follow_up_on": soon}).status_code == 303
    db.session.refresh(referral)
    assert referral.follow_up_on.isoformat() == soon and referral.events[-1].status == "note"
    # Days later nobody has followed up: it is overdue on both sides.
    referral.follow_up_on = local_today() - timedelta(days=1)
    db.session.commit()
    html = sides.shelter.get("/referrals/?view=overdue").get_data(as_text=True)
    assert f"Referral #{referral.id}" in html and "Overdue" in html
    home = sides.sender.get("/").get_data(as_text=True)
    assert "Follow-ups due" in home and f"Referral #{referral.id}" in home


def test_unanswered_referrals_expire(net, sides, app):
    referral = _sent(net, sides)
    fresh = _sent(net, sides)
    referral.sent_at = utcnow() - timedelta(days=app.config["REFERRAL_EXPIRY_DAYS"] + 1)
    db.session.commit()
    html = sides.sender.get("/referrals/outgoing?view=all").get_data(as_text=True)
    db.session.refresh(referral)
    db.session.refresh(fresh)
    assert referral.status == "expired" and referral.follow_up_on is None
    assert fresh.status == "sent"
    assert referral.events[-1].user_id is None and "No answer within 14 days" in referral.events[-1].note
    assert "Expired" in html
    assert step(sides.shelter, referral, "accepted").status_code == 409


def test_a_provider_of_another_organization_can_neither_see_nor_act(net, sides, login_as):
    referral = _sent(net, sides)
    assert sides.outsider.get(f"/referrals/{referral.id}").status_code == 403
    assert step(sides.outsider, referral, "accepted").status_code == 403
    assert sides.outsider.post(f"/referrals/{referral.id}/notes", data={"timeline-note": "x"}).status_code == 403
    for url in ("/referrals/?view=all", "/referrals/outgoing?view=all"):
        assert f"Referral #{referral.id}" not in sides.outsider.get(url).get_data(as_text=True)
    viewer = login_as("viewer", organization=net.shelter)
    assert viewer.get(f"/referrals/{referral.id}").status_code == 403
    assert viewer.get("/referrals/").status_code == 403
    db.session.refresh(referral)
    assert referral.status == "sent"


def test_a_household_is_masked_for_a_receiver_who_may_not_identify_it(net, login_as):
    coordinator = login_as("coordinator")
    assert send(coordinator, service_id=net.full.id, household_id=str(net.north_household.id),
                sender_organization_id=str(net.hospital.id),
                confirmed=_signature_for(coordinator, net)).status_code == 303
    referral = only_referral()
    south_worker = login_as("provider", organization=net.housing, region=net.south)
    html = south_worker.get(f"/referrals/{referral.id}").get_data(as_text=True)
    assert f"Household #{net.north_household.id}" in html and "identity hidden" in html
    assert "Zed" not in html and "Quill" not in html and "R-1" not in html
    assert audit("referral_viewed")


def _signature_for(client, net):
    html = send(client, service_id=net.full.id, household_id=str(net.north_household.id),
                sender_organization_id=str(net.hospital.id)).get_data(as_text=True)
    return re.search(r'name="confirmed" type="hidden" value="([0-9a-f]+)"', html).group(1)


def test_discharge_hand_off_checklist_and_upcoming_discharges(net, sides):
    today = local_today()
    missing = send(sides.sender, kind="discharge", service_id=net.beds.id, person_initials="AB",
                   contact_route="ward 3")
    html = missing.get_data(as_text=True)
    assert missing.status_code == 422
    assert "Name the hospital" in html and "expected discharge date" in html
    assert "Choose the receiving program" in html
    for days in (9, 2, 5):
        assert send(sides.sender, kind="discharge", service_id=net.beds.id, person_initials="AB",
                    contact_route="ward 3", discharging_facility="Cedar Valley Hospital",
                    expected_discharge_on=(today + timedelta(days=days)).isoformat(),
                    receiving_program="shelter", check_medications="y").status_code == 303
    referrals = list(db.session.scalars(select(Referral).order_by(Referral.id)))
    assert all(r.is_discharge and r.check_medications and not r.check_benefits for r in referrals)
    page = sides.shelter.get("/referrals/?view=discharges").get_data(as_text=True)
    dates = [(today + timedelta(days=d)).isoformat() for d in (2, 5, 9)]
    positions = [page.index(d) for d in dates]
    assert positions == sorted(positions)  # soonest first
    home = sides.shelter.get("/").get_data(as_text=True)
    section = home.split("Discharges in the next 7 days")[1]
    assert dates[0] in section and dates[1] in section and dates[2] not in section
    # Either side ticks off the checklist and records a warm hand-off.
    first = referrals[1]
    response = sides.shelter.post(f"/referrals/{first.id}/checklist",
                                  data={"checklist-check_medications": "y",
                                        "checklist-check_transportation": "y",
                                        "checklist-check_staff_contact": "y",
                                        "checklist-warm_handoff": "yes"})
    assert response.status_code == 303
    db.session.refresh(first)
    assert first.check_transportation and first.check_staff_contact and first.warm_handoff is True
    assert not first.check_documents
    assert audit("referral_checklist")
    plain = _sent(net, sides)
    assert sides.shelter.post(f"/referrals/{plain.id}/checklist", data={}).status_code == 409


def test_a_provider_without_an_organization_cannot_send_in_none_s_name(net, login_as):
    loner = login_as("provider", region=net.north)
    response = send(loner, service_id=net.beds.id, person_initials="AB", contact_route="via me")
    assert response.status_code == 422
    assert "belongs to no organization" in response.get_data(as_text=True)


def test_the_household_page_lists_its_referrals_and_offers_one(net, sides, login_as):
    assert send(sides.sender, service_id=net.beds.id,
                household_id=str(net.north_household.id)).status_code == 303
    coordinator = login_as("coordinator")
    html = coordinator.get(f"/conferences/households/{net.north_household.id}").get_data(as_text=True)
    assert "Harbor beds" in html and f"/referrals/new?household={net.north_household.id}" in html


def test_service_page_offers_a_referral_to_staff_only(net, sides, login_as):
    html = sides.sender.get(f"/resources/services/{net.beds.id}").get_data(as_text=True)
    assert f"/referrals/new?service={net.beds.id}" in html
    viewer = login_as("viewer")
    assert "/referrals/new" not in viewer.get(f"/resources/services/{net.beds.id}").get_data(as_text=True)


def test_a_coordinator_narrows_the_queue_to_one_receiving_organization(net, sides, monkeypatch):
    to_shelter = _sent(net, sides)
    assert send(sides.sender, service_id=net.full.id, person_initials="CD", contact_route="via me",
                confirmed=re.search(r'name="confirmed" type="hidden" value="([0-9a-f]+)"', send(
                    sides.sender, service_id=net.full.id, person_initials="CD",
                    contact_route="via me").get_data(as_text=True)).group(1)).status_code == 303
    everything = sides.coordinator.get("/referrals/?view=all").get_data(as_text=True)
    assert f"Referral #{to_shelter.id}" in everything and "Full RRH" in everything
    # A few partners: chosen from a list.
    assert '<option value="%d">Harbor House</option>' % net.shelter.id in everything
    one = sides.coordinator.get(f"/referrals/?view=all&organization={net.shelter.id}").get_data(as_text=True)
    assert f"Referral #{to_shelter.id}" in one and "Full RRH" not in one
    # Many partners: typed by name.
    original = services.receiving_organization_choices
    monkeypatch.setattr(services, "receiving_organization_choices", lambda limit=None: original(limit=1))
    typed = sides.coordinator.get("/referrals/?view=all&organization=southern").get_data(as_text=True)
    assert 'type="text" name="organization"' in typed
    assert "Full RRH" in typed and f"Referral #{to_shelter.id}" not in typed
    nobody = sides.coordinator.get("/referrals/?view=all&organization=no+such+partner").get_data(as_text=True)
    assert "0 referrals" in nobody
