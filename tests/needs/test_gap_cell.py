"""A gap map cell lists the first of its services (as many as a search page) and sends the
reader to the search for the rest; the count above the list is the cell's own. The list is
remembered until the directory changes."""
from sqlalchemy import select
from support import texts

from hh.directory.models import County, Organization, Region
from hh.extensions import db
from hh.resources.models import CapacityUnit, Service, ServiceArea, TaxonomyTerm
from hh.resources.taxonomy import ensure_taxonomy
from hh.timeutil import utcnow


def _shelter_in_alder():
    """The emergency shelter category, a county and an organization to file services under."""
    ensure_taxonomy()
    shelter = db.session.scalar(select(TaxonomyTerm).where(
        TaxonomyTerm.code == "housing.emergency_shelter"))
    alder = County(name="Alder County", state="NF", region=Region(name="Upper"))
    return shelter, alder, Organization(name="Harbor House", sector="homeless_response")


def test_a_full_cell_lists_twenty_services_in_name_order_and_links_to_the_rest(app, login_as):
    shelter, alder, org = _shelter_in_alder()
    for number in range(23):
        service = Service(organization=org, name=f"Shelter {number:02d}", category=shelter,
                          status="active", areas=[ServiceArea(county=alder)])
        if number == 0:
            service.capacity.append(CapacityUnit(unit_type="beds", total=10, available=4,
                                                 updated_at=utcnow()))
        db.session.add(service)
    db.session.commit()
    page = login_as("viewer").get(
        f"/needs/gaps/cell?county={alder.id}&category={shelter.parent_id}").get_data(as_text=True)
    assert "23 active services" in page
    assert "The first 20 are below" in page and "see all 23 in the search" in page
    assert texts(page, ".results h3") == [f"Shelter {n:02d}" for n in range(20)]
    assert "<strong>4</strong> of 10 beds" in page
    assert f"/resources/?county={alder.id}&amp;category={shelter.parent_id}" in page


def test_a_cells_services_come_from_the_cache_until_the_directory_changes(app, login_as):
    shelter, alder, org = _shelter_in_alder()
    first = Service(organization=org, name="Shelter A", category=shelter, status="active",
                    areas=[ServiceArea(county=alder)],
                    capacity=[CapacityUnit(unit_type="beds", total=10, available=4,
                                           updated_at=utcnow())])
    db.session.add(first)
    db.session.commit()
    client = login_as("viewer")
    path = f"/needs/gaps/cell?county={alder.id}&category={shelter.id}"
    assert texts(client.get(path), ".results h3") == ["Shelter A"]
    db.session.add(Service(organization=org, name="Shelter B", category=shelter, status="active",
                           areas=[ServiceArea(county=alder)]))
    first.capacity[0].available = 2
    db.session.commit()
    page = client.get(path).get_data(as_text=True)
    assert texts(page, ".results h3") == ["Shelter A", "Shelter B"]
    assert "<strong>2</strong> of 10 beds" in page
    # Freshness is asked as the page is drawn: once the numbers count as old (here: as soon as
    # they are written), the remembered list says "unknown".
    app.config["AVAILABILITY_STALE_DAYS"] = -1
    page = client.get(path).get_data(as_text=True)
    assert "<strong>unknown</strong> (10 beds, not updated recently)" in page
