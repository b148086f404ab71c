"""Finding a word in services' text: from a trigram index on SQLite, with LIKE elsewhere.

A search word matches anywhere in a service's name, other name or description ("shelter" finds
"Shelters"). LIKE answers that by reading every description on every search. On SQLite,
migration 0010 made `service_words`, an FTS5 table with the trigram tokenizer holding those three
fields per service (rowid = service.id), kept equal to the service table by triggers; a word of
three characters or more is then found from the index. Shorter words, PostgreSQL, and a SQLite
built without FTS5 read the columns with LIKE, with the same results.
"""
from __future__ import annotations

import weakref

from sqlalchemy import column, or_, select, table, text
from sqlalchemy.orm import aliased

from hh.extensions import db
from hh.resources.models import Service

TABLE = "service_words"
_words = table(TABLE, column("rowid"), column("body"))
_indexed: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine → has the table


def is_index_table(name: str) -> bool:
    """The FTS table and the shadow tables SQLite keeps for it (not models: `db check` skips them)."""
    return name == TABLE or name.startswith(TABLE + "_")


def include_name(name, type_, parent_names) -> bool:
    """Alembic's filter: compare every table but the word index's."""
    return not (type_ == "table" and is_index_table(name))


def _has_index() -> bool:
    engine = db.session.get_bind()
    if engine.dialect.name != "sqlite":
        return False
    if engine not in _indexed:
        _indexed[engine] = db.session.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
            {"name": TABLE}).first() is not None
    return _indexed[engine]


def any_like(pattern: str, *columns):
    """Case-insensitive substring match. SQLite's LIKE already ignores case (for ASCII letters);
    its ILIKE is lower() on both sides, which costs a lowered copy of every description."""
    if db.session.get_bind().dialect.name == "sqlite":
        return or_(*(c.like(pattern, escape="\\") for c in columns))
    return or_(*(c.ilike(pattern, escape="\\") for c in columns))


def services_with_text(word: str, pattern: str):
    """A SELECT of the ids of services whose name, other name or description contains the word.
    `pattern` is the word as a LIKE pattern (escaped, between %)."""
    if len(word) >= 3 and _has_index():
        # A quoted phrase of trigrams: the word as a substring, case folded (quotes doubled).
        phrase = '"' + word.replace('"', '""') + '"'
        return select(_words.c.rowid).where(_words.c.body.match(phrase))
    other = aliased(Service)  # not the outer query's service
    return select(other.id).where(
        any_like(pattern, other.name, other.alternate_name, other.description))
