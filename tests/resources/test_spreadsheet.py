"""The services spreadsheet: template, preview with row errors, one transaction, idempotent,
and the search page's CSV export imports back unchanged."""
import csv
import io

import pytest
from sqlalchemy import func, select
from support import field_error

from hh.admin.models import AuditEvent
from hh.directory.models import County, Organization
from hh.extensions import db
from hh.importing import ImportFailure
from hh.resources.models import CapacityUnit, Service
from hh.resources.spreadsheet import import_spreadsheet
from hh.resources.taxonomy import ensure_taxonomy

HEADER = ("organization,sector,service,category,description,status,counties_served,address,city,"
          "state,postal_code,phone,email,url,accepts_referrals,beds_total\n")
GOOD = ("Harbor House,Homeless response,Night shelter,Emergency shelter,Beds for adults,active,"
        "Alder County; Birch,12 Main St,Millbrook,NF,55501,555-0110,intake@harbor.org,harbor.org,yes,20\n")


@pytest.fixture
def place(app):
    ensure_taxonomy()
    db.session.add_all([County(name="Alder County", state="NF"), County(name="Birch County", state="NF")])
    db.session.commit()
    return app


def service_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Service))


def test_only_http_web_addresses_are_imported(place):
    data = (HEADER + GOOD.replace("harbor.org,yes", "javascript:alert(1),yes")
            + GOOD.replace("Night shelter", "Day center").replace("harbor.org,yes", "http://harbor.org/day,yes")
            ).encode()
    report = import_spreadsheet(data, commit=True, actor="test", name="services.csv")
    assert [(p.line, p.reason) for p in report.problems] == [
        (2, "url “javascript:alert(1)”: enter a web address starting with https://, like https://example.org.")]
    assert db.session.scalars(select(Service.url)).all() == ["http://harbor.org/day"]


def test_good_rows_are_imported_and_bad_rows_reported_by_line(place):
    data = (HEADER + GOOD
            + "Harbor House,,Day center,Meals,,,Nowhere County,,,,,,,,no,\n"
            + "River Clinic,Health care,Walk-in care,Housing › Nope,,,,,,,,,,,,\n"
            + "River Clinic,Health care,,Primary care,,,,,,,,,,,,\n"
            + "River Clinic,Health care,Street medicine,Street medicine,,,,,,,,,,,maybe,\n"
            + "River Clinic,Health care,Vans,,,,,,,,,,,,,lots\n"
            + "River Clinic,Space station,Vans2,,,,,,,,,,,,,\n"
            + "Harbor House,,night SHELTER,,,,,,,,,,,,,\n"
            + "River Clinic,health care,Primary care clinic,health.primary_care,,Active,Birch County,,,,,,bad email,,,\n"
            ).encode()
    report = import_spreadsheet(data, commit=True, actor="test", name="services.csv")
    reasons = {p.line: p.reason for p in report.problems}
    assert "no county named “Nowhere County”" in reasons[3]
    assert "category “Housing › Nope”" in reasons[4]
    assert "organization and a service name" in reasons[5]
    assert "yes or no" in reasons[6]
    assert "whole number" in reasons[7]
    assert "sector “Space station”" in reasons[8]
    assert "on line 2" in reasons[9]
    assert "email “bad email”: enter an email address" in reasons[10]
    assert all(p.file == "services.csv" and p.skipped for p in report.problems)
    assert report.counts["services"]["new"] == 1
    shelter = db.session.scalar(select(Service))
    assert shelter.name == "Night shelter" and shelter.category.code == "housing.emergency_shelter"
    assert sorted(a.county.name for a in shelter.areas) == ["Alder County", "Birch County"]
    assert shelter.locations[0].address_line == "12 Main St, Millbrook, NF 55501"
    assert shelter.phones[0].number == "555-0110"
    assert shelter.url == "https://harbor.org" and shelter.accepts_referrals
    assert [(u.unit_type, u.total) for u in shelter.capacity] == [("beds", 20)]
    assert shelter.organization.sector == "homeless_response"
    # River Clinic had no good row: it was not created.
    assert db.session.scalar(select(Organization).where(Organization.name == "River Clinic")) is None
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "services_imported"))
    assert "services: 1 new" in event.detail and "8 rows skipped" in event.detail


