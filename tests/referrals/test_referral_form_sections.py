"""The referral form folds the discharge hand-off section away for an ordinary referral, and
opens it for a hand-off or whenever the sent form has something in it (nothing typed is hidden or
lost on a refused submit); with very many services it lists the chosen one's organization's."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from support import field_error, soup, text

from hh.extensions import db
from hh.referrals import routes
from hh.referrals.models import Referral
from hh.resources.models import Service


def section(page):
    return soup(page).select_one("details#discharge-details")


def test_an_ordinary_referral_skips_the_discharge_section(net, sides):
    page = sides.sender.get("/referrals/new")
    details = section(page)
    assert details is not None and not details.has_attr("open")
    assert "hand-off" in details.summary.get_text()
    # Its fields are inside the folded section, so keyboard users tab past them.
    for name in ("discharging_facility", "expected_discharge_on", "receiving_program",
                 "check_medications", "check_staff_contact"):
        assert details.select_one(f'[name="{name}"]') is not None
    # What every referral needs stays outside it.
    for name in ("kind", "service_id", "notes", "consent"):
        assert details.select_one(f'[name="{name}"]') is None
        assert soup(page).select_one(f'[name="{name}"]') is not None


def test_the_hand_off_link_opens_the_section(net, sides):
    assert section(sides.sender.get("/referrals/new?kind=discharge")).has_attr("open")


def test_a_refused_hand_off_comes_back_open_with_what_was_typed(net, sides):
    response = sides.sender.post("/referrals/new", data={
        "kind": "discharge", "service_id": net.beds.id, "person_initials": "AB", "consent": "y",
        "urgency": "routine", "discharging_facility": "St. Mercy", "check_medications": "y"})
    assert response.status_code == 422
    details = section(response)
    assert details.has_attr("open")
    assert details.select_one("#discharging_facility")["value"] == "St. Mercy"
    assert details.select_one("#check_medications").has_attr("checked")
    assert "expected discharge date" in field_error(response, "expected_discharge_on")


def test_discharge_values_typed_on_an_ordinary_referral_stay_visible(net, sides):
    """A sender who typed a date there and then hit another problem sees it again, unfolded."""
    day = (net.today + timedelta(days=2)).isoformat()
    response = sides.sender.post("/referrals/new", data={
        "kind": "referral", "service_id": net.beds.id, "urgency": "routine",
        "expected_discharge_on": day})  # no person, no consent: refused
    assert response.status_code == 422
    details = section(response)
    assert details.has_attr("open")
    assert details.select_one("#expected_discharge_on")["value"] == day


def test_with_many_services_the_form_lists_the_chosen_services_organization_and_points_to_search(
        net, sides, monkeypatch):
    """Beyond a list's worth of services that take referrals (60,000 weighed 5 MB at 10x), the
    form lists only the chosen service's organization's, and the resource search finds the
    others, carrying the household through to the service's "Refer" button."""
    monkeypatch.setattr(routes, "SERVICES_LISTED", 1)
    second = Service(organization=net.shelter, name="Harbor day room", accepts_referrals=True)
    db.session.add(second)
    db.session.commit()
    page = soup(sides.sender.get(f"/referrals/new?service={net.beds.id}"))
    assert [o.get_text() for o in page.select("#service_id option")] == [
        "choose a service…", "Harbor House — Harbor beds", "Harbor House — Harbor day room"]
    assert "find the service in the resource search" in text(str(page.select_one("#service_id-hint")))
    household = net.north_household.id
    start = soup(sides.sender.get(f"/referrals/new?household={household}"))
    assert [o.get_text() for o in start.select("#service_id option")] == ["choose a service…"]
    search = start.find("a", string="Find a service in the resource search")["href"]
    assert search == f"/resources/?household={household}"
    found = soup(sides.sender.get(search + "&q=full"))
    assert f"household #{household}" in text(str(found.select_one("#refer-household")))
    assert found.select_one('form[role=search] input[name="household"]')["value"] == str(household)
    service_page = found.select_one(".result h3 a")["href"]
    assert service_page == f"/resources/services/{net.full.id}?household={household}"
    refer = soup(sides.sender.get(service_page)).find("a", string=f"Refer household #{household} here")
    assert refer["href"] == f"/referrals/new?service={net.full.id}&household={household}"
    form = soup(sides.sender.get(refer["href"]))
    assert form.select_one("#household_id")["value"] == str(household)
    assert form.select_one("#service_id option[selected]").get_text() == "Southern Housing — Full RRH"
    sent = sides.sender.post("/referrals/new", data={
        "kind": "referral", "urgency": "routine", "consent": "y", "service_id": str(second.id),
        "household_id": str(household), "category_id": str(net.shelter_cat.id)})
    assert sent.status_code == 303, text(sent, ".error-summary")
    assert db.session.scalar(select(Referral)).service_id == second.id


def test_a_household_that_is_not_a_number_is_not_carried_through_the_search(net, sides):
    page = sides.sender.get("/resources/?household=%3Cb%3Ex&q=full")
    assert soup(page).select_one("#refer-household") is None
    assert soup(page).select_one(".result h3 a")["href"] == f"/resources/services/{net.full.id}"
    service = text(sides.sender.get(f"/resources/services/{net.full.id}?household=x"))
    assert "Refer someone here" in service
