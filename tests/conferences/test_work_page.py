"""Work the list as it is read: the agenda and its households come with the conference in one
statement, however long the agenda; a reader who does not record the meeting sees what was
recorded, each step's owner by name."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from support import statements_of, texts

from hh.conferences.models import CaseConference, Household
from hh.extensions import db


def _plan(client, bnl, size: int) -> CaseConference:
    client.post("/conferences/meetings/new", data={
        "region_id": bnl.north.id, "held_on": bnl.today.isoformat(), "held_time": "10:00",
        "format": "hybrid", "focus": "highest_priority", "agenda_size": str(size)})
    return db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))


def _statements(client, url: str) -> list[str]:
    client.get(url)  # what a first view does once (the session's activity, caches) is done
    response, seen = statements_of(lambda: client.get(url))
    assert response.status_code == 200
    return seen


def test_the_agenda_and_its_households_come_with_the_conference(bnl, login_as, factory):
    coordinator = login_as("coordinator")
    reader = login_as("provider", region=bnl.north)  # neither scribe nor facilitator
    owner = factory.user("provider", name="Olive Owner", region=bnl.north)
    db.session.add_all([  # a longer agenda than the fixture's list gives
        Household(hmis_id=f"H-3{n:02d}", first_name="Extra", last_name=f"Person{n}",
                  county=bnl.north.counties[0], region=bnl.north, consent=True,
                  added_on=bnl.today - timedelta(days=20), priority_score=5) for n in range(4)])
    db.session.commit()
    read = {}
    for size in (1, 5):
        conference = _plan(coordinator, bnl, size)
        for entry in conference.entries:
            entry.responsible_id = owner.id
        db.session.commit()
        assert len(conference.entries) == size
        url = f"/conferences/meetings/{conference.id}/work"
        read[size] = _statements(coordinator, url), _statements(reader, url)
    assert [len(statements) for statements in read[5]] == [len(s) for s in read[1]]
    recorder, reader = ([s for s in statements if "case_conference_entry" in s]
                        for statements in read[5])
    # Whoever records picks the owner from a list: the owners are read for the reader only.
    assert len(recorder) == 1 and "bnl_household" in recorder[0]
    assert "user_account" not in recorder[0]
    assert "bnl_household" in reader[-1] and "user_account" in reader[-1]


def test_a_reader_who_does_not_record_sees_each_step_and_its_owner(bnl, login_as, factory):
    coordinator = login_as("coordinator")
    owner = factory.user("provider", name="Olive Owner", region=bnl.north)
    conference = _plan(coordinator, bnl, 2)
    first, second = conference.entries
    first.action_step, first.responsible_id = "Call the landlord", owner.id
    first.target_on = bnl.today + timedelta(days=7)
    db.session.commit()
    reader = login_as("provider", region=bnl.north)  # neither scribe nor facilitator
    page = reader.get(f"/conferences/meetings/{conference.id}/work")
    assert page.status_code == 200
    facts = texts(page, "section.entry dl.facts")
    assert "Action step Call the landlord Responsible Olive Owner" in facts[0]
    assert "Responsible —" in facts[1]
    # The label every household repeats is a glossary term on each of them.
    assert all("System barrier" in shown for shown in facts)
