"""HSDS: the standard's example imported, problems reported, round trip, schema validation,
idempotency, malformed packages refused whole, HSDS 1.1 names, the web upload → preview → confirm."""
import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select
from support import field_error, texts

from hh import importing
from hh.admin.models import AuditEvent
from hh.directory.models import Contact, County, Organization, Phone
from hh.extensions import db
from hh.importing import ImportFailure, read_folder
from hh.resources import hsds
from hh.resources.models import Location, Service, ServiceArea, TaxonomyTerm, service_at_location
from hh.resources.taxonomy import ensure_taxonomy

# The standard's own example package (Open Referral, CC-BY-SA 4.0: see LICENSE there).
FIXTURE = Path(__file__).with_name("hsds-3.0-example")


def example() -> dict[str, bytes]:
    return dict(read_folder(FIXTURE))


def counts() -> dict[str, int]:
    tables = {"organizations": Organization, "services": Service, "locations": Location,
              "phones": Phone, "contacts": Contact, "areas": ServiceArea, "terms": TaxonomyTerm}
    result = {name: db.session.scalar(select(func.count()).select_from(model))
              for name, model in tables.items()}
    result["links"] = db.session.scalar(select(func.count()).select_from(service_at_location))
    return result


@pytest.fixture
def coc(demo):
    """A CoC with counties, the taxonomy and a few services, contacts and phones: the demo's."""
    return demo


def test_the_standards_example_is_imported_and_its_dangling_rows_reported(app):
    report = hsds.import_package(example(), commit=True, actor="test")
    counts_ = report.counts
    assert counts_["organizations"]["new"] == 1
    assert counts_["services"]["new"] == 1
    assert counts_["locations"]["new"] == 1
    assert counts_["contacts"]["new"] == 1
    assert counts_["phones"]["new"] == 1
    service = db.session.scalar(select(Service))
    assert service.name == "Community Counselling"
    assert service.organization.name == "Example Organization Inc."
    assert service.minimum_age == 12 and service.maximum_age == 100
    assert service.languages == "Urdu"
    assert service.locations[0].address_1 == "1-30 Main Street"
    assert service.locations[0].city == "MyCity"
    contact = db.session.scalar(select(Contact))
    assert contact.organization == service.organization  # through its service: its own org dangles
    assert "234567" in contact.phone
    problems = {(p.file, p.line, p.skipped): p.reason for p in report.problems}
    assert "not found" in problems[("locations.csv", 2, False)]
    assert service.area_description.startswith("The service is available to all residents of the MyCity area")
    assert "only service categories" in problems[("attributes.csv", 2, True)]
    assert "parent term" in problems[("taxonomy_terms.csv", 2, False)]
    assert report.skipped == 1
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "hsds_imported"))
    assert "services: 1 new" in event.detail


def test_re_importing_changes_nothing(app):
    hsds.import_package(example(), commit=True)
    before = counts()
    report = hsds.import_package(example(), commit=True)
    assert report.changes == 0
    assert all(c["new"] == c["updated"] == 0 for c in report.counts.values())
    assert report.counts["services"]["unchanged"] == 1
    assert counts() == before


def test_a_preview_changes_nothing(app):
    report = hsds.import_package(example(), commit=False)
    assert report.counts["services"]["new"] == 1
    assert counts()["services"] == 0


def _validate(folder: Path):
    from frictionless import validate

    result = validate(str(folder / "datapackage.json"))
    errors = [f"{task.name}: {error.message}" for task in result.tasks for error in task.errors]
    assert result.valid, errors[:10]


def test_the_export_validates_against_the_standards_schema(coc, tmp_path):
    hsds.import_package(example(), commit=True)  # a record from elsewhere, with an address
    counts_ = hsds.write_package(tmp_path / "out")
    assert counts_["services.csv"] == db.session.scalar(select(func.count()).select_from(Service))
    assert counts_["service_areas.csv"] > 0 and counts_["attributes.csv"] > 0
    assert counts_["addresses.csv"] == 1
    _validate(tmp_path / "out")
    header = (tmp_path / "out" / "services.csv").read_text().splitlines()[0]
    assert header.startswith("id,organization_id,program_id,name,")


