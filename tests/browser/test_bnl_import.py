"""The By-Name List import in a real browser, JavaScript on and off: a file in the case-conferencing
deck's own layout (no county) and a HUD HMIS CSV export (zip) are uploaded by a coordinator; the
preview lists every heading with what it became, the region for rows without a county is chosen
there, and after confirming the households are on the list. axe-core checks every page."""
import csv
import importlib.util
import io
import re
from datetime import timedelta
from pathlib import Path

from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect

from hh.timeutil import local_today

DECK = ["HMIS ID", "First Name", "Last Name", "4 Digit SSN", "Housing Status",
        "Length of Time on BNL", "Date BNL Status Updated", "Score", "Date of Last Contact",
        "Case Notes"]
DECK_FIELDS = {"HMIS ID": "hmis_id", "First Name": "first_name", "Last Name": "last_name",
               "4 Digit SSN": "ssn4", "Housing Status": "housing_status",
               "Length of Time on BNL": "days_on_list", "Date BNL Status Updated": "status_updated",
               "Score": "score", "Date of Last Contact": "last_contact", "Case Notes": ""}
UPLOAD_LABEL = "By-Name List (CSV), or the HUD HMIS CSV export (zip)"


def _hud_builder():
    """tests/conferences/hud_export_files.py, loaded by path (only tests/browser is on sys.path)."""
    path = Path(__file__).parents[1] / "conferences" / "hud_export_files.py"
    spec = importlib.util.spec_from_file_location("hud_export_files", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.HudExportBuilder


def _open_import_page(page):
    sign_in(page, "coordinator")
    visit(page, "/conferences/import")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Import the By-Name List")
    page.get_by_text("What the file may hold").click()  # the help opens (a <details>)
    expect(page.get_by_text("Required columns: HMIS ID")).to_be_visible()
    check_accessibility(page)


def _choose_region_and_preview(page, region: str = "Southern Plains"):
    page.get_by_label("Region for rows without a county").select_option(label=region)
    submit(page, "Apply these choices and preview again")
    expect(page.get_by_text("Choices applied")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview: By-Name List import")


def test_deck_layout_without_county(page, tmp_path):
    mode = "js" if page.js else "nojs"
    today = local_today()
    rows = [[f"DECK-{mode}-1", "Alma", f"Deck{mode}", "123-45-6789", "Unsheltered", "67",
             (today - timedelta(days=3)).strftime("%m/%d/%Y"), "991",
             (today - timedelta(days=2)).isoformat(), "talks to outreach on Tuesdays"],
            [f"DECK-{mode}-2", "Bert", f"Deck{mode}", "4321", "Emergency Shelter", "12 days",
             today.isoformat(), "990", "", ""]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([DECK, *rows])
    path = tmp_path / f"deck-{mode}.csv"
    path.write_text(buffer.getvalue())

    _open_import_page(page)
    page.get_by_label(UPLOAD_LABEL).set_input_files(str(path))
    submit(page, "Upload and preview")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview: By-Name List import")
    expect(page.get_by_text("Nothing has been imported yet")).to_be_visible()

    columns = page.get_by_role("table", name="Headings and fields")
    expect(columns.locator("tbody tr")).to_have_count(len(DECK))
    for heading, field in DECK_FIELDS.items():
        expect(columns.get_by_label(heading, exact=True)).to_have_value(field)
    expect(columns.locator("tr.not-imported")).to_contain_text("Case Notes")
    expect(page.locator("#import-notes")).to_contain_text("SSN cut to its last four digits")
    # No county in the file: every row waits for the region.
    expect(page.get_by_role("table", name=re.compile("^Problems"))).to_contain_text(
        "no county or region")

    _choose_region_and_preview(page)
    expect(page.get_by_text("No problems: every row can be imported.")).to_be_visible()
    expect(page.get_by_role("table", name="What confirming will do")).to_contain_text("2")
    submit(page, "Confirm the import")
    expect(page.get_by_text(re.compile(r"Imported the By-Name List: 2 added"))).to_be_visible()

    visit(page, "/conferences/?status=active")
    listed = page.locator("table.bnl tbody tr").filter(has_text=f"DECK-{mode}-1")
    expect(listed).to_have_count(1)
    expect(listed.locator("td").nth(2)).to_contain_text("991")
    expect(listed.locator("td").nth(3)).to_have_text("67")  # Length of Time on BNL kept
    expect(page.locator("table.bnl tbody tr").filter(has_text=f"DECK-{mode}-2")).to_have_count(1)
    assert "123456789" not in page.content() and "123-45-6789" not in page.content()


def _hud_zip(tmp_path, mode: str) -> Path:
    hud = _hud_builder()()
    entry = (local_today() - timedelta(days=40)).isoformat()
    hud.project(f"P-ES-{mode}", "Harbor House shelter", 1)
    hud.project(f"P-PSH-{mode}", "Permanent supportive housing", 3)
    hud.client(f"HUD-{mode}-1", "Vera", f"Hud{mode}", ssn="987654321", dob="1970-05-01",
               veteran=1)
    hud.client(f"HUD-{mode}-2", "Walt", f"Hud{mode}", dob="1980-01-01", veteran=1)
    hud.client(f"HUD-{mode}-3", "Xena", f"Exited{mode}", dob="1990-01-01", veteran=1)
    hud.enrollment(f"E1-{mode}", f"HUD-{mode}-1", f"P-ES-{mode}", entry)
    hud.enrollment(f"E2-{mode}", f"HUD-{mode}-2", f"P-PSH-{mode}", entry)  # out of scope
    hud.enrollment(f"E3-{mode}", f"HUD-{mode}-3", f"P-ES-{mode}", entry)
    hud.exit(f"E3-{mode}", f"HUD-{mode}-3", local_today().isoformat())
    path = tmp_path / f"hud-{mode}.zip"
    path.write_bytes(hud.zip_bytes())
    return path


def test_hud_export_zip(page, tmp_path):
    mode = "js" if page.js else "nojs"
    path = _hud_zip(tmp_path, mode)
    _open_import_page(page)
    page.get_by_label(UPLOAD_LABEL).set_input_files(str(path))
    submit(page, "Upload and preview")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview: By-Name List import")
    expect(page.locator("#read-as")).to_contain_text("HUD HMIS CSV export (FY2024)")

    files = page.get_by_role("table", name="Files and headings of the HUD export")
    for file, heading, became in (("Client.csv", "VeteranStatus", "Veteran"),
                                  ("Client.csv", "SSN", "SSN last four"),
                                  ("Enrollment.csv", "EntryDate", "earliest open enrollment"),
                                  ("Enrollment.csv", "MoveInDate", "housed"),
                                  ("Exit.csv", "ExitDate", "which enrollments are open"),
                                  ("Project.csv", "ProjectType", "housing status"),
                                  ("Client.csv", "MilitaryBranch", "not imported")):
        row = files.get_by_role("row").filter(has_text=file).filter(
            has=page.get_by_role("rowheader", name=heading, exact=True))
        expect(row).to_have_count(1)
        expect(row).to_contain_text(became)
    expect(page.locator("#unused-files")).to_contain_text("Export.csv")
    notes = page.locator("#import-notes")
    expect(notes).to_contain_text("1 heads of household with an open enrollment, on the list")
    expect(notes).to_contain_text("1 enrollments exited")

    _choose_region_and_preview(page, "Upper Valley")
    expect(page.get_by_role("table", name="What confirming will do")).to_contain_text("1")
    submit(page, "Confirm the import")
    expect(page.get_by_text(re.compile(r"Imported the By-Name List: 1 added"))).to_be_visible()

    visit(page, "/conferences/?status=active&veteran=y")
    table = page.locator("table.bnl tbody")
    listed = table.locator("tr").filter(has_text=f"HUD-{mode}-1")
    expect(listed).to_have_count(1)
    expect(listed.locator("td").nth(3)).to_have_text("40")  # days since the EntryDate
    expect(listed).to_contain_text("Emergency shelter")
    expect(table).not_to_contain_text(f"HUD-{mode}-2")
    expect(table).not_to_contain_text(f"HUD-{mode}-3")
    settle(page)
    assert "987654321" not in page.content()


def test_hud_preview_says_full_ssns_were_cut(page, tmp_path):
    _open_import_page(page)
    page.get_by_label(UPLOAD_LABEL).set_input_files(str(_hud_zip(tmp_path, "ssn")))
    submit(page, "Upload and preview")
    expect(page.locator("#import-notes")).to_contain_text("cut to their last four digits",
                                                          timeout=1000)
