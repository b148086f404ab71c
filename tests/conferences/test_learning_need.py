"""Learning loop: a recurring barrier becomes a Need filed under the kind of service that would
remove it, so it shows on the gap map (county × category) of the conference's region."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from hh.conferences import learning
from hh.conferences.models import BARRIER_CATEGORIES, CaseConference, ConferenceEntry
from hh.extensions import db
from hh.needs.models import Need
from hh.needs.services import gap_map
from hh.resources.models import TaxonomyTerm
from hh.resources.taxonomy import ensure_taxonomy

EXPECTED = {
    "documents": "documents.identification",
    "income": "income",
    "unit_availability": "housing",
    "eligibility": "housing",
    "landlord": "housing.landlord_engagement",
    "transportation": "transportation",
    "health": "health",
    "lost_contact": "housing.street_outreach",
    "other": None,
}


def _barrier(bnl, category, weeks=2):
    for week in range(weeks):
        conference = CaseConference(region=bnl.north, held_at=datetime(2026, 10, 5 + 7 * week, 10))
        db.session.add(conference)
        db.session.flush()
        db.session.add(ConferenceEntry(conference=conference, household_id=bnl.consented.id,
                                       barrier_category=category))
    db.session.commit()


def test_every_barrier_has_a_mapping():
    assert set(learning.BARRIER_SERVICE_CODES) == set(BARRIER_CATEGORIES) == set(EXPECTED)


@pytest.mark.parametrize("category", sorted(EXPECTED))
def test_each_barrier_is_filed_under_its_service_category(bnl, category):
    ensure_taxonomy()
    _barrier(bnl, category, weeks=1)
    need = learning.barrier_to_need(bnl.north.id, category, None)
    assert (need.category.code if need.category else None) == EXPECTED[category]
    assert (need.region_id, need.county_id) == (bnl.north.id, None)


def test_without_the_sub_category_the_first_level_category_is_used(bnl):
    ensure_taxonomy()
    db.session.delete(db.session.scalar(select(TaxonomyTerm).where(
        TaxonomyTerm.code == "housing.landlord_engagement")))
    _barrier(bnl, "landlord", weeks=1)
    assert learning.barrier_to_need(bnl.north.id, "landlord", None).category.code == "housing"


def test_the_need_shows_on_the_gap_map_cells_of_the_region(bnl, login_as):
    ensure_taxonomy()
    db.session.commit()
    _barrier(bnl, "transportation")
    coordinator = login_as("coordinator")
    response = coordinator.post("/conferences/learning/need",
                                data={"region_id": bnl.north.id, "category": "transportation"})
    assert response.status_code == 303
    need = db.session.scalar(select(Need))
    transportation = db.session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.code == "transportation"))
    assert need.category_id == transportation.id
    alder, birch = bnl.north.counties
    gaps = gap_map()
    for county in (alder, birch):  # region-wide: each county of the conference's region
        cell = gaps.cell(county.id, transportation.id)
        assert (cell.needs, cell.households, cell.gap) == (1, 1, "no_service")
    assert gaps.cell(bnl.south.counties[0].id, transportation.id).needs == 0
    page = coordinator.get(f"/needs/gaps/cell?county={alder.id}&category={transportation.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Recurring barrier: Transportation (North)" in html
    assert "Zed" not in html and "H-100" not in html
