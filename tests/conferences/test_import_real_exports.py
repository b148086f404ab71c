"""The By-Name List from the exports a CoC really has: the training deck's own layout (no county
column), messy files (Windows-1252, semicolons, title rows, Excel dates, HUD codes, full SSNs),
headings a coordinator maps by hand (remembered), and the HUD HMIS CSV export (zip and folder)."""
from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from support import field_error, text, texts

from hh.conferences.bnl_import import ReadOptions, import_bnl
from hh.conferences.bnl_values import Place
from hh.conferences.models import Household
from hh.extensions import db

DECK = (
    "HMIS ID,First Name,Last Name,4 Digit SSN,Housing Status,Length of Time on BNL,"
    "Date BNL Status Updated,Score,Date of Last Contact\r\n"
    "D-1,Ada,Lovel,4321,Unsheltered,67,1/20/2024,14,2/1/2024\r\n"
    "D-2,Ben,Okafor,8765,Emergency Shelter,3 days,2024-01-22,9,\r\n"
).encode()


def household(hmis_id: str) -> Household | None:
    return db.session.scalar(select(Household).where(Household.hmis_id == hmis_id))


def test_the_decks_layout_needs_a_region_when_the_coc_has_several(bnl):
    report = import_bnl(DECK, commit=False, actor="test")
    assert report.skipped == 2
    assert {p.reason for p in report.problems} == {
        "no county or region: choose the region for rows without one"}
    report = import_bnl(DECK, commit=True, actor="test", options=ReadOptions(place=Place(region=bnl.south)))
    assert report.counts["households"]["new"] == 2 and report.skipped == 0
    ada = household("D-1")
    assert (ada.region_id, ada.county_id) == (bnl.south.id, None)
    assert ada.added_on == bnl.today - timedelta(days=67)  # "Length of Time on BNL"
    assert (ada.status_updated_on.isoformat(), ada.priority_score, ada.last_contact_on.isoformat()) == \
        ("2024-01-20", 14, "2024-02-01")
    assert household("D-2").added_on == bnl.today - timedelta(days=3)
    again = import_bnl(DECK, commit=True, actor="test", options=ReadOptions(place=Place(region=bnl.south)))
    assert again.counts["households"] == {"new": 0, "updated": 0, "unchanged": 2}


def test_a_coc_with_one_region_is_not_asked(app, factory):
    region = factory.region("Whole CoC", counties=("Alder County",))
    report = import_bnl(DECK, commit=True, actor="test")
    assert report.skipped == 0 and household("D-1").region_id == region.id


def test_every_heading_is_listed_with_what_it_became(bnl):
    data = DECK.replace(b"Date of Last Contact\r\n", b"Date of Last Contact,Shoe Size\r\n")
    report = import_bnl(data, commit=False, actor="test", options=ReadOptions(place=Place(region=bnl.north)))
    became = {c.heading: c.became for c in report.source.columns}
    assert became["Length of Time on BNL"].startswith("Length of time on the list")
    assert became["Date BNL Status Updated"] == "Date list status updated"
    assert became["Score"] == "Priority score" and became["Date of Last Contact"] == "Date of last contact"
    assert became["Shoe Size"] == "not imported"
    assert len(became) == 10


def test_messy_files_windows_1252_semicolons_title_rows_excel_dates_hud_codes(bnl):
    data = ("Coordinated Entry By-Name List;;;;;;;\r\nRun by HMIS on 2/1/2024;;;;;;;\r\n"
            "Personal ID;First Name;Last Name;SSN;County;Living Situation;Veteran Status;Entry Date\r\n"
            "P1;José;Núñez;123-45-6789;Alder;116;1;45321\r\n"
            "P2;Renée;Smith;987654321;Birch;101;99;15-Feb-24\r\n"
            "P3;Ana;Diaz;;Alder;302;8;1/20/2024 0:00\r\n").encode("cp1252")
    report = import_bnl(data, commit=True, actor="test")
    assert report.skipped == 0, [p.reason for p in report.problems]
    assert "Windows-1252" in report.source.read_as and "semicolon" in report.source.read_as
    assert "2 title lines" in report.source.read_as
    assert report.notes["SSN cut to its last four digits (the full number is not kept)"] == 2
    assert report.notes["veteran unknown (8, 9, 99 or its words): stored as no"] == 2
    jose, renee, ana = household("P1"), household("P2"), household("P3")
    assert (jose.first_name, jose.last_name, jose.ssn4) == ("José", "Núñez", "6789")
    assert (jose.veteran, jose.housing_status, jose.added_on.isoformat()) == (True, "unsheltered", "2024-01-30")
    assert (renee.veteran, renee.housing_status, renee.added_on.isoformat()) == (False, "emergency_shelter", "2024-02-15")
    assert (ana.housing_status, ana.added_on.isoformat()) == ("transitional", "2024-01-20")
    # Problems name lines as the file numbers them (title rows count).
    bad = data.replace(b"P3;Ana;Diaz;;Alder;302;8;1/20/2024 0:00", b"P3;Ana;Diaz;;Alder;302;8;someday")
    assert [p.line for p in import_bnl(bad, commit=False, actor="test").problems] == [6]


