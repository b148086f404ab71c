"""The gap map: for each county and category, the active services and their free capacity
against the open needs, with the gaps marked (no service, no free capacity, capacity unknown).
Counted in two grouped queries per map, never per cell, and remembered (hh.caching) until one
of the tables it reads is written."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import and_, case, func, or_, select, union

from hh import geo
from hh.caching import remember
from hh.directory.models import County, Organization, Region
from hh.extensions import db
from hh.needs.models import UNMET, Need
from hh.resources.models import (
    CapacityUnit,
    Location,
    Service,
    ServiceArea,
    TaxonomyTerm,
    service_at_location,
)
from hh.resources.services import HIDDEN_STATUSES, availability_cutoff
from hh.resources.taxonomy import TAXONOMY


@dataclass
class Cell:
    """What one county offers in one category, against its open needs."""

    services: int = 0
    tracked: int = 0        # services that count beds, slots, vouchers or appointments
    free: int = 0           # free now, from fresh availability only
    fresh_units: int = 0
    stale_units: int = 0    # availability too old to trust: unknown, not a number
    needs: int = 0
    households: int = 0

    @property
    def capacity_known(self) -> bool:
        return self.fresh_units > 0

    @property
    def gap(self) -> str:
        """"no_service", "no_capacity" (all known capacity is taken), "unknown" or ""."""
        if not self.needs:
            return ""
        if not self.services:
            return "no_service"
        if self.fresh_units and not self.free and not self.stale_units:
            return "no_capacity"
        if self.stale_units and not self.fresh_units:
            return "unknown"
        return ""


GAP_LABELS = {
    "no_service": "Gap: no service",
    "no_capacity": "Gap: no free capacity",
    "unknown": "Check: capacity unknown",
    "": "",
}


class Place(NamedTuple):
    """A county row of the gap map."""

    id: int
    name: str
    region_id: int | None
    region_name: str
    fips: str | None = None
    state: str = ""
    shape_key: str | None = None  # its boundary in hh.geo: its FIPS code, or one found by name


class Column(NamedTuple):
    id: int
    code: str
    name: str
    label: str


GAPS = ("no_service", "no_capacity")


@dataclass
class CountyGaps:
    """One county across the map's columns: its gaps, the columns to check, its open needs."""

    gaps: list[tuple[Column, str]] = field(default_factory=list)  # (column, "no_service"...)
    checks: list[Column] = field(default_factory=list)            # capacity unknown
    needs: int = 0
    households: int = 0


@dataclass
class GapMap:
    counties: list[Place]
    columns: list[Column]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    parent: Column | None = None  # set when the columns are one category's sub-categories
    # Each county's cells summed up once, when counted (the map is drawn far more often).
    rows: dict[int, CountyGaps] = field(default_factory=dict)

    def cell(self, county_id: int, column_id: int) -> Cell:
        return self.cells.get((county_id, column_id)) or Cell()

    def row(self, county_id: int) -> CountyGaps:
        return self.rows.get(county_id) or CountyGaps()

    @property
    def gap_count(self) -> int:
        return sum(1 for c in self.cells.values() if c.gap in GAPS)


def top_categories() -> list[TaxonomyTerm]:
    """First-level categories in the taxonomy's own order (housing and health first)."""
    order = {code: n for n, (code, _, _) in enumerate(TAXONOMY)}
    terms = db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.parent_id.is_(None)))
    return sorted(terms, key=lambda t: (order.get(t.code, len(order)), t.name))


def top_category_names() -> list[tuple[int, str]]:
    """(id, name) of the first-level categories, in that order: the same for every reader, from
    the cache (the filters and forms that offer them)."""
    return remember("needs.top_categories", ("taxonomy_term",),
                    lambda: [(t.id, t.name) for t in top_categories()])


def _coverage():
    """(service, county) pairs: a service covers a county through a service area (countywide)
    or through a location there. UNION removes the pairs both give."""
    areas = select(ServiceArea.service_id.label("service_id"), ServiceArea.county_id.label("county_id"))
    located = (select(service_at_location.c.service_id.label("service_id"),
                      Location.county_id.label("county_id"))
               .join(Location, Location.id == service_at_location.c.location_id)
               .where(Location.county_id.is_not(None)))
    return union(areas, located).subquery("coverage")


def _capacity_by_service():
    """Per service: free units from fresh availability, and how many units are fresh or stale."""
    cutoff = availability_cutoff()
    fresh = and_(CapacityUnit.available.is_not(None), CapacityUnit.updated_at.is_not(None),
                 CapacityUnit.updated_at >= cutoff)
    return (select(CapacityUnit.service_id.label("service_id"),
                   func.sum(case((fresh, CapacityUnit.available), else_=0)).label("free"),
                   func.sum(case((fresh, 1), else_=0)).label("fresh_units"),
                   func.sum(case((fresh, 0), else_=1)).label("stale_units"))
            .group_by(CapacityUnit.service_id).subquery("capacity"))


def _column(term: TaxonomyTerm) -> Column:
    return Column(term.id, term.code, term.name, term.label)


# What the map is counted from. The counting takes a few hundred milliseconds on a large CoC,
# so a map is remembered until one of these is written; the minute's limit covers what no
# write shows (availability turning stale as time passes).
GAP_MAP_TABLES = ("service", "service_area", "service_at_location", "location", "capacity_unit",
                  "organization", "need", "county", "region", "taxonomy_term")
GAP_MAP_SECONDS = 60


