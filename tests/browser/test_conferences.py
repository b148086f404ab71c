"""Case conferencing in a real browser, with JavaScript on and off: the By-Name List, planning a
conference with its proposed agenda, working the list one household at a time, and the check
after the meeting; axe-core on every page."""
import re
from datetime import date, timedelta

from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect

from hh.timeutil import local_today


def open_link(page, name, within=None):
    (within or page).get_by_role("link", name=name).first.click()
    settle(page)
    check_accessibility(page)


def fill_conference_form(page, region: str, held_on: date, format_: str, households: int):
    """Plan a conference on the form that is open, and save it."""
    page.get_by_label("Region").select_option(label=region)
    page.get_by_label("Date").fill(held_on.isoformat())
    page.get_by_label("Format").select_option(label=format_)
    page.get_by_label("Households to propose for the agenda").fill(str(households))
    submit(page, "Save")


def test_the_list_is_masked_for_providers_and_filters(page):
    sign_in(page, "provider")
    visit(page, "/conferences/")
    expect(page.get_by_role("heading", level=1)).to_have_text("By-Name List")
    table = page.locator("table.bnl")
    expect(table).to_contain_text("identity hidden")  # no release of information on file
    expect(table).not_to_contain_text("Alder County")  # the demo provider works in Southern Plains
    page.get_by_label("Veterans only").check()
    if not page.js:
        submit(page, "Filter")
    else:
        expect(page).to_have_url(re.compile(r"veteran=y"))
    settle(page)
    check_accessibility(page)
    expect(table.locator("tbody tr").first).to_be_visible()
    for row in table.locator("tbody tr").all():
        expect(row.locator("td").nth(6)).to_have_text("Yes")
    # A longer page keeps the filters (and, with JavaScript, comes without a page load).
    page.get_by_label("Rows per page").select_option("50")
    if not page.js:
        submit(page, "Filter")
    else:
        expect(page).to_have_url(re.compile(r"per_page=50"))
    settle(page)
    expect(page.get_by_label("Rows per page")).to_have_value("50")
    expect(page.get_by_label("Veterans only")).to_be_checked()


def test_plan_a_conference_work_the_list_and_check_it(page):
    region = "Upper Valley" if page.js else "Southern Plains"  # both runs share one database
    held_on = local_today() + timedelta(days=1 if page.js else 2)
    sign_in(page, "coordinator")
    visit(page, "/conferences/")
    open_link(page, "Conferences", page.get_by_role("navigation", name="Case conferencing"))
    open_link(page, "Plan a conference")
    fill_conference_form(page, region, held_on, "Hybrid", households=3)
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Case conference: {region}")
    expect(page.get_by_text("Conference planned with 3 households proposed")).to_be_visible()
    expect(page.locator("#agreements + p")).to_contain_text("Housing First")
    agenda = page.locator("section", has=page.get_by_role("heading", name="Agenda"))
    expect(agenda.locator("tbody tr")).to_have_count(3)

    open_link(page, "Work the list")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Work the list")
    first = page.locator("section.entry").first
    first.get_by_label("Follow-up since last time").fill("Met the navigator on Tuesday")
    first.get_by_label("System barrier this week").select_option(label="Landlord acceptance")
    first.get_by_label("This week's action step").fill("Call two landlords about the voucher")
    first.get_by_label("Staff responsible").select_option(label="Pat Provider (demo)")
    first.get_by_label("Target move-in or milestone date").fill((held_on + timedelta(days=14)).isoformat())
    first.get_by_role("button", name=re.compile("^Save")).click()
    settle(page)
    check_accessibility(page)
    first = page.locator("section.entry").first
    if page.js:  # only this household was swapped in place, shown as recorded
        expect(first.get_by_text("Saved.")).to_be_visible()
    expect(first.locator("dl.facts")).to_contain_text("Call two landlords about the voucher")

    # Without JavaScript the save opened the next household; with it, its Record button does.
    second = page.locator("section.entry").nth(1)
    if page.js:
        second.get_by_role("button", name=re.compile("^Record")).click()
        settle(page)
        check_accessibility(page)
        second = page.locator("section.entry").nth(1)
    # A bad date is refused next to the field, and what was typed stays.
    second.get_by_label("This week's action step").fill("Request ID documents")
    second.get_by_label("Target move-in or milestone date").fill("2001-01-01")
    second.get_by_role("button", name=re.compile("^Save")).click()
    settle(page)
    check_accessibility(page)
    second = page.locator("section.entry").nth(1)
    expect(second.get_by_text("The target date is before the meeting.")).to_be_visible()
    expect(second.get_by_label("This week's action step")).to_have_value("Request ID documents")

    open_link(page, "Summary and check")
    expect(page.get_by_text("2 of 3 households")).to_be_visible()
    open_link(page, "Printable minutes")
    expect(page.locator("table")).to_contain_text("Call two landlords about the voucher")


