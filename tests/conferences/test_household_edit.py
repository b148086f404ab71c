"""Editing a household in the web app: coordinators change the CoC-side fields, providers of the
region record the last contact and the navigator; validated next to the fields (422), audited
without client data, never cached, and a survivor stays hidden."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from hh.admin.models import AuditEvent
from hh.conferences.models import Household
from hh.extensions import db


def _form(household: Household, **changes) -> dict:
    data = {"last_contact_on": "", "navigator_name": household.navigator_name,
            "navigator_organization_id": household.navigator_organization_id or "",
            "housing_status": household.housing_status, "housing_need": household.housing_need,
            "service_need": household.service_need,
            "consent_on": household.consent_on.isoformat() if household.consent_on else "",
            "consent_expires_on": household.consent_expires_on.isoformat() if household.consent_expires_on else ""}
    if household.consent:
        data["consent"] = "y"
    if household.safety_flag:
        data["safety_flag"] = "y"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_coordinator_edits_the_coc_side_fields(bnl, login_as):
    coordinator = login_as("coordinator")
    household = bnl.no_consent
    url = f"/conferences/households/{household.id}/edit"
    page = coordinator.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert 'hx-history="false"' in html and 'name="csrf_token"' in html
    assert f'href="{url}"' in coordinator.get(f"/conferences/households/{household.id}").get_data(as_text=True)
    signed = bnl.today - timedelta(days=3)
    response = coordinator.post(url, data=_form(
        household, consent="y", consent_on=signed.isoformat(),
        consent_expires_on=(signed + timedelta(days=365)).isoformat(),
        navigator_name="Dana Ortiz", navigator_organization_id=str(bnl.shelter.id),
        last_contact_on=bnl.today.isoformat(), housing_status="emergency_shelter",
        housing_need="high", service_need="low"))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/conferences/households/{household.id}")
    h = db.session.get(Household, household.id)
    assert (h.consent, h.consent_on, h.navigator_name, h.navigator_organization_id) == (
        True, signed, "Dana Ortiz", bnl.shelter.id)
    assert (h.last_contact_on, h.housing_status, h.housing_need, h.service_need) == (
        bnl.today, "emergency_shelter", "high", "low")
    assert h.status_updated_on == bnl.today and h.consent_on_file()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "household_updated"))
    assert (event.object_type, event.object_id) == ("household", str(household.id))
    assert event.detail.startswith("changed consent, consent_on")
    for secret in ("Yara", "Plume", "H-101", "Dana", "Ortiz", "emergency", "high"):
        assert secret not in event.detail
    # The edit page is a view of the household: audited too.
    viewed = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "household_viewed")).all()
    assert any(e.detail == "edit form" for e in viewed)
    # Now the region's providers see the name (release on file).
    provider = login_as("provider", region=bnl.north)
    assert "Yara Plume" in provider.get(f"/conferences/households/{household.id}").get_data(as_text=True)


@pytest.mark.parametrize("change,field,message", [
    ({"consent_on": "2099-01-01"}, "consent_on", "cannot be in the future"),
    ({"consent_on": "2026-05-01", "consent_expires_on": "2026-04-01"}, "consent_expires_on",
     "expires before it was signed"),
    ({"consent": None, "consent_on": "2026-05-01"}, "consent", "or clear its dates"),
    ({"consent_on": "31/31/2026"}, "consent_on", "Not a valid date"),
    ({"last_contact_on": "2099-01-01"}, "last_contact_on", "cannot be in the future"),
    ({"navigator_name": "x" * 201}, "navigator_name", "200 characters"),
    ({"navigator_organization_id": "99999"}, "navigator_organization_id", "Choose an organization"),
    ({"navigator_organization_id": "abc"}, "navigator_organization_id", "Choose an organization"),
    ({"housing_status": "housed"}, "housing_status", "change the list status instead"),
    ({"housing_need": "extreme"}, "housing_need", "low, moderate or high"),
])
def test_bad_input_is_refused_next_to_the_field(bnl, login_as, change, field, message):
    coordinator = login_as("coordinator")
    household = bnl.consented
    before = (household.consent, household.consent_on, household.navigator_name,
              household.housing_status, household.housing_need)
    response = coordinator.post(f"/conferences/households/{household.id}/edit",
                                data=_form(household, **{"navigator_name": "Keep me typed", **change}))
    assert response.status_code == 422, change
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert f'<p class="error" id="{field}-error">' in html and message in html
    if field != "navigator_name":
        assert 'value="Keep me typed"' in html
    h = db.session.get(Household, household.id)
    assert (h.consent, h.consent_on, h.navigator_name, h.housing_status, h.housing_need) == before
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "household_updated")) is None


def test_a_survivor_stays_hidden_and_only_the_entering_agency_or_admins_lift_the_flag(bnl, login_as):
    survivor = bnl.survivor
    url = f"/conferences/households/{survivor.id}/edit"
    coordinator = login_as("coordinator")
    html = coordinator.get(url).get_data(as_text=True)
    assert "Wren" not in html and "Hollow" not in html and "H-103" not in html
    assert f"Household #{survivor.id}" in html
    # Lifting the flag would reveal the name to the person lifting it: refused.
    response = coordinator.post(url, data=_form(survivor, safety_flag=None))
    assert response.status_code == 422 and "Only the entering agency" in response.get_data(as_text=True)
    assert "Wren" not in response.get_data(as_text=True)
    assert db.session.get(Household, survivor.id).safety_flag
    # Other fields can still be kept current.
    assert coordinator.post(url, data=_form(survivor, navigator_name="Sam Lee")).status_code == 303
    assert db.session.get(Household, survivor.id).navigator_name == "Sam Lee"
    # The entering agency's coordinator may lift it; any coordinator may set it.
    agency = login_as("coordinator", organization=bnl.safe)
    assert "Wren Hollow" in agency.get(url).get_data(as_text=True)
    assert agency.post(url, data=_form(db.session.get(Household, survivor.id), safety_flag=None)).status_code == 303
    assert not db.session.get(Household, survivor.id).safety_flag
    response = coordinator.post(url, data=_form(db.session.get(Household, survivor.id), safety_flag="y"))
    assert response.status_code == 303 and db.session.get(Household, survivor.id).safety_flag


def test_a_housed_household_keeps_its_housing_status(bnl, login_as):
    coordinator = login_as("coordinator")
    housed = bnl.housed
    url = f"/conferences/households/{housed.id}/edit"
    assert 'name="housing_status"' not in coordinator.get(url).get_data(as_text=True)
    response = coordinator.post(url, data=_form(housed, housing_status="unsheltered", service_need="high"))
    assert response.status_code == 303
    h = db.session.get(Household, housed.id)
    assert (h.housing_status, h.status, h.service_need) == ("housed", "housed", "high")


def test_providers_of_the_region_record_contact_and_navigator_only(bnl, login_as):
    provider = login_as("provider", region=bnl.north)
    household = bnl.no_consent  # no release: the provider does not see who it is
    page = provider.get(f"/conferences/households/{household.id}")
    assert f'href="/conferences/households/{household.id}/contact"' in page.get_data(as_text=True)
    assert "/edit" not in page.get_data(as_text=True).split("<main")[1].split("recommended")[0]
    url = f"/conferences/households/{household.id}/contact"
    html = provider.get(url).get_data(as_text=True)
    assert "Yara" not in html and 'name="consent"' not in html and 'name="safety_flag"' not in html
    assert provider.post(url, data={"last_contact_on": ""}).status_code == 422
    response = provider.post(url, data={"last_contact_on": "2099-01-01"})
    assert response.status_code == 422 and "cannot be in the future" in response.get_data(as_text=True)
    # Fields of the full form are ignored here, whatever is posted.
    response = provider.post(url, data={"last_contact_on": bnl.today.isoformat(),
                                        "navigator_name": "Ana Ruiz",
                                        "navigator_organization_id": str(bnl.shelter.id),
                                        "consent": "y", "safety_flag": "y", "housing_need": "low"})
    assert response.status_code == 303
    h = db.session.get(Household, household.id)
    assert (h.last_contact_on, h.navigator_name, h.navigator_organization_id) == (
        bnl.today, "Ana Ruiz", bnl.shelter.id)
    assert (h.consent, h.safety_flag, h.housing_need) == (False, False, "moderate")
    assert provider.post(f"/conferences/households/{household.id}/edit",
                         data={"consent": "y"}).status_code == 403
    # Another region's provider and viewers: 403.
    south = login_as("provider", region=bnl.south)
    assert south.get(url).status_code == 403
    assert south.post(url, data={"last_contact_on": bnl.today.isoformat()}).status_code == 403
    assert login_as("viewer").get(url).status_code == 403
    assert db.session.get(Household, household.id).last_contact_on == bnl.today
