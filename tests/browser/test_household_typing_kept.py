"""Nothing typed is lost on a household's page, in a real browser at a phone's width, JavaScript
on and off: its status changes are parts of one form, so pausing the household (or putting it
back on the agenda) keeps a reason typed to make it inactive, and says it is not saved yet."""
from datetime import timedelta

from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect

from hh.timeutil import local_today

NOT_SAVED = "What you typed in the page's other forms is still there, not saved yet."


def _fits(page):
    """No sideways panning: the page is no wider than the window."""
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll <= inner, f"the page is {scroll}px wide in a {inner}px window"


def test_pausing_a_household_keeps_the_reason_typed_to_make_it_inactive(page):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, "coordinator")
    visit(page, "/conferences/")
    # The list's last household on its first page: far from any proposed agenda.
    page.locator("table.bnl tbody tr").last.get_by_role("link").first.click()
    settle(page)
    check_accessibility(page)
    _fits(page)
    household_url = page.url

    page.get_by_label("Reason", exact=True).fill("Moved out of the CoC")
    page.get_by_label("Why the group sets the household aside").fill("In treatment until March")
    page.get_by_label("Look at the household again on").fill(
        (local_today() + timedelta(days=45)).isoformat())
    submit(page, "Pause")
    # The pause is saved; the reason typed in the other part is still there, not sent.
    expect(page.locator("#list-status")).to_contain_text("paused since")
    expect(page.locator("#status")).to_contain_text("is paused.")
    expect(page.locator("#status")).to_contain_text(NOT_SAVED)
    expect(page.get_by_label("Reason", exact=True)).to_have_value("Moved out of the CoC")
    expect(page.get_by_role("button", name="Pause")).to_have_count(0)
    if page.js:  # htmx shows the page's own address (a reload asks for the page)
        assert page.url.split("#")[0] == household_url
    _fits(page)

    # Again the other way (and the household as it was for the other tests).
    submit(page, "Back on the agenda now")
    expect(page.locator("#list-status")).not_to_contain_text("paused")
    expect(page.locator("#status")).to_contain_text("is back on the agenda.")
    expect(page.get_by_label("Reason", exact=True)).to_have_value("Moved out of the CoC")
    expect(page.get_by_label("Why the group sets the household aside")).to_have_value("")
    _fits(page)

    # Nothing typed elsewhere: back to the page itself, and the reason never was saved.
    page.get_by_label("Reason", exact=True).fill("")
    page.get_by_label("Why the group sets the household aside").fill("Waiting for a bed")
    page.get_by_label("Look at the household again on").fill(
        (local_today() + timedelta(days=45)).isoformat())
    submit(page, "Pause")
    expect(page.locator("#status")).not_to_contain_text(NOT_SAVED)
    assert page.url.split("#")[0] == household_url
    expect(page.locator("#list-status")).to_contain_text("Active")
    submit(page, "Back on the agenda now")
    expect(page.locator("#list-status")).not_to_contain_text("paused")