def test_viewers_have_no_access(page):
    sign_in(page, "viewer")
    expect(page.get_by_role("link", name="Case conferencing")).to_have_count(0)
    page.goto("/conferences/")
    settle(page)
    expect(page.get_by_text("You do not have access to this page")).to_be_visible()


def test_household_conference_learning_and_import_pages(page, tmp_path):
    sign_in(page, "coordinator")
    visit(page, "/conferences/")
    page.locator("table.bnl tbody tr").first.get_by_role("link").first.click()  # the household
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", name="Recommended interventions")).to_be_visible()
    expect(page.get_by_role("button", name="Mark housed")).to_be_visible()
    # A bad move-in date is refused next to the field.
    page.get_by_label("Move-in date").fill("1999-01-01")
    submit(page, "Mark housed")
    expect(page.locator("p.error", has_text="before the household joined the list")).to_be_visible()

    nav = page.get_by_role("navigation", name="Case conferencing")
    open_link(page, "Conferences", nav)
    page.locator("table tbody tr").last.get_by_role("link").click()  # the demo's past conference
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", name="Group agreements")).to_be_visible()
    open_link(page, "Summary and check")
    expect(page.get_by_text("1 of 6 households")).to_be_visible()

    open_link(page, "Learning loop", page.get_by_role("navigation", name="Case conferencing"))
    expect(page.get_by_role("heading", name="Upper Valley")).to_be_visible()

    open_link(page, "Import from HMIS", page.get_by_role("navigation", name="Case conferencing"))
    upload = tmp_path / "bnl.csv"
    upload.write_text("HMIS ID,First Name,Last Name,County,Housing Status,Score\n"
                      "DEMO-0001,Ada,Example,Alder,Unsheltered,4\n"
                      "X-1,Bad,County,Nowhere,Unsheltered,3\n")
    page.get_by_label("By-Name List (CSV), or the HUD HMIS CSV export (zip)").set_input_files(str(upload))
    submit(page, "Upload and preview")
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview: By-Name List import")
    expect(page.get_by_text("county is not one of the CoC's counties")).to_be_visible()
    expect(page.get_by_text("Active households missing from this export")).to_be_visible()
    submit(page, "Cancel")
    expect(page.get_by_text("Upload discarded")).to_be_visible()


def test_edit_a_household_and_record_a_contact(page):
    navigator = "Robin Navigator" if page.js else "Kim Navigator"  # both runs share one database
    sign_in(page, "coordinator")
    visit(page, "/conferences/")
    page.locator("table.bnl tbody tr").nth(1 if page.js else 2).get_by_role("link").first.click()
    settle(page)
    open_link(page, "Edit household details")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit household details")
    page.get_by_label("Date of last contact").fill("2099-01-01")
    page.get_by_label("Navigator", exact=True).fill(navigator)
    submit(page, "Save")
    future = "The last contact cannot be in the future."
    expect(page.locator("p.error", has_text=future)).to_be_visible()
    expect(page.get_by_label("Navigator", exact=True)).to_have_value(navigator)  # what was typed stays
    page.get_by_label("Date of last contact").fill(local_today().isoformat())
    page.get_by_label("Housing need").select_option(label="High")
    submit(page, "Save")
    expect(page.get_by_text(re.compile(r"Household #\d+ is updated"))).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text(navigator)

    # A provider of the region keeps the contact date and navigator current, nothing more.
    submit(page, "Sign out")
    sign_in(page, "provider")
    visit(page, "/conferences/")
    page.locator("table.bnl tbody tr").first.get_by_role("link").first.click()
    settle(page)
    open_link(page, "Record a contact or change the navigator")
    expect(page.get_by_label("Release of information on file")).to_have_count(0)
    page.get_by_label("Date of last contact").fill(local_today().isoformat())
    page.get_by_label("Navigator", exact=True).fill(navigator + " II")
    submit(page, "Save")
    expect(page.locator("dl.facts")).to_contain_text(navigator + " II")


