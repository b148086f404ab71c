"""Demo list history: the demo households' own status changes, and eighty earlier fictional
households that came onto the list over two years and left it (housed or inactive), so the list
flow dashboard and the measures fed from it have something to show. Idempotent: a household
that already has history gets none added."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from hh.conferences import history
from hh.conferences.models import Household, StatusChange
from hh.directory.models import County
from hh.extensions import db


def _earlier_households(today: date) -> None:
    counties = list(db.session.scalars(select(County).where(County.region_id.is_not(None))
                                       .order_by(County.name)))
    existing = set(db.session.scalars(select(Household.hmis_id).where(
        Household.hmis_id.like("DEMO-P%"))))
    for n in range(80):
        hmis_id = f"DEMO-P{n + 1:03d}"
        if hmis_id in existing or not counties:
            continue
        county = counties[n % len(counties)]
        added_on = today - timedelta(days=730 - n * 8)
        stay = 25 + (n * 37) % 160
        housed = n % 4 != 3
        left_on = min(added_on + timedelta(days=stay), today - timedelta(days=1))
        db.session.add(Household(
            hmis_id=hmis_id, first_name=["Avery", "Blake", "Casey", "Drew"][n % 4],
            last_name="Earlier-Example", household_type=["individual", "family", "youth"][n % 3],
            veteran=n % 3 == 0, chronic=n % 5 == 0, county_id=county.id,
            region_id=county.region_id, added_on=added_on, status_updated_on=left_on,
            priority_score=3 + n % 15, status="housed" if housed else "inactive",
            housing_status="housed" if housed else "inactive",
            move_in_on=left_on if housed else None,
            inactive_reason="" if housed else "No contact for 90 days"))
    db.session.flush()


def load_demo_history(today: date) -> int:
    _earlier_households(today)
    with_history = set(db.session.scalars(select(StatusChange.household_id).distinct()))
    added = 0
    for household in db.session.scalars(select(Household).where(Household.hmis_id.like("DEMO-%"))):
        if household.id in with_history:
            continue
        history.record(household, "identified", household.added_on, source="history")
        if household.status == "housed" and household.move_in_on:
            history.record(household, "housed", household.move_in_on, source="history",
                           move_in_on=household.move_in_on)
        elif household.status == "inactive":
            history.record(household, "inactive", household.status_updated_on or household.added_on,
                           source="history", reason=household.inactive_reason)
        added += 1
    db.session.commit()
    return added
