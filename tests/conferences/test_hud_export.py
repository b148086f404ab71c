"""Reading a HUD HMIS CSV export (FY2024) into the By-Name List's active list."""
from __future__ import annotations

import csv
import io
import time
import zipfile
from datetime import date

import pytest
from hud_export_files import COLUMNS, HudExportBuilder

from hh.conferences.hud_export import is_hud_export, read_hud_export
from hh.importing import ImportFailure

TODAY = date(2024, 6, 1)
ES, TH, SO, CE, PSH, RRH = "P-ES", "P-TH", "P-SO", "P-CE", "P-PSH", "P-RRH"


def builder() -> HudExportBuilder:
    b = HudExportBuilder()
    for pid, name, ptype in ((ES, "Shelter", 0), (TH, "Transitional", 2), (SO, "Outreach", 4),
                             (CE, "Coordinated Entry", 14), (PSH, "PSH", 3), (RRH, "RRH", 13)):
        b.project(pid, name, ptype)
    return b


def person(b, pid, project=ES, entry="2024-01-10", **client):
    b.client(pid, "First" + pid, "Last" + pid, dob=client.pop("dob", "1980-05-05"), **client)
    return b.enrollment("E" + pid, pid, project, entry)


def by_id(export):
    return {values["hmis_id"]: values for _, _, values in export.rows}


def read(b):
    return read_hud_export(b.files(), TODAY)


def test_detects_a_hud_export_by_its_two_files():
    assert is_hud_export(["export/Client.csv", "ENROLLMENT.CSV", "Exit.csv"])
    assert not is_hud_export(["Client.csv", "bnl.csv"])


def test_open_enrollments_are_listed_and_exited_ones_are_not():
    b = builder()
    person(b, "1")
    person(b, "2")
    person(b, "3")
    b.exit("E2", "2", "2024-03-01")
    b.exit("E3", "3", "2024-12-01")  # exit after today: still open
    export = read(b)
    assert set(by_id(export)) == {"1", "3"}
    assert "1 enrollments exited, not on the list" in export.notes
    file, line, values = export.rows[0]
    assert (file, line) == ("Client.csv", 2)
    assert values["date_added"] == "2024-01-10"
    assert set(values) == {"hmis_id", "first_name", "last_name", "ssn4", "veteran", "date_added",
                           "housing_status", "move_in_date", "last_contact", "household_type",
                           "race_ethnicity"}


def test_only_heads_of_household_are_listed():
    b = builder()
    person(b, "1", dob="1990-01-01")
    b.client("2", "Kid", "One", dob="2015-01-01")
    b.enrollment("E2", "2", ES, "2024-01-10", household_id="HH-E1", relationship=2)
    export = read(b)
    assert set(by_id(export)) == {"1"}
    assert "1 household members who are not the head of household" in export.notes
    assert by_id(export)["1"]["household_type"] == "family"


@pytest.mark.parametrize("ptype, listed", [(0, True), (1, True), (2, True), (4, True), (8, True),
                                            (11, True), (14, True), (3, False), (6, False),
                                            (7, False), (9, False), (10, False), (12, False),
                                            (13, False)])
def test_project_types_in_and_out_of_scope(ptype, listed):
    b = HudExportBuilder()
    b.project("P", "Project", ptype)
    person(b, "1", project="P")
    export = read(b)
    assert bool(export.rows) is listed
    if not listed:
        assert any("outside the list's scope" in n for n in export.notes)


def test_several_open_enrollments_give_one_row():
    b = builder()
    person(b, "1", project=ES, entry="2024-02-01")
    b.enrollment("E1b", "1", TH, "2024-04-01")
    b.enrollment("E1c", "1", SO, "2023-11-05")
    b.exit("E1c", "1", "2024-01-01")
    values = by_id(read(b))["1"]
    assert values["date_added"] == "2024-02-01"
    assert values["housing_status"] == "transitional"


@pytest.mark.parametrize("code, expected", [(1, "yes"), (0, "no"), (8, ""), (9, ""), (99, ""),
                                            ("", "")])
