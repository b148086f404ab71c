"""The By-Name List that remembers, in a real browser with JavaScript on and off: the list flow
dashboard, movement since the last conference, pausing and resuming a household; axe-core on
every page."""
import re
from datetime import timedelta

from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect

from hh.timeutil import local_today


def test_the_list_flow_dashboard(page):
    sign_in(page, "coordinator")
    visit(page, "/conferences/")
    page.get_by_role("navigation", name="Case conferencing").get_by_role("link", name="List flow").click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("List flow: how the By-Name List moves")
    rows = page.locator("#flow-table tbody tr")
    expect(rows).to_have_count(12)
    expect(rows.first).to_contain_text("(so far)")
    page.get_by_label("Who").select_option(label="Veterans")
    page.get_by_label("Months").select_option(label="24 months")
    submit(page, "Show")
    expect(page).to_have_url(re.compile(r"subpopulation=veteran"))
    expect(page.locator("#flow-table tbody tr")).to_have_count(24)
    expect(page.locator("svg.run-chart").first).to_be_visible()
    csv_link = page.get_by_role("link", name="Download as a spreadsheet (CSV)")
    expect(csv_link).to_have_attribute("href", re.compile(r"/conferences/flow\.csv\?.*subpopulation=veteran"))


def test_providers_see_small_counts_suppressed(page):
    sign_in(page, "provider")
    visit(page, "/conferences/flow")
    expect(page.get_by_text("Counts from 1 to 4 show as “fewer than 5”")).to_be_visible()
    expect(page.get_by_label("Region")).not_to_contain_text("all regions")


def test_movement_since_the_last_conference_and_who_is_at_the_table(page):
    sign_in(page, "coordinator")
    visit(page, "/conferences/meetings")
    page.locator("main table a").first.click()
    settle(page)
    check_accessibility(page)
    movement = page.locator("section", has=page.get_by_role("heading", name="Movement since the last conference"))
    expect(movement.locator("#movement-counts li")).to_have_count(4)
    expect(movement).to_contain_text("Newly identified:")
    seats = page.locator("#seats li")
    expect(seats).to_have_count(4)
    expect(page.locator("#seats")).to_contain_text("Health partners")


def test_pause_and_resume_a_household(page):
    sign_in(page, "coordinator")
    visit(page, "/conferences/")
    page.locator("table.bnl tbody tr").nth(1 if page.js else 2).locator("a").first.click()
    settle(page)
    check_accessibility(page)
    page.get_by_label("Why the group sets the household aside").fill("In treatment until spring")
    revisit = (local_today() + timedelta(days=40)).isoformat()
    page.get_by_label("Look at the household again on").fill(revisit)
    submit(page, "Pause")
    expect(page.locator("#list-status")).to_contain_text(f"look again on {revisit}")
    expect(page.locator("#status-history ~ div table")).to_contain_text("Paused")
    submit(page, "Back on the agenda now")
    expect(page.locator("#list-status")).not_to_contain_text("paused")
    expect(page.locator("#status-history ~ div table")).to_contain_text("Resumed")
