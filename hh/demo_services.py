"""Demo services for the resource map: about sixty across both sectors, with capacity, some
stale availability and some records nobody has verified for a long time (fictional)."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from hh.directory.models import Contact, County, Organization
from hh.extensions import db
from hh.resources.models import (
    CapacityUnit,
    Location,
    Service,
    ServiceArea,
    TaxonomyTerm,
)
from hh.timeutil import local_today, utcnow

# organization -> [(service name, category code, counties served, town, county of the town,
#                   capacity (unit, total, free, days since updated) or None, accepts referrals)]
U, S = ("Alder", "Birch", "Cedar"), ("Dunmore", "Elk", "Fremont")
SERVICES = {
    "Harbor House Shelter & Outreach": [
        ("Harbor House emergency shelter", "housing.emergency_shelter", U, "Millbrook", "Alder", ("beds", 24, 3, 0), True),
        ("Family shelter rooms", "housing.emergency_shelter", U, "Millbrook", "Alder", ("beds", 8, 0, 1), True),
        ("Street outreach team", "housing.street_outreach", U, None, None, None, True),
        ("Housing problem solving", "housing.diversion", U, "Millbrook", "Alder", None, True),
        ("Rapid re-housing (Upper Valley)", "housing.rapid_rehousing", U, None, None, ("slots", 15, 2, 3), True),
        ("Day center showers and mail", "food.meals", ("Alder",), "Millbrook", "Alder", None, False),
        ("Housing navigation", "housing.housing_navigation", U, None, None, ("slots", 30, 5, 20), True),
    ],
    "Southern Counties Housing Partnership": [
        ("Elk Valley shelter", "housing.emergency_shelter", S, "Elk Springs", "Elk", ("beds", 16, 5, 0), True),
        ("Winter warming center", "housing.emergency_shelter", ("Dunmore",), "Dunmore", "Dunmore", ("beds", 10, 10, 40), False),
        ("Rapid re-housing (Southern Plains)", "housing.rapid_rehousing", S, None, None, ("slots", 12, 0, 2), True),
        ("Permanent supportive housing", "housing.permanent_supportive_housing", S, "Elk Springs", "Elk", ("vouchers", 25, 1, 5), True),
        ("Eviction prevention fund", "housing.prevention", S, None, None, ("slots", 20, 6, 1), True),
        ("Landlord engagement", "housing.landlord_engagement", S, None, None, None, False),
        ("Southern outreach", "housing.street_outreach", ("Elk", "Fremont"), None, None, None, True),
    ],
    "Alder County Housing Authority": [
        ("Housing Choice Vouchers", "housing.housing_vouchers", ("Alder",), "Millbrook", "Alder", ("vouchers", 40, 0, 10), True),
        ("Emergency Housing Vouchers", "housing.housing_vouchers", U, "Millbrook", "Alder", ("vouchers", 12, 2, 2), True),
        ("Transitional apartments", "housing.transitional_housing", ("Alder", "Birch"), "Birchton", "Birch", ("beds", 6, 1, 4), True),
    ],
    "Cedar Valley Regional Hospital": [
        ("Emergency department social work", "health.hospital_discharge", U + S, "Cedar Falls", "Cedar", None, True),
        ("Discharge planning for people without housing", "health.hospital_discharge", U + S, "Cedar Falls", "Cedar", None, True),
        ("Inpatient behavioral health unit", "health.behavioral_health", U + S, "Cedar Falls", "Cedar", ("beds", 12, 1, 0), True),
        ("Medical respite beds", "health.medical_respite", U, "Cedar Falls", "Cedar", ("beds", 4, 0, 1), True),
        ("Financial counseling and Medicaid sign-up", "benefits.medicaid_enrollment", U + S, "Cedar Falls", "Cedar", None, False),
    ],
    "Three Rivers Community Health Center": [
        ("Primary care (sliding fee)", "health.primary_care", U, "Millbrook", "Alder", ("appointments", 40, 6, 1), True),
        ("Primary care, Birchton clinic", "health.primary_care", ("Birch",), "Birchton", "Birch", ("appointments", 20, 2, 12), True),
        ("Street medicine van", "health.street_medicine", U, None, None, None, True),
        ("Dental clinic", "health.dental", ("Alder", "Birch"), "Millbrook", "Alder", ("appointments", 15, 0, 3), True),
        ("Enrollment assistance", "benefits.medicaid_enrollment", U, "Millbrook", "Alder", None, False),
        ("Behavioral health integration", "health.behavioral_health", U, "Millbrook", "Alder", ("appointments", 10, 3, 2), True),
        ("Medication-assisted treatment", "health.substance_use", U, "Millbrook", "Alder", ("slots", 25, 4, 6), True),
    ],
    "North Fork Behavioral Health": [
        ("Outpatient counseling", "health.behavioral_health", U + S, "Cedar Falls", "Cedar", ("appointments", 30, 4, 2), True),
        ("Mobile crisis team", "health.crisis", U + S, None, None, None, True),
        ("Assertive community treatment", "health.behavioral_health", U, "Cedar Falls", "Cedar", ("slots", 40, 0, 9), True),
        ("Peer support", "health.behavioral_health", U + S, None, None, None, True),
        ("SOAR benefits help", "benefits.disability_benefits", U + S, "Cedar Falls", "Cedar", ("slots", 10, 2, 5), True),
    ],
    "Recovery Road Treatment Services": [
        ("Residential treatment", "health.substance_use", U + S, "Dunmore", "Dunmore", ("beds", 18, 2, 1), True),
        ("Withdrawal management", "health.substance_use", U + S, "Dunmore", "Dunmore", ("beds", 6, 1, 0), True),
        ("Recovery housing", "housing.transitional_housing", S, "Dunmore", "Dunmore", ("beds", 12, 3, 15), True),
        ("Outpatient MAT clinic", "health.substance_use", S, "Elk Springs", "Elk", ("slots", 30, 8, 2), True),
    ],
    "Prairie Health Plan": [
        ("Enhanced care management", "health.care_management", U + S, None, None, ("slots", 50, 9, 4), True),
        ("Housing transition navigation (community supports)", "housing.housing_navigation", U + S, None, None, ("slots", 20, 1, 6), True),
        ("Non-emergency medical transportation", "transportation.rides", U + S, None, None, None, False),
        ("Recuperative care benefit", "health.medical_respite", S, None, None, None, True),
    ],
    "Bear Creek Tribal Health Clinic": [
        ("Tribal primary care", "health.primary_care", ("Fremont",), "Bear Creek", "Fremont", ("appointments", 25, 5, 1), True),
        ("Tribal behavioral health", "health.behavioral_health", ("Fremont",), "Bear Creek", "Fremont", None, True),
        ("Community health representatives", "health.care_management", ("Fremont", "Elk"), None, None, None, True),
    ],
    "Safe Passage Domestic Violence Services": [
        ("Confidential DV shelter", "safety.domestic_violence", U + S, None, None, ("beds", 10, 2, 0), True),
        ("24-hour DV hotline", "safety.domestic_violence", U + S, None, None, None, False),
        ("Legal advocacy for survivors", "legal.civil_legal", U + S, None, None, None, True),
    ],
    "Elk County Community Action": [
        ("Food pantry", "food.food_pantry", ("Elk",), "Elk Springs", "Elk", None, False),
        ("Energy and rent assistance", "income.cash_assistance", ("Elk", "Dunmore"), "Elk Springs", "Elk", ("slots", 40, 12, 3), True),
        ("Job readiness", "income.employment", ("Elk",), "Elk Springs", "Elk", None, True),
        ("Bus passes", "transportation.transit_passes", ("Elk",), "Elk Springs", "Elk", None, False),
        ("Community meals", "food.meals", ("Elk",), "Elk Springs", "Elk", None, False),
    ],
    "Fremont County Department of Social Services": [
        ("SNAP applications", "benefits.snap", ("Fremont",), "Fremont City", "Fremont", None, False),
        ("General assistance", "income.cash_assistance", ("Fremont",), "Fremont City", "Fremont", None, True),
        ("Birth certificates and state ID help", "documents.identification", ("Fremont", "Elk", "Dunmore"), "Fremont City", "Fremont", None, True),
        ("Veterans service office", "benefits.veterans_benefits", S, "Fremont City", "Fremont", None, True),
        ("Adult protective services", "health.care_management", ("Fremont",), "Fremont City", "Fremont", None, True),
    ],
}

CONTACTS = {
    "Harbor House Shelter & Outreach": [("Dana Reyes", "Outreach lead", "case_conference"),
                                        ("Morgan Lee", "Executive director", "leadership")],
    "Cedar Valley Regional Hospital": [("Priya Shah", "Social work manager", "liaison"),
                                       ("Tom Becker", "Privacy officer", "data")],
    "Southern Counties Housing Partnership": [("Ray Ortiz", "Coordinated entry lead", "case_conference")],
    "Three Rivers Community Health Center": [("Lena Wolfe", "Care coordinator", "referrals")],
    "Prairie Health Plan": [("Chris Ng", "Community supports manager", "liaison")],
}

DESCRIPTIONS = {
    "housing": "For people experiencing homelessness or at risk; referral through coordinated entry.",
    "health": "Open to patients regardless of housing status; walk-ins welcome where noted.",
    "benefits": "Help applying for and keeping benefits.",
}


def load_demo_services() -> int:
    """Create the demo services (idempotent on organization + service name)."""
    counties = {c.name.removesuffix(" County"): c for c in db.session.scalars(select(County))}
    terms = {t.code: t for t in db.session.scalars(select(TaxonomyTerm))}
    today = local_today()
    count = 0
    for org_name, rows in SERVICES.items():
        org = db.session.scalar(select(Organization).where(Organization.name == org_name))
        if org is None:
            continue
        org.counties = sorted({counties[c] for row in rows for c in row[2]}, key=lambda c: c.name)
        # Most partners checked their record this year; a few have gone stale.
        org.assured_date = today - timedelta(days=400 if org_name.startswith("Elk") else 30)
        org.assurer_email = "coordinator@demo.crosswalk.example"
        for n, (name, code, served, town, town_county, capacity, referrals) in enumerate(rows):
            service = db.session.scalar(select(Service).where(
                Service.organization_id == org.id, Service.name == name))
            if service is None:
                service = Service(organization=org, name=name)
                db.session.add(service)
            service.category = terms.get(code)
            service.accepts_referrals = referrals
            service.description = service.description or DESCRIPTIONS.get(code.split(".")[0], "")
            service.assured_date = today - timedelta(days=(250 + n * 10) if n % 4 == 3 else 20 + n)
            service.assurer_email = "coordinator@demo.crosswalk.example"
            wanted = {counties[c].id for c in served}
            for area in list(service.areas):
                if area.county_id not in wanted:
                    service.areas.remove(area)
            have = {a.county_id for a in service.areas}
            for county_id in sorted(wanted - have):
                service.areas.append(ServiceArea(county_id=county_id))
            if town and not service.locations:
                service.locations.append(Location(organization=org, name=name, city=town,
                                                  state_province="NF", county=counties[town_county]))
            if capacity and not service.capacity:
                unit, total, free, days = capacity
                service.capacity.append(CapacityUnit(
                    unit_type=unit, total=total, available=free,
                    updated_at=utcnow() - timedelta(days=days)))
            count += 1
        for name, title, role in CONTACTS.get(org_name, []):
            if not any(c.name == name for c in org.contacts):
                org.contacts.append(Contact(name=name, title=title, partnership_role=role,
                                            email=name.lower().replace(" ", ".") + "@demo.example"))
    anchor_partners = ("Harbor House Shelter & Outreach", "Southern Counties Housing Partnership",
                       "Cedar Valley Regional Hospital", "Three Rivers Community Health Center")
    for org in db.session.scalars(select(Organization).where(Organization.name.in_(anchor_partners))):
        org.in_case_conferencing = True
        org.agreement_status = "signed"
        org.agreement_signed_on = date(today.year - 1, 7, 1)
        org.agreement_expires_on = date(today.year + 1, 6, 30)
    db.session.commit()
    return count