def test_utf16_tab_separated_report(bnl):
    data = ("HMIS ID\tFirst Name\tLast Name\tCounty\tHousing Status\r\n"
            "U1\tZoë\tÅberg\tDunmore\tShelter\r\n").encode("utf-16")
    report = import_bnl(data, commit=True, actor="test")
    assert report.skipped == 0 and household("U1").last_name == "Åberg"
    assert "UTF-16" in report.source.read_as and "tab" in report.source.read_as


def test_an_unrecognised_heading_is_mapped_in_the_preview_and_remembered(bnl, login_as):
    client = login_as("coordinator")
    data = b"Client Number,First Name,Last Name,County,Housing Status\r\nC-9,Lu,Ho,Alder,Shelter\r\n"
    response = client.post("/conferences/import", data={"file": (io.BytesIO(data), "report.csv")},
                           content_type="multipart/form-data")
    preview_url = response.headers["Location"]
    page = client.get(preview_url)
    assert "No column gives hmis id" in text(page, "#unmapped")
    assert texts(page, "#import-columns tbody th")[0] == "Client Number"
    assert "no column for HMIS ID" in text(page, "#import-problems")
    form = {"region_id": "", "county_id": "", "columns-0": "hmis_id", "columns-1": "first_name",
            "columns-2": "last_name", "columns-3": "county", "columns-4": "housing_status"}
    bad = client.post(preview_url + "/options", data={**form, "columns-0": "shoe_size"})
    assert bad.status_code == 422 and field_error(bad, "columns-0")
    response = client.post(preview_url + "/options", data=form)
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert "No problems" in text(page) and text(page, "#import-counts tbody") == "1 0 0 0"
    # The next file with the same headings is read the same way without asking.
    again = client.post("/conferences/import", data={"file": (io.BytesIO(data), "next.csv")},
                        content_type="multipart/form-data")
    assert "No problems" in text(client.get(again.headers["Location"]))


def test_a_full_ssn_is_never_kept_in_the_pending_upload(bnl, login_as, app):
    client = login_as("coordinator")
    data = b"HMIS ID,First Name,Last Name,SSN,County,Housing Status\r\nS1,Al,Bo,123-45-6789,Alder,Shelter\r\n"
    response = client.post("/conferences/import", data={"file": (io.BytesIO(data), "ssn.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    kept = b"".join(path.read_bytes() for path in Path(app.instance_path, "pending-imports").rglob("*")
                    if path.is_file())
    assert b"123-45-6789" not in kept and b"123456789" not in kept and b"6789" in kept
    page = client.get(response.headers["Location"])
    assert "SSN cut to its last four digits" in text(page, "#import-notes")
    client.post(response.headers["Location"] + "/confirm")
    assert household("S1").ssn4 == "6789"


def test_the_deck_layout_through_the_preview_with_a_region(bnl, login_as):
    client = login_as("coordinator")
    response = client.post("/conferences/import", data={"file": (io.BytesIO(DECK), "deck.csv")},
                           content_type="multipart/form-data")
    preview_url = response.headers["Location"]
    page = client.get(preview_url)
    assert text(page, "#import-counts tbody") == "0 0 0 2"  # no region yet: rejected
    assert "Region for rows without a county" in text(page, "#read-options")
    columns = {"columns-%d" % i: key for i, key in enumerate(
        ["hmis_id", "first_name", "last_name", "ssn4", "housing_status", "days_on_list",
         "status_updated", "score", "last_contact"])}
    response = client.post(preview_url + "/options", data={"region_id": str(bnl.north.id),
                                                           "county_id": "", **columns})
    page = client.get(response.headers["Location"])
    assert text(page, "#import-counts tbody") == "2 0 0 0"
    client.post(response.headers["Location"] + "/confirm")
    assert household("D-1").region_id == bnl.north.id


def test_cli_region_county_and_the_summary(bnl, app, tmp_path):
    path = tmp_path / "deck.csv"
    path.write_bytes(DECK)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["hh", "import-bnl", str(path), "--region", "North",
                                 "--county", "Birch"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "added 2, updated 0, unchanged 0, problems 0"
    assert "column Length of Time on BNL -> Length of time on the list" in result.output
    assert household("D-1").county.name == "Birch County"
    result = runner.invoke(args=["hh", "import-bnl", str(path), "--region", "Nowhere"])
    assert result.exit_code == 1 and "no region named" in result.output
    result = runner.invoke(args=["hh", "import-bnl", str(path), "--region", "South", "--county", "Birch"])
    assert result.exit_code == 1 and "not in South" in result.output
