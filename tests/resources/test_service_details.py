"""A service's whole record: opening hours (open now, when it opens, the search filter),
eligibility, fees, what to bring, languages, accessibility, areas, program and funding, through
an HSDS 1.1 package (data/ folder, zip, command line), the 3.0 round trip, the form and the
services spreadsheet."""
import io
import json
import zipfile
from datetime import datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select
from support import field_error, text, texts

from hh.directory.models import County, Organization
from hh.extensions import db
from hh.importing import read_folder, unpack_package_zip
from hh.resources import hsds, search
from hh.resources.models import Service, ServiceSchedule
from hh.resources.spreadsheet import import_spreadsheet
from hh.resources.taxonomy import ensure_taxonomy

FIXTURE = Path(__file__).with_name("hsds-3.0-example")
MONDAY_10AM = datetime(2026, 1, 12, 16, 0)  # UTC; 10:00 in the CoC (America/Chicago)
SUNDAY_10AM = datetime(2026, 1, 11, 16, 0)

HSDS_11 = {
    "organizations.csv": "id,name,description,url\n1,Old River Clinic,A clinic,http://oldriver.org\n",
    "programs.csv": "id,organization_id,name,alternate_name\np1,1,Health for All,\n",
    "services.csv": "id,organization_id,program_id,name,description,status,fees,wait_time\n"
                    "10,1,p1,Walk-in care,Same-day visits,active,Sliding scale,1 week\n",
    "locations.csv": "id,organization_id,name,latitude,longitude\n20,1,Main clinic,44.5,-93.1\n"
                     "21,1,Mail room,,\n",
    "physical_addresses.csv": "id,location_id,address_1,city,region,state_province,postal_code,country\n"
                              "30,20,5 River Rd,Millbrook,Alder County,NF,55501,US\n",
    "postal_addresses.csv": "id,location_id,address_1,city,state_province,postal_code,country\n"
                            "31,20,PO Box 9,Millbrook,NF,55501,US\n32,21,PO Box 10,Millbrook,NF,55501,US\n",
    "services_at_location.csv": "id,service_id,location_id\n40,10,20\n",
    "service_area.csv": "id,service_id,service_area,description\n50,10,Alder County,\n51,10,Atlantis,\n",
    "taxonomy.csv": "id,name,parent_id,parent_name,vocabulary\n60,Primary care,,,\n61,Dental care,,,\n",
    "services_taxonomy.csv": "id,service_id,taxonomy_id,taxonomy_detail\n70,10,60,\n70,10,61,\n",
    "languages.csv": "id,service_id,location_id,language\n80,10,,Spanish\n80,10,,English\n80,10,,Spanish\n",
    "regular_schedules.csv": "id,service_id,location_id,service_at_location_id,weekday,opens_at,closes_at\n"
                             "90,10,,,1,09:00,17:00\n91,10,,,Tuesday,9:00 AM,5:00 PM\n",
    "holiday_schedules.csv": "id,service_id,closed,opens_at,closes_at,start_date,end_date\n"
                             "95,10,true,,,2026-12-25,2026-12-25\n",
    "eligibility.csv": "id,service_id,eligibility\n100,10,Adults in Alder County\n",
    "payments_accepted.csv": "id,service_id,payment\n110,10,Medicaid\n",
    "accessibility_for_disabilities.csv": "id,location_id,accessibility,details\n120,20,Ramp at the side door,\n",
    "required_documents.csv": "id,service_id,document\n130,10,Photo ID\n",
    "funding.csv": "id,organization_id,service_id,source\n140,1,10,County grant\n",
    "phones.csv": "id,service_id,number\n150,10,555-0101\n",
    "contacts.csv": "id,organization_id,name\n160,1,Dana Lee\n",
}


def write_11_package(folder: Path) -> Path:
    """A 1.1 package as published: datapackage.json at the top, the files in data/."""
    (folder / "data").mkdir(parents=True)
    for name, content in HSDS_11.items():
        (folder / "data" / name).write_text(content)
    resources = [{"name": n[:-4], "path": f"data/{n}"} for n in HSDS_11]
    (folder / "datapackage.json").write_text(json.dumps({"name": "old-river", "resources": resources}))
    return folder


