"""A service's page comes from the one cache but its free capacity (hh/resources/service_page.py),
and shows every change to the service at once."""
from __future__ import annotations

from datetime import time

from service_records import make_service, term
from support import reads_when_seen_again, text

from hh.directory.models import Phone
from hh.extensions import db
from hh.resources.models import Location, ServiceArea, ServiceSchedule


def test_the_page_seen_again_reads_its_capacity_only(place, login_as):
    service = make_service(place["org"], "Night shelter", counties=[place["alder"]], beds=10,
                           free=2)
    client = login_as("viewer")
    first, reads = reads_when_seen_again(client, f"/resources/services/{service.id}")
    assert "Night shelter" in text(first, "h1") and "2 free of 10" in text(first, "main")
    # Besides the signed-in user and the unread notices: the capacity alone.
    assert len(reads) == 1 and "FROM capacity_unit" in reads[0]


def test_every_change_to_the_service_shows_at_once(place, login_as):
    service = make_service(place["org"], "Night shelter", counties=[place["alder"]], beds=10,
                           free=2)
    client = login_as("viewer")
    page = f"/resources/services/{service.id}"
    assert "Alder County" in text(client.get(page), "main")
    service.name = "Harbor night shelter"
    service.category = term("housing.transitional_housing")
    service.areas.append(ServiceArea(county=place["birch"]))
    service.locations.append(Location(organization=place["org"], address_1="1 Main St",
                                      city="Millbrook", county=place["alder"]))
    service.phones.append(Phone(number="555-0199"))
    service.hours.append(ServiceSchedule(weekday=0, opens_at=time(9), closes_at=time(17)))
    service.capacity[0].available = 6
    db.session.commit()
    shown = text(client.get(page), "main")
    assert "Harbor night shelter" in text(client.get(page), "h1")
    for words in ("Transitional housing", "Alder County, Birch County",
                  "1 Main St, Millbrook (Alder County)", "555-0199", "Mon 9:00-17:00",
                  "6 free of 10"):
        assert words in shown, words
    place["org"].name = "Harbor House East"
    term("housing").name = "Shelter and housing"
    db.session.commit()
    shown = text(client.get(page), "main")
    assert "Harbor House East" in shown and "Shelter and housing › Transitional housing" in shown
    db.session.delete(service)
    db.session.commit()
    assert client.get(page).status_code == 404
