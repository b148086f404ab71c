"""A search with many matches: counted only up to a bound, and paged in rank order (services named
with the words first, then the others, each by name) without repeats or gaps, on every database
(run with TEST_DATABASE_URL for PostgreSQL)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import event, insert, select
from support import text, texts

from hh.directory.models import Organization, new_hsds_id
from hh.extensions import db
from hh.resources import search
from hh.resources.models import Service
from hh.resources.search import SearchFilters, search_page


def _services(named: int, described: int) -> list[str]:
    """`named` services with "shelter" in their name and `described` with it in their
    description only, whose names come first alphabetically; the expected order."""
    org = Organization(name="Harbor House")
    db.session.add(org)
    db.session.flush()
    rows = [(f"Shelter {n:03d}", "Beds") for n in range(named)]
    # Mixed case and numbers out of order: the order is by lower(name), not as inserted.
    rows += [(f"{'Aa' if n % 2 else 'aB'} outreach {(n * 37) % described:03d}", "Shelter referrals")
             for n in range(described)]
    rows.append(("Zeta pantry", "Groceries"))  # no match
    db.session.execute(insert(Service), [
        {"organization_id": org.id, "name": name, "description": description, "status": "active",
         "hsds_id": new_hsds_id()} for name, description in rows])
    db.session.commit()
    in_order = [name for name, _ in db.session.execute(
        select(Service.name, Service.id).order_by(db.func.lower(Service.name), Service.id))]
    best = [name for name in in_order if "shelter" in name.lower()]
    return best + [name for name in in_order if name not in best and name != "Zeta pantry"]


def _every_page(per_page: int) -> tuple[list[str], list]:
    shown, pages = [], []
    page_number = 1
    while True:
        page = search_page(SearchFilters(q="shelter"), page_number, per_page=per_page)
        pages.append(page)
        shown += [result.name for result in page.items]
        if not page.has_next:
            return shown, pages
        page_number += 1


def test_more_than_500_matches_are_counted_so_far_and_paged_in_rank_order(app, login_as):
    expected = _services(named=100, described=450)
    client = login_as("viewer")
    first = client.get("/resources/?q=shelter")
    assert text(first, "#service-results") == "More than 500 services"
    assert text(first, ".ranking") == ("Best matches first: services named with your words, "
                                       "then the rest by name.")
    assert texts(first, ".result h3") == expected[:20]
    assert text(client.get("/resources/"), ".ranking") == ""  # without words, all by name
    last = client.get("/resources/?q=shelter&page=25")
    assert "Page 25 of 25" in text(last, "main")
    assert texts(last, ".result h3") == expected[480:500]
    assert texts(client.get("/resources/?q=shelter&page=26"), ".result h3") == []  # not offered
    shown, pages = _every_page(per_page=20)
    assert len(pages) == 25 and all(page.more for page in pages)
    assert shown == expected[:500]  # page after page: no repeats, no gaps, the named first


@pytest.mark.parametrize(("count_limit", "few", "named", "described"), [
    (30, 5, 40, 40),   # the named alone fill the count: read in name order from the index
    (30, 5, 3, 60),    # a few named, sorted; the others walked in name order
    (30, 5, 0, 60),    # none named
    (100, 50, 20, 30), # all 50 read at once and sorted
    (30, 12, 12, 25),  # as many named as are read before choosing
])
def test_every_way_of_reading_a_page_gives_the_same_order(app, monkeypatch, count_limit, few,
                                                         named, described):
    monkeypatch.setattr(search, "COUNT_LIMIT", count_limit)
    monkeypatch.setattr(search, "FEW_MATCHES", few)
    expected = _services(named, described)
    shown, pages = _every_page(per_page=7)
    matches = named + described
    if matches > count_limit:
        assert all(page.more and page.counted_to == count_limit for page in pages)
        assert len(shown) == -(-count_limit // 7) * 7  # the pages offered: the first so many
        assert shown == expected[:len(shown)]
    else:
        assert [page.total for page in pages] == [matches] * len(pages)
        assert shown == expected


def test_a_search_with_many_matches_reads_a_bounded_number_of_rows(app):
    """No statement counts or sorts every match: each stops after a limit, or looks up the
    page's own records by id."""
    _services(named=30, described=600)
    statements = []

    def note(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        for number in (1, 2, 25):
            search_page(SearchFilters(q="shelter"), number)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    reads = [s for s in statements if "sqlite_master" not in s and "enable_seqscan" not in s]
    assert reads and not [s for s in reads if "count(" in s.lower()]
    unbounded = [s for s in reads if " LIMIT " not in s
                 and not re.search(r"WHERE \(?\w+\.(service_)?id IN \(", s)]
    assert unbounded == []
