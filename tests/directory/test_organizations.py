"""Partner directory: list, organization page, editing by role, contacts, verification."""
import csv
import io
from datetime import date, datetime

import pytest
from sqlalchemy import select
from support import field_error, soup, text

from hh.admin.models import AuditEvent
from hh.checks import WEB_ADDRESS_MESSAGE
from hh.directory.models import Contact, County, Organization
from hh.extensions import db


def actions():
    return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def county(name="Alder County"):
    c = County(name=name, state="NF")
    db.session.add(c)
    db.session.commit()
    return c


def org_data(**overrides):
    data = {"name": "Harbor House", "alternate_name": "HH", "description": "Shelter and outreach",
            "email": "info@harbor.example", "website": "harbor.example", "phone": "555-0100",
            "sector": "homeless_response", "agreement_status": "signed",
            "agreement_signed_on": "2026-01-15", "agreement_expires_on": "2027-01-15",
            "in_case_conferencing": "y", "active": "y"}
    data.update(overrides)
    return data


def test_coordinator_adds_an_organization_with_partnership_record(login_as):
    alder = county()
    client = login_as("coordinator")
    response = client.post("/directory/organizations/new", data={**org_data(), "county_ids": [str(alder.id)]})
    assert response.status_code == 303
    org = db.session.scalar(select(Organization).where(Organization.name == "Harbor House"))
    assert org.website == "https://harbor.example" and org.phones[0].number == "555-0100"
    assert org.agreement_status == "signed" and org.agreement_expires_on == date(2027, 1, 15)
    assert org.in_case_conferencing and [c.name for c in org.counties] == ["Alder County"]
    page = text(client.get(response.headers["Location"]))
    assert "Harbor House" in page and "Signed on 2026-01-15, expires 2027-01-15" in page
    assert "Takes part" in page and "Alder County" in page
    assert actions()[-1] == "organization_created"


def test_bad_input_is_shown_next_to_the_field_and_nothing_saved(login_as, factory):
    factory.organization("Harbor House")
    client = login_as("coordinator")
    cases = [
        ({"name": "harbor house"}, "name", "Another organization already has this name."),
        ({"name": "  "}, "name", "Enter the organization's name."),
        ({"agreement_signed_on": "2026-05-01", "agreement_expires_on": "2025-01-01"},
         "agreement_expires_on", "The agreement cannot expire before it was signed."),
        ({"email": "not-an-email"}, "email", "Enter an email address like info@example.org."),
        ({"agreement_signed_on": "15/13/2026"}, "agreement_signed_on", "Not a valid date value."),
    ]
    for change, field_id, message in cases:
        response = client.post("/directory/organizations/new", data=org_data(**{"name": "New One", **change}))
        assert response.status_code == 422, change
        assert field_error(response, field_id) == message
    assert db.session.scalar(select(Organization).where(Organization.name == "New One")) is None


@pytest.mark.parametrize("typed,saved", [
    ("harbor.example", "https://harbor.example"),
    ("http://harbor.example/beds", "http://harbor.example/beds"),
    ("HTTPS://harbor.example", "HTTPS://harbor.example"),
    ("harbor.example:8080/x", "https://harbor.example:8080/x"),
])
def test_a_website_is_a_web_address_with_https_added_when_left_out(login_as, typed, saved):
    client = login_as("coordinator")
    response = client.post("/directory/organizations/new", data=org_data(website=typed))
    assert response.status_code == 303
    assert db.session.scalar(select(Organization.website)) == saved


@pytest.mark.parametrize("typed", [
    "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hi", "ftp://harbor.example",
    "mailto:info@harbor.example", "https://", "harbor example.org",
])
def test_a_website_that_is_not_a_web_address_is_refused_next_to_the_field(login_as, typed):
    client = login_as("coordinator")
    response = client.post("/directory/organizations/new", data=org_data(website=typed))
    assert response.status_code == 422
    assert field_error(response, "website") == WEB_ADDRESS_MESSAGE
    assert db.session.scalar(select(Organization)) is None


def test_provider_edits_own_organization_but_not_the_partnership_record(login_as, factory):
    own = factory.organization("Harbor House")
    client = login_as("provider", organization=own)
    form = client.get(f"/directory/organizations/{own.id}/edit").get_data(as_text=True)
    assert 'name="agreement_status"' not in form and 'name="name"' not in form
    response = client.post(f"/directory/organizations/{own.id}/edit", data=org_data(
        name="Renamed!", description="Now with a day center", agreement_status="expired"))
    assert response.status_code == 303
    db.session.refresh(own)
    assert own.description == "Now with a day center"
    assert own.name == "Harbor House" and own.agreement_status == "none"  # not theirs to change
    assert "organization_updated" in actions()


def test_provider_cannot_edit_another_organization(login_as, factory):
    own, other = factory.organization("Mine"), factory.organization("Theirs")
    client = login_as("provider", organization=own)
    assert client.get(f"/directory/organizations/{other.id}/edit").status_code == 403
    response = client.post(f"/directory/organizations/{other.id}/edit", data=org_data(description="hacked"))
    assert response.status_code == 403
    db.session.refresh(other)
    assert other.description == ""
    page = client.get(f"/directory/organizations/{other.id}").get_data(as_text=True)
    assert "/edit" not in page  # no edit link for someone else's record


