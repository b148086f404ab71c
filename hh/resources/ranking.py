"""One page of a search's matches in rank order, whose cost follows the page, not the matches.

The matches are ranked in two groups: the best (a record named with the words) first, then the
rest; each group in name order. Reading every match to count and sort them costs as much as the
matches are many, so:

1. A first read takes up to `size` matches in no order, each with its group, from whatever index
   the conditions offer, and stops there: enough to count up to the bound ("more than 500") and
   at least `few` + 1.
2. If that is all of them (the usual case once words or filters narrow the search), it is the
   count, and the page is those few sorted by group and name.
3. If there are more, the page is read group by group, the same way: up to `few` + 1 of the
   group's matches (more for a page further on); the few sorted, or, when there are more, the
   name index walked in order with the conditions checked on each record, which stops as soon as
   the page is full (with that many matches it soon is). A group after the best leaves out the
   best ones, whose ids are then in hand. (Walking for a few matches would read every record;
   sorting many would read them all too.)
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import ARRAY, Integer, Table, and_, any_, bindparam, case, literal, not_, select

from hh.extensions import db

# Conditions given the id as the statement compares it (the id, or walking(id)).
Conditions = Callable[[object], list]


def walking(key):
    """The id as a walk in name order compares it: `id + 0`, which no index answers, so SQLite
    checks each record it walks against the lists of ids (words, county...) instead of reading
    the records from those lists and sorting all of them."""
    return key + 0


@dataclass
class Stream:
    """A read that starts from a word index (SQLite's FTS5), taking its rows in the index's order
    and stopping with the statement: a list of ids in an IN would be built whole first."""

    table: Table
    match: object      # the index's MATCH condition
    rest: Conditions   # the words' conditions but the index's own


@dataclass
class Ranked:
    """What a search matches and which of its matches are the best."""

    filters: Conditions            # every match meets these...
    words: Conditions              # ...and these
    stream: Stream | None = None   # where a read of the matches may start (None: from `filters`)
    best: list = field(default_factory=list)  # the best matches also meet these (checked per record)
    best_stream: Stream | None = None  # where a read of the best matches may start


def _read(columns: list, id_, conditions: list, stream: Stream | None, words: Conditions, size: int):
    """Up to `size` rows of matches in no order: from the stream's index when there is one
    (joined on `rowid + 0`, so the index is always the outer loop, never looked up per record)."""
    statement = select(*columns)
    if stream is None:  # the conditions' lists first: SQLite starts from the first list of ids
        statement = statement.where(*conditions, *words(id_))
    else:
        statement = (statement.select_from(stream.table)
                     .join(id_.table, id_ == walking(stream.table.c.rowid))
                     .where(stream.match, *stream.rest(id_), *conditions))
    return run_columns(statement.limit(size)).all()


def among(key, ids: list[int]):
    """key is one of `ids`. PostgreSQL gets them as one array: hundreds of ids bound one by one
    cost more to send and plan than the statement's own work (1,300 of them 13 ms)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return key == any_(bindparam(None, list(ids), type_=ARRAY(Integer)))
    return key.in_(ids)


def run_columns(statement, parameters=None):
    """A statement of columns only, on the session's connection: no ORM step to pass through
    (and no flush: the search only reads)."""
    return db.session.connection().execute(statement, parameters)


def page_of_matches(search: Ranked, id_, name_key, offset: int, limit: int, *, count_to: int,
                    few: int) -> tuple[list[int], int]:
    """The ids of matches offset to offset + limit in rank order, and the number of matches,
    counted up to max(count_to, few) + 1. When there are more, a page starting past count_to is
    empty: reading that far would cost what the bound saves."""
    size = max(count_to, few) + 1
    rank = case((and_(*search.best), 0), else_=1) if search.best else literal(1)
    rows = _read([id_, rank], id_, search.filters(id_), search.stream, search.words, size)
    if len(rows) < size:
        best = [i for i, group in rows if group == 0]
        order = [case((among(id_, best), 0), else_=1)] if 0 < len(best) < len(rows) else []
        return _sorted([row[0] for row in rows], id_, name_key, offset, limit, order), len(rows)
    if offset >= count_to:  # past the pages offered ("the first 500 are shown")
        return [], len(rows)
    if not search.best:
        return _walk([*search.filters(walking(id_)), *search.words(walking(id_))], id_,
                     name_key, offset, limit), len(rows)
    return _page_of_groups(search, id_, name_key, offset, limit, few), len(rows)


def _page_of_groups(search: Ranked, id_, name_key, offset: int, limit: int, few: int) -> list[int]:
    """The page when the matches are many: the best, then the rest, each read as a whole."""
    end = offset + limit
    size = max(end, few) + 1
    best = [row[0] for row in _read([id_], id_, [*search.filters(id_), *search.best],
                                    search.best_stream, lambda key: [], size)]
    if len(best) == size:  # the page is among the best
        return _walk([*search.filters(walking(id_)), *search.best], id_, name_key, offset, limit)
    ids = _sorted(best, id_, name_key, offset, limit)
    if len(ids) == limit:
        return ids
    skip, wanted = max(offset - len(best), 0), limit - len(ids)
    left_out = [not_(among(id_, best))] if best else []
    size = max(skip + wanted, few) + 1
    found = [row[0] for row in _read([id_], id_, [*search.filters(id_), *left_out], search.stream,
                                     search.words, size)]
    if len(found) < size:
        return ids + _sorted(found, id_, name_key, skip, wanted)
    walked = [*search.filters(walking(id_)), *search.words(walking(id_))]
    return ids + _walk(walked + left_out, id_, name_key, skip, wanted)


def _sorted(ids: list[int], id_, name_key, offset: int, limit: int, order=()) -> list[int]:
    """The few ids sorted. The name is ordered as `name || ''`, which no index answers: given an
    index in that order, PostgreSQL would walk it, checking each record against the list (it
    takes the ids to be spread evenly over the names; 16,000 records to find 10 of 1,300)."""
    if offset >= len(ids):
        return []
    return run_columns(select(id_).where(among(id_, ids)).order_by(*order, name_key.concat(""), id_)
                       .limit(limit).offset(offset)).scalars().all()


def _walk(conditions: list, id_, name_key, offset: int, limit: int) -> list[int]:
    return run_columns(select(id_).where(*conditions).order_by(name_key, id_)
                       .limit(limit).offset(offset)).scalars().all()