def test_re_importing_changes_nothing_and_a_change_updates(place):
    import_spreadsheet((HEADER + GOOD).encode(), commit=True)
    report = import_spreadsheet((HEADER + GOOD).encode(), commit=True)
    assert report.changes == 0 and report.counts["services"]["unchanged"] == 1
    changed = GOOD.replace(",20\n", ",25\n").replace("Beds for adults", "Beds for adults 18+")
    report = import_spreadsheet((HEADER + changed).encode(), commit=True)
    assert report.counts["services"]["updated"] == 1
    service = db.session.scalar(select(Service))
    assert service.description == "Beds for adults 18+" and service.capacity[0].total == 25
    assert service_count() == 1


def test_the_search_export_imports_back_unchanged(place, login_as):
    import_spreadsheet((HEADER + GOOD).encode(), commit=True)
    client = login_as("coordinator")
    exported = client.get("/resources/search.csv").data
    assert b"Night shelter" in exported
    report = import_spreadsheet(exported, commit=True, name="crosswalk-services.csv")
    assert report.problems == []
    assert report.changes == 0 and report.counts["services"]["unchanged"] == 1
    # Edited in a spreadsheet: the change comes through.
    rows = list(csv.reader(io.StringIO(exported.decode())))
    rows[1][rows[0].index("accepts_referrals")] = "no"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    report = import_spreadsheet(buffer.getvalue().encode(), commit=True)
    assert report.counts["services"]["updated"] == 1
    assert db.session.scalar(select(Service.accepts_referrals)) is False


def test_formula_guard_from_our_exports_is_undone(place):
    row = GOOD.replace("555-0110", "'+1 555 0110")
    import_spreadsheet((HEADER + row).encode(), commit=True)
    assert db.session.scalar(select(Service)).phones[0].number == "+1 555 0110"


def test_a_malformed_file_changes_nothing(place):
    import_spreadsheet((HEADER + GOOD).encode(), commit=True)
    for data, message in ((b"service,city\nShelter,Town\n", "missing required column organization"),
                          (b"\xff\xfeorganization,service\n", "not UTF-8"),
                          (b"", "the file is empty"),
                          ((HEADER + GOOD.replace("Millbrook", "Mill\0brook")).encode(), "not valid CSV"),
                          ((HEADER + 'Harbor House,,"unterminated\n').encode(), "not valid CSV")):
        with pytest.raises(ImportFailure, match=message):
            import_spreadsheet(data, commit=True)
    assert service_count() == 1


def test_template_downloads_and_imports(place, login_as):
    client = login_as("coordinator")
    response = client.get("/resources/import/template.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["organization", "sector", "service"] and len(rows) == 2
    report = import_spreadsheet(response.data, commit=True)
    assert report.problems == [] and report.counts["services"]["new"] == 1
    assert db.session.scalar(select(CapacityUnit.total)) == 20


def _upload(client, data: bytes, name="services.csv"):
    return client.post("/resources/import/spreadsheet", data={"spreadsheet": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_web_preview_then_confirm(place, login_as):
    client = login_as("coordinator")
    data = (HEADER + GOOD + "Harbor House,,Day center,,,,Nowhere County,,,,,,,,,\n").encode()
    response = _upload(client, data)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Nowhere County" in page and "<td>3</td>" in page
    assert service_count() == 0
    done = client.post(response.headers["Location"] + "/confirm")
    assert done.status_code == 303
    assert db.session.scalar(select(Service.name)) == "Night shelter"


def test_web_refuses_bad_uploads_with_a_message(place, login_as):
    client = login_as("coordinator")
    response = _upload(client, b"service\nShelter\n")
    assert response.status_code == 422
    assert "missing required column organization" in field_error(response, "spreadsheet")
    response = _upload(client, (HEADER + GOOD).encode(), name="services.xlsx")
    assert response.status_code == 422
    assert field_error(response, "spreadsheet") == "Upload a .csv file."
    assert service_count() == 0


def test_providers_and_viewers_cannot_import(place, login_as):
    for role in ("provider", "viewer"):
        client = login_as(role)
        assert _upload(client, (HEADER + GOOD).encode()).status_code == 403
        assert client.get("/resources/import/template.csv").status_code == 403
    assert service_count() == 0


def test_cancel_and_expiry_drop_the_upload(place, login_as, monkeypatch):
    from hh import importing

    client = login_as("coordinator")
    preview = _upload(client, (HEADER + GOOD).encode()).headers["Location"]
    assert client.post(preview + "/cancel").status_code == 303
    assert client.post(preview + "/confirm").status_code == 303
    assert service_count() == 0
    preview = _upload(client, (HEADER + GOOD).encode()).headers["Location"]
    monkeypatch.setattr(importing, "PENDING_SECONDS", -1)
    response = client.get(preview, follow_redirects=True)
    assert "expired" in response.get_data(as_text=True)
    client.post(preview + "/confirm")
    assert service_count() == 0
