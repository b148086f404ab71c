"""Demo data: a small rural Continuum of Care (fictional places and agencies), idempotent.

Later features add their own demo records here, keyed on natural names so reloading changes
nothing.
"""
from __future__ import annotations

from sqlalchemy import select

from hh.auth.models import User
from hh.auth.passwords import hash_password, verify_password
from hh.directory.models import County, Organization, Region
from hh.extensions import db

COC_NAME = "North Fork Balance of State CoC"

REGIONS = {
    "Upper Valley": {
        "anchor": "Harbor House Shelter & Outreach",
        "counties": [("Alder", "31001"), ("Birch", "31003"), ("Cedar", "31005")],
    },
    "Southern Plains": {
        "anchor": "Southern Counties Housing Partnership",
        "counties": [("Dunmore", "31007"), ("Elk", "31009"), ("Fremont", "31011")],
    },
}

ORGANIZATIONS = [
    ("Cedar Valley Regional Hospital", "health_care"),
    ("Three Rivers Community Health Center", "health_care"),
    ("North Fork Behavioral Health", "behavioral_health"),
    ("Recovery Road Treatment Services", "behavioral_health"),
    ("Harbor House Shelter & Outreach", "homeless_response"),
    ("Southern Counties Housing Partnership", "homeless_response"),
    ("Alder County Housing Authority", "housing_authority"),
    ("Prairie Health Plan", "managed_care_plan"),
    ("Bear Creek Tribal Health Clinic", "tribal"),
    ("Safe Passage Domestic Violence Services", "victim_services"),
    ("Elk County Community Action", "community_based"),
    ("Fremont County Department of Social Services", "government"),
]

# Printed by `hh demo` and shown on the sign-in page in demo mode only.
DEMO_USERS = [
    {"email": "viewer@demo.crosswalk.example", "name": "Val Viewer (demo)", "role": "viewer",
     "organization": "Prairie Health Plan", "region": None, "password": "quiet-meadow-lantern-41"},
    {"email": "provider@demo.crosswalk.example", "name": "Pat Provider (demo)", "role": "provider",
     "organization": "Harbor House Shelter & Outreach", "region": "Upper Valley",
     "password": "copper-kettle-harbor-72"},
    {"email": "provider.south@demo.crosswalk.example", "name": "Sam Southern (demo)",
     "role": "provider", "organization": "Southern Counties Housing Partnership",
     "region": "Southern Plains", "password": "windmill-gravel-sunrise-58"},
    {"email": "coordinator@demo.crosswalk.example", "name": "Casey Coordinator (demo)",
     "role": "coordinator", "organization": "Cedar Valley Regional Hospital", "region": None,
     "password": "river-bridge-compass-93"},
    {"email": "admin@demo.crosswalk.example", "name": "Alex Admin (demo)", "role": "admin",
     "organization": None, "region": None, "password": "granite-owl-thistle-27"},
]


def _get_or_create(model, **key):
    found = db.session.scalar(select(model).filter_by(**key))
    if found is None:
        found = model(**key)
        db.session.add(found)
    return found


def load_demo() -> dict[str, int]:
    """Create or refresh the demo records; returns how many of each exist."""
    orgs = _load_organizations()
    regions = _load_regions(orgs)
    _load_users(orgs, regions)
    db.session.commit()
    return {
        **_load_features(),
        "organizations": len(ORGANIZATIONS),
        "regions": len(REGIONS),
        "counties": sum(len(s["counties"]) for s in REGIONS.values()),
        "demo users": len(DEMO_USERS),
    }


def _load_organizations() -> dict[str, Organization]:
    orgs = {}
    for name, sector in ORGANIZATIONS:
        org = _get_or_create(Organization, name=name)
        org.sector = sector
        orgs[name] = org
    db.session.flush()
    return orgs


def _load_regions(orgs: dict[str, Organization]) -> dict[str, Region]:
    regions = {}
    for region_name, spec in REGIONS.items():
        region = _get_or_create(Region, name=region_name)
        region.anchor_organization = orgs[spec["anchor"]]
        regions[region_name] = region
        for county_name, fips in spec["counties"]:
            county = _get_or_create(County, name=f"{county_name} County")
            county.state = "NF"
            county.fips = fips
            county.region = region
    db.session.flush()
    return regions


def _load_users(orgs: dict[str, Organization], regions: dict[str, Region]) -> None:
    for spec in DEMO_USERS:
        user = _get_or_create(User, email=spec["email"])
        user.name = spec["name"]
        user.role = spec["role"]
        user.active = True
        user.is_demo = True
        user.organization = orgs.get(spec["organization"]) if spec["organization"] else None
        user.region = regions.get(spec["region"]) if spec["region"] else None
        if not verify_password(user.password_hash, spec["password"]):
            user.password_hash = hash_password(spec["password"])


def _load_features() -> dict[str, int]:
    """Each feature's demo records, once the places and users they refer to exist."""
    # Each feature's loader imports this module's names (users, organizations): import them here.
    from hh.conferences.demo import load_demo_conferences
    from hh.demo_services import load_demo_services
    from hh.glossary.demo import load_demo_glossary
    from hh.needs.demo import load_demo_needs
    from hh.plans.demo import load_demo_plans
    from hh.plans.feeds import refresh_fed_measures
    from hh.referrals.demo import load_demo_referrals
    from hh.resources.taxonomy import ensure_taxonomy
    from hh.roleguide.demo import load_demo_roleguide

    ensure_taxonomy()
    services = load_demo_services()
    needs = load_demo_needs() or 0
    plans = load_demo_plans()
    glossary_terms = load_demo_glossary()
    conferences = load_demo_conferences()
    roleguide = load_demo_roleguide()
    referrals = load_demo_referrals()
    refresh_fed_measures()  # the measures fed from the list and the referrals, now that both exist
    return {
        **conferences,
        **roleguide,
        "services": services,
        "needs": needs,
        "action plans": plans,
        "referrals": referrals,
        "glossary terms": glossary_terms,
    }
