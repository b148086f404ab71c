"""Finding search words: from trigram indexes on SQLite, with LIKE elsewhere.

A search word matches anywhere in the text it is looked for in, in any letter case ("shelter"
finds "Shelters"): for a service, its name, other name and description, its organization's name
and other name, and its category's name and parent category's; for an organization, its name,
other name and description. The best matches are the records whose own name or other name holds
every word (the search lists them first).

On SQLite, migrations 0010 and 0011 made `service_words` and `organization_words`, FTS5 tables
with the trigram tokenizer holding that text, one line per field (rowid = the record's id), and
0019 `service_name_words` and `organization_name_words` holding the names alone; triggers keep
them equal to the records. Words of three characters or more are then found from the index.
Shorter words, PostgreSQL, and a SQLite built without FTS5 read the columns with LIKE, with the
same results; on PostgreSQL the ILIKE is answered from pg_trgm's GIN indexes (migration 0017) for
words of three characters or more.

Every condition takes `key`, the record's id as the statement compares it: the id itself, or
`ranking.walking(id)` when the statement walks the name index and the lists must only be
checked. A read that stops after a few hundred matches starts from an index's rows instead
(`*_stream`, hh/resources/ranking.py). Beside filters (a county, a category...), a word the
index finds in many services is checked on each service the filters leave (`service_checks`):
building its whole list of ids would cost more than the page.
"""
from __future__ import annotations

from contextlib import contextmanager

from flask import current_app
from sqlalchemy import ARRAY, Integer, any_, column, func, or_, select, table, text
from sqlalchemy.orm import aliased

from hh.directory.models import Organization
from hh.extensions import db
from hh.resources.models import Service, TaxonomyTerm
from hh.resources.ranking import Stream
from hh.web import any_like, like

TABLE = "service_words"
ORGANIZATION_TABLE = "organization_words"
NAME_TABLE = "service_name_words"
ORGANIZATION_NAME_TABLE = "organization_name_words"
INDEX_TABLES = (TABLE, ORGANIZATION_TABLE, NAME_TABLE, ORGANIZATION_NAME_TABLE)


_INDEXES = {name: table(name, column("rowid"), column("body")) for name in INDEX_TABLES}


def is_index_table(name: str) -> bool:
    """The FTS tables and the shadow tables SQLite keeps for them (not models: `db check` skips
    them)."""
    return any(name == t or name.startswith(t + "_") for t in INDEX_TABLES)


def include_name(name, type_, parent_names) -> bool:
    """Alembic's filter: compare every table but the word indexes', and no PostgreSQL trigram
    index (migration 0017 makes them; no model can declare an operator class portably)."""
    if type_ == "index" and name and name.endswith("_trgm"):
        return False
    return not (type_ == "table" and is_index_table(name))


def _sqlite() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def _has_index() -> bool:
    """Whether the database has the word index: asked of SQLite's own table list once per app
    (migrations make it before the app serves; a statement on every search cost more than the
    answer). The newest index table stands for all: 0019 makes it wherever the others are."""
    if not _sqlite():
        return False
    known = current_app.extensions
    if "hh_word_index" not in known:
        known["hh_word_index"] = db.session.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
            {"name": ORGANIZATION_NAME_TABLE}).first() is not None
    return known["hh_word_index"]


@contextmanager
def trigram_indexes_first(words: list[str]):
    """On PostgreSQL, statements inside find the words from the trigram indexes rather than by
    reading the table. Its planner takes an ILIKE to cost next to nothing and, with a LIMIT,
    expects a scan to meet enough matches early; each record's text then costs about a
    microsecond per column, and the first 501 matches of "shelter" took 6.3 ms to find that way
    against 1.5 ms from the indexes (13 against 7 ms at ten times the services). Only for words
    the indexes take (three characters or more); the setting ends with the block."""
    if _sqlite() or not any(len(word) >= 3 for word in words):
        yield
        return
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    try:
        yield
    finally:
        db.session.execute(text("RESET enable_seqscan"))


def _split(words: list[str]) -> tuple[str | None, list[str]]:
    """The index's query for the words it can take (all of them, as quoted phrases of trigrams:
    each word a substring, case folded), and the words it cannot."""
    if not _has_index():
        return None, list(words)
    indexed = [w for w in words if len(w) >= 3]
    query = " AND ".join(_phrase(w) for w in indexed) or None
    return query, [w for w in words if len(w) < 3]


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'



def _in_index(key, name: str, query: str):
    """key is among the rows of the index table `name` that the FTS5 query matches."""
    index = _INDEXES[name]
    return key.in_(select(index.c.rowid).where(index.c.body.match(query)))


