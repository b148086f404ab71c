"""A conference's attendance and agenda are parts of one page form, each button sending it to its
own route: without JavaScript, an attendee's name typed is still there after a household is moved
or removed, instead of being lost in the redirect."""
from __future__ import annotations

from conference_page_form import page_form, press
from sqlalchemy import select
from support import field_error, soup, text, texts

from hh.conferences.models import CaseConference, ConferenceAttendee, Household
from hh.extensions import db

# The survivor (safety flag) is named only to the entering agency and administrators.
HIDDEN = "Household #"
NOT_SAVED = "What you typed in the page's other forms is still there, not saved yet."


def _conference(client, bnl) -> CaseConference:
    """Planned with the region's two most critical households; a third one may be added."""
    db.session.add(Household(hmis_id="H-105", first_name="Tess", last_name="Rowan",
                             county=bnl.north.counties[0], region=bnl.north, consent=True,
                             added_on=bnl.today, priority_score=5))
    db.session.commit()
    client.post("/conferences/meetings/new", data={
        "region_id": bnl.north.id, "held_on": bnl.today.isoformat(), "held_time": "10:00",
        "format": "hybrid", "focus": "highest_priority", "agenda_size": "2",
        "group_agreements": "Respect."})
    return db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))


def _order(conference: CaseConference) -> list[int]:
    db.session.expire_all()
    return [e.household_id for e in db.session.get(CaseConference, conference.id).entries]


def _attendees(conference: CaseConference) -> list[str]:
    return list(db.session.scalars(select(ConferenceAttendee.name).filter_by(
        conference_id=conference.id)))


def test_attendance_and_agenda_are_one_form_each_button_to_its_own_route(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    url = f"/conferences/meetings/{conference.id}"
    page = coordinator.get(url)
    form = page_form(page)
    first, second = conference.entries
    buttons = {b.get_text(" ", strip=True): (b.get("formaction"), b.get("value"))
               for b in form.select("button")}
    assert buttons == {
        "Add attendee": (url + "/attendees", None),
        "Move down Zed Quill": (url + f"/agenda/{first.id}/move", "down"),
        "Remove Zed Quill": (url + f"/agenda/{first.id}/remove", None),
        f"Move up {HIDDEN}{bnl.survivor.id}": (url + f"/agenda/{second.id}/move", "up"),
        f"Remove {HIDDEN}{bnl.survivor.id}": (url + f"/agenda/{second.id}/remove", None)}
    # Enter in an attendee's field adds the attendee: the form's first button and its action.
    assert form.select_one("button").get_text(strip=True) == "Add attendee"
    assert form["action"] == url + "/attendees"
    ids = [tag["id"] for tag in soup(page).select("[id]")]
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_moving_a_household_keeps_the_attendee_typed_but_not_added(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    page = coordinator.get(f"/conferences/meetings/{conference.id}")
    url, data = press(page, f"Move up {HIDDEN}{bnl.survivor.id}", name="Dana Reyes", pronouns="she/her",
                      organization="Harbor House", role="scribe")
    response = coordinator.post(url, data=data)
    # The move is saved...
    assert response.status_code == 200
    assert _order(conference) == [bnl.survivor.id, bnl.consented.id]
    assert texts(response, "td[data-label=Household]") == [f"{HIDDEN}{bnl.survivor.id}",
                                                           "Zed Quill"]
    # ...and the attendee typed in the other part is on the page, as typed, not saved.
    assert _attendees(conference) == []
    form = soup(response)
    assert (form.select_one("#name")["value"], form.select_one("#pronouns")["value"],
            form.select_one("#organization")["value"]) == ("Dana Reyes", "she/her", "Harbor House")
    assert form.select_one("#role option[selected]")["value"] == "scribe"
    assert NOT_SAVED in text(response, "#status")


def test_with_nothing_typed_elsewhere_it_goes_back_to_the_page(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    url = f"/conferences/meetings/{conference.id}"
    action, data = press(coordinator.get(url), "Move down Zed Quill")
    response = coordinator.post(action, data=data)
    assert (response.status_code, response.headers["Location"]) == (303, url + "#agenda")
    assert _order(conference) == [bnl.survivor.id, bnl.consented.id]
    action, data = press(coordinator.get(url), "Add attendee", name="Dana Reyes")
    response = coordinator.post(action, data=data)
    assert (response.status_code, response.headers["Location"]) == (303, url + "#attendees")
    assert _attendees(conference) == ["Dana Reyes"]
    page = coordinator.get(url)
    assert NOT_SAVED not in text(page)


def test_a_refused_attendee_comes_back_as_typed(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    page = coordinator.get(f"/conferences/meetings/{conference.id}")
    url, data = press(page, "Add attendee", name="", organization="Harbor House")
    response = coordinator.post(url, data=data)
    assert response.status_code == 422
    assert field_error(response, "name") == "Enter the person's name."
    assert soup(response).select_one("#organization")["value"] == "Harbor House"
    assert _attendees(conference) == [] and len(_order(conference)) == 2
