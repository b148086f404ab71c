"""A small By-Name List in two regions: people of each role, households with and without a
release of information, a survivor with a safety flag, a housed household."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from hh.conferences.models import Household
from hh.extensions import db
from hh.timeutil import local_today


@pytest.fixture
def bnl(app, factory):
    north = factory.region("North", counties=("Alder County", "Birch County"))
    south = factory.region("South", counties=("Dunmore County",))
    shelter = factory.organization("Harbor House")
    safe = factory.organization("Safe Passage", sector="victim_services")
    today = local_today()

    def household(hmis_id, first, last, region, **kw):
        values = dict(hmis_id=hmis_id, first_name=first, last_name=last, ssn4="1234",
                      county=region.counties[0], region=region, consent=True,
                      added_on=today - timedelta(days=30), priority_score=10)
        values.update(kw)
        h = Household(**values)
        db.session.add(h)
        return h

    w = SimpleNamespace(north=north, south=south, shelter=shelter, safe=safe, today=today)
    w.consented = household("H-100", "Zed", "Quill", north, priority_score=19)
    w.no_consent = household("H-101", "Yara", "Plume", north, consent=False, priority_score=18)
    w.expired = household("H-102", "Xavi", "Stone", north, priority_score=17,
                          consent_expires_on=today - timedelta(days=1))
    w.survivor = household("H-103", "Wren", "Hollow", north, safety_flag=True, priority_score=16,
                           entered_by_organization=safe)
    w.housed = household("H-104", "Vale", "Moss", north, status="housed", priority_score=30,
                         move_in_on=today, housing_status="housed")
    w.southern = household("H-200", "Uma", "Fern", south, priority_score=25)
    db.session.commit()
    return w
