"""Bulk By-Name List for the benchmark: 5,000 households over every county with three years of
status history, and one case conference with 15 households worked (barriers, action steps,
owners, dates).

The bench conference is made with an explicit id (as data_plans.py does with its plan), so the
pages below do not depend on how many conferences the demo data makes.

The import of a 5,000-row By-Name List export is timed by bench/import_bnl.py (run on its own).
"""
from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy import insert, select

from hh.auth.models import User
from hh.conferences.models import (
    BARRIER_CATEGORIES,
    CaseConference,
    ConferenceEntry,
    Household,
    StatusChange,
)
from hh.directory.models import County, Region
from hh.extensions import db
from hh.timeutil import local_today

BENCH_CONFERENCE = 1000

PAGES = [
    ("By-Name List", "/conferences/", "coordinator"),
    ("By-Name List: veterans, one region", "/conferences/?region=1&veteran=y", "coordinator"),
    ("case conference (15 households)", f"/conferences/meetings/{BENCH_CONFERENCE}", "coordinator"),
    ("work the list (15 households)", f"/conferences/meetings/{BENCH_CONFERENCE}/work", "coordinator"),
    ("list flow (12 months)", "/conferences/flow", "coordinator"),
    ("list flow: veterans, 36 months", "/conferences/flow?subpopulation=veteran&months=36", "coordinator"),
    ("list flow: provider's region", "/conferences/flow", "provider"),
]

STATUSES = ("unsheltered", "encampment", "vehicle", "emergency_shelter", "transitional", "institution")
LEVELS = ("low", "moderate", "high")


def build(scale: dict) -> None:
    rng = random.Random(6)
    count = scale.get("households", 5000)
    counties = list(db.session.execute(select(County.id, County.region_id).where(County.region_id.is_not(None))))
    if not counties:
        return
    today = local_today()
    rows = []
    for i in range(count):
        county_id, region_id = rng.choice(counties)
        status = "active" if i % 10 else rng.choice(("housed", "inactive"))
        consent = rng.random() < 0.8
        rows.append({
            "hmis_id": f"BENCH-{i + 1:06d}", "first_name": f"Bench{i + 1}", "last_name": "Example",
            "ssn4": f"{rng.randint(0, 9999):04d}", "household_type": "individual",
            "veteran": rng.random() < 0.12, "chronic": rng.random() < 0.3,
            "housing_status": status if status != "active" else rng.choice(STATUSES),
            "county_id": county_id, "region_id": region_id,
            "added_on": today - timedelta(days=rng.randint(1, 1095)),
            "status_updated_on": today - timedelta(days=rng.randint(0, 60)),
            "priority_score": rng.randint(0, 20), "score_tool": "VI-SPDAT",
            "last_contact_on": today - timedelta(days=rng.randint(0, 120)),
            "navigator_name": f"Bench Navigator {rng.randint(1, 40)}", "navigator_organization_id": None,
            "housing_need": rng.choice(LEVELS), "service_need": rng.choice(LEVELS),
            "consent": consent, "consent_on": today - timedelta(days=30) if consent else None,
            "consent_expires_on": None, "safety_flag": rng.random() < 0.02,
            "entered_by_organization_id": None, "status": status,
            "move_in_on": today if status == "housed" else None,
            "inactive_reason": "Bench: no contact" if status == "inactive" else "",
        })
    db.session.execute(insert(Household), rows)
    db.session.commit()
    _history(rng, today)

    region_id = db.session.scalar(select(Region.id).order_by(Region.id))
    owner = db.session.scalar(select(User.id).where(User.role == "provider").order_by(User.id))
    if db.session.get(CaseConference, BENCH_CONFERENCE) is not None:
        return
    conference = CaseConference(id=BENCH_CONFERENCE, region_id=region_id, format="hybrid",
                                focus="highest_priority", held_at=datetime.combine(today, time(10, 0)))
    db.session.add(conference)
    db.session.flush()
    households = db.session.scalars(
        select(Household.id).where(Household.region_id == region_id, Household.status == "active",
                                   Household.consent.is_(True))
        .order_by(Household.priority_score.desc(), Household.added_on).limit(15))
    categories = list(BARRIER_CATEGORIES)
    for position, household_id in enumerate(households, start=1):
        db.session.add(ConferenceEntry(
            conference_id=conference.id, household_id=household_id, position=position,
            previous_action="Bench: last week's step", follow_up="Bench follow-up",
            barrier_category=rng.choice(categories), action_step="Bench action step",
            responsible_id=owner, target_on=today + timedelta(days=14)))
    db.session.commit()


def _history(rng: random.Random, today) -> None:
    """Three years of list history for the bench households: identified on the date added, a
    return for one in ten (housed, then back on the list), and the exit of those that left."""
    changes = []
    for household_id, added_on, status in db.session.execute(select(
            Household.id, Household.added_on, Household.status).where(Household.hmis_id.like("BENCH-%"))):
        changes.append({"household_id": household_id, "kind": "identified", "effective_on": added_on,
                        "source": "import", "reason": ""})
        span = (today - added_on).days
        if span > 60 and rng.random() < 0.1:
            housed = added_on + timedelta(days=rng.randint(10, span // 2))
            changes.append({"household_id": household_id, "kind": "housed", "effective_on": housed,
                            "source": "ui", "reason": "", "move_in_on": housed})
            changes.append({"household_id": household_id, "kind": "returned_from_housed",
                            "effective_on": housed + timedelta(days=rng.randint(5, 30)),
                            "source": "import", "reason": ""})
        if status != "active":
            changes.append({"household_id": household_id, "kind": status,
                            "effective_on": today - timedelta(days=rng.randint(0, 60)),
                            "source": "ui", "reason": ""})
    db.session.execute(insert(StatusChange), changes)
    db.session.commit()
