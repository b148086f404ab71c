"""Case conferences: the proposed agenda, add/remove/reorder, working the list (htmx and plain),
action steps as action items, the after-meeting check, carry-forward, minutes, learning loop."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from support import field_error, soup, text

from hh.admin.models import AuditEvent
from hh.conferences import meetings
from hh.conferences.models import CaseConference, ConferenceEntry, Household
from hh.extensions import db
from hh.needs.models import Need
from hh.plans.models import ActionItem


def _plan(client, bnl, **extra):
    data = {"region_id": bnl.north.id, "held_on": bnl.today.isoformat(), "held_time": "10:00",
            "format": "hybrid", "focus": "highest_priority", "agenda_size": "10",
            "group_agreements": "Respect and dignity."}
    data.update(extra)
    return client.post("/conferences/meetings/new", data=data)


def _conference() -> CaseConference:
    return db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))


def test_agenda_takes_active_consenting_households_of_the_region_most_critical_first(bnl, app):
    # A tie on score breaks by days on the list, then by the older record.
    tie_old = Household(hmis_id="T-1", first_name="Tie", last_name="Old", county=bnl.north.counties[0],
                        region=bnl.north, consent=True, priority_score=19,
                        added_on=bnl.today - timedelta(days=90))
    tie_same = Household(hmis_id="T-2", first_name="Tie", last_name="Same", county=bnl.north.counties[0],
                         region=bnl.north, consent=True, priority_score=19,
                         added_on=bnl.today - timedelta(days=30))
    db.session.add_all([tie_old, tie_same])
    db.session.commit()
    agenda = meetings.propose_agenda(bnl.north.id, 10)
    # Not: no consent, expired consent, housed, the other region.
    assert [h.hmis_id for h in agenda] == ["T-1", "H-100", "T-2", "H-103"]
    assert [h.hmis_id for h in meetings.propose_agenda(bnl.north.id, 2)] == ["T-1", "H-100"]


def test_planning_a_conference_proposes_the_agenda(bnl, login_as):
    client = login_as("coordinator")
    response = _plan(client, bnl, agenda_size="1")
    assert response.status_code == 303
    conference = _conference()
    assert [e.household.hmis_id for e in conference.entries] == ["H-100"]
    assert (conference.format, conference.group_agreements) == ("hybrid", "Respect and dignity.")
    page = text(client.get(response.headers["Location"]))
    assert "Respect and dignity." in page and "Zed Quill" in page


def test_a_new_conference_proposes_the_trainings_group_agreements(bnl, login_as):
    form = login_as("coordinator").get("/conferences/meetings/new")
    agreements = soup(form).select_one("textarea[name=group_agreements]").get_text().strip()
    assert agreements.startswith("We're here representing housing resources across the system")
    assert "Housing First principles" in agreements and len(agreements.splitlines()) == 3


def test_conference_form_refuses_bad_input(bnl, login_as):
    client = login_as("coordinator")
    for bad in ({"region_id": "999"}, {"region_id": "abc"}, {"held_on": ""}, {"held_on": "31/31/2020"},
                {"format": "telepathy"}, {"agenda_size": "500"}, {"agenda_size": "many"},
                {"facilitator_id": "99999"}, {"group_agreements": "x" * 6000}):
        response = _plan(client, bnl, **bad)
        assert response.status_code == 422, bad
        assert field_error(response, next(iter(bad))), bad  # the message is next to the field
    assert db.session.scalar(select(db.func.count(CaseConference.id))) == 0


def test_add_remove_reorder(bnl, login_as):
    client = login_as("coordinator")
    _plan(client, bnl, agenda_size="1")
    conference = _conference()
    url = f"/conferences/meetings/{conference.id}"
    # Only active, consenting households of the region can be added.
    for household in (bnl.no_consent, bnl.housed, bnl.southern):
        response = client.post(url + "/agenda", data={"household_id": household.id})
        assert response.status_code == 422
    assert client.post(url + "/agenda", data={"household_id": "junk"}).status_code == 422
    assert client.post(url + "/agenda", data={"household_id": bnl.survivor.id}).status_code == 303
    conference = db.session.get(CaseConference, conference.id)
    assert [e.household_id for e in conference.entries] == [bnl.consented.id, bnl.survivor.id]
    second = conference.entries[1]
    client.post(url + f"/agenda/{second.id}/move", data={"direction": "up"})
    db.session.expire_all()
    assert [e.household_id for e in _conference().entries] == [bnl.survivor.id, bnl.consented.id]
    client.post(url + f"/agenda/{second.id}/move", data={"direction": "sideways"})
    client.post(url + f"/agenda/{second.id}/remove")
    db.session.expire_all()
    assert [e.household_id for e in _conference().entries] == [bnl.consented.id]
    assert db.session.get(Household, bnl.survivor.id) is not None  # still on the list


def test_work_the_list_saves_each_household_and_makes_an_action_item(bnl, login_as):
    coordinator = login_as("coordinator")
    owner = login_as("provider", region=bnl.north).user
    _plan(coordinator, bnl, agenda_size="2")
    conference = _conference()
    entry = conference.entries[0]
    page = coordinator.get(f"/conferences/meetings/{conference.id}/work")
    html = page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store" and 'hx-history="false"' in html
    assert f'hx-post="/conferences/meetings/{conference.id}/entries/{entry.id}"' in html
    prefix = f"e{entry.id}-"
    data = {prefix + "follow_up": "Visited the unit", prefix + "barrier_category": "documents",
            prefix + "barrier_note": "Birth certificate", prefix + "action_step": "Request ID documents",
            prefix + "responsible_id": str(owner.id),
            prefix + "target_on": (bnl.today + timedelta(days=14)).isoformat()}
    # htmx: only this household's section comes back.
    response = coordinator.post(f"/conferences/meetings/{conference.id}/entries/{entry.id}", data=data,
                                headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and "Saved." in fragment and "<html" not in fragment
    assert fragment.count('<section id="entry-') == 1
    entry = db.session.get(ConferenceEntry, entry.id)
    assert (entry.barrier_category, entry.action_step, entry.responsible_id) == (
        "documents", "Request ID documents", owner.id)
    item = db.session.get(ActionItem, entry.action_item_id)
    assert item.owner_id == owner.id and item.due_on == bnl.today + timedelta(days=14)
    # Plans are read by every role: the item points to the conference, the step stays there.
    assert "Request ID documents" not in item.description and "Zed" not in item.description
    assert f"Household #{entry.household_id}" in item.description
    # Shown as recorded, with a button to change it (the household is done for now).
    assert "Request ID documents" in fragment and f'name="{prefix}action_step"' not in fragment
    assert f'hx-get="/conferences/meetings/{conference.id}/entries/{entry.id}"' in fragment
    # Saving again updates the same item; without JavaScript the answer is the page with the
    # next household open.
    data[prefix + "action_step"] = "Request birth certificate"
    response = coordinator.post(f"/conferences/meetings/{conference.id}/entries/{entry.id}", data=data)
    following = conference.entries[1].id
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/work?household={following}#entry-{following}")
    assert db.session.scalar(select(db.func.count(ActionItem.id))) == 1
    assert "birth certificate" not in db.session.get(ActionItem, item.id).description
    assert db.session.get(ConferenceEntry, entry.id).action_step == "Request birth certificate"


def test_bad_entry_input_is_refused_and_nothing_is_lost(bnl, login_as):
    coordinator = login_as("coordinator")
    _plan(coordinator, bnl, agenda_size="2")
    conference = _conference()
    entry = conference.entries[0]
    prefix = f"e{entry.id}-"
    url = f"/conferences/meetings/{conference.id}/entries/{entry.id}"
    for bad in ({prefix + "barrier_category": "client_is_difficult"}, {prefix + "responsible_id": "42424"},
                {prefix + "target_on": "tomorrowish"}, {prefix + "action_step": "x" * 1001},
                {prefix + "target_on": "2001-01-01"}):
        response = coordinator.post(url, data={prefix + "action_step": "Keep me", **bad})
        assert response.status_code == 422, bad
        assert field_error(response, next(iter(bad))), bad  # the message is next to the field
        if prefix + "action_step" not in bad:  # what was typed is still in the form
            assert text(response, f"#{prefix}action_step") == "Keep me"
    assert db.session.get(ConferenceEntry, entry.id).saved_at is None
    other = conference.entries[1]
    assert coordinator.post(f"/conferences/meetings/{conference.id}/entries/{other.id + 999}").status_code == 404


def test_providers_record_only_as_scribe_and_see_only_their_region(bnl, login_as):
    coordinator = login_as("coordinator")
    scribe = login_as("provider", region=bnl.north)
    _plan(coordinator, bnl, agenda_size="1", scribe_id=str(scribe.user.id))
    conference = _conference()
    entry = conference.entries[0]
    url = f"/conferences/meetings/{conference.id}/entries/{entry.id}"
    assert scribe.post(url, data={f"e{entry.id}-follow_up": "ok"}).status_code == 303
    other = login_as("provider", region=bnl.north)
    assert other.post(url, data={f"e{entry.id}-follow_up": "no"}).status_code == 403
    assert other.get(f"/conferences/meetings/{conference.id}/work").status_code == 200
    south = login_as("provider", region=bnl.south)
    for page in ("", "/work", "/summary", "/minutes"):
        assert south.get(f"/conferences/meetings/{conference.id}{page}").status_code == 403
    assert "North" not in text(south.get("/conferences/meetings"), "main")


def test_summary_check_minutes_and_carry_forward(bnl, login_as):
    coordinator = login_as("coordinator")
    _plan(coordinator, bnl, agenda_size="2")
    conference = _conference()
    first, second = conference.entries
    prefix = f"e{first.id}-"
    coordinator.post(f"/conferences/meetings/{conference.id}/entries/{first.id}", data={
        prefix + "action_step": "Verify chronic status", prefix + "responsible_id": str(coordinator.user.id),
        prefix + "target_on": bnl.today.isoformat(), prefix + "barrier_category": "eligibility"})
    summary = text(coordinator.get(f"/conferences/meetings/{conference.id}/summary"))
    assert "1 of 2 households" in summary
    assert "no action step, no staff responsible, no target date" in summary
    # Minutes: a provider without the right to see a survivor reads the internal number only.
    provider = login_as("provider", region=bnl.north)
    minutes = provider.get(f"/conferences/meetings/{conference.id}/minutes")
    words = text(minutes)
    assert minutes.headers["Cache-Control"] == "no-store"
    assert "Zed Quill" in words and "Wren" not in words and f"Household #{bnl.survivor.id}" in words
    # The next conference carries last time's action step forward.
    response = coordinator.post(f"/conferences/meetings/{conference.id}/next")
    following = _conference()
    assert following.id != conference.id and following.held_at == conference.held_at + timedelta(days=7)
    carried = {e.household_id: e.previous_action for e in following.entries}
    assert carried[bnl.consented.id] == "Verify chronic status"
    assert "Verify chronic status" in text(coordinator.get(response.headers["Location"]))


def test_views_are_audited_without_client_data(bnl, login_as):
    coordinator = login_as("coordinator")
    _plan(coordinator, bnl, agenda_size="2")
    conference = _conference()
    for page in ("", "/work", "/summary", "/minutes"):
        assert coordinator.get(f"/conferences/meetings/{conference.id}{page}").status_code == 200
    events = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "conference_viewed")))
    assert len(events) == 4
    assert all("Zed" not in e.detail and "H-100" not in e.detail for e in events)


def test_learning_loop_and_a_recurring_barrier_becomes_a_need(bnl, login_as):
    coordinator = login_as("coordinator")
    for week in range(2):
        conference = CaseConference(region=bnl.north, held_at=datetime(2026, 10, 5 + 7 * week, 10))
        db.session.add(conference)
        db.session.flush()
        db.session.add(ConferenceEntry(conference=conference, household_id=bnl.consented.id,
                                       barrier_category="landlord", target_on=date(2026, 12, 1)))
    housed = db.session.get(Household, bnl.consented.id)
    housed.status, housed.move_in_on = "housed", date(2026, 11, 20)
    db.session.commit()
    page = coordinator.get("/conferences/learning")
    html = page.get_data(as_text=True)
    assert "Landlord acceptance" in text(page) and "2026-10" in text(page)
    assert "Moved in by the target date</dt><dd>1" in html
    response = coordinator.post("/conferences/learning/need",
                                data={"region_id": bnl.north.id, "category": "landlord"})
    assert response.status_code == 303
    need = db.session.scalar(select(Need))
    assert need.source == "case_conference" and need.region_id == bnl.north.id
    assert "2 times for 1 households" in need.description and "Zed" not in need.description
    response = coordinator.post("/conferences/learning/need", data={"region_id": "x", "category": "nope"})
    assert response.status_code == 303 and db.session.scalar(select(db.func.count(Need.id))) == 1
    assert login_as("provider", region=bnl.north).post(
        "/conferences/learning/need", data={"region_id": bnl.north.id, "category": "landlord"}).status_code == 403
