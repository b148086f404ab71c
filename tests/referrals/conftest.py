"""A small referral network: a hospital that sends, a shelter and a housing program that
receive, a third organization that has nothing to do with them, households in two regions."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from hh.conferences.models import Household
from hh.extensions import db
from hh.resources.models import CapacityUnit, Service, TaxonomyTerm
from hh.timeutil import local_today, utcnow


@pytest.fixture
def net(app, factory):
    north = factory.region("North", counties=("Alder County",))
    south = factory.region("South", counties=("Dunmore County",))
    hospital = factory.organization("Cedar Valley Hospital", sector="health_care")
    shelter = factory.organization("Harbor House")
    housing = factory.organization("Southern Housing")
    other = factory.organization("Unrelated Agency")
    shelter_cat = TaxonomyTerm(code="t.shelter", name="Emergency shelter")
    rrh_cat = TaxonomyTerm(code="t.rrh", name="Rapid re-housing")
    db.session.add_all([shelter_cat, rrh_cat])
    db.session.flush()
    beds = Service(organization=shelter, name="Harbor beds", accepts_referrals=True,
                   category_id=shelter_cat.id)
    beds.capacity.append(CapacityUnit(unit_type="beds", total=10, available=3, updated_at=utcnow()))
    full = Service(organization=housing, name="Full RRH", accepts_referrals=True, category_id=rrh_cat.id)
    full.capacity.append(CapacityUnit(unit_type="slots", total=5, available=0, updated_at=utcnow()))
    closed = Service(organization=housing, name="No referrals here", accepts_referrals=False)
    db.session.add_all([beds, full, closed])
    today = local_today()
    north_household = Household(hmis_id="R-1", first_name="Zed", last_name="Quill", county=north.counties[0],
                                region=north, consent=True, added_on=today - timedelta(days=40))
    south_household = Household(hmis_id="R-2", first_name="Uma", last_name="Fern", county=south.counties[0],
                                region=south, consent=True, added_on=today - timedelta(days=40),
                                navigator_name="Nia Navigator", navigator_organization=housing)
    db.session.add_all([north_household, south_household])
    db.session.commit()
    return SimpleNamespace(north=north, south=south, hospital=hospital, shelter=shelter,
                           housing=housing, other=other, beds=beds, full=full, closed=closed,
                           shelter_cat=shelter_cat, rrh_cat=rrh_cat, north_household=north_household,
                           south_household=south_household, today=today)


@pytest.fixture
def sides(net, login_as):
    """Signed-in clients: the hospital's sender, the shelter's intake worker, an outsider."""
    return SimpleNamespace(
        sender=login_as("provider", organization=net.hospital, region=net.north),
        shelter=login_as("provider", organization=net.shelter, region=net.north),
        outsider=login_as("provider", organization=net.other, region=net.north),
        coordinator=login_as("coordinator"),
    )

