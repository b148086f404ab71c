"""One cell of the gap map (a county and a category): its numbers, and the services behind them."""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from hh.caching import remember
from hh.directory.models import County
from hh.needs.gaps import Cell, gap_map
from hh.resources.models import TaxonomyTerm
from hh.resources.search import SearchFilters, first_matches


def map_cell(county: County, category: TaxonomyTerm, exact: bool = False) -> Cell:
    """The gap map's numbers for one county and category, as the map shows them."""
    if category.parent_id is not None:  # a sub-category: a column of its family's map
        return gap_map(parent=category.parent).cell(county.id, category.id)
    if exact:  # the "filed broadly" column of one category's map
        return gap_map(parent=category).cell(county.id, category.id)
    return gap_map().cell(county.id, category.id)


class ListedUnit(NamedTuple):
    """What a cell shows of a capacity unit (resources.services.is_fresh reads it as it reads a
    CapacityUnit)."""

    available: int | None
    total: int
    unit_label: str
    updated_at: datetime | None


class ListedService(NamedTuple):
    """A service as a cell lists it."""

    id: int
    name: str
    organization_name: str
    category_label: str
    accepts_referrals: bool
    capacity: tuple[ListedUnit, ...]


# What the list is read from: a write to any of them lists the services again.
CELL_SERVICE_TABLES = ("service", "service_area", "service_at_location", "location",
                       "capacity_unit", "organization", "taxonomy_term")


def cell_services(county_id: int, category_id: int, exact: bool = False,
                  limit: int = 20) -> list[ListedService]:
    """The services behind a cell: active, covering the county, in the category (and, for a
    first-level category, its sub-categories unless `exact`), found as the search finds them;
    the first `limit` in the search's order (the search pages through the rest). The same for
    every reader, so from the cache; nothing in it moves with time (whether availability is
    fresh enough to show is asked as the page is drawn)."""
    key = f"needs.cell_services:{county_id}:{category_id}:{int(exact)}:{limit}"
    return remember(key, CELL_SERVICE_TABLES,
                    lambda: _listed(county_id, category_id, exact, limit))


def _listed(county_id: int, category_id: int, exact: bool, limit: int) -> list[ListedService]:
    filters = SearchFilters(county_id=county_id, category_id=category_id, exact_category=exact)
    return [ListedService(s.id, s.name, s.organization_name, s.category_label,
                          s.accepts_referrals,
                          tuple(ListedUnit(u.available, u.total, u.unit_label, u.updated_at)
                                for u in s.capacity))
            for s in first_matches(filters, limit)]
