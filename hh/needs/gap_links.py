"""The gap map's links and the words its tables use: each kind of address worked out once per
page (url_with_id), not a url_for per link (a map of 30 counties and 12 columns showed about 90
links, a millisecond of url_for)."""
from __future__ import annotations

from typing import Iterable

from hh.needs.gaps import Column
from hh.web import url_with_id

GAP_WORDS = {"no_service": "no service", "no_capacity": "no free capacity",
             "unknown": "capacity unknown"}


class GapLinks:
    """Addresses of a gap map's county pages and cells; `parent`: the category whose
    sub-categories are the columns (its own column, "general", counts only needs filed broadly)."""

    def __init__(self, columns: Iterable[Column], parent: Column | None):
        def general(column: Column) -> bool:
            return parent is not None and column.id == parent.id

        self._county = url_with_id("needs.gap_county", "county_id",
                                   category=parent.id if parent else None)
        self._cells = {c.id: url_with_id("needs.gap_cell", "county", category=c.id,
                                         exact=1 if general(c) else None) for c in columns}
        self._names = {c.id: f"{c.name} (general)" if general(c) else c.name for c in columns}

    def county(self, county_id: int) -> str:
        return self._county(county_id)

    def cell(self, county_id: int, column: Column) -> str:
        return self._cells[column.id](county_id)

    def name(self, column: Column) -> str:
        """A column's name as the tables show it."""
        return self._names[column.id]

    @staticmethod
    def words(kind: str) -> str:
        return GAP_WORDS[kind]
