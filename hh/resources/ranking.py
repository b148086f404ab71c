"""One page of a search's matches in rank order, whose cost follows the page, not the matches.

A search's matches come in groups, best first (services named with the words, then the rest),
each group in name order. Reading every match to count and sort them costs as much as the
matches are many; instead each group is read like this:

1. A first read takes the group's ids in no order, from whatever index its conditions offer,
   and stops after `size` of them: enough to count up to the bound ("more than 500") and at least
   `few` + 1. Ids found in a group before are left out.
2. If that is all of the group, it is the group's count and the page's part of it is those ids
   sorted by name (no more than a few hundred).
3. If there are more, the page's part comes from walking the name index in order with the
   conditions checked on each record; the walk stops as soon as the part is full, and with that
   many matches it soon is. (Walking for a few matches would read every record; sorting many
   would read them all too.)

A later group is read only while every earlier one was read whole (its ids are then in hand to
leave out) and it is still needed, to fill the page or to count.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from hh.extensions import db
from hh.resources.words import walking

# A group: the conditions of its matches, given the id as the statement compares it.
Group = Callable[[object], list]


def run_columns(statement):
    """A statement of columns only, on the session's connection: no ORM step to pass through
    (and no flush: the search only reads)."""
    return db.session.connection().execute(statement)


def page_of_matches(groups: list[Group], id_, name_key, offset: int, limit: int, *,
                    count_to: int, few: int) -> tuple[list[int], int]:
    """The ids of matches offset to offset + limit in rank order, and the number of matches,
    counted up to count_to + 1 (no count at all with count_to=0 beyond what fills the page)."""
    ids: list[int] = []
    counted, earlier = 0, []
    for group in groups:
        start = counted
        skip = max(offset - start, 0)
        wanted = offset + limit - max(offset, start)  # > 0: the page takes rows from this group
        size = (max(count_to - start, few if wanted > 0 else 0)) + 1
        left_out = [id_.not_in(earlier)] if earlier else []
        found = run_columns(select(id_).where(*group(id_), *left_out).limit(size)).scalars().all()
        counted += len(found)
        whole = len(found) < size
        if wanted > 0 and whole and skip < len(found):
            ids += run_columns(select(id_).where(id_.in_(found)).order_by(name_key, id_)
                        .limit(wanted).offset(skip)).scalars().all()
        elif wanted > 0 and not whole:
            ids += run_columns(select(id_).where(*group(walking(id_)), *left_out)
                        .order_by(name_key, id_).limit(wanted).offset(skip)).scalars().all()
        if not whole or (counted > count_to and len(ids) >= limit):
            break
        earlier += found
    return ids, counted
