"""Browsing the glossary (all terms, a letter, a sector) is paged: a letter of a large glossary
holds a thousand terms; the search shows its best 50 on one page."""
import re

from hh.glossary import routes


def listed(html: str) -> list[str]:
    return re.findall(r'<dt><a href="/glossary/([^"]+)"', html)


def test_a_letter_is_listed_a_page_at_a_time(terms, login_as, monkeypatch):
    monkeypatch.setattr(routes, "BROWSE_PAGE", 2)
    client = login_as("viewer")
    first = client.get("/glossary/?letter=H").get_data(as_text=True)
    assert listed(first) == ["hmis", "housing"] and "Page 1 of 2" in first
    assert 'href="/glossary/?letter=H&amp;page=2" rel="next"' in first
    second = client.get("/glossary/?letter=H&page=2").get_data(as_text=True)
    assert listed(second) == ["housing-first"] and "Page 2 of 2" in second
    everything = client.get("/glossary/").get_data(as_text=True)
    assert f"All {len(terms)} terms" in everything and len(listed(everything)) == 2


def test_a_search_is_not_paged(terms, login_as, monkeypatch):
    monkeypatch.setattr(routes, "BROWSE_PAGE", 1)
    html = login_as("viewer").get("/glossary/?q=housing").get_data(as_text=True)
    assert len(listed(html)) > 1 and 'class="pager"' not in html


def test_a_letter_a_sector_or_both_list_what_picking_from_every_term_lists(terms):
    from hh.glossary.index import current

    glossary = current()
    sectors = {s for e in glossary.entries for s in e.sectors}
    letters = {e.letter for e in glossary.entries}
    assert sectors and letters
    for sector in ["", *sectors, "no-such-sector"]:
        for letter in ["", *letters, "Q"]:
            picked = [e for e in glossary.entries if (not sector or sector in e.sectors)
                      and (not letter or e.letter == letter)]
            assert glossary.browse(sector, letter) == picked