def test_veteran_codes(code, expected):
    b = builder()
    person(b, "1", veteran=code)
    export = read(b)
    assert by_id(export)["1"]["veteran"] == expected
    unknown = any("veteran statuses unknown" in n for n in export.notes)
    assert unknown is (code in (8, 9, 99))


@pytest.mark.parametrize("ssn, quality, expected", [
    ("123456789", 1, "6789"), ("123-45-6789", 1, "6789"), ("xxxxx4321", 2, "4321"),
    ("12345xxxx", 2, ""), ("12", 2, ""), ("123456789", 8, ""), ("123456789", 9, ""),
    ("123456789", 99, ""), ("", 99, "")])
def test_ssn_is_cut_to_its_last_four(ssn, quality, expected):
    b = builder()
    person(b, "1", ssn=ssn, SSNDataQuality=quality)
    export = read(b)
    assert by_id(export)["1"]["ssn4"] == expected
    assert "123456789" not in repr(export) and "12345" not in repr(export)
    if expected and len(ssn) > 4:
        assert "1 SSNs cut to their last four digits" in export.notes


def test_move_in_means_housed():
    b = builder()
    b.client("1", "A", "B")
    b.enrollment("E1", "1", ES, "2024-01-10", move_in_date="2024-05-01")
    b.client("2", "C", "D")
    b.enrollment("E2", "2", ES, "2024-01-10", move_in_date="2024-07-01")  # not yet
    rows = by_id(read(b))
    assert (rows["1"]["housing_status"], rows["1"]["move_in_date"]) == ("housed", "2024-05-01")
    assert (rows["2"]["housing_status"], rows["2"]["move_in_date"]) == ("emergency_shelter", "")


@pytest.mark.parametrize("situation, expected", [
    (116, "unsheltered"), (101, "emergency_shelter"), (118, "emergency_shelter"),
    (302, "transitional"), (204, "institution"), (207, "institution"), (225, "institution"),
    (410, "unsheltered"), ("", "unsheltered"), (99, "unsheltered")])
def test_coordinated_entry_status_comes_from_the_living_situation(situation, expected):
    b = builder()
    b.client("1", "A", "B")
    b.enrollment("E1", "1", CE, "2024-01-10", living_situation=situation)
    assert by_id(read(b))["1"]["housing_status"] == expected


def test_housing_status_from_project_type():
    b = builder()
    for pid, project in (("1", ES), ("2", TH), ("3", SO)):
        person(b, pid, project=project)
    rows = by_id(read(b))
    assert [rows[p]["housing_status"] for p in "123"] == [
        "emergency_shelter", "transitional", "unsheltered"]


def test_last_contact_is_the_latest_current_living_situation():
    b = builder()
    person(b, "1")
    person(b, "2")
    b.current_living_situation("E1", "1", "2024-03-01")
    b.current_living_situation("E1", "1", "2024-05-20")
    b.current_living_situation("E1", "1", "2024-04-01")
    rows = by_id(read(b))
    assert rows["1"]["last_contact"] == "2024-05-20"
    assert rows["2"]["last_contact"] == ""


@pytest.mark.parametrize("head, others, expected", [
    ("1980-01-01", [], "individual"),
    ("1980-01-01", ["2015-03-03"], "family"),
    ("2002-01-01", ["2023-03-03"], "family"),
    ("2002-01-01", [], "youth"),
    ("2002-01-01", ["2003-01-01"], "youth"),
    ("1980-01-01", ["1982-01-01"], "couple"),
    ("1980-01-01", ["1982-01-01", "1960-01-01"], "individual"),
    ("", [], "individual"),
    ("1980-01-01", [""], "individual")])
def test_household_type_from_dates_of_birth(head, others, expected):
    b = builder()
    person(b, "1", dob=head)
    for n, dob in enumerate(others, start=2):
        b.client(str(n), "M", "N", dob=dob)
        b.enrollment(f"E{n}", str(n), ES, "2024-01-10", household_id="HH-E1", relationship=3)
    assert by_id(read(b))["1"]["household_type"] == expected


