"""Glossary in a real browser, with JavaScript on and off: search as you type (or with the
Search button), a term's page, a term explained on a service page, and the suggestion flow
from a viewer's suggestion to a coordinator's publication. Every page is checked with axe."""
import re

from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect


def _search(page, words: str):
    page.get_by_label("Search the glossary").fill(words)
    if page.js:
        page.wait_for_timeout(400)  # the as-you-type delay
        settle(page)
        check_accessibility(page)
    else:
        submit(page, "Search")


def test_search_ranks_the_acronym_first_and_tolerates_typos(page):
    sign_in(page, "viewer")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Glossary").click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Glossary")
    _search(page, "psh")
    results = page.locator(".terms dt a")
    expect(results.first).to_contain_text("Permanent supportive housing")
    expect(page).to_have_url(re.compile(r"q=psh"))
    _search(page, "vi spadt")  # two letters swapped, a space for the hyphen
    expect(results.first).to_contain_text("VI-SPDAT")
    _search(page, "zqxwv")
    expect(page.locator("#results")).to_contain_text("No term matches")
    # The A–Z index and the sector filter are plain links and a plain select.
    visit(page, "/glossary/?letter=H")
    expect(page.get_by_role("heading", name="Terms starting with H")).to_be_visible()


def test_term_page_and_a_term_explained_on_a_service_page(page):
    sign_in(page, "provider")
    visit(page, "/glossary/chronic")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chronic")
    expect(page.get_by_text("In health care", exact=True)).to_be_visible()
    expect(page.get_by_text("In homeless response", exact=True)).to_be_visible()
    expect(page.get_by_text("by the starter glossary")).to_be_visible()
    visit(page, "/resources/?q=coordinated")
    page.locator("ol.results h3 a").first.click()
    settle(page)
    check_accessibility(page)
    term_link = page.locator("main a.term").first
    expect(term_link).to_be_visible()
    # A marked term leads to its meaning under "Terms on this page", which links to the glossary.
    term_link.click()
    settle(page)
    expect(page).to_have_url(re.compile(r"#term-[a-z0-9-]+$"))
    slug = page.url.rsplit("#term-", 1)[1]
    expect(page.locator(f"#term-{slug}-meaning")).to_be_in_viewport()
    page.locator(f"#term-{slug} a").click()
    settle(page)
    check_accessibility(page)
    expect(page).to_have_url(re.compile(rf"/glossary/{slug}$"))
    expect(page.get_by_role("heading", name="Recent changes")).to_be_visible()


def test_a_viewer_suggests_a_term_and_a_coordinator_publishes_it(page):
    name = f"Care transitions {'js' if page.js else 'nojs'}"
    sign_in(page, "viewer")
    visit(page, "/glossary/")
    page.get_by_role("link", name="Suggest a term").click()
    settle(page)
    check_accessibility(page)
    submit(page, "Send suggestion")  # empty: errors next to the fields, nothing lost
    expect(page.locator("p.error", has_text="Enter the term, written out in full.")).to_be_visible()
    page.get_by_label("Term", exact=True).fill(name)
    page.get_by_label("Plain-language meaning").fill("Moving safely from hospital to the next place.")
    page.get_by_label("Health care", exact=True).check()
    page.get_by_label("In homeless response").fill("Usually a hospital discharge to shelter.")
    submit(page, "Send suggestion")
    expect(page.get_by_text("a coordinator will review your suggestion")).to_be_visible()
    submit(page, "Sign out")

    sign_in(page, "coordinator")
    visit(page, "/glossary/suggestions")
    page.get_by_role("link", name=f"New term: {name}").click()
    settle(page)
    check_accessibility(page)
    page.get_by_label("Example sentence").fill("Care transitions start on day one.")
    submit(page, "Publish")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_text("Usually a hospital discharge to shelter.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"suggested by Val Viewer"))).to_be_visible()


def test_a_coordinator_imports_a_csv_after_a_preview_and_prints_a_sector(page, tmp_path):
    slug = f"bench-warmer-{'js' if page.js else 'nojs'}"
    csv_file = tmp_path / "neighbour.csv"
    csv_file.write_text("slug,term,acronym,definition,sectors\n"
                        f"{slug},Bench warmer {slug},,A term from a neighbouring CoC.,Housing\n"
                        "broken,,,No term.,Housing\n")
    sign_in(page, "coordinator")
    visit(page, "/glossary/import")
    page.get_by_label("Glossary CSV file").set_input_files(str(csv_file))
    submit(page, "Preview")
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    expect(page.get_by_role("cell", name="Enter the term, written out in full.")).to_be_visible()
    submit(page, "Import 1 term")
    expect(page.get_by_text("Imported 1 term; 1 bad row(s) left out.")).to_be_visible()
    visit(page, f"/glossary/{slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bench warmer {slug}")
    visit(page, "/glossary/print?sector=housing")
    expect(page.get_by_role("heading", level=2, name="Housing")).to_be_visible()
