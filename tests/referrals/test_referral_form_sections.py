"""The referral form folds the discharge hand-off section away for an ordinary referral, and
opens it for a hand-off or whenever the sent form has something in it (nothing typed is hidden or
lost on a refused submit)."""
from __future__ import annotations

from datetime import timedelta

from support import field_error, soup


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
