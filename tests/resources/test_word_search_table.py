"""One table of searches and the services each must find, run on SQLite (FTS5 trigram tables)
and on PostgreSQL (ILIKE answered from pg_trgm's GIN indexes): the same results on both."""
from __future__ import annotations

import pytest
from sqlalchemy import event, select, text

from hh.directory.models import County, Organization
from hh.extensions import db
from hh.resources import search, words
from hh.resources.models import Service, ServiceArea, TaxonomyTerm
from hh.resources.search import (
    SearchFilters,
    organization_matches,
    search_page,
    service_search,
)
from hh.resources.taxonomy import ensure_taxonomy

SERVICES = [  # organization, service, other name, description, category code
    ("Harbor House", "Night shelter", "", "Beds for adults; walk in after 6 pm",
     "housing.emergency_shelter"),
    ("Harbor House", "Family rooms", "Harbor family program", "Private rooms for parents",
     "housing.emergency_shelter"),
    ("Harbor House", "Winter Shelter", "", "Seasonal beds", "housing.emergency_shelter"),
    ("Lakeside Clinic", "Mobile van", "", "Primary care at the shelter door",
     "health.primary_care"),
    ("Lakeside Clinic", "Recuperative care", "Medical respite", "After a hospital stay (SNF-level)",
     "health.primary_care"),
    ("St. Ann's Pantry", "Food boxes", "", "Weekly groceries; no ID needed", "food.food_pantry"),
    ("St. Ann's Pantry", "Aid line", "Shelter finder", "Phone help", "food.food_pantry"),
]
ORGANIZATIONS = {  # descriptions
    "Abbey Outreach": "Street outreach along the harbor",
    "Lakeside Clinic": "Primary care; shelter visits weekly",
}

SEARCHES = [  # words typed, services found in the order shown
    # Services named with every word (name or other name) first, then the other matches, each
    # group by name: "Mobile van" (description) and "Family rooms" (category "Emergency shelter")
    # come after "Winter Shelter" though they come first by name.
    ("shelter", ["Aid line", "Night shelter", "Winter Shelter", "Family rooms", "Mobile van"]),
    ("SHELTER", ["Aid line", "Night shelter", "Winter Shelter", "Family rooms", "Mobile van"]),
    ("helt", ["Aid line", "Night shelter", "Winter Shelter", "Family rooms", "Mobile van"]),
    ("respite", ["Recuperative care"]),                    # the other name
    ("respite care", ["Recuperative care"]),               # one word in each name: still named
    ("care", ["Recuperative care", "Mobile van"]),         # named, then the category's
    ("lakeside", ["Mobile van", "Recuperative care"]),     # the organization's name
    ("harbor", ["Family rooms", "Night shelter", "Winter Shelter"]),  # other name, then others
    ("harbor family", ["Family rooms"]),                   # every word must match
    ("night beds", ["Night shelter"]),                     # a word not in the name: not named
    ("beds", ["Night shelter", "Winter Shelter"]),
    ("pantry", ["Aid line", "Food boxes"]),                # the category's name
    ("food", ["Food boxes", "Aid line"]),                  # the parent category's name
    ("snf-level", ["Recuperative care"]),                  # punctuation is part of the word
    ("st. ann's", ["Aid line", "Food boxes"]),             # quotes and dots are plain text
    # Two letters, read from the columns: "no ID", Lakes(id)e's two services, and "A(id) line"
    # named with them.
    ("id", ["Aid line", "Food boxes", "Mobile van", "Recuperative care"]),
    ("6", ["Night shelter"]),                              # one character
    ("100%", []),                                          # LIKE's wildcards are plain text
    ("under_score", []),
    ("shelter pantry", ["Aid line"]),
    ("zzz", []),
]
ORGANIZATION_SEARCHES = [  # words typed, organizations listed above the services
    ("harbor", ["Harbor House", "Abbey Outreach"]),       # named first, then the description
    ("shelter", ["Lakeside Clinic"]),
    ("lakeside", ["Lakeside Clinic"]),
    ("ha", ["Harbor House", "Abbey Outreach"]),           # two letters, with LIKE
]


@pytest.fixture
def listed(app):
    ensure_taxonomy()
    organizations = {name: Organization(name=name, description=description)
                     for name, description in ORGANIZATIONS.items()}
    db.session.add_all(organizations.values())
    for org_name, name, other, description, code in SERVICES:
        org = organizations.setdefault(org_name, Organization(name=org_name))
        db.session.add(Service(organization=org, name=name, alternate_name=other,
                               description=description, status="active",
                               category=db.session.scalar(
                                   select(TaxonomyTerm).filter_by(code=code))))
    db.session.commit()


@pytest.mark.parametrize(("words", "found"), SEARCHES, ids=[s[0] for s in SEARCHES])
def test_the_same_words_find_the_same_services_in_the_same_order_on_every_database(
        listed, words, found):
    page = search_page(SearchFilters(q=words), page=1)
    assert [result.name for result in page.items] == found
    assert page.total == len(found)
    # The spreadsheet of the results lists them in the same order.
    assert [s.name for s in db.session.scalars(service_search(SearchFilters(q=words)))] == found