def test_deleted_rows_are_ignored_everywhere():
    b = builder()
    person(b, "1")
    person(b, "2", DateDeleted="2024-02-02")
    person(b, "3")
    b.records["Enrollment.csv"][-1]["DateDeleted"] = "2024-02-02"
    person(b, "4")
    b.exit("E4", "4", "2024-03-01", DateDeleted="2024-03-02")  # exit deleted: still open
    export = read(b)
    assert set(by_id(export)) == {"1", "4"}
    assert "3 deleted records ignored" in export.notes


def test_every_heading_of_every_file_is_reported():
    b = builder()
    person(b, "1")
    b.exit("E1", "1", "2024-03-01")
    files = b.files()
    files["Services.csv"] = b"ServicesID,EnrollmentID,PersonalID,DateProvided\r\nS1,E1,1,2024-01-01\r\n"
    export = read_hud_export(files, TODAY)
    assert set(export.columns) == set(files)
    for name, data in files.items():
        headings = next(csv.reader(io.StringIO(data.decode())))
        assert [h for h, _ in export.columns[name]] == headings
    client = dict(export.columns["Client.csv"])
    assert client["VeteranStatus"] == "veteran"
    assert client["SSN"] == "SSN last four (the rest is never kept)"
    assert client["MiddleName"] == "not imported"
    assert dict(export.columns["Project.csv"])["ProjectType"].startswith("which enrollments")
    assert set(dict(export.columns["Services.csv"]).values()) == {"not imported (file not used)"}
    assert sorted(export.unused_files) == ["Export.csv", "Organization.csv", "Services.csv"]


def test_missing_files_are_refused():
    files = builder().files()
    for name in ("Client.csv", "Enrollment.csv", "Project.csv"):
        partial = {k: v for k, v in files.items() if k != name}
        with pytest.raises(ImportFailure, match=name.replace(".", r"\.")):
            read_hud_export(partial, TODAY)


def test_unreadable_file_is_refused_with_its_name():
    files = builder().files()
    files["Client.csv"] = b""
    with pytest.raises(ImportFailure, match=r"^Client\.csv: "):
        read_hud_export(files, TODAY)


def test_bad_rows_are_reported_without_their_values():
    b = builder()
    person(b, "1", entry="not a date")
    person(b, "2", dob="31/31/1999")
    b.enrollment("E9", "", ES, "2024-01-10")
    person(b, "3")
    b.exit("E3", "3", "someday")
    export = read(b)
    assert set(by_id(export)) == {"2", "3"}
    messages = {(f, m.split(" ")[0]) for f, _, m in export.problems}
    assert messages == {("Enrollment.csv", "EntryDate"), ("Enrollment.csv", "PersonalID"),
                        ("Client.csv", "DOB"), ("Exit.csv", "ExitDate")}
    assert not any("someday" in m or "31/31" in m for _, _, m in export.problems)
    assert by_id(export)["2"]["household_type"] == "individual"


def test_zip_and_folder_hold_the_same_files(tmp_path):
    b = builder()
    person(b, "1")
    with zipfile.ZipFile(io.BytesIO(b.zip_bytes())) as archive:
        assert {n: archive.read(n) for n in archive.namelist()} == b.files()
    folder = b.write_folder(tmp_path / "export")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == b.files()
    assert b.files()["Client.csv"].split(b"\r\n")[0].decode().split(",") == COLUMNS["Client.csv"]


def test_large_export_reads_quickly():
    b = builder()
    projects = [ES, TH, SO, CE, PSH, RRH]
    for n in range(5000):
        b.client(str(n), "F", "L", ssn="123456789", dob="1980-01-01", veteran=n % 2)
        for k in range(4):
            eid = f"{n}-{k}"
            b.enrollment(eid, str(n), projects[(n + k) % 6], f"2023-0{k + 1}-15")
            if k < 2:
                b.exit(eid, str(n), "2024-01-01")
    files = b.files()
    started = time.perf_counter()
    export = read_hud_export(files, TODAY)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, elapsed
    assert 0 < len(export.rows) <= 5000