def test_round_trip_into_an_empty_database_gives_the_same_package(coc, make_app):
    hsds.import_package(example(), commit=True)
    first = hsds.export_files()
    county_names = [(c.name, c.state) for c in db.session.scalars(select(County))]
    # End this read: on PostgreSQL the other app empties the same database, and its DROP TABLE
    # would wait for this session's open transaction forever.
    db.session.rollback()
    other = make_app()
    with other.app_context():
        for name, state in county_names:  # the CoC's geography is set up before imports
            db.session.add(County(name=name, state=state))
        db.session.commit()
        report = hsds.import_package(first, commit=True)
        assert report.counts["services"]["new"] == db.session.scalar(
            select(func.count()).select_from(Service))
        second = hsds.export_files()
    assert set(first) == set(second)
    for name in first:
        assert first[name] == second[name], name


def test_a_malformed_file_changes_nothing_and_says_why(coc):
    hsds.import_package(example(), commit=True)
    before = counts()
    broken = example()
    broken["services.csv"] = broken["services.csv"].replace(b"Community Counselling", b"Renamed") + \
        b'x,"unterminated\n'
    with pytest.raises(ImportFailure, match="services.csv.*not valid CSV"):
        hsds.import_package(broken, commit=True)
    missing = example()
    missing["services.csv"] = b"id,name\n1,Something\n"
    with pytest.raises(ImportFailure, match="missing required column organization_id"):
        hsds.import_package(missing, commit=True)
    with pytest.raises(ImportFailure, match="Not an HSDS package"):
        hsds.import_package({"readme.csv": b"a,b\n"}, commit=True)
    with pytest.raises(ImportFailure, match="not UTF-8"):
        hsds.import_package({**example(), "organizations.csv": b"id,name\n\xff\xfe,\x81\n"}, commit=True)
    with pytest.raises(ImportFailure, match="datapackage.json"):
        hsds.import_package({**example(), "datapackage.json": b"{not json"}, commit=True)
    assert counts() == before
    assert db.session.scalar(select(Service.name).where(Service.name == "Renamed")) is None


def test_hostile_rows_are_skipped_with_their_line(app):
    files = example()
    files["services.csv"] += (
        b"s2,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,,Bad age,,,,,active,,,,,,,,twelve,,,,,,\n"
        b"s3,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,,Bad status,,,,,open,,,,,,,,,,,,,,\n"
        b"s4,no-such-org,,Orphan,,,,,active,,,,,,,,,,,,,,\n"
        b"s5,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,," + b"x" * 300 + b",,,,,active,,,,,,,,,,,,,,\n"
        b"ac148810-d857-441c-9679-408f346de14b,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610,,Twice,,,,,active,,,,,,,,,,,,,,\n")
    report = hsds.import_package(files, commit=True)
    reasons = {p.line: p.reason for p in report.problems if p.file == "services.csv"}
    assert "not a number" in reasons[3]
    assert "status" in reasons[4]
    assert "organization no-such-org" in reasons[5]
    assert "longer than 200" in reasons[6]
    assert "appears twice (first on line 2)" in reasons[7]
    assert db.session.scalar(select(func.count()).select_from(Service)) == 1


def test_only_http_web_addresses_are_imported(app):
    files = example()
    files["organizations.csv"] = files["organizations.csv"].replace(
        b",email@example.com,http://example.com,", b",email@example.com,javascript:alert(1),")
    report = hsds.import_package(files, commit=False)
    assert (2, "website “javascript:alert(1)” is not a web address starting with http:// or https://") in [
        (p.line, p.reason) for p in report.problems if p.file == "organizations.csv"]
    files = example()
    files["services.csv"] = files["services.csv"].replace(b"http://example.com/counselling",
                                                          b"JAVASCRIPT:alert(1)")
    report = hsds.import_package(files, commit=True)
    assert [(p.line, p.reason) for p in report.problems if p.file == "services.csv"] == [
        (2, "url “JAVASCRIPT:alert(1)” is not a web address starting with http:// or https://")]
    assert db.session.scalar(select(func.count()).select_from(Service)) == 0
    assert db.session.scalar(select(Organization.website)) == "http://example.com"