def _focus_in(page, selector: str) -> bool:
    return page.evaluate("s => !!(document.activeElement && document.activeElement.closest(s))", selector)


def _tab_until(page, selector: str, limit: int) -> int:
    """Press Tab until the focused element is inside `selector`; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if _focus_in(page, selector):
            return presses
    raise AssertionError(f"{selector} not reached in {limit} Tab presses")


def _typed_date(page, day: date) -> str:
    """What one types into a date input, in the browser's locale order (e.g. mm dd yyyy)."""
    order = page.evaluate("""() => new Intl.DateTimeFormat(navigator.language)
        .formatToParts(new Date(2000, 0, 2)).map(p => p.type).filter(t => t !== "literal")""")
    parts = {"month": f"{day.month:02d}", "day": f"{day.day:02d}", "year": f"{day.year:04d}"}
    return "".join(parts[t] for t in order)


def test_work_the_list_with_the_keyboard_only(page):
    """The scribe, live in the meeting: jump to a household, fill it in and save it with the
    keyboard alone, in a few Tab presses, and go on from there (the next household)."""
    region = "Southern Plains" if page.js else "Upper Valley"
    held_on = local_today() + timedelta(days=5 if page.js else 6)  # a day no other test plans
    sign_in(page, "coordinator")
    visit(page, "/conferences/meetings/new")
    fill_conference_form(page, region, held_on, "Virtual", households=2)
    open_link(page, "Work the list")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Work the list")

    # From here on, only the keyboard.
    section_id = page.locator("section.entry").first.get_attribute("id")
    prefix = "e" + section_id.removeprefix("entry-")
    section = f"#{section_id}"
    _tab_until(page, f'nav.agenda-jump a[href="{section}"]', 80)  # past the header and menus
    page.keyboard.press("Enter")  # the jump link: the next Tab starts inside that household
    _tab_until(page, f"#{prefix}-follow_up", 4)
    page.keyboard.type("Navigator met them at the library")
    page.keyboard.press("Tab")
    assert _focus_in(page, f"#{prefix}-barrier_category")
    page.keyboard.type("Transportation")  # a closed select's type-ahead
    page.keyboard.press("Tab")
    assert _focus_in(page, f"#{prefix}-barrier_note")
    page.keyboard.type("No bus to the housing office")
    page.keyboard.press("Tab")
    assert _focus_in(page, f"#{prefix}-action_step")
    page.keyboard.type("Book a ride for Thursday's appointment")
    page.keyboard.press("Tab")
    assert _focus_in(page, f"#{prefix}-responsible_id")
    page.keyboard.type("Pat")
    page.keyboard.press("Tab")
    assert _focus_in(page, f"#{prefix}-target_on")
    target = held_on + timedelta(days=21)
    page.keyboard.type(_typed_date(page, target))  # each part moves on to the next by itself
    # Six controls; Chromium's date input adds its calendar button (and, left empty, a stop per
    # part: 9 presses then).
    presses = 5 + _tab_until(page, f"{section} button[type=submit]", 10)
    assert presses <= 8, f"{presses} Tab presses from the first field to Save"
    if page.js:
        page.keyboard.press("Enter")
    else:
        with page.expect_navigation():
            page.keyboard.press("Enter")
    settle(page)
    check_accessibility(page)

    _expect_entry_saved(page, section, target)


def _expect_entry_saved(page, section: str, target: date):
    """The household just saved shows what was recorded. With JavaScript keyboard focus stays
    with it; without, the page comes back with the next household open and in view."""
    facts = page.locator(f"{section} dl.facts")
    for shown in ("Navigator met them at the library", "Transportation: No bus to the housing office",
                  "Book a ride for Thursday's appointment", "Pat Provider (demo)", target.isoformat()):
        expect(facts).to_contain_text(shown)
    if page.js:  # swapped in place: focus stays on this household, not the top of the page
        expect(page.locator(section).get_by_text("Saved.")).to_be_visible()
        expect(page.locator(section).get_by_role("heading", level=2)).to_be_focused()
    else:  # redirected to the next household's anchor: the next Tab lands inside it
        section = "#" + page.locator(f"{section} ~ section.entry").first.get_attribute("id")
        expect(page).to_have_url(re.compile(f"{section}$"))
        expect(page.locator(section).get_by_label("Follow-up since last time")).to_be_visible()
    page.keyboard.press("Tab")
    assert _focus_in(page, section)
