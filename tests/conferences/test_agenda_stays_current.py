"""A household housed (or made inactive, or set aside) after a meeting no longer appears on the
next conference's agenda; past meetings keep every household they worked (their history), and a
household that comes back to the active list comes back to the agenda."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from support import text, texts

from hh.conferences.models import CaseConference, ConferenceEntry
from hh.extensions import db


def _worked_meeting(bnl, coordinator):
    """Last week's meeting with Zed Quill and Wren Hollow, Zed's entry recorded, and the next
    meeting planned from it (both carried forward)."""
    held = bnl.today - timedelta(days=7)
    coordinator.post("/conferences/meetings/new", data={
        "region_id": bnl.north.id, "held_on": held.isoformat(), "held_time": "10:00",
        "format": "hybrid", "focus": "highest_priority", "agenda_size": "2"})
    last = db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))
    first = last.entries[0]
    p = f"e{first.id}-"
    assert coordinator.post(f"/conferences/meetings/{last.id}/entries/{first.id}", data={
        p + "action_step": "Book the unit viewing", p + "responsible_id": str(coordinator.user.id),
        p + "target_on": bnl.today.isoformat()}).status_code == 303
    coordinator.post(f"/conferences/meetings/{last.id}/next")
    following = db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))
    assert following.id != last.id
    return last, following


def agenda(page) -> str:
    """The words of the agenda section (not the list movement above it)."""
    return text(page, "section[aria-labelledby=agenda] table")


def test_a_household_housed_after_the_meeting_leaves_the_next_agenda(bnl, login_as):
    coordinator = login_as("coordinator")
    last, following = _worked_meeting(bnl, coordinator)
    url = f"/conferences/meetings/{following.id}"
    assert "Zed Quill" in agenda(coordinator.get(url))
    # Zed moves in after last week's meeting.
    response = coordinator.post(f"/conferences/households/{bnl.consented.id}/housed",
                                data={"move_in_on": bnl.today.isoformat()})
    assert response.status_code == 303
    meeting = coordinator.get(url)
    survivor = f"Household #{bnl.survivor.id}"  # a survivor: the coordinator reads the number
    assert "Zed Quill" not in agenda(meeting) and survivor in agenda(meeting)
    assert agenda(meeting).startswith("1 households")
    work = coordinator.get(url + "/work")
    assert "Zed Quill" not in text(work, "main") and f"1. {survivor}" in text(work, "main")
    # The list of meetings counts the same (latest first; last week's keeps both).
    assert [row.split()[-1] for row in texts(coordinator.get("/conferences/meetings"),
                                              "tbody tr")] == ["1", "2"]
    assert "Zed Quill" not in text(coordinator.get(url + "/summary"), "main")
    assert "Zed Quill" not in text(coordinator.get(url + "/minutes"), "main")
    # History: last week's meeting still shows Zed, with the step agreed for him.
    past = text(coordinator.get(f"/conferences/meetings/{last.id}/minutes"), "main")
    assert "Zed Quill" in past and "Book the unit viewing" in past
    # The entry itself is kept: if Zed comes back to the list, he is back on the agenda.
    assert db.session.scalar(select(db.func.count(ConferenceEntry.id))
                             .where(ConferenceEntry.conference_id == following.id)) == 2
    coordinator.post(f"/conferences/households/{bnl.consented.id}/reactivate")
    assert "Zed Quill" in agenda(coordinator.get(url))


def test_inactive_or_set_aside_households_leave_it_too(bnl, login_as):
    coordinator = login_as("coordinator")
    _, following = _worked_meeting(bnl, coordinator)
    url = f"/conferences/meetings/{following.id}"
    coordinator.post(f"/conferences/households/{bnl.consented.id}/inactive",
                     data={"reason": "Moved out of the CoC"})
    coordinator.post(f"/conferences/households/{bnl.survivor.id}/pause",
                     data={"pause_reason": "In treatment until March",
                           "revisit_on": (bnl.today + timedelta(days=60)).isoformat()})
    assert agenda(coordinator.get(url)).startswith("0 households")
    assert "No households on the agenda" in agenda(coordinator.get(url))


def test_a_household_recorded_at_todays_meeting_stays_in_its_minutes(bnl, login_as):
    coordinator = login_as("coordinator")
    _, following = _worked_meeting(bnl, coordinator)
    entry = following.entries[0]
    p = f"e{entry.id}-"
    coordinator.post(f"/conferences/meetings/{following.id}/entries/{entry.id}", data={
        p + "follow_up": "Keys handed over today"})
    coordinator.post(f"/conferences/households/{entry.household_id}/housed",
                     data={"move_in_on": bnl.today.isoformat()})
    minutes = text(coordinator.get(f"/conferences/meetings/{following.id}/minutes"), "main")
    assert "Zed Quill" in minutes and "Keys handed over today" in minutes


def test_planning_the_next_meeting_skips_households_set_aside(bnl, login_as):
    coordinator = login_as("coordinator")
    last, following = _worked_meeting(bnl, coordinator)
    coordinator.post(f"/conferences/households/{bnl.consented.id}/pause",
                     data={"pause_reason": "In treatment until March",
                           "revisit_on": (bnl.today + timedelta(days=60)).isoformat()})
    coordinator.post(f"/conferences/meetings/{following.id}/next")
    after = db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))
    assert after.id != following.id
    assert bnl.consented.id not in {e.household_id for e in after.entries}
    assert bnl.survivor.id in {e.household_id for e in after.entries}
