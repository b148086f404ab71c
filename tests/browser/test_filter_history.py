"""Filters on a slow link and a small screen: changing them updates the address (bookmarkable)
without adding a history entry each time, so one press of Back leaves the page."""
import re

import pytest
from browsing import check_accessibility, settle, sign_in, visit
from playwright.sync_api import expect


def _change(page, label, value):
    field = page.get_by_label(label, exact=True)
    if field.evaluate("e => e.tagName") == "SELECT":
        field.select_option(label=value)
    else:
        field.fill(value)
    page.wait_for_timeout(600)  # the as-you-type delay
    settle(page)


def test_back_leaves_the_search_page_in_one_press_after_several_filters(page):
    if not page.js:
        pytest.skip("without JavaScript each search is a page load of its own, as in any browser")
    sign_in(page, "viewer")
    home = page.url
    visit(page, "/resources/")
    _change(page, "Words", "shelter")
    _change(page, "County", "Elk County")
    _change(page, "Sector", "Homeless response")
    expect(page).to_have_url(re.compile(r"q=shelter.*county=\d+"))
    results = page.locator("ol.results > li h3")
    expect(results.filter(has_text="Elk Valley shelter")).to_have_count(1)
    check_accessibility(page)

    page.go_back()
    settle(page)
    expect(page).to_have_url(home)
    page.go_forward()
    settle(page)
    expect(page).to_have_url(re.compile(r"/resources/\?.*q=shelter.*county=\d+"))
    expect(page.get_by_label("Words", exact=True)).to_have_value("shelter")


def test_back_leaves_the_glossary_in_one_press_after_searching(page):
    if not page.js:
        pytest.skip("without JavaScript each search is a page load of its own, as in any browser")
    sign_in(page, "viewer")
    home = page.url
    visit(page, "/glossary/")
    _change(page, "Search the glossary", "hous")
    _change(page, "Search the glossary", "housing")
    expect(page).to_have_url(re.compile(r"q=housing"))
    page.go_back()
    settle(page)
    expect(page).to_have_url(home)
