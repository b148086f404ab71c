"""Issue 6, privacy: an action step becomes an action item on a plan every role reads, so the
item must not carry the scribe's free text (which may name the client); it points to the
conference by internal numbers only."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from hh.conferences.models import CaseConference, ConferenceEntry
from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan

STEP = "Zed Quill (H-100) needs his detox intake at St. Jude before the PSH unit"


def _worked(bnl, login_as):
    coordinator = login_as("coordinator")
    owner = login_as("provider", region=bnl.north)
    coordinator.post("/conferences/meetings/new", data={
        "region_id": bnl.north.id, "held_on": bnl.today.isoformat(), "format": "hybrid",
        "focus": "highest_priority", "agenda_size": "1"})
    conference = db.session.scalar(select(CaseConference))
    entry = conference.entries[0]
    prefix = f"e{entry.id}-"
    response = coordinator.post(f"/conferences/meetings/{conference.id}/entries/{entry.id}", data={
        prefix + "action_step": STEP, prefix + "barrier_note": "Wren Hollow's ex knows the shelter",
        prefix + "responsible_id": str(owner.user.id),
        prefix + "target_on": (bnl.today + timedelta(days=7)).isoformat()})
    assert response.status_code == 303
    return coordinator, owner, db.session.get(ConferenceEntry, entry.id)


def test_the_action_item_carries_no_free_text_and_no_identity(bnl, login_as):
    coordinator, owner, entry = _worked(bnl, login_as)
    item = db.session.get(ActionItem, entry.action_item_id)
    assert item.owner_id == owner.user.id and item.due_on == bnl.today + timedelta(days=7)
    assert item.description.startswith(f"Case-conference action step for Household #{entry.household_id}")
    assert f"conference #{entry.conference_id}" in item.description
    for secret in ("Zed", "Quill", "H-100", "detox", "St. Jude", "Wren"):
        assert secret not in item.description
    # The step is still where it belongs, for those who may read the conference.
    work = coordinator.get(f"/conferences/meetings/{entry.conference_id}/work").get_data(as_text=True)
    assert "detox intake" in work


def test_viewers_and_other_regions_reading_plans_see_no_step_and_no_name(bnl, login_as):
    coordinator, owner, entry = _worked(bnl, login_as)
    item = db.session.get(ActionItem, entry.action_item_id)
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.id == item.plan_id))
    readers = {"viewer": login_as("viewer"), "south provider": login_as("provider", region=bnl.south),
               "owner": owner}
    for who, client in readers.items():
        assert client.get(f"/conferences/meetings/{entry.conference_id}").status_code == (
            200 if who == "owner" else 403)
        pages = [f"/plans/{plan.id}", f"/plans/items/{item.id}", "/plans/my-items", "/plans/"]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, (who, url)
            html = response.get_data(as_text=True)
            for secret in ("detox", "St. Jude", "Zed", "Quill", "H-100", "Wren", "Hollow", "Uma", "Fern"):
                assert secret not in html, (who, url, secret)
    mine = owner.get("/plans/my-items").get_data(as_text=True)
    assert f"Household #{entry.household_id}" in mine
    csv = coordinator.get("/plans/items.csv").get_data(as_text=True)
    assert "detox" not in csv and "Zed" not in csv


def test_the_migration_scrubs_items_written_before_the_fix(bnl, app):
    conference = CaseConference(region=bnl.north, held_at=datetime(2026, 11, 2, 10, 0))
    plan = ActionPlan(title="Case-conference action steps: North", status="active")
    item = ActionItem(plan=plan, status="open",
                      description=f"Household #{bnl.consented.id} (case conference 2026-11-02): {STEP}")
    db.session.add_all([conference, plan, item])
    db.session.flush()
    db.session.add(ConferenceEntry(conference=conference, household_id=bnl.consented.id,
                                   action_step=STEP, action_item_id=item.id))
    other = ActionItem(plan=plan, status="open", description="A plan item typed by hand")
    db.session.add(other)
    db.session.commit()
    directory = app.extensions["migrate"].directory
    downgrade(directory=directory, revision="0008_referrals")
    upgrade(directory=directory)
    db.session.expire_all()
    scrubbed = db.session.get(ActionItem, item.id).description
    assert scrubbed == (f"Case-conference action step for Household #{bnl.consented.id}, agreed at "
                        f"the North case conference of 2026-11-02 (conference #{conference.id}). The "
                        "step itself is on the conference's “Work the list” page, for those who may "
                        "see the household.")
    assert db.session.get(ActionItem, other.id).description == "A plan item typed by hand"
    assert db.session.get(ConferenceEntry, conference.entries[0].id).action_step == STEP
