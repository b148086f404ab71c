"""The resource map's tests: a place with two counties, the taxonomy and a shelter organization."""

import pytest

from hh.directory.models import County, Organization
from hh.extensions import db
from hh.resources.taxonomy import ensure_taxonomy


@pytest.fixture
def place(app):
    """Two counties, the taxonomy, and a shelter organization."""
    ensure_taxonomy()
    alder = County(name="Alder County", state="NF")
    birch = County(name="Birch County", state="NF")
    org = Organization(name="Harbor House", sector="homeless_response")
    db.session.add_all([alder, birch, org])
    db.session.commit()
    return {"alder": alder, "birch": birch, "org": org}