HSDS_11 = {
    "organizations.csv": "id,name,alternate_name,description,email,url,tax_status\n"
                         "1,Old River Clinic,,A clinic,info@oldriver.org,http://oldriver.org,\n",
    "services.csv": "id,organization_id,program_id,name,alternate_name,description,url,email,status,"
                    "interpretation_services,application_process,wait_time,fees,accreditations,licenses\n"
                    "10,1,,Walk-in care,,Same-day visits,,,active,,Walk in,,Sliding scale,,\n",
    "locations.csv": "id,organization_id,name,alternate_name,description,transportation,latitude,longitude\n"
                     "20,1,Main clinic,,,,44.5,-93.1\n",
    "physical_addresses.csv": "id,location_id,attention,address_1,city,region,state_province,postal_code,country\n"
                              "30,20,,5 River Rd,Millbrook,Alder County,NF,55501,US\n",
    "services_at_location.csv": "id,service_id,location_id,description\n40,10,20,\n",
    "service_area.csv": "id,service_id,service_area,description\n50,10,Alder County,\n51,10,Atlantis,\n",
    "taxonomy.csv": "id,name,parent_id,parent_name,vocabulary\n60,Primary care,,,\n",
    "service_taxonomy.csv": "id,service_id,taxonomy_id,taxonomy_detail\n70,10,60,\n",
    "languages.csv": "id,service_id,location_id,language\n80,10,,Spanish\n81,10,,English\n",
    "phones.csv": "id,location_id,service_id,organization_id,contact_id,service_at_location_id,number,"
                  "extension,type,language,description\n90,,10,,,,555-0101,,voice,,Front desk\n",
    "contacts.csv": "id,organization_id,service_id,service_at_location_id,name,title,department,email,phone_number\n"
                    "95,1,,,Dana Lee,Nurse manager,,dana@oldriver.org,\n",
}


def test_hsds_1_1_names_are_mapped(app, tmp_path):
    ensure_taxonomy()
    db.session.add(County(name="Alder County", state="NF"))
    db.session.commit()
    report = hsds.import_package({k: v.encode() for k, v in HSDS_11.items()}, commit=True)
    service = db.session.scalar(select(Service))
    assert service.name == "Walk-in care" and service.fees_description == "Sliding scale"
    assert service.organization.website == "http://oldriver.org"
    assert service.category.code == "health.primary_care"  # 1.1 terms have no code: matched by name
    assert service.languages == "Spanish, English"
    assert [a.county.name for a in service.areas] == ["Alder County"]
    location = service.locations[0]
    assert (location.address_1, location.city, location.county.name) == ("5 River Rd", "Millbrook", "Alder County")
    assert service.phones[0].number == "555-0101"
    assert db.session.scalar(select(Contact.name)) == "Dana Lee"
    assert service.area_description == "Atlantis"  # not a county of the CoC: kept as text
    assert report.problems == []
    # Ids that are not UUIDs get stable UUIDs in the export, which still validates.
    hsds.write_package(tmp_path / "out")
    _validate(tmp_path / "out")


