"""Availability without JavaScript: the page is one form, so pressing one service's Save (or
"Save all") keeps, and saves, the numbers typed for the other services too."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from support import field_error, form_values, soup, text

from hh.admin.models import AuditEvent
from hh.directory.models import Organization
from hh.extensions import db
from hh.resources.models import CapacityUnit, Service, TaxonomyTerm
from hh.resources.taxonomy import ensure_taxonomy
from hh.timeutil import utcnow


@pytest.fixture
def shelters(app):
    """Two services of one organization, each with beds, last updated three days ago."""
    ensure_taxonomy()
    org = Organization(name="Harbor House", sector="homeless_response")
    shelter = db.session.scalar(select(TaxonomyTerm).filter_by(code="housing.emergency_shelter"))
    made = []
    for name, total, free in (("Night shelter", 20, 4), ("Family rooms", 6, 1)):
        service = Service(organization=org, name=name, category=shelter, status="active")
        service.capacity.append(CapacityUnit(unit_type="beds", total=total, available=free,
                                             updated_at=utcnow() - timedelta(days=3)))
        made.append(service)
    db.session.add_all(made)
    db.session.commit()
    return org, made


def unit_field(service) -> str:
    return f"unit_{service.capacity[0].id}"


def page_form(client) -> dict:
    """What the page's one form sends as the page shows it."""
    page = soup(client.get("/resources/availability"))
    return form_values(page.select_one("form.availability-list"))


def freshly_read(service) -> CapacityUnit:
    return db.session.get(CapacityUnit, service.capacity[0].id, populate_existing=True)


def test_the_page_is_one_form_with_each_service_and_save_all(shelters, login_as):
    org, (night, family) = shelters
    client = login_as("provider", organization=org)
    page = soup(client.get("/resources/availability"))
    form = page.select_one("form.availability-list")
    assert form["action"] == "/resources/availability"
    assert {unit_field(night), unit_field(family)} <= {i["name"] for i in form.select("input")}
    saves = [b for b in form.select("button") if b.get("name") == "saved_service"]
    assert [b["hx-post"] for b in saves] == [f"/resources/services/{s.id}/availability"
                                              for s in (family, night)]  # by name
    assert text(str(form.select("button")[-1])) == "Save all"
    first = form.select("button")[0]  # what Enter in a number presses
    assert first.has_attr("hidden") and text(str(first)) == "Save all" and not first.get("name")


def test_one_service_saved_without_javascript_keeps_and_saves_the_others_numbers(
        shelters, login_as):
    org, (night, family) = shelters
    client = login_as("provider", organization=org)
    data = page_form(client) | {unit_field(night): "2", unit_field(family): "0",
                                "saved_service": str(night.id)}
    response = client.post("/resources/availability", data=data)
    assert response.status_code == 303
    assert response.location.endswith(f"/resources/availability#availability-{night.id}")
    assert (freshly_read(night).available, freshly_read(family).available) == (2, 0)
    page = text(client.get("/resources/availability"))
    assert "Updated availability for 2 services." in page
    assert len(db.session.scalars(select(AuditEvent).filter_by(action="availability_updated"))
               .all()) == 2


def test_the_pressed_service_is_confirmed_even_unchanged_the_others_left_alone(
        shelters, login_as):
    org, (night, family) = shelters
    client = login_as("provider", organization=org)
    before = freshly_read(family).updated_at
    client.post("/resources/availability",
                data=page_form(client) | {"saved_service": str(night.id)})
    assert freshly_read(night).updated_at > utcnow() - timedelta(minutes=1)  # still right, now
    assert freshly_read(family).updated_at == before
    assert "Updated availability for Night shelter." in text(client.get("/resources/availability"))


def test_save_all_with_nothing_changed_says_so(shelters, login_as):
    org, _ = shelters
    client = login_as("provider", organization=org)
    response = client.post("/resources/availability", data=page_form(client), follow_redirects=True)
    assert "Nothing had changed." in text(response)


