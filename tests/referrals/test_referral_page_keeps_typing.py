"""Nothing typed is lost on the referral page and in the queues without JavaScript: the page's
checklist, next step and note are one form, as are a queue's rows. Pressing one part's (or one
row's) button saves only that part; text typed into another comes back on the page, not saved,
with a message saying so. With nothing typed elsewhere it is the usual 303."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import select
from support import form_values, soup, text

from hh.extensions import db
from hh.referrals.models import Referral, ReferralEvent
from hh.timeutil import local_today

NOT_SAVED = "What you typed in the page's other forms is still there, not saved yet."


def _sent(net, client, **fields) -> Referral:
    data = {"kind": "referral", "urgency": "routine", "consent": "y", "notes": "Needs a bed.",
            "service_id": net.beds.id, "person_initials": "AB", "contact_route": "via me"}
    assert client.post("/referrals/new", data=data | fields).status_code == 303
    return db.session.scalars(select(Referral).order_by(Referral.id.desc())).first()


def _hand_off(net, sides) -> Referral:
    return _sent(net, sides.sender, kind="discharge", discharging_facility="Cedar Valley Hospital",
                 expected_discharge_on=(local_today() + timedelta(days=3)).isoformat(),
                 receiving_program="shelter")


def _form(page, selector: str):
    forms = soup(page).select(selector)
    assert len(forms) == 1, f"{len(forms)} forms match {selector}"
    return forms[0]


def press(client, page, selector: str, button: str, typed: dict):
    """What a browser without JavaScript sends: every field of the page's one form as shown, with
    `typed` typed in, and the pressed button's own name and value, to its formaction."""
    form = _form(page, selector)
    data = form_values(form)
    pressed = [b for b in form.select("button") if " ".join(b.get_text().split()) == button]
    assert len(pressed) == 1, f"{len(pressed)} buttons named {button!r}"
    if pressed[0].get("name"):
        data[pressed[0]["name"]] = pressed[0].get("value", "")
    return client.post(pressed[0]["formaction"], data=data | typed)


def _events(referral: Referral) -> list[str]:
    return list(db.session.scalars(select(ReferralEvent.status).where(
        ReferralEvent.referral_id == referral.id).order_by(ReferralEvent.id)))


# --- The referral page ----------------------------------------------------------------------------


def test_the_page_is_one_form_whose_parts_have_their_own_names(net, sides):
    referral = _hand_off(net, sides)
    page = sides.shelter.get(f"/referrals/{referral.id}")
    form = _form(page, "main form[method=post]")
    # Its first button sends nothing (Enter in a field cannot tell which part it means).
    assert form.select_one("button")["formmethod"] == "dialog"
    buttons = {" ".join(b.get_text().split()): b.get("formaction")
               for b in form.select("button")[1:]}
    assert buttons == {"Save the checklist": f"/referrals/{referral.id}/checklist",
                       "Save the step": f"/referrals/{referral.id}/status",
                       "Add to the timeline": f"/referrals/{referral.id}/notes"}
    ids = Counter(tag["id"] for tag in soup(page).select("[id]"))
    assert not [i for i, n in ids.items() if n > 1], "every id once on the page"
    names = {control["name"] for control in form.select("[name]") if control.name != "button"}
    assert {"note", "timeline-note", "follow_up_on", "timeline-follow_up_on",
            "checklist-warm_handoff", "checklist-check_medications"} <= names
    # Only the step renders the unprefixed token (the others render their own, prefixed).
    assert [n for n in names if n.endswith("csrf_token")].count("csrf_token") <= 1


def test_saving_the_checklist_keeps_the_note_typed_on_the_timeline(net, sides):
    referral = _hand_off(net, sides)
    page = sides.shelter.get(f"/referrals/{referral.id}")
    response = press(sides.shelter, page, "main form[method=post]", "Save the checklist", {
        "checklist-check_transportation": "y", "checklist-warm_handoff": "yes",
        "timeline-note": "Called the ward: discharge moved to Friday"})
    assert response.status_code == 200
    db.session.refresh(referral)
    assert referral.check_transportation and referral.warm_handoff is True  # the checklist saved
    assert "note" not in _events(referral)  # the note did not
    assert "Checklist saved." in text(response, "#status") and NOT_SAVED in text(response, "#status")
    assert text(response, "#timeline-note") == "Called the ward: discharge moved to Friday"
    # The saved part is shown as saved.
    assert soup(response).select_one("#checklist-check_transportation").has_attr("checked")


