"""Adding a household to a conference's agenda: a page of its own lists the region's next most
critical households not on the agenda yet, each with an Add button (the meeting page links to
it, and no longer reads the candidates on every view)."""
from __future__ import annotations

from sqlalchemy import select
from support import field_error, links, soup, text, texts

from hh.conferences.models import CaseConference
from hh.extensions import db


def _conference(client, bnl) -> CaseConference:
    client.post("/conferences/meetings/new", data={
        "region_id": bnl.north.id, "held_on": bnl.today.isoformat(), "held_time": "10:00",
        "format": "hybrid", "focus": "highest_priority", "agenda_size": "1"})
    return db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))


def test_the_add_page_lists_candidates_and_adds_one(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    url = f"/conferences/meetings/{conference.id}"
    meeting = coordinator.get(url)
    assert links(meeting)["Add a household to the agenda"] == url + "/agenda"
    assert not soup(meeting).select("select[name=household_id]")
    page = coordinator.get(url + "/agenda")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    rows = texts(page, "tbody tr")
    # Only the region's active, consenting households not on the agenda; the survivor masked.
    assert len(rows) == 1 and rows[0].startswith(f"Household #{bnl.survivor.id} 16 ")
    button = soup(page).select_one("tbody button")
    assert (button["name"], button["value"]) == ("household_id", str(bnl.survivor.id))
    response = coordinator.post(url + "/agenda", data={"household_id": bnl.survivor.id})
    assert (response.status_code, response.headers["Location"]) == (303, url + "#agenda")
    assert "Added to the agenda." in text(coordinator.get(url), "#status")
    assert [e.household_id for e in db.session.get(CaseConference, conference.id).entries] == [
        bnl.consented.id, bnl.survivor.id]
    assert "Every household of the region" in text(coordinator.get(url + "/agenda"), "main")


def test_a_refused_household_is_said_on_the_add_page(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    url = f"/conferences/meetings/{conference.id}/agenda"
    response = coordinator.post(url, data={"household_id": bnl.southern.id})  # another region
    assert response.status_code == 422
    assert field_error(response, "household_id")
    assert text(response, "#error-summary a") == field_error(response, "household_id")
    assert soup(response).title.get_text().startswith("Error: ")
    assert texts(response, "tbody tr")  # the candidates are still listed
    assert len(db.session.get(CaseConference, conference.id).entries) == 1


def test_only_coordinators_add(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    provider = login_as("provider", region=bnl.north)
    assert "Add a household" not in text(provider.get(f"/conferences/meetings/{conference.id}"))
    assert provider.get(f"/conferences/meetings/{conference.id}/agenda").status_code == 403
