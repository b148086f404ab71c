"""Imports in a real browser, JavaScript on and off: the spreadsheet template with one bad row is
previewed (the bad row by its line), confirmed, and the service is found in search."""
import csv
import io

from playwright.sync_api import expect

from browsing import settle, sign_in, submit, visit, check_accessibility


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
    expect(page.locator("#results")).not_to_contain_text(f"Broken row {mode}")


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
