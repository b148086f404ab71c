"""Finding search words: from trigram indexes on SQLite, with LIKE elsewhere.

A search word matches anywhere in the text it is looked for in, in any letter case ("shelter"
finds "Shelters"): for a service, its name, other name and description, its organization's name
and other name, and its category's name and parent category's; for an organization, its name,
other name and description. LIKE answers that by reading every row on every search. On SQLite,
migrations 0010 and 0011 made `service_words` and `organization_words`, FTS5 tables with the
trigram tokenizer holding that text, one line per field (rowid = the record's id), kept equal to
the records by triggers. Words of three characters or more are then found from the index.
Shorter words, PostgreSQL, and a SQLite built without FTS5 read the columns with LIKE, with the
same results; on PostgreSQL the ILIKE is answered from pg_trgm's GIN indexes (migration 0017) for
words of three characters or more.
"""
from __future__ import annotations

from sqlalchemy import column, or_, select, table, text, union_all
from sqlalchemy.orm import aliased

from hh.directory.models import Organization
from hh.extensions import db
from hh.resources.models import Service, TaxonomyTerm
from hh.web import like

TABLE = "service_words"
ORGANIZATION_TABLE = "organization_words"
_service_words = table(TABLE, column("rowid"), column("body"))
_organization_words = table(ORGANIZATION_TABLE, column("rowid"), column("body"))


def is_index_table(name: str) -> bool:
    """The FTS tables and the shadow tables SQLite keeps for them (not models: `db check` skips
    them)."""
    return any(name == t or name.startswith(t + "_") for t in (TABLE, ORGANIZATION_TABLE))


def include_name(name, type_, parent_names) -> bool:
    """Alembic's filter: compare every table but the word indexes', and no PostgreSQL trigram
    index (migration 0017 makes them; no model can declare an operator class portably)."""
    if type_ == "index" and name and name.endswith("_trgm"):
        return False
    return not (type_ == "table" and is_index_table(name))


def _has_index() -> bool:
    """Asked on each search (one lookup in SQLite's own table list, too cheap to keep)."""
    if db.session.get_bind().dialect.name != "sqlite":
        return False
    return db.session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": ORGANIZATION_TABLE}).first() is not None


def any_like(pattern: str, *columns):
    """Case-insensitive substring match. SQLite's LIKE already ignores case (for ASCII letters);
    its ILIKE is lower() on both sides, which costs a lowered copy of every description."""
    if db.session.get_bind().dialect.name == "sqlite":
        return or_(*(c.like(pattern, escape="\\") for c in columns))
    return or_(*(c.ilike(pattern, escape="\\") for c in columns))


def _split(words: list[str]) -> tuple[str | None, list[str]]:
    """The index's query for the words it can take (all of them, as quoted phrases of trigrams:
    each word a substring, case folded), and the words it cannot."""
    if not _has_index():
        return None, list(words)
    indexed = [w for w in words if len(w) >= 3]
    query = " AND ".join('"' + w.replace('"', '""') + '"' for w in indexed) or None
    return query, [w for w in words if len(w) < 3]


def service_conditions(words: list[str]) -> list:
    """Conditions on Service: it matches every word (an IN over one list of ids each, which the
    database reads services from)."""
    query, unindexed = _split(words)
    conditions = []
    if query:
        conditions.append(Service.id.in_(
            select(_service_words.c.rowid).where(_service_words.c.body.match(query))))
    other = aliased(Service)  # a service in a subquery, not the outer query's
    parent = aliased(TaxonomyTerm)
    for word in unindexed:
        pattern = like(word)
        # One list of the services a word finds (its text, its organization's names, its
        # category's): three alternatives joined by OR would each be tried on every service.
        conditions.append(Service.id.in_(union_all(
            select(other.id).where(
                any_like(pattern, other.name, other.alternate_name, other.description)),
            select(other.id).where(other.organization_id.in_(select(Organization.id).where(
                any_like(pattern, Organization.name, Organization.alternate_name)))),
            select(other.id).where(other.category_id.in_(
                select(TaxonomyTerm.id).outerjoin(parent, TaxonomyTerm.parent_id == parent.id)
                .where(any_like(pattern, TaxonomyTerm.name, parent.name)))))))
    return conditions


def organization_conditions(words: list[str]) -> list:
    """Conditions on Organization: its name, other name or description has every word."""
    query, unindexed = _split(words)
    conditions = []
    if query:
        conditions.append(Organization.id.in_(
            select(_organization_words.c.rowid).where(_organization_words.c.body.match(query))))
    for word in unindexed:
        conditions.append(any_like(like(word), Organization.name, Organization.alternate_name,
                                   Organization.description))
    return conditions
