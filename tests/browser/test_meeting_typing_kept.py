"""Nothing typed is lost on a conference's page, in a real browser, JavaScript on and off: its
attendance and agenda are parts of one form, so moving or removing a household keeps the
attendee being typed and the household chosen to add, and says they are not saved yet."""
from datetime import timedelta

from browsing import settle, sign_in, submit, visit
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

    chosen = page.get_by_label("Household", exact=True).locator("option").nth(1).inner_text()
    page.get_by_label("Household", exact=True).select_option(label=chosen)
    submit(page, f"Remove {third}")
    assert _households(page) == [second, first]
    expect(page.locator("#status")).to_contain_text("Removed from the agenda.")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Dana Reyes")
    expect(page.get_by_label("Household", exact=True).locator("option:checked")).to_have_text(chosen)

    # The attendee is added; the household chosen is still chosen, not yet on the agenda.
    submit(page, "Add attendee")
    expect(page.get_by_role("table", name="Attendees")).to_contain_text("Dana Reyes")
    expect(page.get_by_label("Name", exact=True)).to_have_value("")
    expect(page.get_by_label("Household", exact=True).locator("option:checked")).to_have_text(chosen)
    submit(page, "Add to the agenda")
    expect(page.locator("#status")).not_to_contain_text(NOT_SAVED)
    assert _households(page) == [second, first, chosen.split(" · ")[0]]  # option: name · score
