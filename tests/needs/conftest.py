"""The needs tests' place: two regions, three counties, the taxonomy and one organization."""
import pytest

from hh.directory.models import County, Organization, Region
from hh.extensions import db
from hh.resources.taxonomy import ensure_taxonomy


@pytest.fixture
def place(app):
    """Two regions (Upper: Alder, Birch; South: Dunmore), the taxonomy, one organization."""
    ensure_taxonomy()
    upper, south = Region(name="Upper"), Region(name="South")
    alder = County(name="Alder County", state="NF", region=upper)
    birch = County(name="Birch County", state="NF", region=upper)
    dunmore = County(name="Dunmore County", state="NF", region=south)
    org = Organization(name="Harbor House", sector="homeless_response")
    db.session.add_all([upper, south, alder, birch, dunmore, org])
    db.session.commit()
    return {"upper": upper, "south": south, "alder": alder, "birch": birch, "dunmore": dunmore,
            "org": org}
