"""Bulk directory data for the benchmark: organizations, services, counties, capacity.

At the default scale: 2,000 organizations and 10,000 services over 60 counties in 6 regions
(the demo's six counties plus 54 more), so the search and the gap map work at a size well past
what a small CoC will reach.
"""
from __future__ import annotations

import random
from datetime import time, timedelta

from sqlalchemy import insert, select

from hh.directory.models import SECTORS, County, Organization, Region, new_hsds_id
from hh.extensions import db
from hh.resources.models import (
    CapacityUnit,
    Location,
    Service,
    ServiceArea,
    ServiceSchedule,
    TaxonomyTerm,
    service_at_location,
)
from hh.timeutil import local_today, utcnow

PAGES = [
    ("search: no words", "/resources/", "viewer"),
    ("search: words", "/resources/?q=shelter", "viewer"),
    ("search: words + filters", "/resources/?q=care&county=3&available=y&referrals=y", "viewer"),
    ("search: category + page 3", "/resources/?category=1&page=3", "viewer"),
    ("search: open now", "/resources/?open_now=y", "viewer"),
    ("organization page", "/directory/organizations/1", "viewer"),
    ("directory list", "/directory/", "viewer"),
]

WORDS = ("shelter", "care", "housing", "clinic", "outreach", "recovery", "family", "youth",
         "veterans", "respite", "food", "legal", "rides", "benefits", "counseling", "dental")
# Filler for descriptions, so a search word matches a realistic share of services, not all.
FILLER = ("we", "offer", "help", "with", "for", "people", "adults", "children", "seniors", "in",
          "the", "county", "region", "weekly", "daily", "appointments", "walk-in", "support",
          "case", "management", "intake", "referral", "phone", "staff", "services", "program",
          "eligibility", "income", "documents", "assessment", "transport", "meals", "showers",
          "laundry", "mail", "storage", "pets", "welcome", "spanish", "english", "interpreters",
          "hours", "evenings", "weekends", "mobile", "van", "office", "site", "visits", "home",
          "application", "waitlist", "priority", "partners", "hospital", "plan", "members")
HOURS = ((time(9), time(17)), (time(8), time(20)), (time(19), time(7)), (time(0), time(0)))
TOWNS = ("Millbrook", "Birchton", "Cedar Falls", "Elk Springs", "Dunmore", "Fremont", "Ashby",
         "Greenfield", "Hollow Rock", "Juniper", "Kettle Creek", "Lone Pine")


def build(scale: dict) -> None:
    rng = random.Random(7)
    n_orgs = scale.get("organizations", 2000)
    n_services = scale.get("services", 10000)
    n_counties = scale.get("counties", 60)

    counties = list(db.session.scalars(select(County)))
    regions = list(db.session.scalars(select(Region)))
    while len(regions) < 6:
        region = Region(name=f"Bench region {len(regions) + 1}")
        db.session.add(region)
        regions.append(region)
    db.session.flush()
    for i in range(len(counties), n_counties):
        county = County(name=f"Bench {i + 1} County", state="NF", region=regions[i % len(regions)])
        db.session.add(county)
        counties.append(county)
    db.session.flush()
    county_ids = [c.id for c in counties]

    start = db.session.scalar(select(db.func.max(Organization.id))) or 0
    sectors = list(SECTORS)
    db.session.execute(insert(Organization), [{
        "hsds_id": new_hsds_id(), "name": f"Bench {rng.choice(WORDS).title()} Agency {i}",
        "description": f"Provides {rng.choice(WORDS)} and {rng.choice(WORDS)} services.",
        "sector": rng.choice(sectors), "active": rng.random() > 0.03,
        "assured_date": local_today() - timedelta(days=rng.randint(0, 400)),
    } for i in range(n_orgs)])
    org_ids = list(range(start + 1, start + n_orgs + 1))

    leaves = list(db.session.scalars(select(TaxonomyTerm.id).where(TaxonomyTerm.parent_id.is_not(None))))
    first_service = (db.session.scalar(select(db.func.max(Service.id))) or 0) + 1
    now = utcnow()
    db.session.execute(insert(Service), [{
        "hsds_id": new_hsds_id(), "organization_id": rng.choice(org_ids),
        "name": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} program {i}",
        "description": " ".join([rng.choice(WORDS)] + [rng.choice(FILLER) for _ in range(29)]),
        "status": rng.choices(["active", "inactive", "defunct"], [94, 4, 2])[0],
        "category_id": rng.choice(leaves), "accepts_referrals": rng.random() > 0.4,
        "assured_date": local_today() - timedelta(days=rng.randint(0, 400)), "last_modified": now,
    } for i in range(n_services)])
    service_ids = range(first_service, first_service + n_services)

    areas = []
    for service_id in service_ids:
        for county_id in rng.sample(county_ids, rng.randint(1, 3)):
            areas.append({"hsds_id": new_hsds_id(), "service_id": service_id, "county_id": county_id})
    db.session.execute(insert(ServiceArea), areas)
    db.session.execute(insert(CapacityUnit), [{
        "service_id": service_id, "unit_type": rng.choice(["beds", "slots", "vouchers", "appointments"]),
        "total": 20, "available": rng.randint(0, 5),
        "updated_at": now - timedelta(days=rng.randint(0, 20)),
    } for service_id in service_ids if rng.random() < 0.4])
    first_location = (db.session.scalar(select(db.func.max(Location.id))) or 0) + 1
    located = [s for s in service_ids if rng.random() < 0.6]
    db.session.execute(insert(Location), [{
        "hsds_id": new_hsds_id(), "address_hsds_id": new_hsds_id(), "name": "Main site",
        "address_1": f"{rng.randint(1, 999)} Main St", "city": rng.choice(TOWNS),
        "state_province": "NF", "county_id": rng.choice(county_ids),
    } for _ in located])
    db.session.execute(insert(service_at_location), [
        {"service_id": s, "location_id": first_location + i, "hsds_id": new_hsds_id()}
        for i, s in enumerate(located)])
    # Opening hours for seven services in ten: weekdays, some evenings and weekends, some
    # overnight (the "open now" filter must stay within the search's budget).
    db.session.execute(insert(ServiceSchedule), [
        {"hsds_id": new_hsds_id(), "service_id": s, "weekday": day, "opens_at": opens,
         "closes_at": closes, "description": ""}
        for s in service_ids if rng.random() < 0.7
        for opens, closes in [rng.choice(HOURS)]
        for day in range(rng.choice((5, 6, 7)))])
    db.session.commit()
