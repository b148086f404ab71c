"""Demo needs (fictional): spread over the six demo counties so the gap map shows real gaps —
no food help in Fremont or Cedar, no ID help in Birch, no job programs in the Upper Valley, medical
respite beds full, dental appointments taken — next to needs that services already answer.
Idempotent on the title."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from hh.auth.models import User
from hh.directory.models import County, Region
from hh.extensions import db
from hh.needs.models import Need
from hh.resources.models import TaxonomyTerm
from hh.timeutil import local_today

# (title, county or "region:<name>", category code, households, source, status, days ago,
#  recorded by (demo user email prefix), description)
NEEDS = [
    ("No food pantry or meal site in Fremont County", "Fremont", "food", 30, "community", "open", 20,
     "coordinator", "People at the Fremont City listening session said the nearest pantry is a "
     "45-minute drive away in Elk Springs."),
    ("Meals for people camping along the river near Cedar Falls", "Cedar", "food.meals", 15,
     "community", "open", 9, "coordinator", "Outreach counts about fifteen households camping; "
     "no meal program serves Cedar County."),
    ("ID documents for people leaving the Birch County jail", "Birch", "documents.identification",
     12, "provider", "open", 33, "provider", "Without ID people cannot start a housing application "
     "or a Medicaid (SSA-verified) enrollment."),
    ("Job programs for young adults in the Upper Valley", "region:Upper Valley", "income.employment",
     20, "community", "open", 45, "coordinator", "Young adults with lived experience asked for paid "
     "work experience; no employment service covers the region."),
    ("Medical respite beds are always full", "Cedar", "health.medical_respite", 9,
     "case_conference", "open", 6, "coordinator", "Case conference barrier: people discharged from "
     "Cedar Valley Regional Hospital return to the shelter because all four respite beds are taken."),
    ("Dental care for adults without coverage in Birch", "Birch", "health.dental", 18, "data",
     "open", 60, "coordinator", "Emergency department data: repeat visits for dental pain; the "
     "clinic has no free appointments."),
    ("Family shelter rooms turn families away", "Alder", "housing.emergency_shelter", 6, "data",
     "in_progress", 14, "provider", "Coordinated entry data: families waited 12 nights on average "
     "for a room this quarter. A motel voucher pilot is being set up."),
    ("Detox far from Elk County", "Elk", "health.substance_use", 5, "case_conference", "open", 11,
     "provider.south", "Withdrawal management is in Dunmore; people in Elk Springs have no ride when "
     "a bed opens."),
    ("Rides to treatment in Dunmore", "Elk", "transportation.rides", 8, "case_conference", "open", 11,
     "provider.south", "NEMT needs 48 hours notice; treatment beds are offered the same day."),
    ("Rapid re-housing slots full in the southern counties", "region:Southern Plains",
     "housing.rapid_rehousing", 14, "data", "open", 25, "provider.south", "Fourteen households are "
     "matched and waiting for a rapid re-housing slot."),
    ("Eviction defense lawyers for Fremont tenants", "Fremont", "legal.eviction_defense", 10,
     "provider", "open", 40, "provider.south", "Eviction filings rose this year; the only legal aid "
     "nearby serves survivors of domestic violence."),
    ("Street medicine in Dunmore", "Dunmore", "health.street_medicine", 7, "provider", "open", 18,
     "provider.south", "The street medicine van only covers the Upper Valley."),
    ("Medical respite in the southern counties", "region:Southern Plains", "health.medical_respite",
     6, "case_conference", "open", 30, "coordinator", "The recuperative care benefit pays for "
     "respite, but no provider in the south offers beds."),
    ("Behavioral health appointments in Fremont", "Fremont", "health.behavioral_health", 11,
     "provider", "in_progress", 50, "coordinator", "Wait for a first appointment is six weeks; the "
     "tribal clinic is adding a counselor."),
    ("Winter warming center for Dunmore", "Dunmore", "housing.emergency_shelter", 10, "community",
     "met", 120, "coordinator", "Met: the Winter warming center opened in November."),
    ("SOAR help for SSI/SSDI applications in the south", "region:Southern Plains",
     "benefits.disability_benefits", 9, "data", "met", 90, "coordinator", "Met: North Fork "
     "Behavioral Health extended SOAR help to the southern counties."),
]


def load_demo_needs() -> int:
    """Create or refresh the demo needs; returns how many there are."""
    counties = {c.name.removesuffix(" County"): c for c in db.session.scalars(select(County))}
    regions = {r.name: r for r in db.session.scalars(select(Region))}
    terms = {t.code: t for t in db.session.scalars(select(TaxonomyTerm))}
    users = {u.email.split("@")[0]: u for u in db.session.scalars(
        select(User).where(User.email.like("%@demo.crosswalk.example")))}
    today = local_today()
    count = 0
    for title, where, code, households, source, status, days, by, description in NEEDS:
        county = counties.get(where)
        region = regions.get(where.removeprefix("region:")) if where.startswith("region:") else None
        if (county is None and region is None) or code not in terms:
            continue  # the demo places or taxonomy are not there
        need = db.session.scalar(select(Need).where(Need.title == title))
        if need is None:
            need = Need(title=title, noted_on=today - timedelta(days=days), status=status)
            db.session.add(need)
        need.county, need.region = county, region
        need.category = terms[code]
        need.households_affected = households
        need.source = source
        need.description = description
        need.created_by = users.get(by)
        count += 1
    db.session.commit()
    return count
