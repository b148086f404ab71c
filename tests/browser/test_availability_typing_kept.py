"""Availability on a phone: numbers typed for two services, one saved; the other's number is not
lost (with JavaScript only the saved service is swapped; without it the page's one form sends
both, and both are saved)."""
import re

from browsing import check_accessibility, settle, sign_in, visit
from playwright.sync_api import expect


def test_numbers_typed_for_another_service_survive_one_save(page):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, "provider")
    visit(page, "/resources/availability")
    items = page.locator("section.availability-item")
    assert items.count() >= 2, "the demo provider keeps at least two services current"
    first, second = items.nth(0), items.nth(1)
    second_name = second.locator("h2 a").inner_text()
    first.get_by_label(re.compile(r"free \(of")).first.fill("0")
    second.get_by_label(re.compile(r"free \(of")).first.fill("1")
    first.get_by_role("button", name=re.compile("^Save")).click()
    settle(page)
    check_accessibility(page)

    second = page.locator("section.availability-item", has_text=second_name)
    expect(second.get_by_label(re.compile(r"free \(of")).first).to_have_value("1")
    if not page.js:  # the page's form went whole: the other service was saved as well
        expect(page.get_by_role("status")).to_contain_text("Updated availability for 2 services")
        visit(page, "/resources/availability")
        expect(page.locator("section.availability-item", has_text=second_name)
               .get_by_label(re.compile(r"free \(of")).first).to_have_value("1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
