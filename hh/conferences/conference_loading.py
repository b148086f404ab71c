"""Reading one case conference for its pages: what each page loads with it, the checks every
conference page makes (may this person see it, record in it; is the entry its own) and the audit
of a view. Shared by the meeting pages (meeting_routes.py) and work the list (work_routes.py)."""
from __future__ import annotations

from functools import cache

from flask import abort
from flask_login import current_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from hh.conferences.models import CaseConference, ConferenceEntry
from hh.conferences.movement import PREVIOUS_HELD_AT
from hh.conferences.privacy import can_record, can_view_conference
from hh.extensions import db
from hh.web import audited, visible

# Loader options, built once (building them costs more than reading them): every conference
# page reads the region, the agenda and its households, then what it names besides.
AGENDA = (joinedload(CaseConference.region), selectinload(CaseConference.entries)
          .joinedload(ConferenceEntry.household, innerjoin=True))
RESPONSIBLE = selectinload(CaseConference.entries).selectinload(ConferenceEntry.responsible)
ATTENDEES = selectinload(CaseConference.attendees)
PAGE = (*AGENDA, RESPONSIBLE, ATTENDEES)
# The meeting page: its header, attendance and the previous meeting's date in one query (its
# agenda: as plain rows, agenda_rows.meeting_agenda).
MEETING = (joinedload(CaseConference.region), joinedload(CaseConference.attendees),
           joinedload(CaseConference.facilitator), joinedload(CaseConference.scribe),
           PREVIOUS_HELD_AT)
MINUTES = (*AGENDA, *MEETING[1:], RESPONSIBLE)
# Work the list reads no other list than the agenda: it is joined to the conference with its
# households, one statement instead of two (a second collection joined would multiply the rows).
# Whoever records picks each step's owner from a list; a reader sees the owners' names.
WORK = (joinedload(CaseConference.region),
        joinedload(CaseConference.entries).joinedload(ConferenceEntry.household, innerjoin=True))
WORK_READ = (*WORK, joinedload(CaseConference.entries).joinedload(ConferenceEntry.responsible))
# Whoever records first sees the agenda as plain rows (agenda_rows.py), read apart.
HEADER = (joinedload(CaseConference.region),)


@cache
def conference_query(load: tuple):
    """The conference with what a page reads, read afresh even if the session holds it (a page
    re-shown after a save finds all it shows loaded). Built once per `load`: building the
    statement and its options costs more than running it."""
    return (select(CaseConference).options(*load).where(CaseConference.id == bindparam("id"))
            .execution_options(populate_existing=True))


def load_conference(conference_id: int, load=PAGE) -> CaseConference:
    """`load`: what the page reads (default: the agenda, its owners and the attendance)."""
    conference = db.session.execute(conference_query(load), {"id": conference_id}
                                    ).unique().scalar_one_or_none()
    return visible(conference, can_view_conference)


def audit_view(response, conference: CaseConference, detail: str = ""):
    return audited(response, "conference_viewed", "conference", conference.id, detail=detail)


def recordable(conference: CaseConference) -> CaseConference:
    if not can_record(current_user, conference):
        abort(403)
    return conference


def conference_entry(conference: CaseConference, entry_id: int) -> ConferenceEntry:
    entry = db.get_or_404(ConferenceEntry, entry_id)
    if entry.conference_id != conference.id:
        abort(404)
    return entry
