"""Terms explained in place, in a real browser with JavaScript on and off, on a desktop (1,280 px)
and a phone (360 px): a marked term shows its meaning (not its name) on hover and on keyboard
focus, a tap takes the reader to its entry in "Terms on this page", which links to the glossary;
axe-core on every page."""
import re

import pytest
from browsing import check_accessibility, settle, sign_in, visit
from playwright.sync_api import expect

VI_SPDAT = "A short survey many communities have used to score how vulnerable a person"


@pytest.fixture(params=[1280, 360], ids=["desktop", "phone"])
def width(request, page):
    page.set_viewport_size({"width": request.param, "height": 800})
    return request.param


def popover(term) -> dict:
    """What the CSS-only popover of a marked term shows now (its wrapper's ::after)."""
    return term.evaluate("""link => {
        const style = getComputedStyle(link.closest('.term-tip'), '::after');
        return {shown: style.display !== 'none' && style.visibility !== 'hidden',
                text: style.content.replace(/^"|"$/g, '')};
    }""")


def tab_to(page, target, limit: int = 120) -> None:
    """Press Tab, as a keyboard user does, until `target` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail("Tab never reached the term")


def test_a_term_on_the_by_name_list_explains_itself_on_hover_focus_and_tap(page, width):
    sign_in(page, "coordinator")
    visit(page, "/conferences/")
    table = page.locator("table.bnl")
    # The score tool is on every row: one link (its first mention), the rest only underlined.
    term = table.locator("a.term", has_text="VI-SPDAT")
    expect(term).to_have_count(1)
    later = table.locator(".term-seen", has_text="VI-SPDAT")
    expect(later.first).to_have_attribute("title", re.compile(VI_SPDAT))
    assert later.count() >= 10

    assert popover(term) == {"shown": False, "text": popover(term)["text"]}
    assert VI_SPDAT in popover(term)["text"]
    term.hover()
    assert popover(term)["shown"], "hovering shows the meaning"
    check_accessibility(page)
    page.get_by_role("heading", level=1).hover()
    assert not popover(term)["shown"]

    page.get_by_role("heading", level=1).click()  # start from the top of the page
    tab_to(page, term)
    assert popover(term)["shown"], "keyboard focus shows the meaning"
    check_accessibility(page)

    # A tap (or click, or Enter) takes the reader to the term's entry under "Terms on this page".
    term.click()
    settle(page)
    expect(page).to_have_url(re.compile(r"#term-vi-spdat$"))
    meaning = page.locator("#term-vi-spdat-meaning")
    expect(meaning).to_contain_text(VI_SPDAT)
    expect(meaning).to_be_in_viewport()
    section = page.get_by_role("region", name="Terms on this page")
    entries = section.locator("dt")
    names = entries.all_inner_texts()
    assert len(names) == len(set(names)) and "Homeless Management Information System (HMIS)" in names
    check_accessibility(page)
    section.get_by_role("link", name=re.compile(r"^Vulnerability Index")).click()
    settle(page)
    check_accessibility(page)
    expect(page).to_have_url(re.compile(r"/glossary/vi-spdat$"))


def test_household_and_hand_off_pages_explain_their_terms(page, width):
    sign_in(page, "coordinator")
    visit(page, "/conferences/")
    page.locator("table.bnl tbody a").first.click()
    settle(page)
    check_accessibility(page)
    facts = page.locator("dl.facts")
    chronic = facts.locator("a.term", has_text="Chronic homelessness")
    chronic.hover()
    shown = popover(chronic)
    assert shown["shown"] and shown["text"].startswith("In homeless services, a federal definition")
    terms = page.get_by_role("region", name="Terms on this page")
    expect(terms).to_contain_text("Release of information (ROI)")

    visit(page, "/referrals/1")  # the demo's first referral is a hospital-discharge hand-off
    expect(page.get_by_role("heading", name="Discharge hand-off", exact=True)).to_be_visible()
    warm = page.locator("main a.term", has_text="Warm hand-off")
    tab_to(page, warm)
    shown = popover(warm)
    assert shown["shown"] and shown["text"].startswith("Passing someone from one helper to another")
    check_accessibility(page)
    page.get_by_role("heading", level=1).click()  # focus elsewhere: the popover goes
    assert not popover(warm)["shown"]
    benefits = page.locator("main a.term", has_text="Medicaid")
    benefits.hover()
    assert popover(benefits)["shown"]
