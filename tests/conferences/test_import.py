"""Import from HMIS: a messy file, per-row errors with line numbers, one transaction, idempotent
on HMIS ID, a missing required column changes nothing, missing households listed, audited."""
from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import select

from hh.admin.models import AuditEvent
from hh.conferences.bnl_import import import_bnl
from hh.conferences.models import Household
from hh.extensions import db
from hh.importing import ImportFailure

MESSY = (
    "\ufeffPersonal ID,First Name,Last Name,4 Digit SSN,County,Housing Status,Veteran Status,"
    "Chronically Homeless,Date Added to BNL,Date BNL Status Updated,VI-SPDAT Score,"
    "Date of Last Contact,ROI,Housing Need,Service Need\r\n"
    "98795,Joe,Smith,1234,Alder,Shelter,Yes,No,6/3/2023,8/9/2023,18,8/9/2023,yes,high,high\r\n"
    "23457,Jane,Doe,9988,birch county,Encampment,Client doesn't know,yes,2023-07-01,2023-08-09,"
    "19,08-05-2023,Y,moderate,Medium\r\n"
    "23457,Jane,Doublet,9988,Birch,Encampment,no,no,2023-07-01,,19,,no,low,low\r\n"
    "55501,Ann,Bad-Date,,Alder,Vehicle,no,no,31/31/2023,,5,,no,,\r\n"
    "55502,Bo,Nowhere,,Atlantis,Vehicle,no,no,,,5,,no,,\r\n"
    "55503,Cy,Ssn,12345,Dunmore,Vehicle,no,no,,,5,,no,,\r\n"
    "55504,Di,Score,,Dunmore,Vehicle,maybe,no,,,lots,,no,,\r\n"
    "\r\n"
    ",No,Id,,Dunmore,Vehicle,no,no,,,,,,,\r\n"
).encode("utf-8")


def test_a_messy_export(bnl):
    report = import_bnl(MESSY, commit=True, actor="test")
    counts = report.counts["households"]
    assert (counts["new"], counts["updated"], counts["unchanged"]) == (2, 0, 0)
    problems = {p.line: p.reason for p in report.problems}
    assert problems[4].startswith("HMIS ID appears again (first on line 3)")
    assert "date added is not a date" in problems[5]
    assert "county" in problems[6]
    assert "SSN" in problems[7]
    assert "veteran" in problems[8] or "score" in problems[8]
    assert "HMIS ID is empty" in problems[10]  # the blank line 9 is skipped, not counted
    assert report.skipped == 6
    for reason in problems.values():  # no client data in the problems
        assert "Doublet" not in reason and "Atlantis" not in reason
    joe = db.session.scalar(select(Household).where(Household.hmis_id == "98795"))
    assert (joe.first_name, joe.added_on, joe.status_updated_on) == ("Joe", date(2023, 6, 3), date(2023, 8, 9))
    assert (joe.priority_score, joe.veteran, joe.chronic, joe.housing_status) == (18, True, False, "emergency_shelter")
    assert joe.region_id == bnl.north.id and joe.consent_on_file()
    jane = db.session.scalar(select(Household).where(Household.hmis_id == "23457"))
    assert (jane.last_name, jane.veteran, jane.chronic, jane.last_contact_on) == ("Doe", False, True, date(2023, 8, 5))
    assert jane.county.name == "Birch County" and jane.service_need == "moderate"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "bnl_imported"))
    assert event.actor == "test" and "Joe" not in event.detail


def test_reimport_changes_nothing_and_updates_by_hmis_id(bnl):
    import_bnl(MESSY, commit=True, actor="test")
    before = db.session.scalar(select(db.func.count(Household.id)))
    again = import_bnl(MESSY, commit=True, actor="test")
    assert again.counts["households"] == {"new": 0, "updated": 0, "unchanged": 2}
    assert db.session.scalar(select(db.func.count(Household.id))) == before
    changed = MESSY.replace(b"98795,Joe,Smith,1234,Alder,Shelter,Yes,No,6/3/2023,8/9/2023,18",
                            b"98795,Joe,Smith,1234,Alder,Shelter,Yes,No,6/3/2023,8/9/2023,22")
    third = import_bnl(changed, commit=True, actor="test")
    assert third.counts["households"] == {"new": 0, "updated": 1, "unchanged": 1}
    assert db.session.scalar(select(Household.priority_score).where(Household.hmis_id == "98795")) == 22


