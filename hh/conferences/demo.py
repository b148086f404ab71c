"""Demo By-Name List: about forty fictional households (obviously made-up names) across both demo
regions, and a past case conference per region with action steps. Idempotent: households are
keyed on their demo HMIS ID, conferences on region and date."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from hh.auth.models import User
from hh.conferences.action_items import sync_action_item
from hh.conferences.demo_history import load_demo_history
from hh.conferences.meetings import add_to_agenda, propose_agenda
from hh.conferences.models import CaseConference, ConferenceAttendee, Household
from hh.directory.models import County, Organization, Region
from hh.extensions import db
from hh.timeutil import local_today

FIRST = ["Ada", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kit", "Lou",
         "Mae", "Ned", "Ola", "Pia", "Quin", "Rex", "Sol", "Tess"]
LAST = ["Example", "Sample", "Placeholder", "Fictional"]
STATUSES = ["unsheltered", "encampment", "vehicle", "emergency_shelter", "transitional", "institution"]
LEVELS = ["low", "moderate", "high"]
NAVIGATORS = {"Upper Valley": ("Nav Demo-North", "Harbor House Shelter & Outreach"),
              "Southern Plains": ("Nav Demo-South", "Southern Counties Housing Partnership")}
STEPS = [
    ("documents", "Request birth certificate through vital records fee waiver"),
    ("unit_availability", "Identify a mid-month lease unit in the preferred town"),
    ("eligibility", "Verify chronic status; identify an RRH or PSH vacancy"),
    ("transportation", "Arrange a ride to the housing authority intake"),
    ("landlord", "Landlord liaison to call two landlords about the voucher"),
    ("income", "Start SOAR application for disability benefits"),
]


def _households(today: date) -> int:
    counties = list(db.session.scalars(select(County).where(County.region_id.is_not(None))
                                       .order_by(County.name)))
    orgs = {o.name: o for o in db.session.scalars(select(Organization))}
    existing = {h.hmis_id: h for h in db.session.scalars(
        select(Household).where(Household.hmis_id.like("DEMO-%")))}
    for n in range(40):
        hmis_id = f"DEMO-{n + 1:04d}"
        county = counties[n % len(counties)]
        household = existing.get(hmis_id)
        if household is None:
            household = Household(hmis_id=hmis_id)
            db.session.add(household)
        navigator, agency = NAVIGATORS.get(county.region.name, ("", ""))
        status = "housed" if n % 13 == 12 else "inactive" if n == 20 else "active"
        household.first_name = FIRST[n % len(FIRST)]
        household.last_name = LAST[n % len(LAST)]
        household.ssn4 = f"{(n * 37) % 10000:04d}"
        household.household_type = ["individual", "family", "youth", "couple"][n % 4 if n % 3 else 0]
        household.veteran = n % 5 == 0
        household.chronic = n % 3 == 0
        household.county_id, household.region_id = county.id, county.region_id
        household.added_on = today - timedelta(days=10 + (n * 17) % 300)
        household.status_updated_on = today - timedelta(days=n % 20)
        household.priority_score = 4 + (n * 7) % 17
        household.score_tool = "VI-SPDAT"
        household.last_contact_on = today - timedelta(days=(n * 5) % 60)
        household.navigator_name = navigator
        household.navigator_organization = orgs.get(agency)
        household.housing_need = LEVELS[n % 3]
        household.service_need = LEVELS[(n // 3) % 3]
        household.consent = n % 4 != 3
        household.consent_on = today - timedelta(days=90) if household.consent else None
        household.consent_expires_on = today + timedelta(days=275) if household.consent else None
        household.safety_flag = n in (6, 27)
        household.entered_by_organization = (orgs.get("Safe Passage Domestic Violence Services")
                                             if household.safety_flag else orgs.get(agency))
        household.status = status
        household.housing_status = status if status != "active" else STATUSES[n % len(STATUSES)]
        household.move_in_on = today - timedelta(days=5) if status == "housed" else None
        household.inactive_reason = "Moved out of the CoC" if status == "inactive" else ""
    db.session.commit()
    return 40


def _past_conferences(today: date) -> int:
    users = {u.email: u for u in db.session.scalars(select(User).where(User.is_demo.is_(True)))}
    coordinator = users.get("coordinator@demo.crosswalk.example")
    scribes = {"Upper Valley": users.get("provider@demo.crosswalk.example"),
               "Southern Plains": users.get("provider.south@demo.crosswalk.example")}
    held_on = today - timedelta(days=7)
    count = 0
    for region_id, region_name in db.session.execute(select(Region.id, Region.name).order_by(Region.name)):
        held_at = datetime.combine(held_on, time(10, 0))
        conference = db.session.scalar(select(CaseConference).where(
            CaseConference.region_id == region_id, CaseConference.held_at == held_at))
        count += 1
        if conference is not None:
            continue
        scribe = scribes.get(region_name)
        conference = CaseConference(region_id=region_id, held_at=held_at, format="hybrid",
                                    focus="highest_priority", facilitator=coordinator, scribe=scribe,
                                    new_vacancies=2, forecast_vacancies=3,
                                    resources_note="Two RRH slots open at the end of the month.")
        db.session.add(conference)
        db.session.flush()
        if coordinator:
            conference.attendees.append(ConferenceAttendee(
                name=coordinator.display_name, organization="Cedar Valley Regional Hospital",
                role="facilitator"))
        if scribe:
            conference.attendees.append(ConferenceAttendee(
                name=scribe.display_name, organization=scribe.organization.name if scribe.organization else "",
                role="scribe"))
        for number, household in enumerate(propose_agenda(region_id, 6, today)):
            entry = add_to_agenda(conference, household)
            if number == 5:
                continue  # one left without an action step: the after-meeting check shows it
            category, step = STEPS[number % len(STEPS)]
            entry.follow_up = "First time at case conference."
            entry.barrier_category, entry.action_step = category, step
            owner = scribe or coordinator  # by id: the action item is made from it below
            entry.responsible_id = owner.id if owner else None
            entry.target_on = held_on + timedelta(days=14 + 7 * number)
            entry.saved_at = datetime.combine(held_on, time(11, 0))
            sync_action_item(entry)
        db.session.commit()
    return count


def load_demo_conferences() -> dict[str, int]:
    today = local_today()
    households = _households(today)
    conferences = _past_conferences(today)
    load_demo_history(today)
    return {"By-Name List households": households, "case conferences": conferences}
