"""Which records a search finds comes from the cache when the same search comes again, and never
outlives a write to what it was found in (hh/resources/search.py, _remembered)."""
from __future__ import annotations

from datetime import datetime, time

from service_records import make_service
from support import statements_of, text, texts

from hh.extensions import db
from hh.resources.models import ServiceArea, ServiceSchedule


def _finding_reads(statements: list[str]) -> list[str]:
    """The statements that look for matches (by words or name order), not those reading the
    results' own records by id."""
    return [s for s in statements if " LIMIT " in s and "service" in s.lower()
            and "user" not in s.lower()]


def test_the_same_search_again_finds_from_the_cache_until_a_write(place, login_as):
    make_service(place["org"], "Night shelter", counties=[place["alder"]])
    client = login_as("viewer")
    first, statements = statements_of(lambda: client.get("/resources/?q=shelter"))
    assert texts(first, ".result h3") == ["Night shelter"]
    assert _finding_reads(statements)
    again, statements = statements_of(lambda: client.get("/resources/?q=shelter"))
    assert texts(again, ".result h3") == ["Night shelter"]
    assert _finding_reads(statements) == []

    annex = make_service(place["org"], "Shelter annex", counties=[place["birch"]])
    page = client.get("/resources/?q=shelter")
    assert text(page, "#service-results") == "2 services"
    assert texts(page, ".result h3") == ["Night shelter", "Shelter annex"]

    annex.status = "inactive"  # gone from the search as soon as it is saved
    db.session.commit()
    assert texts(client.get("/resources/?q=shelter"), ".result h3") == ["Night shelter"]
    assert texts(client.get("/resources/?q=shelter&county=%d" % place["birch"].id),
                 ".result h3") == []
    place["org"].name = "Harbor House Shelters"  # organizations are found again too
    db.session.commit()
    assert "Harbor House Shelters" in text(client.get("/resources/?q=shelter"), "main")


def test_what_is_free_now_is_found_again_after_a_count_changes(place, login_as):
    service = make_service(place["org"], "Night shelter", beds=10, free=0)
    client = login_as("viewer")
    assert texts(client.get("/resources/?available=y"), ".result h3") == []
    service.capacity[0].available = 3
    db.session.commit()
    assert texts(client.get("/resources/?available=y"), ".result h3") == ["Night shelter"]


def test_open_now_is_found_again_when_the_minute_changes(place, login_as, clock):
    service = make_service(place["org"], "Clinic")
    service.hours.append(ServiceSchedule(weekday=0, opens_at=time(9), closes_at=time(17)))
    db.session.commit()
    client = login_as("viewer")
    clock(datetime(2026, 1, 12, 22, 59, 30))  # Monday 16:59:30 in the CoC (America/Chicago)
    assert texts(client.get("/resources/?open_now=y"), ".result h3") == ["Clinic"]
    clock(datetime(2026, 1, 12, 23, 0, 5))  # 17:00:05: closed
    assert texts(client.get("/resources/?open_now=y"), ".result h3") == []


def test_what_a_result_says_changes_as_soon_as_its_service_does(place, login_as, clock):
    service = make_service(place["org"], "Night shelter", counties=[place["alder"]], beds=10,
                           free=2)
    client = login_as("viewer")
    clock(datetime(2026, 1, 12, 16, 0))  # Monday 10:00 in the CoC
    assert text(client.get("/resources/"), ".result").startswith("Night shelter")
    _, statements = statements_of(lambda: client.get("/resources/"))
    assert [s for s in statements if "service_area" in s or "service_schedule" in s] == []
    service.name = "Harbor night shelter"
    service.areas.append(ServiceArea(county=place["birch"]))
    service.hours.append(ServiceSchedule(weekday=0, opens_at=time(9), closes_at=time(17)))
    service.capacity[0].available = 7  # read on every view
    db.session.commit()
    result = client.get("/resources/")
    assert texts(result, ".result h3") == ["Harbor night shelter"]
    assert "Serves Alder County, Birch County" in text(result, ".result")
    assert texts(result, ".result .open-status") == ["Open now"]
    assert "7 of 10 beds" in text(result, ".result .availability")
    place["org"].name = "Harbor House East"
    db.session.commit()
    assert "Harbor House East" in text(client.get("/resources/"), ".result")
