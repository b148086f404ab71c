"""Needs and the gap map in a real browser, with JavaScript on and off: record a need and see it
on the map, open a county from the drawn map at 1,280 and 360 px, the region filter, status in one step, form errors."""
import re

from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect


def open_link(page, name, within=None):
    (within or page).get_by_role("link", name=name).first.click()
    settle(page)
    check_accessibility(page)


def test_record_a_need_and_see_it_on_the_gap_map(page):
    county = "Alder County" if page.js else "Cedar County"  # both runs share one database
    title = f"ID help for people leaving the hospital ({'js' if page.js else 'nojs'})"
    sign_in(page, "provider")
    visit(page, "/resources/")
    open_link(page, "Needs", page.get_by_role("navigation", name="Resource map"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs")
    open_link(page, "Record a need")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Where").select_option(label=county)
    page.get_by_label("Kind of service needed").select_option(label="ID and documents › ID documents")
    page.get_by_label("Households affected").fill("4")
    page.get_by_label("Reported through").select_option(label="Provider report")
    page.get_by_label("What is needed").fill("People leave without a birth certificate or state ID.")
    submit(page, "Save need")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("Saved the need")).to_be_visible()

    open_link(page, "Gap map", page.get_by_role("navigation", name="Resource map"))
    row = page.locator("table.gap-table tbody tr").filter(has_text=county)
    expect(row).to_contain_text("ID and documents: no service")
    expect(row).to_contain_text(re.compile(r"\d+ needs?, \d+ households"))
    row.get_by_role("link", name="ID and documents").click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"ID and documents in {county}")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    expect(page.get_by_text("No active service")).to_be_visible()


def fits(page, width):
    """No sideways panning: the page is no wider than the window."""
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll <= inner == width, f"the page is {scroll}px wide in a {inner}px window"


def test_the_counties_are_a_map_and_each_opens_its_figures(page):
    sign_in(page, "viewer")
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        visit(page, "/needs/gaps")
        check_accessibility(page)
        fits(page, width)
        counties = page.locator("svg.gap-svg a.gap-county")
        expect(counties).to_have_count(6)
    fremont = page.get_by_role("link", name=re.compile(r"^Fremont: \d+ gaps? across all categories"))
    expect(fremont).to_be_visible()
    expect(page.locator(".gap-legend")).to_contain_text("3 or more gaps")
    fremont.click()
    settle(page)
    check_accessibility(page)
    fits(page, 360)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gaps in Fremont County")
    food = page.get_by_role("row").filter(has=page.get_by_role("link", name="Food", exact=True))
    expect(food).to_contain_text("no service")


def test_drill_down_from_a_county_with_the_region_filter(page):
    sign_in(page, "viewer")
    visit(page, "/needs/gaps")
    table = page.locator("table.gap-table")
    expect(table).to_contain_text("Alder County")
    page.get_by_label("Region", exact=True).select_option(label="Southern Plains")
    if page.js:  # the map and table update in place and the address can be bookmarked
        expect(table).not_to_contain_text("Alder County")
        expect(page).to_have_url(re.compile(r"region=\d+"))
    else:
        submit(page, "Show")
    settle(page)
    check_accessibility(page)
    expect(table).not_to_contain_text("Alder County")
    expect(page.locator("svg.gap-svg a.gap-county")).to_have_count(3)
    row = page.locator("table.gap-table tbody tr").filter(has_text="Fremont County")
    expect(row).to_contain_text("Food: no service")
    row.get_by_role("link", name="Food").click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Food in Fremont County")
    expect(page.get_by_role("link", name="No food pantry or meal site in Fremont County")).to_be_visible()
    expect(page.get_by_role("link", name="Record a need here")).to_have_count(0)  # viewers read only
    open_link(page, "Back to the gap map")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gap map")
    expect(page.locator("table.gap-table")).not_to_contain_text("Alder County")


def test_a_category_shades_by_its_sub_categories(page):
    sign_in(page, "viewer")
    visit(page, "/needs/gaps")
    page.get_by_label("Categories", exact=True).select_option(label="Health care: its sub-categories")
    if not page.js:
        submit(page, "Show")
    settle(page)
    check_accessibility(page)
    cedar = page.get_by_role("link", name=re.compile(r"^Cedar: \d+ gaps? in health care"))
    expect(cedar).to_be_visible()
    row = page.locator("table.gap-table tbody tr").filter(has_text="Cedar County")
    expect(row).to_contain_text("Medical respite / recuperative care: no free capacity")
    cedar.click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gaps in Cedar County: Health care")
    expect(page.get_by_role("columnheader", name="Free now")).to_be_visible()


def test_status_changes_in_one_step(page):
    title = "Street medicine in Dunmore" if page.js else "Eviction defense lawyers for Fremont tenants"
    sign_in(page, "coordinator")
    visit(page, "/needs/?status=open")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=title))
    row.get_by_role("button", name=f"Mark in progress: {title}").click()
    settle(page)
    check_accessibility(page)
    if page.js:  # swapped in place: still the open-needs list, and the change is announced
        expect(page).to_have_url(re.compile(r"/needs/\?status=open$"))
        expect(row).to_contain_text("In progress")
    else:  # back to the list it came from, which no longer has it among the open needs
        expect(page).to_have_url(re.compile(r"/needs/\?status=open$"))
        expect(page.get_by_role("link", name=title)).to_have_count(0)
    expect(page.get_by_text(f"“{title}” is now in progress.")).to_be_visible()
    visit(page, "/needs/?status=in_progress")
    page.get_by_role("link", name=title).click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    submit(page, f"Mark met: {title}")
    expect(page.locator(".need-status").first).to_contain_text("Met")
    expect(page.get_by_role("button", name=f"Reopen: {title}")).to_be_visible()


def test_form_errors_are_shown_next_to_the_fields(page):
    sign_in(page, "coordinator")
    visit(page, "/needs/new")
    page.get_by_label("Households affected").fill("a few")
    submit(page, "Save need")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a need")
    expect(page.locator("#title-error")).to_have_text("Enter a short title for the need.")
    expect(page.locator("#place-error")).to_contain_text("Choose the county")
    expect(page.locator("#households_affected-error")).to_contain_text("whole number")
    expect(page.get_by_label("Households affected")).to_have_value("a few")