def in_list(key, ids_query):
    """key is among the ids the query selects, read once per statement. PostgreSQL gets them as
    an array: a condition it can answer from an index inside an OR (a subquery there it cannot),
    and whose length it takes to be short (a subquery's it takes to be 200 or more)."""
    if _sqlite():
        return key.in_(ids_query)
    return key == any_(func.array(ids_query.scalar_subquery(), type_=ARRAY(Integer)))


def service_conditions(words: list[str], key=Service.id) -> list:
    """Conditions on Service: it matches every word. A long word on SQLite is an IN over the
    index's list; any other word is checked on each service read, so a statement that stops
    after a page stops reading too."""
    query, unindexed = _split(words)
    return ([_in_index(key, TABLE, query)] if query else []) + _unindexed(unindexed)


def service_checks(words: list[str]) -> list:
    """Conditions on Service: it matches every word, checked on each service read (LIKE), for a
    statement that starts from another list of ids. The organizations named with a word come
    from the names' index when there is one (fewer than the organizations a LIKE would read);
    each related list is a plain IN, which PostgreSQL checks in a hashed set (in an array it
    looks through every element for each service)."""
    return _unindexed(words, checked=True)


def few_services(words: list[str], limit: int) -> bool:
    """The word index finds at most `limit` services with every word it takes (a read of the
    index that stops past the limit). False without an index or a word it takes."""
    query, _ = _split(words)
    if not query:
        return False
    index = _INDEXES[TABLE]
    found = select(index.c.rowid).where(index.c.body.match(query)).limit(limit + 1).subquery()
    return db.session.scalar(select(func.count()).select_from(found)) <= limit


def service_stream(words: list[str]) -> Stream | None:
    """The services matching the words, read from the word index (None: no index, or no word
    it takes)."""
    query, unindexed = _split(words)
    return _stream(TABLE, query, lambda key: _unindexed(unindexed)) if query else None


def _unindexed(words: list[str], checked: bool = False) -> list:
    parent = aliased(TaxonomyTerm)
    related = (lambda key, ids: key.in_(ids)) if checked else in_list
    names_index = checked and _has_index()
    conditions = []
    for word in words:
        pattern = like(word)
        if names_index and len(word) >= 3:
            organization = _in_index(Service.organization_id, ORGANIZATION_NAME_TABLE, _phrase(word))
        else:
            organization = related(Service.organization_id, select(Organization.id).where(
                any_like(pattern, Organization.name, Organization.alternate_name)))
        conditions.append(or_(
            any_like(pattern, Service.name, Service.alternate_name, Service.description),
            organization,
            related(Service.category_id, select(TaxonomyTerm.id)
                     .outerjoin(parent, TaxonomyTerm.parent_id == parent.id)
                     .where(any_like(pattern, TaxonomyTerm.name, parent.name)))))
    return conditions


def service_name_conditions(words: list[str]) -> list:
    """Conditions on Service: its name or other name holds every word (the best matches; every
    such service matches the words). Checked on each service with LIKE, on SQLite too: its LIKE
    folds only ASCII letters, so there a name that differs from the words in the case of another
    letter ("ÉLAN" for "élan") is found but not counted among the best."""
    return [any_like(like(word), Service.name, Service.alternate_name) for word in words]


def service_name_stream(words: list[str]) -> Stream | None:
    """The services whose names may hold the words, read from the names' index (a service the
    conditions above pick is among them)."""
    query, _ = _split(words)
    return _stream(NAME_TABLE, query, lambda key: []) if query else None


def organization_conditions(words: list[str], key=Organization.id) -> list:
    """Conditions on Organization: its name, other name or description has every word."""
    query, unindexed = _split(words)
    conditions = []
    if query:
        conditions.append(_in_index(key, ORGANIZATION_TABLE, query))
    for word in unindexed:
        conditions.append(any_like(like(word), Organization.name, Organization.alternate_name,
                                   Organization.description))
    return conditions


def organization_name_conditions(words: list[str], key=Organization.id) -> list:
    """Conditions on Organization: its name or other name holds every word (on SQLite also an
    IN over the names' index, which holds every such organization, for the read to start from)."""
    query, _ = _split(words)
    return ([_in_index(key, ORGANIZATION_NAME_TABLE, query)] if query else []) + [
        any_like(like(word), Organization.name, Organization.alternate_name) for word in words]


def _stream(name: str, query: str, rest) -> Stream:
    index = _INDEXES[name]
    return Stream(index, index.c.body.match(query), rest)
