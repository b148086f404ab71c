"""The meeting page and "work the list" (as whoever records first sees it) read the agenda as
plain rows (agenda_rows.meeting_agenda): the same households in the same order, with the same
values, named exactly as privacy.identity names the records to each reader, with the same rule
for who is still on a meeting to come."""
from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from hh.conferences.agenda_rows import meeting_agenda
from hh.conferences.meetings import agenda_rows
from hh.conferences.models import CaseConference, ConferenceEntry
from hh.conferences.privacy import MASK
from hh.extensions import db


def _conference(bnl, held_on) -> CaseConference:
    """North's meeting with every kind of household: consent, none, expired, a survivor, one
    housed since, one set aside until later."""
    bnl.expired.paused_on, bnl.expired.revisit_on = bnl.today, bnl.today + timedelta(days=9)
    conference = CaseConference(region=bnl.north, held_at=datetime.combine(held_on, time(10)),
                                format="hybrid", focus="highest_priority")
    for position, household in enumerate((bnl.survivor, bnl.consented, bnl.no_consent,
                                          bnl.expired, bnl.housed), start=1):
        conference.entries.append(ConferenceEntry(
            household=household, position=6 - position, previous_action=f"step {position}",
            follow_up="Called", barrier_category="documents" if position % 2 else "",
            action_step="Book a viewing" if position == 2 else "",
            target_on=bnl.today if position < 3 else None))
    db.session.add(conference)
    db.session.commit()
    return conference


# What the pages read of an entry and its household (and fill its form from).
ENTRY = ("id", "household_id", "previous_action", "follow_up", "barrier_category",
         "barrier_label", "barrier_note", "action_step", "responsible_id", "target_on", "missing")
HOUSEHOLD = ("priority_score", "priority_override", "priority_reason", "housing_status_label")


def _shown(rows) -> list:
    return [(r.who, r.days_on_list, r.number, *(getattr(r.entry, name) for name in ENTRY),
             *(getattr(r.entry.household, name) for name in HOUSEHOLD)) for r in rows]


@pytest.mark.parametrize("days", [0, 3, -3])  # today's meeting, one to come, one held
def test_the_rows_are_the_records_as_each_reader_may_see_them(bnl, factory, days):
    conference = _conference(bnl, bnl.today + timedelta(days=days))
    readers = [factory.user("coordinator"), factory.user("admin"),
               factory.user("provider", region=bnl.north, organization=bnl.shelter),
               factory.user("provider", region=bnl.north, organization=bnl.safe),
               factory.user("provider", region=bnl.south, organization=bnl.shelter)]
    for reader in readers:
        rows = meeting_agenda(conference, reader, bnl.today)
        assert _shown(rows) == _shown(agenda_rows(conference, reader, bnl.today))
    held = days < 0  # a past meeting keeps everyone; one to come drops the housed, set aside
    assert len(rows) == (5 if held else 3)
    names = {r.entry.household_id: r.who for r in meeting_agenda(conference, readers[2])}
    assert names[bnl.consented.id].name == "Zed Quill"
    assert names[bnl.survivor.id].name == f"Household #{bnl.survivor.id}"
    assert names[bnl.no_consent.id].hmis_id == MASK
    survivor = next(r.who for r in meeting_agenda(conference, readers[3])
                    if r.entry.household_id == bnl.survivor.id)
    assert survivor.name == "Wren Hollow"  # the agency that entered her
