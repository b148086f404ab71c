"""Imports in a real browser, JavaScript on and off: the spreadsheet template with one bad row is
previewed (the bad row by its line), confirmed, and the service is found in search; the HSDS
standard's example package is previewed (counts, skipped rows, every file), confirmed, and its
organization is in the directory."""
import csv
import io
import re
import uuid
import zipfile
from pathlib import Path

from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect


def test_spreadsheet_upload_preview_confirm(page, tmp_path):
    mode = "js" if page.js else "nojs"
    sign_in(page, "coordinator")
    visit(page, "/resources/import")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import and export")
    template = page.request.get("/resources/import/template.csv")
    assert template.ok
    rows = list(csv.reader(io.StringIO(template.text())))
    header, example = rows[0], rows[1]
    example[header.index("service")] = f"Overflow shelter {mode}"
    bad = list(example)
    bad[header.index("service")] = f"Broken row {mode}"
    bad[header.index("counties_served")] = "Atlantis County"
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, example, bad])
    path = tmp_path / f"services-{mode}.csv"
    path.write_text(buffer.getvalue())

    page.get_by_label("Spreadsheet (.csv)").set_input_files(str(path))
    submit(page, "Preview the spreadsheet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview: services spreadsheet")
    problems = page.get_by_role("table", name="Problems")
    expect(problems).to_contain_text("Atlantis County")
    expect(problems.get_by_role("row").filter(has_text="Atlantis")).to_contain_text("3")
    expect(page.get_by_role("table", name="What confirming will do")).to_contain_text("Services")

    submit(page, "Confirm the import")
    expect(page.get_by_text("Imported the services spreadsheet")).to_be_visible()
    visit(page, f"/resources/?q=Overflow+shelter+{mode}")
    expect(page.locator("#results")).to_contain_text(f"Overflow shelter {mode}")
    visit(page, f"/resources/?q=Broken+row+{mode}")
    expect(page.locator("#results ol.results")).not_to_contain_text(f"Broken row {mode}")
    expect(page.locator("#service-results")).to_have_text("0 services")


def test_a_bad_upload_shows_the_error_next_to_the_field(page, tmp_path):
    sign_in(page, "coordinator")
    visit(page, "/resources/import")
    path = tmp_path / "not-a-package.zip"
    path.write_bytes(b"this is not a zip")
    page.get_by_label("HSDS package (.zip)").set_input_files(str(path))
    submit(page, "Preview the package")
    expect(page.locator("#package-error")).to_contain_text("not a zip file")
    settle(page)
    check_accessibility(page)


HSDS_EXAMPLE = Path(__file__).parents[1] / "resources" / "hsds-3.0-example"
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def hsds_zip(path: Path, mode: str) -> Path:
    """The standard's example package, zipped. The live server's database is shared by both
    JavaScript modes, so each mode gets its own ids (the same mapping in every file, keeping the
    references) and names, and sees its own records as new."""
    with zipfile.ZipFile(path, "w") as archive:
        for source in sorted(HSDS_EXAMPLE.iterdir()):
            text = source.read_text(encoding="utf-8")
            if source.suffix == ".csv":
                text = _UUID.sub(lambda m: str(uuid.uuid5(uuid.NAMESPACE_URL, f"{mode}:{m.group(0).lower()}")), text)
                text = text.replace("Example Organization Inc.", f"Example Organization {mode}")
                text = text.replace("Community Counselling", f"Community Counselling {mode}")
            archive.writestr(f"hsds-example/{source.name}", text)
    return path


def test_hsds_package_upload_preview_confirm(page, tmp_path):
    mode = "js" if page.js else "nojs"
    organization, service = f"Example Organization {mode}", f"Community Counselling {mode}"
    sign_in(page, "coordinator")
    visit(page, "/resources/import")
    page.get_by_label("HSDS package (.zip)").set_input_files(str(hsds_zip(tmp_path / "package.zip", mode)))
    submit(page, "Preview the package")

    expect(page.get_by_role("heading", level=1)).to_have_text("Preview: HSDS package")
    expect(page.get_by_text("Nothing has been imported yet")).to_be_visible()
    counts = page.get_by_role("table", name="What confirming will do")
    for kind in ("Organizations", "Services", "Locations", "Contacts", "Phones"):
        # Records | New | Updated | Unchanged
        expect(counts.get_by_role("row", name=re.compile(f"^{kind}"))).to_have_text(
            re.compile(rf"^\s*{kind}\s*1\s*0\s*0\s*$"))
    problems = page.get_by_role("table", name=re.compile("^Problems"))
    expect(problems.locator("caption")).to_have_text("Problems: 1 skipped, 3 imported in part")
    # Every file of the package is listed: what it became, or why it is not imported.
    files = page.get_by_role("table", name="Every file of the package")
    expect(files.get_by_role("row", name=re.compile("^service_areas.csv"))).to_contain_text(
        "service areas (counties; other areas as text)")
    expect(files.get_by_role("row", name=re.compile("^schedules.csv"))).to_contain_text("opening hours")
    expect(files.get_by_role("row", name=re.compile("^metadata.csv"))).to_contain_text("Not imported")
    expect(problems.get_by_role("row").filter(has_text="attributes.csv")).to_contain_text("Skipped")
    expect(problems.get_by_role("row").filter(has_text="locations.csv")).to_contain_text("Imported in part")
    # Nothing is in the directory before confirming.
    assert f">{organization}</a>" not in page.request.get(f"/directory/?q={organization}").text()

    submit(page, "Confirm the import")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import and export")
    expect(page.get_by_text(re.compile(r"Imported the HSDS package: \d+ records new or updated, "
                                       r"1 rows skipped\."))).to_be_visible()

    visit(page, f"/directory/?q={organization.replace(' ', '+')}")
    rows = page.locator("#organizations tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(organization)
    rows.first.get_by_role("link", name=organization).click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(organization)
    expect(page.get_by_role("link", name=service)).to_be_visible()
