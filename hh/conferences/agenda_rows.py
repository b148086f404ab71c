"""A conference's agenda as plain rows, for the meeting page and "work the list" as whoever
records first sees it: its entries and households read in one statement, as the values the pages
show and the forms are filled from, not as records loaded with the conference (15 entries and
their households as records cost a fifth of the meeting page). The same rule decides who is on it
(models.worked) and who each household is to the reader (privacy.identity)."""
from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Bundle

from hh.conferences.meetings import AgendaRow
from hh.conferences.models import (
    CaseConference,
    ConferenceEntry,
    EntryWords,
    Household,
    HouseholdWords,
    worked,
)
from hh.conferences.privacy import IDENTITY_COLUMNS, IDENTITY_FIELDS, identity
from hh.extensions import db
from hh.timeutil import local_today

# What privacy.identity reads (IDENTITY_COLUMNS, in its order), then what the pages show and
# the agenda's rule reads (HouseholdWords: days on the list, awaits_conference).
_Fields = NamedTuple("_Fields", [
    *IDENTITY_FIELDS, ("priority_score", int), ("priority_override", int | None),
    ("priority_reason", str), ("housing_status", str), ("added_on", date), ("status", str),
    ("move_in_on", date | None), ("paused_on", date | None), ("revisit_on", date | None)])


class AgendaHousehold(_Fields, HouseholdWords):
    """A household as the agenda's pages show it."""

    __slots__ = ()


class _Households(Bundle):
    def create_row_processor(self, query, procs, labels):
        return lambda row: AgendaHousehold(*[proc(row) for proc in procs])


_EntryFields = NamedTuple("_EntryFields", [
    ("id", int), ("household_id", int), ("previous_action", str), ("saved_at", datetime | None),
    ("follow_up", str), ("barrier_category", str), ("barrier_note", str), ("action_step", str),
    ("responsible_id", int | None), ("target_on", date | None), ("household", AgendaHousehold)])


class AgendaEntry(_EntryFields, EntryWords):
    """An entry of the agenda: the fields of ConferenceEntry the pages read (EntryForm's among
    them), and its household."""

    __slots__ = ()


# In the agenda's order (CaseConference.entries'); built once, the conference's id bound.
_AGENDA = (select(ConferenceEntry.id, ConferenceEntry.household_id, ConferenceEntry.previous_action,
                  ConferenceEntry.saved_at, ConferenceEntry.follow_up,
                  ConferenceEntry.barrier_category, ConferenceEntry.barrier_note,
                  ConferenceEntry.action_step, ConferenceEntry.responsible_id,
                  ConferenceEntry.target_on, _Households(
                      "household", *IDENTITY_COLUMNS, Household.priority_score,
                      Household.priority_override, Household.priority_reason,
                      Household.housing_status, Household.added_on, Household.status,
                      Household.move_in_on, Household.paused_on, Household.revisit_on))
           .join(Household, Household.id == ConferenceEntry.household_id)
           .where(ConferenceEntry.conference_id == bindparam("conference_id"))
           .order_by(ConferenceEntry.position, ConferenceEntry.id))


def meeting_agenda(conference: CaseConference, user, today: date | None = None) -> list[AgendaRow]:
    """The agenda as the pages show it to this reader (the user object, not Flask-Login's proxy:
    see meetings.agenda_rows)."""
    today = today or local_today()
    entries = [AgendaEntry(*row) for row in
               db.session.execute(_AGENDA, {"conference_id": conference.id})]
    return [AgendaRow(e, identity(user, e.household), e.household.days_on_list(today), number)
            for number, e in enumerate(worked(entries, conference.held_at, today), start=1)]
