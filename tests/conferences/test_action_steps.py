"""A conference's action step is precise and time-bound (the deck's "barrier, action step, who,
by when"): a step without an owner or a date is refused next to those fields, nothing typed is
lost; clearing or changing the step keeps its action item in step, audited."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from support import field_error, text

from hh.admin.models import AuditEvent
from hh.conferences.models import CaseConference, ConferenceEntry
from hh.extensions import db
from hh.plans.models import ActionItem


def _meeting(bnl, client):
    client.post("/conferences/meetings/new", data={
        "region_id": bnl.north.id, "held_on": bnl.today.isoformat(), "held_time": "10:00",
        "format": "hybrid", "focus": "highest_priority", "agenda_size": "1"})
    conference = db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))
    entry = conference.entries[0]
    return f"/conferences/meetings/{conference.id}/entries/{entry.id}", f"e{entry.id}-", entry.id


def _events(action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_a_step_without_owner_or_date_is_refused_next_to_those_fields(bnl, login_as):
    coordinator = login_as("coordinator")
    url, p, entry_id = _meeting(bnl, coordinator)
    response = coordinator.post(url, data={p + "follow_up": "Met the landlord",
                                           p + "action_step": "Call the housing authority"})
    assert response.status_code == 422
    assert field_error(response, p + "responsible_id") == "Say who will do this step."
    assert field_error(response, p + "target_on") == "Give a date by when."
    # Nothing typed is lost, nothing is saved, no item is made.
    assert text(response, f"#{p}action_step") == "Call the housing authority"
    assert text(response, f"#{p}follow_up") == "Met the landlord"
    assert db.session.get(ConferenceEntry, entry_id).saved_at is None
    assert db.session.scalar(select(db.func.count(ActionItem.id))) == 0
    # With htmx the household's own section comes back with the same messages.
    fragment = coordinator.post(url, headers={"HX-Request": "true"}, data={
        p + "action_step": "Call the housing authority",
        p + "responsible_id": str(coordinator.user.id)})
    assert fragment.status_code == 422
    assert field_error(fragment, p + "target_on") == "Give a date by when."
    assert not field_error(fragment, p + "responsible_id")


def test_a_household_talked_about_without_a_step_still_saves(bnl, login_as):
    coordinator = login_as("coordinator")
    url, p, entry_id = _meeting(bnl, coordinator)
    assert coordinator.post(url, data={p + "follow_up": "No news this week"}).status_code == 303
    assert db.session.get(ConferenceEntry, entry_id).follow_up == "No news this week"


def _save_step(client, url, p, owner_id, days=14, step="Request ID documents"):
    bnl_today = db.session.get(ConferenceEntry, int(p[1:-1])).conference.held_at.date()
    return client.post(url, data={p + "action_step": step, p + "responsible_id": str(owner_id),
                                  p + "target_on": (bnl_today + timedelta(days=days)).isoformat()})


def test_clearing_the_step_drops_its_action_item(bnl, login_as):
    coordinator = login_as("coordinator")
    owner = login_as("provider", region=bnl.north)
    url, p, entry_id = _meeting(bnl, coordinator)
    assert _save_step(coordinator, url, p, owner.user.id).status_code == 303
    item_id = db.session.get(ConferenceEntry, entry_id).action_item_id
    assert "Household #" in text(owner.get("/plans/my-items"))

    # The scribe clears the step (the owner may stay picked): the item is no one's job any more.
    response = coordinator.post(url, data={p + "action_step": "",
                                           p + "responsible_id": str(owner.user.id)})
    assert response.status_code == 303
    item = db.session.get(ActionItem, item_id)
    assert item.status == "dropped" and not item.is_open
    assert item.updates[-1].status_change == "Status: Dropped"
    assert "cleared at the case conference" in item.updates[-1].body
    assert [e.object_id for e in _events("item_status_changed")] == [str(item_id)]
    assert _events("item_status_changed")[0].user_id == coordinator.user.id
    assert "Household #" not in text(owner.get("/plans/my-items"))

    # A new step brings the same item back, open.
    again = _save_step(coordinator, url, p, owner.user.id, step="Book the ID appointment")
    assert again.status_code == 303
    item = db.session.get(ActionItem, item_id)
    assert item.status == "open" and item.updates[-1].status_change == "Status: Open"
    assert db.session.scalar(select(db.func.count(ActionItem.id))) == 1


def test_changing_owner_or_date_moves_the_item_with_it(bnl, login_as):
    coordinator = login_as("coordinator")
    first = login_as("provider", region=bnl.north)
    second = login_as("provider", region=bnl.north)
    url, p, entry_id = _meeting(bnl, coordinator)
    _save_step(coordinator, url, p, first.user.id)
    item_id = db.session.get(ConferenceEntry, entry_id).action_item_id
    assert [e.object_id for e in _events("item_created")] == [str(item_id)]
    assert _save_step(coordinator, url, p, second.user.id, days=21).status_code == 303
    item = db.session.get(ActionItem, item_id)
    entry = db.session.get(ConferenceEntry, entry_id)
    assert item.owner_id == second.user.id and item.due_on == entry.target_on and item.is_open
    assert [e.object_id for e in _events("item_updated")] == [str(item_id)]
    assert "Household #" not in text(first.get("/plans/my-items"))
    assert "Household #" in text(second.get("/plans/my-items"))


def test_a_done_item_reopens_only_for_a_new_step(bnl, login_as):
    coordinator = login_as("coordinator")
    owner = login_as("provider", region=bnl.north)
    url, p, entry_id = _meeting(bnl, coordinator)
    _save_step(coordinator, url, p, owner.user.id)
    item_id = db.session.get(ConferenceEntry, entry_id).action_item_id
    done = owner.post(f"/plans/items/{item_id}/status", data={f"i{item_id}-status": "done"})
    assert done.status_code in (200, 303)
    assert db.session.get(ActionItem, item_id).status == "done"
    _save_step(coordinator, url, p, owner.user.id)  # the same step saved again: still done
    assert db.session.get(ActionItem, item_id).status == "done"
    _save_step(coordinator, url, p, owner.user.id, step="Sign the lease")
    assert db.session.get(ActionItem, item_id).status == "open"