@pytest.fixture
def covered(listed):
    """Every service covers one county: a filter that keeps every match (the county's id)."""
    county = County(name="Lake")
    db.session.add(county)
    db.session.add_all(ServiceArea(service=service, county=county)
                       for service in db.session.scalars(select(Service)))
    db.session.commit()
    return county.id


@pytest.mark.parametrize("short_list", [0, 1000],
                         ids=["words checked on each service", "words' list read first"])
@pytest.mark.parametrize(("typed", "found"), SEARCHES, ids=[s[0] for s in SEARCHES])
def test_words_beside_a_filter_find_the_same_services_either_way(covered, monkeypatch,
                                                                 short_list, typed, found):
    """With a filter, a common word is checked on each service the filter leaves and a rare one
    read from the index first (SQLite): the same services in the same order."""
    monkeypatch.setattr(search, "SHORT_WORD_LIST", short_list)
    statements = []

    def note(conn, cursor, statement, *args):
        statements.append(statement)

    filters = SearchFilters(q=typed, county_id=covered)
    event.listen(db.engine, "before_cursor_execute", note)
    try:
        page = search_page(filters, page=1)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert [result.name for result in page.items] == found
    assert [s.name for s in db.session.scalars(service_search(filters))] == found
    indexed = words._has_index() and any(len(w) >= 3 for w in typed.split())
    read_from_index = any("service_words.body MATCH" in s for s in statements
                          if "count(" not in s)  # the look at how long the list is
    assert read_from_index == (indexed and (short_list > 0 or not found))  # none: a short list


@pytest.mark.parametrize(("words", "found"), ORGANIZATION_SEARCHES,
                         ids=[s[0] for s in ORGANIZATION_SEARCHES])
def test_organizations_named_with_the_words_come_first(listed, words, found):
    assert [o.name for o in organization_matches(SearchFilters(q=words))] == found


def test_postgresql_answers_word_searches_from_trigram_indexes(listed):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite reads words from its FTS5 tables (tested above)")
    indexes = set(db.session.scalars(text(
        "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\\_trgm'")))
    assert {"ix_service_name_trgm", "ix_service_description_trgm",
            "ix_organization_name_trgm"} <= indexes
    # With a table this small the planner would rather read it; told not to, it must be able
    # to answer from the index (it could not without one).
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(db.session.scalars(text(
        "EXPLAIN SELECT id FROM service WHERE description ILIKE '%shelter%'")))
    assert "ix_service_description_trgm" in plan


def _statements_of(search_for: str) -> list[str]:
    statements = []

    def note(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        assert search_page(SearchFilters(q=search_for), 1).items
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return statements


def test_postgresql_searches_from_the_indexes_and_leaves_the_planner_as_it_was(listed):
    """Left alone, the planner scans the table for a word with a LIMIT (checking each record's
    text, several times slower than the index); the search tells it not to, for its own reads."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite reads words from its FTS5 tables")
    statements = _statements_of("shelter")
    off, back = (statements.index("SET LOCAL enable_seqscan = off"),
                 statements.index("RESET enable_seqscan"))
    assert off < back and any("ILIKE" in s for s in statements[off:back])
    assert db.session.scalar(text("SHOW enable_seqscan")) == "on"
    # No index takes a word of two letters: that search is left to the planner.
    assert not [s for s in _statements_of("ai") if "enable_seqscan" in s]


def test_the_names_index_follows_services_and_organizations(listed, monkeypatch):
    # Bounds this low make even these few matches "many": read from the names' index and walked.
    monkeypatch.setattr(search, "COUNT_LIMIT", 2)
    monkeypatch.setattr(search, "FEW_MATCHES", 1)
    named = {s.name: s for s in db.session.scalars(select(Service))}
    named["Mobile van"].name = "Shelter van"
    named["Aid line"].alternate_name = ""
    db.session.delete(named["Night shelter"])
    db.session.scalar(select(Organization).filter_by(name="Abbey Outreach")).name = "Abbey Shelter"
    db.session.commit()
    found = [item.name for number in (1, 2)
             for item in search_page(SearchFilters(q="shelter"), number, per_page=1).items]
    assert found == ["Shelter van", "Winter Shelter"]
    page = search_page(SearchFilters(q="shelter"), 1, per_page=3)
    assert [item.name for item in page.items] == ["Shelter van", "Winter Shelter", "Family rooms"]
    assert [o.name for o in organization_matches(SearchFilters(q="shelter"))] == [
        "Abbey Shelter", "Lakeside Clinic"]
    if db.engine.dialect.name == "sqlite":
        for index, model in ((words.NAME_TABLE, Service),
                             (words.ORGANIZATION_NAME_TABLE, Organization)):
            rows = db.session.execute(text(f"SELECT rowid, body FROM {index}")).all()
            records = db.session.execute(select(model.id, model.name, model.alternate_name)).all()
            assert sorted(rows) == sorted((id_, f"{name}\n{other or ''}")
                                          for id_, name, other in records)
