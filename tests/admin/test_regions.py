"""Admin: regions and counties (the reference data service areas, the gap map and the
By-Name List lean on), with the audit trail of each change."""
import re

import pytest
from sqlalchemy import func, select
from support import csrf_token_from, field_error, text, texts

from hh.admin.models import AuditEvent
from hh.directory.models import County, Region
from hh.extensions import db


def events(action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_admin_adds_a_region_then_its_counties_and_sees_them_listed(login_as, factory):
    admin = login_as("admin")
    anchor = factory.organization("Cedar Valley Regional Hospital", sector="health_care")
    response = admin.post("/admin/regions/new", data={"name": "  Upper   Valley ",
                                                      "anchor_organization_id": str(anchor.id)})
    assert response.status_code == 303 and response.headers["Location"] == "/admin/regions"
    region = db.session.scalar(select(Region))
    assert region.name == "Upper Valley" and region.anchor_organization == anchor
    # The region's "Add a county" link starts the county in that region.
    form = admin.get(f"/admin/counties/new?region={region.id}").get_data(as_text=True)
    assert re.search(rf'<option selected value="{region.id}">Upper Valley</option>', form)
    for name in ("Birch County", "Alder County"):
        added = admin.post("/admin/counties/new", data={"name": name, "state": "nf",
                                                        "region_id": str(region.id)})
        assert added.status_code == 303
    admin.post("/admin/counties/new", data={"name": "Fremont County", "state": "NF", "region_id": ""})
    page = admin.get("/admin/regions")
    assert "Added Fremont County." in text(page)  # the status message after the last save
    row = next(r for r in texts(page, "tr") if "Upper Valley" in r)
    assert "Cedar Valley Regional Hospital" in row
    assert row.index("Alder County") < row.index("Birch County")  # by name
    assert texts(page, "#unassigned a") == ["Fremont County"]
    assert "1 region" in text(page)
    # Audit: ids only, never names.
    created = events("region_created")[0]
    assert created.object_id == str(region.id) and created.actor == admin.user.email
    assert created.detail == f"anchor organization {anchor.id}"
    counties = events("county_created")
    assert len(counties) == 3 and all("County" not in e.detail for e in counties)
    assert counties[0].detail == f"region {region.id}"


def test_new_regions_and_counties_are_offered_to_other_forms(login_as):
    admin = login_as("admin")
    admin.post("/admin/regions/new", data={"name": "Lower Valley", "anchor_organization_id": ""})
    region = db.session.scalar(select(Region))
    admin.post("/admin/counties/new", data={"name": "Elk County", "state": "NF",
                                            "region_id": str(region.id)})
    assert "Lower Valley</option>" in admin.get("/admin/users/new").get_data(as_text=True)
    assert "Elk County" in admin.get("/directory/organizations/new").get_data(as_text=True)


def test_duplicate_names_are_refused_next_to_the_field_and_nothing_changes(login_as, factory):
    admin = login_as("admin")
    region = factory.region("Upper Valley", counties=("Alder County",))
    other = factory.region("Lower Valley")
    before = (count(Region), count(County), count(AuditEvent))

    dup_region = admin.post("/admin/regions/new", data={"name": "upper valley",
                                                        "anchor_organization_id": ""})
    assert dup_region.status_code == 422
    assert field_error(dup_region, "name") == "There is already a region named Upper Valley."
    assert 'value="upper valley"' in dup_region.get_data(as_text=True)  # what was typed stays

    dup_county = admin.post("/admin/counties/new", data={"name": "ALDER COUNTY", "state": "NF",
                                                         "region_id": str(other.id)})
    assert dup_county.status_code == 422
    assert field_error(dup_county, "name") == "There is already a county named Alder County."

    rename = admin.post(f"/admin/regions/{other.id}", data={"name": "Upper Valley",
                                                            "anchor_organization_id": ""})
    assert rename.status_code == 422
    assert (count(Region), count(County), count(AuditEvent)) == before
    db.session.refresh(other)
    assert other.name == "Lower Valley"
    assert [c.name for c in region.counties] == ["Alder County"]


def test_missing_and_bad_fields_are_each_explained(login_as):
    admin = login_as("admin")
    response = admin.post("/admin/counties/new", data={"name": " ", "state": "Nebraska",
                                                       "region_id": "9999"})
    assert response.status_code == 422
    assert field_error(response, "name") == "Enter the county's name."
    assert field_error(response, "state") == "Enter the state as two letters, like NE."
    assert field_error(response, "region_id") == "Choose a region from the list."
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    missing = admin.post("/admin/regions/new", data={"name": "", "anchor_organization_id": "abc"})
    assert missing.status_code == 422
    assert field_error(missing, "name") == "Enter the region's name."
    assert field_error(missing, "anchor_organization_id") == "Choose an organization from the list."
    no_state = admin.post("/admin/counties/new", data={"name": "Elk County", "state": ""})
    assert field_error(no_state, "state") == "Enter the state's two-letter code, like NE."
    too_long = admin.post("/admin/regions/new", data={"name": "x" * 101})
    assert field_error(too_long, "name") == "Use at most 100 characters."
    assert count(Region) == 0 and count(County) == 0 and not events("county_created")


def test_edit_a_county_moves_it_to_another_region_and_is_audited(login_as, factory):
    admin = login_as("admin")
    upper = factory.region("Upper Valley", counties=("Alder County",))
    lower = factory.region("Lower Valley")
    county = upper.counties[0]
    form = admin.get(f"/admin/counties/{county.id}").get_data(as_text=True)
    assert 'value="Alder County"' in form and 'value="NF"' in form
    response = admin.post(f"/admin/counties/{county.id}", data={
        "name": "Alder County", "state": "NF", "region_id": str(lower.id)})
    assert response.status_code == 303
    assert "Saved Alder County: region changed." in text(admin.get("/admin/regions"))
    db.session.refresh(county)
    assert county.region == lower
    change = events("county_updated")[0]
    assert change.object_id == str(county.id) and change.detail == f"changed region (region {lower.id})"
    # Saving again without a change writes no audit row.
    admin.post(f"/admin/counties/{county.id}", data={
        "name": "Alder County", "state": "NF", "region_id": str(lower.id)})
    assert len(events("county_updated")) == 1


def test_a_county_gets_its_fips_code_for_the_gap_map(login_as, factory):
    admin = login_as("admin")
    region = factory.region("Upper Valley", counties=("Alder County", "Birch County"))
    alder, birch = region.counties
    base = {"name": "Alder County", "state": "NE", "region_id": str(region.id)}
    bad = admin.post(f"/admin/counties/{alder.id}", data={**base, "fips": "31-55"})
    assert bad.status_code == 422
    assert field_error(bad, "fips").startswith("Enter the county's five-digit FIPS code")
    assert admin.post(f"/admin/counties/{alder.id}", data={**base, "fips": "31055"}).status_code == 303
    db.session.refresh(alder)
    assert alder.fips == "31055"
    assert 'value="31055"' in admin.get(f"/admin/counties/{alder.id}").get_data(as_text=True)
    taken = admin.post(f"/admin/counties/{birch.id}", data={**base, "name": "Birch County", "fips": "31055"})
    assert field_error(taken, "fips") == "Alder County already has FIPS code 31055."
    assert admin.post(f"/admin/counties/{alder.id}", data={**base, "fips": ""}).status_code == 303
    db.session.refresh(alder)
    assert alder.fips is None


def test_edit_a_region_renames_it_and_changes_its_anchor(login_as, factory):
    admin = login_as("admin")
    first = factory.organization("Harbor House")
    second = factory.organization("Three Rivers Clinic", sector="health_care")
    region = factory.region("Upper Valley", counties=("Alder County",), anchor=first)
    page = admin.get(f"/admin/regions/{region.id}").get_data(as_text=True)
    assert "Counties in Upper Valley" in page and "Alder County</a>" in page
    response = admin.post(f"/admin/regions/{region.id}", data={
        "name": "Upper Valley North", "anchor_organization_id": str(second.id)})
    assert response.status_code == 303
    db.session.refresh(region)
    assert region.name == "Upper Valley North" and region.anchor_organization == second
    change = events("region_updated")[0]
    assert change.detail == f"changed name, anchor agency (anchor organization {second.id})"
    admin.post(f"/admin/regions/{region.id}", data={"name": "Upper Valley North",
                                                    "anchor_organization_id": ""})
    assert events("region_updated")[1].detail == "changed anchor agency (no anchor organization)"
    assert admin.get("/admin/regions/4242").status_code == 404
    assert admin.get("/admin/counties/4242").status_code == 404


@pytest.mark.parametrize("role", ["viewer", "provider", "coordinator"])
def test_only_admins_manage_regions(login_as, factory, role):
    region = factory.region("Upper Valley", counties=("Alder County",))
    client = login_as(role)
    assert client.get("/admin/regions").status_code == 403
    assert client.post("/admin/regions/new", data={"name": "Sneaky"}).status_code == 403
    assert client.post(f"/admin/counties/{region.counties[0].id}", data={
        "name": "Renamed County", "state": "NF", "region_id": ""}).status_code == 403
    assert count(Region) == 1 and region.counties[0].name == "Alder County"
    assert not events("region_created") and not events("county_updated")


def test_the_admin_nav_links_to_regions(login_as):
    page = login_as("admin").get("/admin/users").get_data(as_text=True)
    assert 'href="/admin/regions">Regions and counties</a>' in page


def test_htmx_validation_errors_come_back_as_422_with_the_form(login_as):
    admin = login_as("admin")
    response = admin.post("/admin/regions/new", data={"name": ""}, headers={"HX-Request": "true",
                                                                             "HX-Boosted": "true"})
    assert response.status_code == 422
    assert field_error(response, "name") == "Enter the region's name."


def test_region_forms_need_the_csrf_token(csrf_app, factory):
    from support import login

    admin = factory.user("admin")
    client = csrf_app.test_client()
    login(client, admin.email, csrf_token=csrf_token_from(client.get("/auth/login").get_data(as_text=True)))
    assert client.post("/admin/regions/new", data={"name": "No Token"}).status_code == 400
    token = csrf_token_from(client.get("/admin/regions/new").get_data(as_text=True))
    assert client.post("/admin/regions/new", data={"name": "With Token", "csrf_token": token,
                                                   "anchor_organization_id": ""}).status_code == 303
    assert [r.name for r in db.session.scalars(select(Region))] == ["With Token"]