def test_adding_a_note_keeps_the_step_typed_and_a_step_keeps_the_note(net, sides):
    referral = _hand_off(net, sides)
    page = sides.shelter.get(f"/referrals/{referral.id}")
    response = press(sides.shelter, page, "main form[method=post]", "Add to the timeline", {
        "timeline-note": "Left a message for the charge nurse",
        "to": "declined", "reason": "no_capacity", "note": "Full until Friday"})
    assert response.status_code == 200
    db.session.refresh(referral)
    assert referral.status == "received" and _events(referral)[-1] == "note"
    assert referral.events[-1].note == "Left a message for the charge nurse"
    assert NOT_SAVED in text(response, "#status")
    parsed = soup(response)
    assert parsed.select_one("#to-declined").has_attr("checked")
    assert parsed.select_one("#reason option[selected]")["value"] == "no_capacity"
    assert text(response, "#note") == "Full until Friday"
    assert text(response, "#timeline-note") == ""  # the saved note is not offered again

    response = press(sides.shelter, response, "main form[method=post]", "Save the step", {
        "to": "accepted", "reason": "", "note": "", "timeline-note": "Bring the medication list"})
    assert response.status_code == 200
    db.session.refresh(referral)
    assert referral.status == "accepted" and _events(referral)[-2:] == ["note", "accepted"]
    assert text(response, "#timeline-note") == "Bring the medication list"
    assert f"{referral.reference} is now accepted." in text(response, "#status")
    # The step's own fields are fresh for the next step.
    assert text(response, "#note") == "" and soup(response).select_one("#scheduled_on")


def test_with_nothing_typed_elsewhere_each_part_goes_back_to_the_page(net, sides):
    referral = _hand_off(net, sides)
    page = sides.shelter.get(f"/referrals/{referral.id}")
    url = f"/referrals/{referral.id}"
    for button, typed, anchor in (
            ("Save the checklist", {"checklist-check_documents": "y"}, "#checklist"),
            ("Add to the timeline", {"timeline-note": "Called"}, "#timeline"),
            ("Save the step", {"to": "accepted"}, "")):
        response = press(sides.shelter, page, "main form[method=post]", button, typed)
        assert response.status_code == 303, button
        assert response.headers["Location"] == url + anchor
        page = sides.shelter.get(url)
    db.session.refresh(referral)
    assert referral.check_documents and referral.status == "accepted"
    assert _events(referral)[-2:] == ["note", "accepted"]


def test_a_refused_part_comes_back_with_every_part_as_typed(net, sides):
    referral = _hand_off(net, sides)
    page = sides.shelter.get(f"/referrals/{referral.id}")
    response = press(sides.shelter, page, "main form[method=post]", "Save the step", {
        "to": "declined", "reason": "", "timeline-note": "Waiting for the ward's call",
        "checklist-check_benefits": "y"})
    assert response.status_code == 422
    assert "Choose the reason for declining." in text(response, "#error-summary")
    assert text(response, "#timeline-note") == "Waiting for the ward's call"
    assert soup(response).select_one("#checklist-check_benefits").has_attr("checked")
    db.session.refresh(referral)
    assert referral.status == "received" and not referral.check_benefits


# --- The queues -----------------------------------------------------------------------------------


def test_a_queue_is_one_form_each_row_with_its_own_fields(net, sides):
    first, second = _sent(net, sides.sender), _sent(net, sides.sender)
    page = sides.shelter.get("/referrals/?view=new")
    form = _form(page, "main form[method=post]")
    assert form.select_one("button")["formmethod"] == "dialog"  # Enter in a field sends nothing
    for referral in (first, second):
        row = form.select_one(f"#referral-row-{referral.id}")
        assert row.select_one(f"select[name=r{referral.id}-reason]")
        accept = row.select_one("button[value=accepted]")
        assert accept["name"] == f"r{referral.id}-to"
        assert accept["formaction"] == accept["hx-post"] == \
            f"/referrals/{referral.id}/status?view=new"
    ids = Counter(tag["id"] for tag in soup(page).select("[id]"))
    assert not [i for i, n in ids.items() if n > 1], "every id once on the page"


