"""Action plans in a real browser, with JavaScript on and off: reading a plan and its run charts,
a provider working their items, a coordinator starting a plan, its measure, items and a review."""
import re

from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect

RESPITE = "Hospital discharge to medical respite"
VETERANS = "Veterans by-name list: reach functional zero"
MINE = "Enter every veteran seen at outreach on the By-Name List within 3 days"  # the provider's


def follow(page, name: str):
    page.get_by_role("link", name=name, exact=True).first.click()
    settle(page)
    check_accessibility(page)


def test_a_viewer_reads_a_plan_its_run_charts_and_the_numbers(page):
    sign_in(page, "viewer")
    home = page.locator("main")
    expect(home.get_by_role("heading", name="North-star measures")).to_be_visible()
    expect(home.get_by_role("link", name="Veterans actively homeless")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Action plans").click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plans")
    follow(page, RESPITE)
    expect(page.get_by_role("heading", level=1)).to_have_text(RESPITE)
    expect(page.locator("svg.run-chart")).to_have_count(3)  # one fed from referral outcomes
    expect(page.get_by_role("img", name=re.compile("Run chart: Referrals connected"))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Run chart: Discharges to the street"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("Shift: 6 points in a row")
    expect(page.get_by_role("button", name="Set", exact=False)).to_have_count(0)  # viewers read only
    follow(page, "Medical respite bed-days used")
    page.get_by_text("The numbers").first.click()
    table = page.get_by_role("table", name=re.compile("Medical respite bed-days used"))
    expect(table.locator("tbody tr")).to_have_count(12)
    expect(page.get_by_role("heading", name="Record a value")).to_have_count(0)


def test_a_provider_changes_the_status_of_their_item_and_adds_an_update(page):
    sign_in(page, "provider")
    expect(page.locator("main")).to_contain_text(MINE)
    visit(page, "/plans/my-items")
    row = page.locator("tr", has_text=MINE)
    expect(row).to_have_count(1)
    expect(page.locator("tr", has_text="Keep respite bed availability")).to_have_count(0)  # not theirs
    status = "in_progress" if page.js else "blocked"
    row.get_by_label(re.compile("Status of item")).select_option(status)
    if status == "blocked":
        row.get_by_label(re.compile("Why blocked")).fill("Waiting for the new bed board")
    row.get_by_role("button", name=re.compile("^Set")).click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("My items")  # still on the list
    row = page.locator("tr", has_text=MINE)
    expect(row.get_by_label(re.compile("Status of item"))).to_have_value(status)
    # With htmx the row's Set saved that row; without, it saved every changed row ("Save all").
    expect(page.locator("#status")).to_contain_text(
        "Status:" if page.js else "Saved the status of 1 item.")
    row.get_by_role("link", name=MINE).click()
    settle(page)
    check_accessibility(page)
    page.get_by_label("Your update").fill(f"Bed board called at 9 ({'js' if page.js else 'nojs'}).")
    submit(page, "Add the update")
    expect(page.locator("#thread-section")).to_contain_text(f"Bed board called at 9 ({'js' if page.js else 'nojs'}).")
    # put the status back for the other run
    page.get_by_label("Status", exact=True).select_option("open")
    submit(page, "Set status")
    expect(page.locator(".facts")).to_contain_text("Open")


def test_a_coordinator_starts_a_plan_with_a_measure_an_item_and_a_review(page):
    mode = "js" if page.js else "nojs"
    title = f"Youth coordinated entry ({mode})"
    sign_in(page, "coordinator")
    visit(page, "/plans/new")
    submit(page, "Save the plan")
    expect(page.locator("#title-error")).to_have_text("Enter the plan's title.")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Aim").fill("Every young person is housed within 60 days.")
    page.get_by_label("Lead organization").select_option(label="Harbor House Shelter & Outreach")
    page.get_by_label("Elk County Community Action").check()
    page.get_by_label("Status").select_option("active")
    submit(page, "Save the plan")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".facts")).to_contain_text("Elk County Community Action")

    follow(page, "Add a measure")
    page.get_by_label("Name").fill("Youth housed per month")
    page.get_by_label("Baseline value").fill("two")
    submit(page, "Save the measure")
    expect(page.locator("#baseline_value-error")).to_contain_text("Enter a number")
    page.get_by_label("Baseline value").fill("2")
    page.get_by_label("Target value").fill("6")
    submit(page, "Save the measure")
    for month, value in (("01", "2"), ("02", "3"), ("03", "5")):
        page.get_by_label("Date", exact=True).fill(f"2026-{month}-01")
        page.get_by_label("Value", exact=True).fill(value)
        submit(page, "Record")
    expect(page.get_by_role("img", name=re.compile("Run chart: Youth housed per month"))).to_be_visible()
    expect(page.locator("desc")).to_contain_text("3 data points")

    page.get_by_role("link", name=title).click()
    settle(page)
    follow(page, "Add an action item")
    page.get_by_label("What needs doing").fill(f"Recruit host homes ({mode})")
    page.get_by_label("Owner (organization)").select_option(label="Elk County Community Action")
    page.get_by_label("Due date").fill("2020-01-31")
    submit(page, "Save the item")
    row = page.locator("tr", has_text=f"Recruit host homes ({mode})")
    expect(row).to_contain_text("Overdue")

    # Inline edit: in place with JavaScript, on its own page without.
    row.get_by_role("link", name=re.compile("^Edit")).click()
    settle(page)
    check_accessibility(page)
    page.get_by_label("Due date").fill("2099-01-31")
    submit(page, "Save the item")
    if not page.js:
        page.get_by_role("link", name=title).click()
        settle(page)
    row = page.locator("tr", has_text=f"Recruit host homes ({mode})")
    expect(row).to_contain_text("2099-01-31")
    expect(row).not_to_contain_text("Overdue")

    follow(page, "Review the plan")
    expect(page.get_by_role("heading", name=re.compile(r"Items added \(1\)"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"New data points \(3\)"))).to_be_visible()
    page.get_by_label("Progress summary").fill("Three months of data; host homes started.")
    submit(page, "Record the review")
    expect(page.get_by_text(re.compile("Review recorded. Next review"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("Three months of data; host homes started.")


def test_a_coordinator_filters_all_items_and_sees_the_csv_link(page):
    sign_in(page, "coordinator")
    visit(page, "/plans/items")
    page.get_by_label("Plan", exact=True).select_option(label=VETERANS)
    if page.js:
        page.wait_for_url(re.compile(r"plan=\d+"))
        settle(page)
        check_accessibility(page)
    else:
        submit(page, "Filter")
    rows = page.locator("#items-results tbody tr")
    expect(rows.first).to_contain_text(VETERANS)
    assert all(VETERANS in text for text in rows.all_inner_texts())
    link = page.get_by_role("link", name="Download these items as CSV")
    assert re.search(r"plan=\d+", link.get_attribute("href"))


def test_a_viewer_sees_the_engagement_funnel_and_cost_per_person(page):
    sign_in(page, "viewer")
    visit(page, "/plans/")
    follow(page, VETERANS)
    section = page.locator("section#engagement")
    expect(section.get_by_role("heading", name="Engagement and cost")).to_be_visible()
    table = section.get_by_role("table", name=re.compile("Engagement funnel and cost per person"))
    expect(table.locator("tbody tr")).to_have_count(6)
    expect(table.locator("thead")).to_contain_text("Conferenced or referred")
    expect(section).to_contain_text("Target population: 240")
    expect(section.locator("dl dt", has_text="Cost per person housed")).to_be_visible()
