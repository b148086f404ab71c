"""Pages on paper: the plan, conference minutes, an organization and a search print their content
(each item's status in words, tables with all their columns, charts with their keys) and none of
the screen's furniture (navigation, forms, buttons, edit links). Checked in print media, and a
PDF is made of the plan."""
from __future__ import annotations

import re

from browsing import settle, sign_in, visit
from playwright.sync_api import Page, expect

RESPITE = "Hospital discharge to medical respite"
STATUSES = re.compile(r"^(Open|In progress|Blocked|Done|Dropped)$")


def follow(page: Page, link) -> None:
    """Click a link and wait for the page it opens (a boosted swap with JavaScript)."""
    before = page.url
    link.click()
    page.wait_for_url(lambda url: url != before)
    settle(page)


def on_paper(page: Page, path: str) -> Page:
    visit(page, path)  # axe checks the screen version
    page.emulate_media(media="print")
    return page


def style(locator, prop: str, pseudo: str | None = None) -> str:
    return locator.evaluate(f"(el, p) => getComputedStyle(el, {pseudo!r}).getPropertyValue(p)"
                            if pseudo else "(el, p) => getComputedStyle(el).getPropertyValue(p)", prop)


def assert_no_screen_furniture(page: Page) -> None:
    """Nothing to click on paper: no menu, form controls, buttons or edit links are printed."""
    controls = "main form[role=search], main input:not([type=hidden]), main select, main textarea"
    for what in (page.get_by_role("navigation", name="Main"), page.locator(controls),
                 page.get_by_role("button"), page.locator("#session-note"),
                 page.get_by_role("link", name=re.compile(r"^(Edit|Add)\b"))):
        for i in range(what.count()):
            expect(what.nth(i)).to_be_hidden()


def assert_tables_whole(page: Page) -> None:
    """Every table prints with all its columns: no scroll box, no stacked rows, rows unsplit."""
    for i in range(page.locator("main table").count()):
        table = page.locator("main table").nth(i)
        if not table.is_visible():
            continue
        assert style(table, "display") == "table"
        assert style(table.locator("tr").first, "break-inside") == "avoid"
        wrap = table.locator("xpath=..")
        assert style(wrap, "overflow-x") == "visible", "a scroll box would cut columns off"
        assert style(wrap, "content", "::before") in ("none", "normal") or \
            style(wrap, "display", "::before") == "none"


def test_a_printed_plan_keeps_every_items_status_and_its_charts_keys(page):
    sign_in(page, "coordinator")  # who sees a status control on every row, not a word
    visit(page, "/plans/")
    follow(page, page.get_by_role("link", name=RESPITE).first)
    on_paper(page, page.url)
    rows = page.locator("table.items tbody tr")
    assert rows.count() >= 3
    for i in range(rows.count()):
        status = rows.nth(i).locator('td[data-label="Status"]').inner_text().strip()
        assert STATUSES.match(status), f"row {i + 1} prints its status as {status!r}"
    expect(page.locator("table.items thead th").last).to_be_hidden()  # the empty actions column
    assert_no_screen_furniture(page)
    assert_tables_whole(page)
    chart = page.locator("svg.run-chart").first
    assert style(chart, "break-inside") == "avoid"
    assert style(page.locator(".run-chart + .chart-key").first, "break-before") == "avoid"
    numbers = page.locator(".measure-chart details table").first
    expect(numbers).to_be_visible()  # folded numbers print open
    link = page.locator("main a[href]").first
    assert style(link, "content", "::after") in ("none", "normal")  # no address spam
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_printed_minutes_organization_and_search_are_content_only(page):
    sign_in(page, "coordinator")
    visit(page, "/conferences/meetings")
    follow(page, page.locator("main table a").first)
    follow(page, page.get_by_role("link", name="Printable minutes"))
    on_paper(page, page.url)
    expect(page.get_by_role("table", name="Households worked")).to_be_visible()
    expect(page.get_by_role("link", name="Back to the conference")).to_be_hidden()
    assert_no_screen_furniture(page)
    assert_tables_whole(page)

    page.emulate_media(media="screen")
    visit(page, "/directory/")
    follow(page, page.get_by_role("link", name="Harbor House Shelter & Outreach").first)
    on_paper(page, page.url)
    expect(page.get_by_role("heading", name="Partnership record")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Contacts at"))).to_be_visible()
    expect(page.get_by_text("Mark verified today")).to_be_hidden()
    assert_no_screen_furniture(page)
    assert_tables_whole(page)

    page.emulate_media(media="screen")
    on_paper(page, "/resources/?q=shelter&open_now=y")
    expect(page.locator("#results")).to_contain_text("Search: “shelter”, open now")  # what was asked
    expect(page.locator("#results")).to_contain_text("Shelter")
    expect(page.get_by_role("search")).to_be_hidden()
    assert_no_screen_furniture(page)


def test_pages_whose_parts_share_one_form_print_what_they_say(page):
    """A page's parts share one form so nothing typed is lost; on paper its content still
    prints (a referral's timeline, a meeting's agenda), only the controls do not."""
    sign_in(page, "coordinator")
    visit(page, "/referrals/?view=all")
    follow(page, page.locator("main a[href^='/referrals/']").filter(
        has_text=re.compile(r"#\d+")).first)
    on_paper(page, page.url)
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.locator("#timeline li").first).to_be_visible()
    expect(page.get_by_role("heading", name="Next step")).to_be_hidden()
    assert_no_screen_furniture(page)

    page.emulate_media(media="screen")
    visit(page, "/conferences/meetings")
    follow(page, page.locator("main table a").first)
    on_paper(page, page.url)
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(page.get_by_role("heading", name="Who is here")).to_be_visible()
    assert_no_screen_furniture(page)