def zipped(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.rglob("*"):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


@pytest.fixture
def coc(app):
    ensure_taxonomy()
    db.session.add(County(name="Alder County", state="NF"))
    db.session.commit()
    return app


def _check_11_service() -> None:
    service = db.session.scalar(select(Service))
    assert service.languages == "Spanish, English"  # a reused id loses no language
    assert service.fees_description == "Sliding scale\nMedicaid"
    assert service.eligibility_description == "Adults in Alder County"
    assert service.required_documents == "Photo ID" and service.funding == "County grant"
    assert service.accessibility == "Ramp at the side door" and service.program == "Health for All"
    assert service.area_description == "Atlantis"
    assert [a.county.name for a in service.areas] == ["Alder County"]
    assert [(h.weekday, h.opens_at, h.closes_at) for h in service.hours] == [
        (0, time(9), time(17)), (1, time(9), time(17))]
    assert service.locations[0].address_1 == "5 River Rd"  # the street address, not the PO box
    mail_room = db.session.scalar(select(Service).where(Service.id == service.id)).organization
    assert mail_room.name == "Old River Clinic"


def test_a_1_1_package_in_a_data_folder_imports_every_file_from_the_command_line(coc, tmp_path):
    package = write_11_package(tmp_path / "pkg")
    result = coc.test_cli_runner().invoke(args=["hh", "import-hsds", str(package)])
    assert result.exit_code == 0, result.output
    _check_11_service()
    out = result.output
    assert "services_taxonomy.csv (2 rows): imported as services' categories" in out
    assert "regular_schedules.csv (2 rows): imported as opening hours" in out
    assert "holiday_schedules.csv (1 row): not imported: holiday closures" in out
    assert "services.csv (1 row): imported as services; columns not imported: wait_time" in out
    assert out.count("ids are reused across rows") == 2  # languages and categories, once each
    assert "1 rows give a service a further category" in out
    assert "postal_addresses.csv line 2: skipped: location 20 has a street address" in out


def test_a_zipped_1_1_package_imports_on_the_web_and_the_command_line(coc, tmp_path, login_as):
    data = zipped(write_11_package(tmp_path / "pkg"))
    (tmp_path / "pkg.zip").write_bytes(data)
    preview = coc.test_cli_runner().invoke(args=["hh", "import-hsds", str(tmp_path / "pkg.zip"), "--dry-run"])
    assert preview.exit_code == 0 and "Preview only" in preview.output
    client = login_as("coordinator")
    response = client.post("/resources/import/hsds", data={"package": (io.BytesIO(data), "pkg.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    rows = texts(page, "table.import-files tbody tr")
    assert "eligibility.csv 1 services' eligibility id : eligibility is kept as one text per service" in rows
    assert any(r.startswith("holiday_schedules.csv 1 Not imported holiday closures") for r in rows)
    client.post(response.headers["Location"] + "/confirm")
    _check_11_service()
    assert dict(read_folder(tmp_path / "pkg")) == unpack_package_zip(data)


def _fill_details(service: Service) -> None:
    service.required_documents, service.accessibility = "Photo ID", "Step-free entrance"
    service.program, service.funding, service.languages = "Outreach", "State grant", "English, Urdu"
    service.fees_description, service.area_description = "Free", "Statewide by phone"
    service.hours = [ServiceSchedule(weekday=0, opens_at=time(9), closes_at=time(17), description="walk-in"),
                     ServiceSchedule(weekday=None, description="By appointment at weekends")]
    db.session.commit()


def test_details_round_trip_through_hsds_and_the_own_export_reports_no_change(coc, make_app, tmp_path):
    hsds.import_package(dict(read_folder(FIXTURE)), commit=True)
    _fill_details(db.session.scalar(select(Service)))
    first = hsds.export_files()
    counts = hsds.write_package(tmp_path / "out")
    assert counts["schedules.csv"] == 2 and counts["required_documents.csv"] == 1
    assert counts["programs.csv"] == 1 and counts["funding.csv"] == 1 and counts["cost_options.csv"] == 1
    from test_hsds import _validate
    _validate(tmp_path / "out")
    assert hsds.import_package(first, commit=True).changes == 0
    db.session.rollback()
    other = make_app()
    with other.app_context():
        db.session.add(County(name="Alder County", state="NF"))
        db.session.commit()
        hsds.import_package(first, commit=True)
        second = hsds.export_files()
    for name in first:
        assert first[name] == second[name], name


SERVICE_FORM = {"name": "Night shelter", "status": "active", "hours": "Mon-Fri 9:00-17:00\nSat closed",
                "eligibility_description": "Adults", "minimum_age": "18", "maximum_age": "99",
                "fees_description": "Free", "languages": "English, Spanish",
                "required_documents": "Photo ID", "accessibility": "Ramp", "program": "Shelter",
                "funding": "HUD CoC", "area_description": "Anywhere by phone"}


def test_every_detail_through_the_service_form_and_the_page_shows_open_now(coc, login_as, clock):
    org = Organization(name="Harbor House", sector="homeless_response")
    db.session.add(org)
    db.session.commit()
    client = login_as("coordinator")
    bad = client.post(f"/resources/services/new?organization={org.id}", data={**SERVICE_FORM, "hours": "Mon 9-"})
    assert bad.status_code == 422
    assert field_error(bad, "hours").startswith("Line 1: write hours like")
    response = client.post(f"/resources/services/new?organization={org.id}", data=SERVICE_FORM)
    assert response.status_code == 303
    clock(MONDAY_10AM)
    page = client.get(response.headers["Location"])
    assert text(page, ".open-status") == "Open now"
    assert texts(page, "ul.hours li")[0] == "Mon 9:00-17:00" and texts(page, "ul.hours li")[-1] == "Sat closed"
    facts = text(page, "dl.facts")
    for shown in ("What to bring Photo ID", "Accessibility Ramp", "Program Shelter", "Funding HUD CoC",
                  "Other areas served Anywhere by phone", "Fees Free", "(ages 18–99)"):
        assert shown in facts
    clock(SUNDAY_10AM)
    assert text(client.get(response.headers["Location"]), ".open-status") == "Closed now, opens Mon 9:00"
    edit = client.get(response.headers["Location"] + "/edit")
    assert "Mon 9:00-17:00" in text(edit, "#hours")


def test_the_open_now_filter(coc, login_as, clock):
    org = Organization(name="Harbor House", sector="homeless_response")
    db.session.add_all([org, Service(organization=org, name="Day center", hours=[
        ServiceSchedule(weekday=0, opens_at=time(9), closes_at=time(17))]),
        Service(organization=org, name="Night shelter", hours=[
            ServiceSchedule(weekday=6, opens_at=time(19), closes_at=time(7))]),
        Service(organization=org, name="Hotline")])
    db.session.commit()
    client = login_as("viewer")
    clock(MONDAY_10AM)
    results = client.get("/resources/?open_now=y")
    assert texts(results, ".result h3") == ["Day center"]
    assert texts(client.get("/resources/"), ".result .open-status") == ["Open now", "Closed now, opens Sun 19:00"]
    clock(datetime(2026, 1, 12, 12, 0))  # Monday 6:00 in the CoC: Sunday night's shelter is open
    assert texts(client.get("/resources/?open_now=y"), ".result h3") == ["Night shelter"]


def test_a_search_with_many_matches_counts_only_so_far(coc, login_as, monkeypatch):
    monkeypatch.setattr(search, "COUNT_LIMIT", 5)
    monkeypatch.setattr(search, "FEW_MATCHES", 2)
    org = Organization(name="Harbor House", sector="homeless_response")
    db.session.add_all([org] + [Service(organization=org, name=f"Pantry {n:02d}") for n in range(12)])
    db.session.commit()
    client = login_as("viewer")
    first = client.get("/resources/")
    assert text(first, "#service-results") == "More than 5 services"
    assert "add words or filters to narrow the search" in text(first, "main")
    assert texts(first, ".result h3")[:2] == ["Pantry 00", "Pantry 01"]
    monkeypatch.setattr(search, "COUNT_LIMIT", 50)
    assert text(client.get("/resources/"), "#service-results") == "12 services"


def test_every_detail_through_the_spreadsheet(coc):
    header = "organization,service,hours,eligibility,minimum_age,maximum_age,fees,languages," \
             "required_documents,accessibility,program,funding,other_areas\n"
    good = "Harbor House,Night shelter,Mon-Fri 9:00-17:00,Adults,18,64,Free,English,Photo ID,Ramp,Shelter,HUD,Statewide\n"
    bad = "Harbor House,Day center,Mon 9-,,,,,,,,,,\nHarbor House,Outreach,,,70,18,,,,,,,\n"
    report = import_spreadsheet((header + good + bad).encode(), commit=True, actor="test", name="s.csv")
    problems = {p.line: p.reason for p in report.problems}
    assert problems[3].startswith("hours “Mon 9-”: line 1: write hours like")
    assert problems[4] == "maximum_age cannot be below minimum_age"
    service = db.session.scalar(select(Service))
    assert (service.eligibility_description, service.minimum_age, service.maximum_age) == ("Adults", 18, 64)
    assert (service.required_documents, service.accessibility, service.program, service.funding,
            service.area_description, service.fees_description) == ("Photo ID", "Ramp", "Shelter", "HUD", "Statewide", "Free")
    assert len(service.hours) == 5
    again = import_spreadsheet((header + good).encode(), commit=True, actor="test", name="s.csv")
    assert again.changes == 0
