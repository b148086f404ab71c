"""Errors the GOV.UK way and nothing typed lost, in a real browser at a phone's and a desktop's
width, JavaScript on and off: a refused form shows its error summary at the top, in view (and
focused, with JavaScript), "Error: " in the title, each message a link that moves to its field;
on "work the list", opening another household never drops what was typed in the open one."""
import re
from datetime import timedelta

import pytest
from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect

from hh.timeutil import local_today

WIDTHS = [360, 1280]


def _in_view(page, selector: str) -> bool:
    """Is the top of the element inside the window (read from outside the page's scripts)?"""
    box = page.locator(selector).first.bounding_box()
    return box is not None and -1 <= box["y"] < page.viewport_size["height"]


def _expect_summary(page, first_message: str):
    summary = page.locator("#error-summary [role=alert]")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link").first).to_have_text(first_message)
    assert _in_view(page, "#error-summary [role=alert]")
    expect(page).to_have_title(re.compile(r"^Error: "))
    if page.js:
        expect(summary).to_be_focused()
    return summary


def _follow(page, summary, field_id: str):
    """A summary link takes the person to its field (with JavaScript: focused in it), its label
    in view above it."""
    summary.get_by_role("link").first.click()
    if page.js:
        expect(page.locator(f"#{field_id}")).to_be_focused()
    else:
        expect(page).to_have_url(re.compile(f"#{field_id}$"))
    assert _in_view(page, f"#{field_id}")
    label = page.locator(f"label[for='{field_id}']")
    if label.count():
        assert _in_view(page, f"label[for='{field_id}']")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_refused_form_shows_its_summary_and_links_to_the_fields(page, width):
    page.set_viewport_size({"width": width, "height": 740})
    sign_in(page, "coordinator")
    visit(page, "/needs/new")
    title = page.title()
    submit(page, "Save need")
    summary = _expect_summary(page, "Enter a short title for the need.")
    expect(page).to_have_title("Error: " + title)
    # The messages are still next to their fields.
    expect(page.locator("#title-error")).to_have_text("Enter a short title for the need.")
    _follow(page, summary, "title")
    check_accessibility(page)


def _plan_and_work(page, days_ahead: int):
    """Plan a conference (a day no other test plans) and open "work the list"."""
    sign_in(page, "coordinator")
    visit(page, "/conferences/meetings/new")
    page.get_by_label("Region").select_option(label="Upper Valley")
    page.get_by_label("Date").fill((local_today() + timedelta(days=days_ahead)).isoformat())
    page.get_by_label("Format").select_option(label="Virtual")
    page.get_by_label("Households to propose for the agenda").fill("3")
    submit(page, "Save")
    page.get_by_role("link", name="Work the list").first.click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Work the list")


def _day(page, width: int, test: int) -> int:
    """A different meeting day for each run (the runs share one database)."""
    return 60 + test * 4 + WIDTHS.index(width) * 2 + (0 if page.js else 1)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_refused_household_save_brings_the_summary_along(page, width):
    page.set_viewport_size({"width": width, "height": 740})
    _plan_and_work(page, _day(page, width, 1))
    second = _record(page, 1)
    second.get_by_label("This week's action step").fill("Request ID documents")
    second.get_by_label("Staff responsible").select_option(label="Pat Provider (demo)")
    second.get_by_label("Target move-in or milestone date").fill("2001-01-01")
    second.get_by_role("button", name=re.compile("^Save")).click()
    settle(page)
    summary = _expect_summary(page, "The target date is before the meeting.")
    second = page.locator("section.entry").nth(1)
    expect(second.get_by_label("This week's action step")).to_have_value("Request ID documents")
    expect(second.get_by_text("The target date is before the meeting.")).to_be_visible()
    check_accessibility(page)
    field_id = second.get_by_label("Target move-in or milestone date").get_attribute("id")
    _follow(page, summary, field_id)


def _record(page, index: int):
    """Open a household's form with its Record button (without JavaScript: the page's form is
    sent, the open household saved, and the page comes back with this one open)."""
    section = page.locator("section.entry").nth(index)
    section.get_by_role("button", name=re.compile("^Record")).click()
    settle(page)
    check_accessibility(page)
    return page.locator("section.entry").nth(index)


@pytest.mark.parametrize("width", WIDTHS)
def test_opening_another_household_keeps_what_was_typed_in_the_open_one(page, width):
    page.set_viewport_size({"width": width, "height": 740})
    _plan_and_work(page, _day(page, width, 2))
    first = page.locator("section.entry").nth(0)
    first.get_by_label("This week's action step").fill("Call two landlords")
    first.get_by_label("Staff responsible").select_option(label="Pat Provider (demo)")
    first.get_by_label("Target move-in or milestone date").fill(
        (local_today() + timedelta(days=_day(page, width, 2) + 7)).isoformat())
    second = _record(page, 1)
    first = page.locator("section.entry").nth(0)
    if page.js:  # the second's form came in place; the first still holds what was typed
        expect(first.get_by_label("This week's action step")).to_have_value("Call two landlords")
    else:  # the first was saved on the way
        expect(page.get_by_role("status")).to_contain_text("Saved 1 household.")
        expect(first.locator("dl.facts")).to_contain_text("Call two landlords")
    second.get_by_label("Follow-up since last time").fill("Met at the library")
    submit(page, "Save all")
    saved = "Saved 2 households." if page.js else "Saved 1 household."
    expect(page.get_by_role("status")).to_contain_text(saved)
    # Both are saved: a fresh load of the page shows them (the second, still without an action
    # step, is the one it opens).
    page.reload()
    settle(page)
    first, second = page.locator("section.entry").nth(0), page.locator("section.entry").nth(1)
    expect(first.locator("dl.facts")).to_contain_text("Call two landlords")
    expect(second.get_by_label("Follow-up since last time")).to_have_value("Met at the library")