def test_cli_import_and_export(coc, tmp_path):
    runner = coc.test_cli_runner()
    result = runner.invoke(args=["hh", "import-hsds", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "services: 1 new" in result.output
    assert "schedules.csv (1 row): imported as opening hours" in result.output
    assert "metadata.csv (1 row): not imported: the package's own change log" in result.output
    result = runner.invoke(args=["hh", "export-hsds", str(tmp_path / "pkg")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pkg" / "datapackage.json").exists()
    assert "Community Counselling" in (tmp_path / "pkg" / "services.csv").read_text()
    again = runner.invoke(args=["hh", "export-hsds", str(tmp_path / "pkg")])
    assert again.exit_code != 0 and "not empty" in again.output
    (tmp_path / "empty").mkdir()
    bad = runner.invoke(args=["hh", "import-hsds", str(tmp_path / "empty")])
    assert bad.exit_code != 0 and "Not an HSDS package" in bad.output and "Nothing was imported" in bad.output


# --- Web --------------------------------------------------------------------------------------------


def zipped(files: dict[str, bytes], prefix: str = "package/") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(prefix + name, content)
    return buffer.getvalue()


def upload(client, data: bytes, name: str = "package.zip"):
    return client.post("/resources/import/hsds", data={"package": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_web_upload_previews_then_imports_on_confirm(app, login_as):
    client = login_as("coordinator")
    response = upload(client, zipped(example()))
    assert response.status_code == 303
    preview_url = response.headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "Nothing has been imported yet" in page
    files = dict(row.split(" ", 1) for row in texts(page, "table.import-files tbody tr"))
    assert files["schedules.csv"].startswith("1 opening hours valid_from : Crosswalk has no field")
    assert files["metadata.csv"].startswith("1 Not imported the package's own change log")
    assert db.session.scalar(select(func.count()).select_from(Service)) == 0
    # Only the uploader can see or confirm it.
    other = login_as("coordinator")
    assert other.post(preview_url + "/confirm").status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Service)) == 0
    response = client.post(preview_url + "/confirm")
    assert response.status_code == 303
    assert db.session.scalar(select(Service.name)) == "Community Counselling"
    assert "Imported the HSDS package" in client.get(response.headers["Location"]).get_data(as_text=True)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "hsds_imported"))
    assert event.user_id == client.user.id
    # The pending upload is gone: confirming twice imports nothing more.
    assert client.get(preview_url).status_code == 303


def test_web_upload_refuses_bad_files_next_to_the_field(app, login_as, monkeypatch):
    client = login_as("coordinator")
    for data, name, message in (
            (b"not a zip", "package.zip", "not a zip file"),
            (zipped({"notes.txt": b"hello"}), "package.zip", "no CSV files"),
            (zipped({"services.csv": b"id\n"}), "package.zip", "no organizations.csv"),
            (zipped(example()), "package.csv", "Upload a .zip file")):
        response = upload(client, data, name)
        assert response.status_code == 422
        assert message in field_error(response, "package")
    response = client.post("/resources/import/hsds", data={})
    assert response.status_code == 422
    assert field_error(response, "package") == "Choose a .zip file to upload."
    monkeypatch.setattr(importing, "MAX_UNPACKED_BYTES", 1000)
    response = upload(client, zipped({"organizations.csv": b"id,name\n" + b"a" * 5000 + b",x\n"}))
    assert response.status_code == 422 and "unpacks to more than" in field_error(response, "package")
    assert db.session.scalar(select(func.count()).select_from(Organization)) == 0


def test_paths_inside_the_zip_are_never_used(app, login_as, tmp_path):
    client = login_as("coordinator")
    files = {f"../../../{name}": content for name, content in example().items()}
    response = upload(client, zipped(files, prefix=""))
    assert response.status_code == 303
    token = response.headers["Location"].rsplit("/", 1)[-1]
    pending = Path(app.instance_path) / "pending-imports" / token
    assert (pending / "organizations.csv").exists()
    assert not (Path(app.instance_path).parent / "organizations.csv").exists()


def test_providers_cannot_upload(app, login_as):
    client = login_as("provider")
    assert upload(client, zipped(example())).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Organization)) == 0


def test_everyone_signed_in_can_download_the_package(coc, login_as):
    client = login_as("viewer")
    response = client.get("/resources/export/hsds.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert "datapackage.json" in archive.namelist()
    org = db.session.scalar(select(Organization).order_by(Organization.name))
    assert org.name in archive.read("organizations.csv").decode()
