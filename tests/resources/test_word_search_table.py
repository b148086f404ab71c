"""One table of searches and the services each must find, run on SQLite (FTS5 trigram tables)
and on PostgreSQL (ILIKE answered from pg_trgm's GIN indexes): the same results on both."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from hh.directory.models import Organization
from hh.extensions import db
from hh.resources.models import Service, TaxonomyTerm
from hh.resources.search import SearchFilters, search_page
from hh.resources.taxonomy import ensure_taxonomy

SERVICES = [  # organization, service, other name, description, category code
    ("Harbor House", "Night shelter", "", "Beds for adults; walk in after 6 pm",
     "housing.emergency_shelter"),
    ("Harbor House", "Family rooms", "Harbor family program", "Private rooms for parents",
     "housing.emergency_shelter"),
    ("Lakeside Clinic", "Mobile van", "", "Primary care at the shelter door",
     "health.primary_care"),
    ("Lakeside Clinic", "Recuperative care", "Medical respite", "After a hospital stay (SNF-level)",
     "health.primary_care"),
    ("St. Ann's Pantry", "Food boxes", "", "Weekly groceries; no ID needed", "food.food_pantry"),
]

SEARCHES = [  # words typed, services found (by name, as listed)
    # A name, a description, a category ("Emergency shelter"); any case; inside a word.
    ("shelter", ["Family rooms", "Mobile van", "Night shelter"]),
    ("SHELTER", ["Family rooms", "Mobile van", "Night shelter"]),
    ("helt", ["Family rooms", "Mobile van", "Night shelter"]),
    ("respite", ["Recuperative care"]),                    # the other name
    ("lakeside", ["Mobile van", "Recuperative care"]),     # the organization's name
    ("harbor family", ["Family rooms"]),                   # every word must match
    ("pantry", ["Food boxes"]),                            # the category's name
    ("food", ["Food boxes"]),                              # the parent category's name
    ("snf-level", ["Recuperative care"]),                  # punctuation is part of the word
    ("st. ann's", ["Food boxes"]),                         # quotes and dots are plain text
    # Two letters, read from the columns: "no ID", and Lakes(id)e's two services.
    ("id", ["Food boxes", "Mobile van", "Recuperative care"]),
    ("6", ["Night shelter"]),                              # one character
    ("100%", []),                                          # LIKE's wildcards are plain text
    ("under_score", []),
    ("shelter pantry", []),
    ("zzz", []),
]


@pytest.fixture
def listed(app):
    ensure_taxonomy()
    organizations = {}
    for org_name, name, other, description, code in SERVICES:
        org = organizations.setdefault(org_name, Organization(name=org_name))
        db.session.add(Service(organization=org, name=name, alternate_name=other,
                               description=description, status="active",
                               category=db.session.scalar(
                                   select(TaxonomyTerm).filter_by(code=code))))
    db.session.commit()


@pytest.mark.parametrize(("words", "found"), SEARCHES, ids=[s[0] for s in SEARCHES])
def test_the_same_words_find_the_same_services_on_every_database(listed, words, found):
    page = search_page(SearchFilters(q=words), page=1)
    assert sorted(result.name for result in page.items) == found
    assert page.total == len(found)


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