def test_a_refused_number_keeps_every_typed_number_and_saves_the_good_service(shelters, login_as):
    org, (night, family) = shelters
    client = login_as("provider", organization=org)
    data = page_form(client) | {unit_field(night): "25", unit_field(family): "5"}
    response = client.post("/resources/availability", data=data)
    assert response.status_code == 422
    page = soup(response)
    assert "enter a number from 0 to 20" in field_error(response, f"availability-{night.id}")
    assert page.select_one(f"#unit-{night.capacity[0].id}")["value"] == "25"  # as typed
    assert page.select_one(f"#unit-{family.capacity[0].id}")["value"] == "5"
    assert (freshly_read(night).available, freshly_read(family).available) == (4, 5)


def test_a_provider_cannot_save_another_organizations_numbers_through_save_all(
        shelters, login_as):
    _, (night, _) = shelters
    other = Organization(name="Pine Clinic", sector="health_care")
    db.session.add(other)
    db.session.commit()
    client = login_as("provider", organization=other)
    response = client.post("/resources/availability", data={unit_field(night): "0",
                                                            "saved_service": str(night.id)})
    assert response.status_code == 303
    assert freshly_read(night).available == 4


def _more_services(org, count: int) -> list[Service]:
    made = [Service(organization=org, name=f"Room {n:02d}", status="active",
                    capacity=[CapacityUnit(unit_type="beds", total=3, available=1)])
            for n in range(count)]
    db.session.add_all(made)
    db.session.commit()
    return made


def test_a_coordinators_list_is_paged_and_save_all_saves_and_returns_to_its_page(
        shelters, login_as, monkeypatch):
    from hh.resources import routes

    monkeypatch.setattr(routes, "AVAILABILITY_PAGE", 3)
    org, (night, family) = shelters
    rooms = _more_services(org, 3)  # by name: Family rooms, Night shelter, Room 00 | Room 01, 02
    client = login_as("coordinator")
    first = soup(client.get("/resources/availability"))
    assert [h.a.get_text() for h in first.select(".availability-item h2")] == [
        "Family rooms", "Night shelter", "Room 00"]
    assert "Page 1 of 2" in text(str(first.select_one(".pager")))
    second = soup(client.get("/resources/availability?page=2"))
    form = second.select_one("form.availability-list")
    assert form["action"] == "/resources/availability?page=2"
    data = form_values(form) | {f"unit_{rooms[2].capacity[0].id}": "3"}
    response = client.post(form["action"], data=data)
    assert response.status_code == 303 and response.location.endswith("/resources/availability?page=2")
    assert db.session.get(CapacityUnit, rooms[2].capacity[0].id, populate_existing=True).available == 3
    assert (freshly_read(night).available, freshly_read(family).available) == (4, 1)  # not on it


def test_with_many_organizations_a_coordinator_types_one_by_name(shelters, login_as, monkeypatch):
    from hh.resources import availability

    monkeypatch.setattr(availability, "ORGANIZATIONS_LISTED", 1)
    org, _ = shelters
    other = Organization(name="Pine Clinic", sector="health_care")
    db.session.add(other)
    db.session.flush()
    _more_services(other, 1)
    client = login_as("coordinator")
    page = soup(client.get("/resources/availability"))
    assert page.select_one("select#organization") is None
    assert page.select_one("input#organization")["type"] == "text"
    assert len(page.select(".availability-item")) == 3  # every organization's
    page = soup(client.get("/resources/availability?organization=pine%20clinic"))
    assert [h.a.get_text() for h in page.select(".availability-item h2")] == ["Room 00"]
    assert page.select_one("input#organization")["value"] == "pine clinic"
    response = client.get("/resources/availability?organization=Nowhere")
    assert response.status_code == 422
    assert field_error(response, "organization") == "No organization is named “Nowhere”."
    assert soup(response).select(".availability-item") == []