def test_viewer_reads_but_cannot_edit(login_as, factory):
    org = factory.organization("Harbor House")
    viewer = login_as("viewer")
    assert "Harbor House" in text(viewer.get("/directory/"))
    assert viewer.get(f"/directory/organizations/{org.id}/edit").status_code == 403


def test_directory_filters_and_csv(login_as, factory):
    alder, birch = county("Alder County"), county("Birch County")
    clinic = factory.organization("Three Rivers Clinic", sector="health_care")
    clinic.counties = [alder]
    shelter = factory.organization("Harbor House", sector="homeless_response")
    shelter.counties = [birch]
    gone = factory.organization("Closed Agency")
    gone.active = False
    db.session.commit()
    client = login_as("viewer")
    text = client.get("/directory/?sector=health_care").get_data(as_text=True)
    assert "Three Rivers Clinic" in text and "Harbor House" not in text
    text = client.get(f"/directory/?county={birch.id}").get_data(as_text=True)
    assert "Harbor House" in text and "Three Rivers" not in text
    assert "Closed Agency" not in client.get("/directory/").get_data(as_text=True)
    assert "Closed Agency" in client.get("/directory/?inactive=y").get_data(as_text=True)
    fragment = client.get("/directory/?q=rivers", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and "Three Rivers Clinic" in fragment
    rows = list(csv.reader(io.StringIO(client.get("/directory/organizations.csv?q=harbor").get_data(as_text=True))))
    assert rows[0][0] == "name" and [r[0] for r in rows[1:]] == ["Harbor House"]


def test_the_directory_counts_again_as_soon_as_an_organization_or_its_counties_change(
        login_as, factory):
    alder = county("Alder County")
    clinic = factory.organization("Three Rivers Clinic", sector="health_care")
    factory.organization("Harbor House", sector="homeless_response")
    client = login_as("viewer")
    assert text(client.get("/directory/"), "caption") == "2 organizations"
    assert text(client.get(f"/directory/?county={alder.id}"), "caption") == "0 organizations"
    clinic.counties = [alder]  # a change to the organization's counties alone
    db.session.commit()
    assert text(client.get(f"/directory/?county={alder.id}"), "caption") == "1 organization"
    clinic.active = False
    factory.organization("Valley Food Bank", sector="social_services")
    factory.organization("Ridge Legal Aid", sector="social_services")
    db.session.commit()
    assert text(client.get("/directory/"), "caption") == "3 organizations"
    assert text(client.get("/directory/?inactive=y"), "caption") == "4 organizations"



def test_the_directory_shows_25_organizations_a_page_each_once_in_name_order(login_as, factory):
    for n in range(30):
        factory.organization(f"Agency {n:02d}")
    db.session.commit()
    client = login_as("viewer")
    first, second = client.get("/directory/"), client.get("/directory/?page=2")
    names = [a.get_text() for page in (first, second)
             for a in soup(page).select("tbody td:first-child > a")]
    assert len(soup(first).select("tbody tr")) == 25 and text(first, "caption") == "30 organizations"
    assert names == [f"Agency {n:02d}" for n in range(30)]
    assert text(first, ".pager span") == "Page 1 of 2"

def test_contacts_added_edited_removed_by_the_organization(login_as, factory):
    own = factory.organization("Harbor House")
    client = login_as("provider", organization=own)
    response = client.post(f"/directory/organizations/{own.id}/contacts/new", data={
        "name": "Dana Reyes", "title": "Outreach lead", "email": "dana@harbor.example",
        "phone": "555-0101", "partnership_role": "case_conference"})
    assert response.status_code == 303
    contact = db.session.scalar(select(Contact))
    page = text(client.get(f"/directory/organizations/{own.id}"))
    assert "Dana Reyes" in page and "Case-conference representative" in page
    bad = client.post(f"/directory/contacts/{contact.id}/edit", data={"name": "", "partnership_role": "liaison"})
    assert bad.status_code == 422 and field_error(bad, "name") == "Enter the contact's name."
    bad = client.post(f"/directory/contacts/{contact.id}/edit", data={
        "name": "Dana Reyes", "email": "dana at harbor", "partnership_role": "liaison"})
    assert field_error(bad, "email") == "Enter an email address like name@example.org."
    client.post(f"/directory/contacts/{contact.id}/delete")
    assert db.session.scalar(select(Contact)) is None
    assert [a for a in actions() if a.startswith("contact")] == ["contact_created", "contact_deleted"]


def test_mark_verified_records_who_and_when(login_as, factory, clock):
    clock(datetime(2026, 6, 15, 17, 0))
    org = factory.organization("Harbor House")
    client = login_as("coordinator")
    assert "needs checking" in text(client.get(f"/directory/organizations/{org.id}"))
    client.post(f"/directory/organizations/{org.id}/verify")
    db.session.refresh(org)
    assert org.assured_date == date(2026, 6, 15) and org.assurer_email == client.user.email
    assert "needs checking" not in text(client.get(f"/directory/organizations/{org.id}"))
    assert "organization_verified" in actions()