def gap_map(region_id: int | None = None, parent: TaxonomyTerm | None = None) -> GapMap:
    """The county × category table, for all counties or a region's, by first-level category
    or by one category's sub-categories."""
    key = f"needs.gap_map:{region_id or ''}:{parent.id if parent is not None else ''}"
    return remember(key, GAP_MAP_TABLES, lambda: count_gap_map(region_id, parent),
                    timeout=GAP_MAP_SECONDS)


def count_gap_map(region_id: int | None = None, parent: TaxonomyTerm | None = None) -> GapMap:
    """The map counted in two grouped queries (services with their capacity, and open needs),
    never per cell."""
    if parent is None:
        columns = [_column(t) for t in top_categories()]
    else:  # the parent's own column: needs and services filed under it broadly
        columns = [_column(parent)] + [_column(t) for t in parent.children]
    result = GapMap(counties=_places(region_id), columns=columns,
                    parent=_column(parent) if parent is not None else None)
    if not result.counties or not columns:
        return result
    term = db.aliased(TaxonomyTerm)
    # The column a category falls in: its first-level parent, or itself within one category.
    column = func.coalesce(term.parent_id, term.id) if parent is None else term.id
    in_family = or_(term.id == parent.id, term.parent_id == parent.id) if parent is not None else None
    _count_services(result, term, column, in_family)
    _count_needs(result, term, column, in_family)
    _sum_up(result)
    return result


def _sum_up(result: GapMap) -> None:
    """Each county's row: its gaps and checks in column order, and its open needs."""
    for place in result.counties:
        row = result.rows[place.id] = CountyGaps()
        for column in result.columns:
            cell = result.cells.get((place.id, column.id))
            if cell is None or not cell.needs:  # no open needs there: no gap, nothing to add
                continue
            gap = cell.gap
            if gap in GAPS:
                row.gaps.append((column, gap))
            elif gap == "unknown":
                row.checks.append(column)
            row.needs += cell.needs
            row.households += cell.households


def _places(region_id: int | None) -> list[Place]:
    region = db.aliased(Region)
    query = (select(County.id, County.name, County.region_id, region.name, County.fips, County.state)
             .outerjoin(region, region.id == County.region_id).order_by(County.name))
    if region_id:
        query = query.where(County.region_id == region_id)
    return [Place(id_, name, rid, rname or "", fips, state or "",
                  geo.find_fips(fips, name, state or ""))
            for id_, name, rid, rname, fips, state in db.session.execute(query)]


def _count_services(result: GapMap, term, column, in_family) -> None:
    """Active services covering each county, by column, with their capacity."""
    coverage, capacity = _coverage(), _capacity_by_service()
    query = (
        select(coverage.c.county_id, column.label("column_id"),
               func.count(Service.id), func.count(capacity.c.service_id),
               func.coalesce(func.sum(capacity.c.free), 0),
               func.coalesce(func.sum(capacity.c.fresh_units), 0),
               func.coalesce(func.sum(capacity.c.stale_units), 0))
        .select_from(coverage)
        .join(Service, Service.id == coverage.c.service_id)
        .join(Organization, Organization.id == Service.organization_id)
        .join(term, term.id == Service.category_id)
        .outerjoin(capacity, capacity.c.service_id == Service.id)
        .where(Service.status.not_in(HIDDEN_STATUSES), Organization.active.is_(True),
               coverage.c.county_id.in_([c.id for c in result.counties]))
        .group_by(coverage.c.county_id, column))
    if in_family is not None:
        query = query.where(in_family)
    column_ids = {c.id for c in result.columns}
    for county_id, column_id, count, tracked, free, fresh, stale in db.session.execute(query):
        if column_id in column_ids:
            result.cells[(county_id, column_id)] = Cell(
                services=count, tracked=tracked, free=int(free), fresh_units=int(fresh),
                stale_units=int(stale))


def _count_needs(result: GapMap, term, column, in_family) -> None:
    """Open needs by place and column; a region-wide need counts in each of its counties."""
    query = (select(Need.county_id, Need.region_id, column.label("column_id"), func.count(Need.id),
                    func.coalesce(func.sum(Need.households_affected), 0))
             .join(term, term.id == Need.category_id)
             .where(Need.status.in_(UNMET))
             .group_by(Need.county_id, Need.region_id, column))
    if in_family is not None:
        query = query.where(in_family)
    county_ids = {c.id for c in result.counties}
    column_ids = {c.id for c in result.columns}
    by_region: dict[int, list[int]] = {}
    for c in result.counties:
        by_region.setdefault(c.region_id, []).append(c.id)
    for county_id, need_region_id, column_id, count, households in db.session.execute(query):
        if column_id not in column_ids:
            continue
        targets = [county_id] if county_id else by_region.get(need_region_id, []) if need_region_id else []
        for target in targets:
            if target in county_ids:
                cell = result.cells.setdefault((target, column_id), Cell())
                cell.needs += count
                cell.households += int(households)


def gap_rows(gaps: GapMap):
    """The table as spreadsheet rows (one per county and category)."""
    for county in gaps.counties:
        for column in gaps.columns:
            cell = gaps.cell(county.id, column.id)
            yield [county.name, county.region_name, column.label,
                   cell.services, cell.free if cell.capacity_known else ("unknown" if cell.stale_units else ""),
                   cell.stale_units, cell.needs, cell.households, GAP_LABELS[cell.gap]]


GAP_CSV_HEADER = ["county", "region", "category", "active_services", "free_now",
                  "units_unknown", "open_needs", "households_affected", "gap"]