def test_a_missing_required_column_changes_nothing(bnl):
    before = db.session.scalar(select(db.func.count(Household.id)))
    broken = b"HMIS ID,First Name,Last Name,County\n1,A,B,Alder\n"
    with pytest.raises(ImportFailure, match="missing required column Housing status"):
        import_bnl(broken, commit=True, actor="test")
    assert db.session.scalar(select(db.func.count(Household.id))) == before


@pytest.mark.parametrize("data", [b"", b"\xff\xfe\x00bad", b"a,b\n\"unclosed\n", b"\x00\x01"])
def test_unreadable_files_are_refused(bnl, data):
    with pytest.raises(ImportFailure):
        import_bnl(data, commit=True, actor="test")


def test_preview_changes_nothing_and_lists_missing_households(bnl):
    report = import_bnl(MESSY, commit=False, actor="test")
    assert report.counts["households"]["new"] == 2
    assert db.session.scalar(select(Household).where(Household.hmis_id == "98795")) is None
    # Every active household of the fixture is missing from this file; the housed one is not.
    assert set(report.missing) == {bnl.consented.id, bnl.no_consent.id, bnl.expired.id,
                                   bnl.survivor.id, bnl.southern.id}


def test_upload_preview_confirm_with_missing_households(bnl, login_as):
    client = login_as("coordinator")
    response = client.post("/conferences/import", data={"file": (io.BytesIO(MESSY), "bnl.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    preview_url = response.headers["Location"]
    preview = client.get(preview_url)
    html = preview.get_data(as_text=True)
    assert preview.headers["Cache-Control"] == "no-store"
    assert "HMIS ID appears again (first on line 3)" in html
    assert "Zed Quill" in html  # missing from the export: listed for the coordinator
    assert db.session.scalar(select(Household).where(Household.hmis_id == "98795")) is None
    response = client.post(preview_url + "/confirm", data={"inactive": [str(bnl.consented.id), "abc", "999999"]})
    assert response.status_code == 303
    assert db.session.scalar(select(Household).where(Household.hmis_id == "98795")) is not None
    assert db.session.get(Household, bnl.consented.id).status == "inactive"
    assert db.session.get(Household, bnl.no_consent.id).status == "active"  # not ticked: kept
    page = client.get("/conferences/?status=any").get_data(as_text=True)
    assert "2 added, 0 updated, 0 unchanged, 6 rejected" in page


def test_upload_refuses_bad_files_with_a_message(bnl, login_as):
    client = login_as("coordinator")
    response = client.post("/conferences/import", data={"file": (io.BytesIO(b"x"), "bnl.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "Upload a .csv file" in response.get_data(as_text=True)
    response = client.post("/conferences/import", data={"file": (io.BytesIO(b"HMIS ID\n1\n"), "bnl.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "missing required column" in response.get_data(as_text=True)
    assert client.post("/conferences/import", data={}).status_code == 422
    # Another person's (or an unknown) upload token is refused.
    assert client.get("/conferences/import/not-a-token-at-all-xx").status_code == 303


def test_cli_import(bnl, app, tmp_path):
    path = tmp_path / "bnl.csv"
    path.write_bytes(MESSY)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["hh", "import-bnl", str(path), "--dry-run"])
    assert result.exit_code == 0 and "Preview only" in result.output
    result = runner.invoke(args=["hh", "import-bnl", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("added 2, updated 0, unchanged 0, problems 6\n")
    assert "\nline 4: HMIS ID appears again (first on line 3)\n" in result.output
    assert "Joe" not in result.output and "Smith" not in result.output
    result = runner.invoke(args=["hh", "import-bnl", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1 and "no such file or folder" in result.output
