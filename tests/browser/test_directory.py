"""Partner directory and resource map in a real browser, with JavaScript on and off: searching,
a provider keeping its own records and availability current, a coordinator's verification queue.

The live server's demo database is shared by every test (and by both JavaScript modes), so each
test makes its own names or restores what it changed."""
import re

from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect


def _search(page, **fields):
    """Fill the search form; with JavaScript the results update as you type, without it the
    Search button sends the same GET form."""
    for label, value in fields.items():
        field = page.get_by_label(label, exact=True)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    if page.js:
        page.wait_for_function("() => !document.querySelector('.htmx-request')")
        page.wait_for_timeout(600)  # the as-you-type delay
        settle(page)
        check_accessibility(page)
    else:
        submit(page, "Search")


def test_search_by_words_and_county_is_a_bookmarkable_url(page):
    sign_in(page, "viewer")
    visit(page, "/resources/")
    _search(page, Words="shelter")
    expect(page.locator("#service-results")).to_contain_text(re.compile(r"\d+ services?"))
    results = page.locator("ol.results > li h3")
    expect(results.filter(has_text="Harbor House emergency shelter")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=shelter"))

    _search(page, County="Elk County")
    expect(page).to_have_url(re.compile(r"county=\d+"))
    expect(results.filter(has_text="Elk Valley shelter")).to_have_count(1)
    expect(results.filter(has_text="Harbor House emergency shelter")).to_have_count(0)

    # The same URL, opened fresh, shows the same results (bookmarks and shared links work).
    url = page.url
    visit(page, url)
    expect(page.get_by_label("Words", exact=True)).to_have_value("shelter")
    expect(results.filter(has_text="Elk Valley shelter")).to_have_count(1)


def test_a_town_finds_the_services_that_cover_its_county(page):
    sign_in(page, "viewer")
    visit(page, "/resources/")
    # The Upper Valley outreach team has no address; it serves Alder County, where Millbrook is.
    _search(page, **{"Words": "outreach", "Town or county": "Millbrook"})
    results = page.locator("ol.results > li h3")
    expect(results.filter(has_text="Street outreach team")).to_have_count(1)
    expect(results.filter(has_text="Southern outreach")).to_have_count(0)


def test_provider_updates_availability_and_sees_a_message_for_a_missing_number(page):
    sign_in(page, "provider")  # Sam Southern, Southern Counties Housing Partnership
    visit(page, "/resources/availability")
    item = page.locator("section.availability-item", has_text="Elk Valley shelter")
    total = int(re.search(r"of (\d+)", item.locator("label").first.inner_text()).group(1))

    item.get_by_label(re.compile(r"Beds free")).fill("")
    item.get_by_role("button", name=re.compile("^Save")).click()
    settle(page)
    check_accessibility(page)
    item = page.locator("section.availability-item", has_text="Elk Valley shelter")
    expect(item.locator("p.error")).to_contain_text("Enter how many beds are free now.")
    expect(page.get_by_role("alert")).to_contain_text("Enter how many beds are free now.")

    free = 2 if page.js else 3
    item.get_by_label(re.compile(r"Beds free")).fill(str(free))
    item.get_by_role("button", name=re.compile("^Save")).click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_text("Updated availability for Elk Valley shelter")).to_be_visible()
    item = page.locator("section.availability-item", has_text="Elk Valley shelter")
    expect(item.get_by_label(re.compile(r"Beds free"))).to_have_value(str(free))
    expect(item).to_contain_text("by Sam Southern (demo)")

    # Partners see the new number on the service's page.
    item.get_by_role("link", name="Elk Valley shelter").click()
    settle(page)
    check_accessibility(page)
    expect(page.locator("main")).to_contain_text(f"Beds: {free} free of {total}")


def test_provider_edits_its_own_organization_but_not_another(page):
    sign_in(page, "provider")
    visit(page, "/directory/")
    page.get_by_role("link", name="Southern Counties Housing Partnership").first.click()
    settle(page)
    check_accessibility(page)
    page.get_by_role("link", name="Edit", exact=True).click()
    settle(page)
    check_accessibility(page)
    text = f"Shelter, rapid re-housing and prevention ({'js' if page.js else 'nojs'})."
    page.get_by_label("What the organization does").fill(text)
    page.get_by_label("Email").fill("not an email")
    submit(page, "Save")
    expect(page.locator(".field.has-error")).to_contain_text("Enter an email address")
    expect(page.get_by_label("What the organization does")).to_have_value(text)
    page.get_by_label("Email").fill("intake@southerncounties.example")
    submit(page, "Save")
    expect(page.get_by_role("heading", level=1)).to_have_text("Southern Counties Housing Partnership")
    expect(page.locator("main")).to_contain_text(text)

    visit(page, "/directory/")
    page.get_by_role("link", name="Prairie Health Plan").first.click()
    settle(page)
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    other = page.url.rstrip("/") + "/edit"
    visit(page, other)
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")


def test_coordinator_adds_a_service_fixing_errors_on_the_way(page):
    name = f"Recuperative care pilot {'js' if page.js else 'nojs'}"
    sign_in(page, "coordinator")
    visit(page, "/directory/")
    page.get_by_role("link", name="Cedar Valley Regional Hospital").first.click()
    settle(page)
    page.get_by_role("link", name="Add a service").click()
    settle(page)
    check_accessibility(page)
    page.get_by_label("What it offers").fill("Short stays after discharge for people without a home.")
    page.get_by_label("Minimum age").fill("ten")
    submit(page, "Save")
    expect(page.locator("#name-error")).to_have_text("Enter the service's name.")
    expect(page.locator("#minimum_age-error")).to_have_text("Enter a whole number.")
    expect(page.get_by_label("What it offers")).to_have_value("Short stays after discharge for people without a home.")

    page.get_by_label("Service name").fill(name)
    page.get_by_label("Minimum age").fill("18")
    page.get_by_label("Category").select_option(label="Health care › Medical respite / recuperative care")
    page.get_by_label("Elk County").check()
    page.get_by_label("Beds").fill("6")
    submit(page, "Save")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_text(f"Saved {name}.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Elk County")

    # It is found by a search for its category's county.
    visit(page, "/resources/")
    _search(page, Words="recuperative", County="Elk County")
    expect(page.locator("ol.results > li h3").filter(has_text=name)).to_have_count(1)


def test_coordinator_works_the_verification_queue(page):
    sign_in(page, "coordinator")
    visit(page, "/resources/verification")
    services = page.locator("section", has=page.locator("#services-due"))
    first = services.locator("tbody tr").first
    name = first.locator("td").first.inner_text()
    first.get_by_role("button", name=re.compile("^Verified")).click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_text(f"Marked {name} as verified today.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verification queue")
    expect(services.locator("tbody tr td:first-child").filter(has_text=re.compile(f"^{re.escape(name)}$"))).to_have_count(0)
