"""Work the list one household at a time: the page opens the first household still missing an
action step, an owner or a date; Record (or Change) opens another, saving what was typed in the
open one first (without JavaScript) or swapping its form in place (htmx); Save opens the next."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from support import field_error, soup, text

from hh.admin.models import AuditEvent
from hh.conferences.models import CaseConference, ConferenceEntry
from hh.extensions import db


def _conference(client, bnl) -> CaseConference:
    client.post("/conferences/meetings/new", data={
        "region_id": bnl.north.id, "held_on": bnl.today.isoformat(), "held_time": "10:00",
        "format": "hybrid", "focus": "highest_priority", "agenda_size": "2"})
    return db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))


def _open(page) -> list[str]:
    """The ids of the households whose form the page shows."""
    return [section["id"] for section in soup(page).select("section.entry")
            if section.select_one("textarea")]


def _record(entry: ConferenceEntry, owner_id: int, today) -> None:
    entry.action_step, entry.responsible_id = "Call the landlord", owner_id
    entry.target_on = today + timedelta(days=7)


def test_the_page_opens_the_first_household_still_missing_something(bnl, login_as, factory):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    first, second = conference.entries
    url = f"/conferences/meetings/{conference.id}/work"
    assert _open(coordinator.get(url)) == [f"entry-{first.id}"]
    owner = factory.user("provider", name="Olive Owner", region=bnl.north)
    _record(first, owner.id, bnl.today)
    db.session.commit()
    page = coordinator.get(url)
    assert _open(page) == [f"entry-{second.id}"]
    # The household done shows what was recorded, its owner by name, and a button to change it.
    assert "Action step Call the landlord Responsible Olive Owner" in text(page, f"#entry-{first.id} dl.facts")
    assert text(page, f"#entry-{first.id} button[name=open]").startswith("Record")
    # The address opens another; with every household done, none is open.
    assert _open(coordinator.get(f"{url}?household={first.id}")) == [f"entry-{first.id}"]
    _record(second, owner.id, bnl.today)
    db.session.commit()
    assert _open(coordinator.get(url)) == []
    # Someone who may read the meeting but not record it gets no form and no button.
    reader = login_as("provider", region=bnl.north)
    page = reader.get(f"{url}?household={first.id}")
    assert page.status_code == 200 and _open(page) == [] and not soup(page).select("main button")


def test_record_saves_what_was_typed_and_opens_that_household(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    first, second = conference.entries
    typed = {f"e{first.id}-follow_up": "Moved in with a cousin", f"e{first.id}-action_step": "",
             f"e{first.id}-barrier_category": "", f"e{first.id}-barrier_note": "",
             f"e{first.id}-responsible_id": "", f"e{first.id}-target_on": ""}
    response = coordinator.post(f"/conferences/meetings/{conference.id}/work",
                                data={**typed, "open": str(second.id)})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/work?household={second.id}#entry-{second.id}")
    assert db.session.get(ConferenceEntry, first.id).follow_up == "Moved in with a cousin"
    page = coordinator.get(response.headers["Location"])
    assert _open(page) == [f"entry-{second.id}"] and "Saved 1 household." in text(page, "#status")
    # Opening another with nothing typed saves nothing and says nothing.
    response = coordinator.post(f"/conferences/meetings/{conference.id}/work",
                                data={"open": str(first.id)})
    assert response.headers["Location"].endswith(f"/work?household={first.id}#entry-{first.id}")
    assert "had changed" not in text(coordinator.get(response.headers["Location"]), "#status")


def test_record_refused_keeps_what_was_typed_in_the_open_household(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    first, second = conference.entries
    typed = {f"e{first.id}-action_step": "Find a voucher", f"e{first.id}-target_on": "next Tuesday"}
    response = coordinator.post(f"/conferences/meetings/{conference.id}/work",
                                data={**typed, "open": str(second.id)})
    assert response.status_code == 422
    assert field_error(response, f"e{first.id}-target_on")
    assert text(response, f"#e{first.id}-action_step") == "Find a voucher"
    assert _open(response) == [f"entry-{first.id}"]
    assert db.session.get(ConferenceEntry, first.id).saved_at is None


def test_htmx_record_swaps_in_that_households_form(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    first, second = conference.entries
    second.follow_up = "Seen at the clinic"
    db.session.commit()
    url = f"/conferences/meetings/{conference.id}/entries/{second.id}"
    before = db.session.scalar(select(db.func.count(AuditEvent.id))
                               .where(AuditEvent.action == "conference_viewed"))
    response = coordinator.get(url, headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in fragment
    assert _open(response) == [f"entry-{second.id}"] and fragment.count("<section") == 1
    assert text(response, f"#e{second.id}-follow_up") == "Seen at the clinic"  # filled from the record
    assert soup(response).select_one("h2").has_attr("autofocus")
    assert response.headers["Cache-Control"] == "no-store"
    assert db.session.scalar(select(db.func.count(AuditEvent.id))
                             .where(AuditEvent.action == "conference_viewed")) == before + 1
    # Without htmx the address is the page with that household open.
    response = coordinator.get(url)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/work?household={second.id}#entry-{second.id}")
    # Only whoever records the meeting gets a form.
    reader = login_as("provider", region=bnl.north)
    assert reader.get(url, headers={"HX-Request": "true"}).status_code == 403
    # A household of another conference is not this one's.
    other = _conference(coordinator, bnl)
    assert coordinator.get(f"/conferences/meetings/{other.id}/entries/{second.id}",
                           headers={"HX-Request": "true"}).status_code == 404
