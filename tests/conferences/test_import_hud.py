"""The HUD HMIS CSV export imported as the By-Name List: on the web page as a zip, on the command
line as a folder or zip; re-import changes nothing; households gone from a newer export are
listed, not deleted, and made inactive only with the coordinator's reason."""
from __future__ import annotations

import io

from hud_export_files import HudExportBuilder
from sqlalchemy import select
from support import text, texts

from hh.conferences.bnl_import import ReadOptions, import_bnl
from hh.conferences.bnl_values import Place
from hh.conferences.models import Household
from hh.extensions import db


def export(with_carol: bool = True) -> HudExportBuilder:
    hud = HudExportBuilder()
    hud.project("P-ES", "Harbor House shelter", 1)
    hud.project("P-SO", "Street outreach", 4)
    hud.project("P-PSH", "Permanent supportive housing", 3)
    hud.client("C1", "Alma", "Reyes", ssn="123456789", dob="1970-05-01", veteran=1)
    hud.client("C2", "Bert", "Young", dob="1985-02-02", veteran=99)
    hud.client("C3", "Kid", "Young", dob="2015-03-03")
    hud.client("C4", "Pat", "Exited", dob="1960-01-01")
    hud.client("C5", "Quinn", "Housed", dob="1990-01-01")
    hud.enrollment("E1", "C1", "P-SO", "2024-01-10", living_situation=116)
    hud.enrollment("E2", "C2", "P-ES", "2024-02-01", household_id="H2")
    hud.enrollment("E3", "C3", "P-ES", "2024-02-01", household_id="H2", relationship=2)
    hud.enrollment("E4", "C4", "P-ES", "2023-11-01")
    hud.exit("E4", "C4", "2024-01-05")
    hud.enrollment("E5", "C5", "P-PSH", "2024-01-01", move_in_date="2024-02-01")
    hud.current_living_situation("E1", "C1", "2024-03-01")
    if with_carol:
        hud.client("C6", "Carol", "Gone", dob="1975-01-01")
        hud.enrollment("E6", "C6", "P-ES", "2024-01-15")
    return hud


def household(hmis_id: str) -> Household | None:
    return db.session.scalar(select(Household).where(Household.hmis_id == hmis_id))


def test_the_active_list_from_a_hud_export(bnl):
    report = import_bnl(export().files(), commit=True, actor="test",
                        options=ReadOptions(place=Place(region=bnl.north)))
    assert report.counts["households"]["new"] == 3  # C1, C2 (head of a family), C6
    assert household("C3") is None and household("C4") is None and household("C5") is None
    alma, bert = household("C1"), household("C2")
    assert (alma.ssn4, alma.veteran, alma.housing_status) == ("6789", True, "unsheltered")
    assert (alma.added_on.isoformat(), alma.last_contact_on.isoformat()) == ("2024-01-10", "2024-03-01")
    assert (bert.veteran, bert.household_type, bert.housing_status) == (False, "family", "emergency_shelter")
    assert alma.region_id == bnl.north.id
    columns = {(c.file, c.heading): c.became for c in report.source.columns}
    assert columns[("Client.csv", "MiddleName")].startswith("not imported")
    assert ("Enrollment.csv", "EntryDate") in columns and ("Export.csv", "ExportID") in columns
    again = import_bnl(export().files(), commit=True, actor="test",
                       options=ReadOptions(place=Place(region=bnl.north)))
    assert again.counts["households"] == {"new": 0, "updated": 0, "unchanged": 3}


def test_a_zip_on_the_web_page_and_a_newer_export_without_a_household(bnl, login_as):
    client = login_as("coordinator")
    import_bnl(export().files(), commit=True, actor="test",
               options=ReadOptions(place=Place(region=bnl.north)))
    carol = household("C6")
    newer = export(with_carol=False).zip_bytes()
    response = client.post("/conferences/import", data={"file": (io.BytesIO(newer), "hmis.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 303, text(response)
    preview_url = response.headers["Location"]
    page = client.get(preview_url)
    assert "HUD HMIS CSV export" in text(page, "#read-as")
    assert "Client.csv MiddleName not imported" in " | ".join(texts(page, "#import-columns tbody tr"))
    assert "Carol Gone" in text(page, "#missing")  # listed, not deleted
    region = {"region_id": str(bnl.north.id), "county_id": ""}
    response = client.post(preview_url + "/options", data=region)
    preview_url = response.headers["Location"]
    response = client.post(preview_url + "/confirm", data={"inactive": [str(carol.id)],
                                                           "reason": "Moved out of state"})
    assert response.status_code == 303
    db.session.refresh(carol)
    assert (carol.status, carol.inactive_reason) == ("inactive", "Moved out of state")
    assert household("C1").status == "active"


def test_the_command_line_reads_a_folder_and_a_zip(bnl, app, tmp_path):
    folder = export().write_folder(tmp_path / "hmis")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["hh", "import-bnl", str(folder), "--region", "North", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == \
        "Preview only, nothing imported: added 3, updated 0, unchanged 0, problems 0"
    assert "column Client.csv: SSN -> " in result.output and "Alma" not in result.output
    assert household("C1") is None
    zipped = tmp_path / "hmis.zip"
    zipped.write_bytes(export().zip_bytes())
    result = runner.invoke(args=["hh", "import-bnl", str(zipped), "--region", "North"])
    assert result.exit_code == 0 and household("C1").ssn4 == "6789"
    result = runner.invoke(args=["hh", "import-bnl", str(zipped), "--region", "North"])
    assert result.output.splitlines()[0] == "added 0, updated 0, unchanged 3, problems 0"


def test_race_and_ethnicity_from_the_export(bnl):
    hud = HudExportBuilder()
    hud.project("P-ES", "Shelter", 1)
    hud.client("R1", "Rae", "One", BlackAfAmerican=1, HispanicLatinaeo=1)
    hud.client("R2", "Rae", "Two", RaceNone=9)
    hud.enrollment("E1", "R1", "P-ES", "2024-01-10")
    hud.enrollment("E2", "R2", "P-ES", "2024-01-10")
    report = import_bnl(hud.files(), commit=True, actor="test",
                        options=ReadOptions(place=Place(region=bnl.north)))
    assert report.skipped == 0
    assert household("R1").race_ethnicity == "black,hispanic_latinaeo"
    assert household("R2").race_ethnicity == "prefers_not"
    columns = {(c.file, c.heading): c.became for c in report.source.columns}
    assert columns[("Client.csv", "BlackAfAmerican")].startswith("Race and ethnicity")


def test_files_of_a_zip_that_are_not_read_are_named(bnl, login_as):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in export().files().items():
            archive.writestr(f"hmis-export/{name}", data)
        archive.writestr("hmis-export/Client (1).csv", b"PersonalID\r\nX\r\n")
        archive.writestr("hmis-export/readme.pdf", b"%PDF")
    client = login_as("coordinator")
    response = client.post("/conferences/import", data={"file": (io.BytesIO(buffer.getvalue()), "hmis.zip")},
                           content_type="multipart/form-data")
    page = client.get(response.headers["Location"])
    assert "not read" in text(page, "#import-notes")
    assert "Client (1).csv, readme.pdf" in text(page, "#import-notes")
