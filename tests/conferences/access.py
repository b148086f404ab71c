"""Case-conferencing routes in the route × role matrix (see tests/test_access_matrix.py).

The matrix's provider has no region: every household and conference is another region's to them
(403), while the list pages answer with an empty list."""
from datetime import date, datetime

from hh.conferences.models import CaseConference, ConferenceEntry, Household
from hh.extensions import db
from hh.web import COORDINATORS, STAFF

OTHER_REGION = {"provider"}

ROUTES = {
    "conferences.households": ("GET", "/conferences/?veteran=y", STAFF),
    "conferences.households_csv": ("GET", "/conferences/households.csv", COORDINATORS),
    "conferences.household": ("GET", "/conferences/households/{household}", STAFF, OTHER_REGION),
    "conferences.mark_housed": ("POST", "/conferences/households/{household}/housed", STAFF, OTHER_REGION),
    "conferences.mark_inactive": ("POST", "/conferences/households/{household}/inactive", STAFF, OTHER_REGION),
    "conferences.reactivate": ("POST", "/conferences/households/{household}/reactivate", COORDINATORS),
    "conferences.pause_household": ("POST", "/conferences/households/{household}/pause", STAFF, OTHER_REGION),
    "conferences.set_priority": ("POST", "/conferences/households/{household}/priority", COORDINATORS),
    "conferences.resume_household": ("POST", "/conferences/households/{household}/resume", STAFF, OTHER_REGION),
    "conferences.edit_household": ("GET", "/conferences/households/{household}/edit", COORDINATORS),
    "conferences.household_contact": ("GET", "/conferences/households/{household}/contact", STAFF, OTHER_REGION),
    "conferences.meetings": ("GET", "/conferences/meetings", STAFF),
    "conferences.new_meeting": ("GET", "/conferences/meetings/new", COORDINATORS),
    "conferences.edit_meeting": ("GET", "/conferences/meetings/{conference}/edit", COORDINATORS),
    "conferences.meeting": ("GET", "/conferences/meetings/{conference}", STAFF, OTHER_REGION),
    "conferences.add_attendee": ("POST", "/conferences/meetings/{conference}/attendees", STAFF, OTHER_REGION),
    "conferences.agenda_choose": ("GET", "/conferences/meetings/{conference}/agenda", COORDINATORS),
    "conferences.agenda_add": ("POST", "/conferences/meetings/{conference}/agenda", COORDINATORS),
    "conferences.agenda_remove": ("POST", "/conferences/meetings/{conference}/agenda/{entry}/remove", COORDINATORS),
    "conferences.agenda_move": ("POST", "/conferences/meetings/{conference}/agenda/{entry}/move", COORDINATORS),
    "conferences.work": ("GET", "/conferences/meetings/{conference}/work", STAFF, OTHER_REGION),
    "conferences.open_entry": ("GET", "/conferences/meetings/{conference}/entries/{entry}", STAFF, OTHER_REGION),
    "conferences.save_entry": ("POST", "/conferences/meetings/{conference}/entries/{entry}", STAFF, OTHER_REGION),
    "conferences.summary": ("GET", "/conferences/meetings/{conference}/summary", STAFF, OTHER_REGION),
    "conferences.save_summary": ("POST", "/conferences/meetings/{conference}/summary", COORDINATORS),
    "conferences.minutes": ("GET", "/conferences/meetings/{conference}/minutes", STAFF, OTHER_REGION),
    "conferences.plan_next": ("POST", "/conferences/meetings/{conference}/next", COORDINATORS),
    "conferences.learning": ("GET", "/conferences/learning", STAFF),
    "conferences.barrier_need": ("POST", "/conferences/learning/need", COORDINATORS),
    "conferences.list_flow_page": ("GET", "/conferences/flow", STAFF),
    "conferences.list_flow_csv": ("GET", "/conferences/flow.csv", STAFF),
    "conferences.import_bnl_page": ("GET", "/conferences/import", COORDINATORS),
    "conferences.upload_bnl": ("POST", "/conferences/import", COORDINATORS),
    "conferences.import_preview": ("GET", "/conferences/import/not-a-pending-upload-token", COORDINATORS),
    "conferences.import_options": ("POST", "/conferences/import/not-a-pending-upload-token/options", COORDINATORS),
    "conferences.import_confirm": ("POST", "/conferences/import/not-a-pending-upload-token/confirm", COORDINATORS),
    "conferences.import_cancel": ("POST", "/conferences/import/not-a-pending-upload-token/cancel", COORDINATORS),
}


def objects(factory) -> dict:
    region = factory.region(counties=("Conference Matrix County",))
    household = Household(hmis_id="MATRIX-1", first_name="Test",
                          last_name="Person", county=region.counties[0], region=region,
                          added_on=date(2026, 1, 5), consent=True, priority_score=10)
    conference = CaseConference(region=region, held_at=datetime(2026, 11, 1, 10, 0))
    db.session.add_all([household, conference])
    db.session.flush()
    entry = ConferenceEntry(conference=conference, household=household, position=1)
    db.session.add(entry)
    db.session.commit()
    return {"household": household.id, "conference": conference.id, "entry": entry.id}
