"""The training's prioritization matrix (all nine cells) and the directory services with room now."""
from __future__ import annotations

from datetime import timedelta

import pytest

from hh.conferences.interventions import MATRIX, recommendations, recommended
from hh.conferences.models import Household
from hh.extensions import db
from hh.resources.models import CapacityUnit, Service, ServiceArea, TaxonomyTerm
from hh.resources.taxonomy import ensure_taxonomy
from hh.timeutil import utcnow

CELLS = {
    ("low", "low"): ["Community supports", "Homelessness prevention",
                     "Diversion / Housing Problem Solving", "Income supports"],
    ("moderate", "low"): ["Community supports", "Diversion / Housing Problem Solving",
                          "Income supports", "Affordable housing"],
    ("high", "low"): ["Income supports", "Affordable housing", "LIHTC/EHV/HCV or other PHA resources"],
    ("low", "moderate"): ["Community supports", "Diversion / Housing Problem Solving",
                          "Income supports", "Affordable housing"],
    ("moderate", "moderate"): ["Community supports", "Rapid Rehousing",
                               "Diversion / Housing Problem Solving", "Income supports",
                               "Affordable housing"],
    ("high", "moderate"): ["Income supports", "Affordable housing",
                           "LIHTC/EHV/HCV or other PHA resources", "Potential PSH if barriers increase"],
    ("low", "high"): ["Community supports", "Income supports",
                      "Mainstream services and case management",
                      "Housing search and location services", "Affordable housing"],
    ("moderate", "high"): ["Community supports", "Rapid Rehousing",
                           "Diversion / Housing Problem Solving", "Income supports",
                           "Affordable housing"],
    ("high", "high"): ["Permanent Supportive Housing", "Long-term living",
                       "LIHTC/EHV/HCV with supportive services"],
}


@pytest.mark.parametrize("cell", sorted(CELLS), ids=lambda c: f"housing-{c[0]}-service-{c[1]}")
def test_each_cell_of_the_matrix(app, cell):
    assert [i.label for i in recommended(*cell)] == CELLS[cell]


def test_the_matrix_has_nine_cells_and_psh_only_for_the_highest_needs(app):
    assert len(MATRIX) == 9
    psh = {cell for cell in MATRIX if "psh" in MATRIX[cell]}
    assert psh == {("high", "high")}
    assert recommended("unknown", "high") == []


def _service(org, name, code, county, available, updated_at, status="active"):
    category = db.session.scalar(db.select(TaxonomyTerm).where(TaxonomyTerm.code == code))
    service = Service(organization=org, name=name, category=category, status=status)
    service.areas.append(ServiceArea(county=county))
    service.capacity.append(CapacityUnit(unit_type="slots", total=5, available=available,
                                         updated_at=updated_at))
    db.session.add(service)
    return service


def test_matching_services_have_fresh_room_in_the_region(bnl, login_as):
    ensure_taxonomy()
    org = bnl.shelter
    alder, dunmore = bnl.north.counties[0], bnl.south.counties[0]
    _service(org, "North PSH", "housing.permanent_supportive_housing", alder, 2, utcnow())
    _service(org, "Full PSH", "housing.permanent_supportive_housing", alder, 0, utcnow())
    _service(org, "Stale PSH", "housing.permanent_supportive_housing", alder, 3,
             utcnow() - timedelta(days=60))
    _service(org, "South PSH", "housing.permanent_supportive_housing", dunmore, 4, utcnow())
    _service(org, "Closed PSH", "housing.permanent_supportive_housing", alder, 4, utcnow(),
             status="inactive")
    _service(org, "North RRH", "housing.rapid_rehousing", alder, 4, utcnow())
    db.session.commit()
    recs = recommendations("high", "high", bnl.north.id)
    assert [s.name for s in recs[0].services] == ["North PSH"]
    assert all(s.name != "North RRH" for r in recs for s in r.services)

    household = db.session.get(Household, bnl.consented.id)
    household.housing_need, household.service_need = "high", "high"
    db.session.commit()
    html = login_as("coordinator").get(f"/conferences/households/{household.id}").get_data(as_text=True)
    assert "Permanent Supportive Housing" in html and "North PSH" in html
    assert "South PSH" not in html and "Stale PSH" not in html and "Full PSH" not in html


def test_each_intervention_names_the_first_ten_services_with_room_and_says_more_have_room(
        bnl, login_as):
    ensure_taxonomy()
    alder = bnl.north.counties[0]
    for n in range(12):
        _service(bnl.shelter, f"PSH {n:02d}", "housing.permanent_supportive_housing", alder, 1,
                 utcnow())
    db.session.commit()
    recs = recommendations("high", "high", bnl.north.id)
    assert [s.name for s in recs[0].services] == [f"PSH {n:02d}" for n in range(10)]
    assert recs[0].more
    household = db.session.get(Household, bnl.consented.id)
    household.housing_need, household.service_need = "high", "high"
    db.session.commit()
    html = login_as("coordinator").get(f"/conferences/households/{household.id}").get_data(as_text=True)
    assert "PSH 09" in html and "PSH 10" not in html and "More have room" in html
