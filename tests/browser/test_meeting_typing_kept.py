"""Nothing typed is lost on a conference's page, in a real browser, JavaScript on and off: its
attendance and agenda are parts of one form, so moving or removing a household keeps the
attendee being typed, and says it is not saved yet. Households are added from a page of their
own."""
from datetime import timedelta

from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect

from hh.timeutil import local_today

NOT_SAVED = "What you typed in the page's other forms is still there, not saved yet."


def _households(page) -> list[str]:
    return page.locator("td[data-label=Household]").all_inner_texts()


def test_moving_a_household_keeps_the_attendee_being_typed(page):
    sign_in(page, "coordinator")
    visit(page, "/conferences/meetings/new")
    page.get_by_label("Region").select_option(label="Upper Valley")
    # A day no other test plans (the runs share one database).
    page.get_by_label("Date").fill((local_today() + timedelta(days=90 if page.js else 91)).isoformat())
    page.get_by_label("Households to propose for the agenda").fill("3")
    submit(page, "Save")
    first, second, third = _households(page)

    page.get_by_label("Name", exact=True).fill("Dana Reyes")
    page.get_by_label("Agency").fill("Harbor House")
    page.get_by_label("Role at the conference").select_option(label="Scribe")
    submit(page, "Move down")
    settle(page)
    # The move is saved; the attendee typed in the other part is still there, not added.
    assert _households(page) == [second, first, third]
    expect(page.locator("#status")).to_contain_text(NOT_SAVED)
    expect(page.get_by_label("Name", exact=True)).to_have_value("Dana Reyes")
    expect(page.get_by_label("Agency")).to_have_value("Harbor House")
    expect(page.get_by_label("Role at the conference")).to_have_value("scribe")
    expect(page.get_by_text("No attendance recorded yet.")).to_be_visible()

    submit(page, f"Remove {third}")
    assert _households(page) == [second, first]
    expect(page.locator("#status")).to_contain_text("Removed from the agenda.")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Dana Reyes")

    # The attendee is added; then a household, from the add page (the region's next ones).
    submit(page, "Add attendee")
    expect(page.get_by_role("table", name="Attendees")).to_contain_text("Dana Reyes")
    expect(page.get_by_label("Name", exact=True)).to_have_value("")
    expect(page.locator("#status")).not_to_contain_text(NOT_SAVED)
    page.get_by_role("link", name="Add a household to the agenda").click()
    settle(page)
    check_accessibility(page)
    candidates = page.get_by_role("table", name="Households that may be added")
    chosen = candidates.locator("td[data-label=Household]").first.inner_text()
    submit(page, f"Add {chosen}")
    expect(page.locator("#status")).to_contain_text("Added to the agenda.")
    assert _households(page) == [second, first, chosen]