def test_accepting_one_row_keeps_the_reason_typed_in_another(net, sides):
    first, second = _sent(net, sides.sender), _sent(net, sides.sender)
    page = sides.shelter.get("/referrals/?view=new")
    response = press(sides.shelter, page, "main form[method=post]",
                     f"Accept {second.reference}", {
                         f"r{first.id}-reason": "other", f"r{first.id}-note": "Only takes women"})
    assert response.status_code == 200
    db.session.refresh(first)
    db.session.refresh(second)
    assert second.status == "accepted" and first.status == "sent"
    assert f"{second.reference} is now accepted." in text(response, "#status")
    assert NOT_SAVED in text(response, "#status")
    row = soup(response).select_one(f"#referral-row-{first.id}")
    assert row.select_one("details").has_attr("open")  # the typed reason shows
    assert row.select_one(f"#r{first.id}-reason option[selected]")["value"] == "other"
    assert row.select_one(f"#r{first.id}-note")["value"] == "Only takes women"
    # The same queue (its view in the step's URL): the accepted one has left "new".
    assert soup(response).select_one(f"#referral-row-{second.id}") is None
    # Declining it then saves that row.
    response = press(sides.shelter, response, "main form[method=post]",
                     f"Decline {first.reference}", {})
    assert response.status_code == 303 and response.headers["Location"] == "/referrals/?view=new"
    db.session.refresh(first)
    assert (first.status, first.decline_reason, first.decline_note) == \
        ("declined", "other", "Only takes women")


def test_a_row_with_nothing_typed_elsewhere_goes_back_to_the_queue(net, sides):
    first, second = _sent(net, sides.sender), _sent(net, sides.sender)
    page = sides.shelter.get("/referrals/?view=new")
    response = press(sides.shelter, page, "main form[method=post]", f"Accept {first.reference}", {})
    assert response.status_code == 303 and response.headers["Location"] == "/referrals/?view=new"
    db.session.refresh(first)
    assert first.status == "accepted" and second.status == "sent"


def test_a_refused_row_comes_back_in_its_queue_with_every_row_as_typed(net, sides):
    first, second = _sent(net, sides.sender), _sent(net, sides.sender)
    page = sides.shelter.get("/referrals/?view=new")
    response = press(sides.shelter, page, "main form[method=post]",
                     f"Decline {first.reference}", {f"r{second.id}-note": "Ask about pets"})
    assert response.status_code == 422
    assert "Choose the reason for declining." in text(response, f"#referral-row-{first.id}")
    assert soup(response).select_one(f"#r{second.id}-note")["value"] == "Ask about pets"
    assert soup(response).select_one("h1").get_text() == "Incoming referrals"
    db.session.refresh(first)
    assert first.status == "sent"


def test_a_note_typed_under_decline_does_not_ride_along_with_accept(net, sides):
    referral = _sent(net, sides.sender)
    page = sides.shelter.get("/referrals/?view=new")
    press(sides.shelter, page, "main form[method=post]", f"Accept {referral.reference}",
          {f"r{referral.id}-note": "Not for us"})
    db.session.refresh(referral)
    assert referral.status == "accepted" and referral.events[-1].note == ""


def test_the_queue_comes_back_with_its_view_and_filter(net, sides):
    first, second = _sent(net, sides.sender), _sent(net, sides.sender)
    url = f"/referrals/?view=all&organization={net.shelter.id}"
    page = sides.coordinator.get(url)
    response = press(sides.coordinator, page, "main form[method=post]",
                     f"Accept {first.reference}", {f"r{second.id}-note": "Call first"})
    assert response.status_code == 200
    parsed = soup(response)
    assert parsed.select_one("#organization option[selected]")["value"] == str(net.shelter.id)
    assert parsed.select_one("input[name=next]")["value"] == url
    assert parsed.select_one(f"#r{second.id}-note")["value"] == "Call first"
    # Nothing typed: back to the same filtered queue.
    response = press(sides.coordinator, response, "main form[method=post]",
                     f"Connected {first.reference}", {f"r{second.id}-note": ""})
    assert response.status_code == 303 and response.headers["Location"] == url
