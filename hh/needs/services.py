"""Needs operations: who may edit a need, saving it, its status, the needs list and the gap map."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from flask import current_app
from sqlalchemy import Select, and_, case, func, or_, select, union
from sqlalchemy.orm import selectinload

from hh.directory.models import County, Organization, Region
from hh.errors import InputError
from hh.extensions import db
from hh.needs.models import NEED_SOURCES, NEED_STATUSES, Need
from hh.resources.models import (
    CapacityUnit,
    Location,
    Service,
    ServiceArea,
    TaxonomyTerm,
    service_at_location,
)
from hh.resources.services import (
    HIDDEN_STATUSES,
    SearchFilters,
    availability_cutoff,
    service_search,
)
from hh.resources.taxonomy import TAXONOMY
from hh.timeutil import local_today
from hh.web import audit, is_coordinator

UNMET = ("open", "in_progress")  # "open needs" on the gap map: not met yet


class NeedError(InputError):
    """Need input that cannot be saved; `errors` maps each form field to its message."""


def can_edit_need(user, need: Need) -> bool:
    """Coordinators and admins edit every need; providers the needs they recorded."""
    if is_coordinator(user):
        return True
    return (user.is_authenticated and user.role == "provider"
            and need.created_by_id is not None and need.created_by_id == user.id)


# --- Places: a county, or a whole region ---------------------------------------------------------
# Forms carry one "where" value: "c<id>" for a county, "r<id>" for a region-wide need.


def place_choices() -> list[tuple[str, str]]:
    counties = db.session.scalars(select(County).order_by(County.name))
    regions = db.session.scalars(select(Region).order_by(Region.name))
    return ([(f"c{c.id}", c.name) for c in counties]
            + [(f"r{r.id}", f"{r.name} region (all its counties)") for r in regions])


def place_value(need: Need) -> str:
    if need.county_id:
        return f"c{need.county_id}"
    return f"r{need.region_id}" if need.region_id else ""


def parse_place(value: str | None) -> tuple[County | None, Region | None]:
    """ "c3" → (county 3, None); "r1" → (None, region 1); anything unknown → (None, None)."""
    value = (value or "").strip()
    digits = value[1:]
    if value[:1] not in ("c", "r") or not (digits.isascii() and digits.isdigit()) or len(digits) > 9:
        return None, None
    model = County if value[0] == "c" else Region
    found = db.session.get(model, int(value[1:]))
    return (found, None) if value[0] == "c" else (None, found)


# --- Saving ----------------------------------------------------------------------------------------


def _households(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise NeedError("Enter a whole number of households.", "households_affected") from None
    if not 0 <= number <= 100000:
        raise NeedError("Enter a number from 0 to 100000.", "households_affected")
    return number


EDITABLE = ("title", "description", "county_id", "region_id", "category_id",
            "households_affected", "source", "status", "noted_on")


def save_need(need: Need | None, data: dict, user) -> Need:
    """Create or update a need from form data; every bad field gets its message; audited."""
    errors: dict[str, str] = {}
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = "Enter a short title for the need."
    elif len(title) > 200:
        errors["title"] = "Keep the title to 200 characters."
    description = (data.get("description") or "").strip()
    if len(description) > 5000:
        errors["description"] = "Keep the description to 5000 characters."
    county, region = parse_place(data.get("place"))
    if county is None and region is None:
        errors["place"] = "Choose the county, or the region if the need is region-wide."
    category = None
    category_id = data.get("category_id")
    if category_id in (None, ""):
        errors["category_id"] = "Choose the kind of service that is needed."
    else:
        known = isinstance(category_id, int) and 0 < category_id < 2**31  # beyond: no such id
        category = db.session.get(TaxonomyTerm, category_id) if known else None
        if category is None:
            errors["category_id"] = "Choose a category from the list."
    try:
        households = _households(data.get("households_affected"))
    except NeedError as error:
        errors.update(error.errors)
        households = None
    source = data.get("source") or ""
    if source not in NEED_SOURCES:
        errors["source"] = "Choose where this need was reported from the list."
    status = data.get("status") or "open"
    if status not in NEED_STATUSES:
        errors["status"] = "Choose a status from the list."
    noted_on = data.get("noted_on") or local_today()
    if not isinstance(noted_on, date):
        errors["noted_on"] = "Enter a date like 2026-03-31."
    elif noted_on > local_today():
        errors["noted_on"] = "The date cannot be in the future."
    if errors:
        first = next(iter(errors))
        raise NeedError(errors[first], first, errors)

    values = {"title": title, "description": description, "county_id": county.id if county else None,
              "region_id": region.id if region else None, "category_id": category.id,
              "households_affected": households, "source": source, "status": status,
              "noted_on": noted_on}
    creating = need is None
    if creating:
        need = Need(created_by_id=user.id)
        db.session.add(need)
    changed = [name for name in EDITABLE if getattr(need, name) != values[name]]
    for name in changed:
        setattr(need, name, values[name])
    db.session.flush()
    if creating:
        audit("need_created", "need", need.id, detail=f"status {status}")
    elif changed:
        audit("need_updated", "need", need.id, detail="changed " + ", ".join(changed))
    db.session.commit()
    return need


def set_status(need: Need, status: str) -> None:
    """Move a need along open → in progress → met (or back) in one step; audited."""
    if status not in NEED_STATUSES:
        raise NeedError("Choose a status from the list.", "status")
    if need.status == status:
        return
    audit("need_status_changed", "need", need.id, detail=f"status {need.status} → {status}")
    need.status = status
    db.session.commit()


# --- The needs list ----------------------------------------------------------------------------------


@dataclass
class NeedFilters:
    county_id: int | None = None
    region_id: int | None = None
    category_id: int | None = None
    status: str = ""
    source: str = ""
    unmet: bool = False  # open or in progress (what the gap map counts)
    exact_category: bool = False  # only needs filed under this very category


def _in_county(county_id: int):
    """A county's needs include the region-wide needs of its region."""
    region_of_county = select(County.region_id).where(County.id == county_id).scalar_subquery()
    return or_(Need.county_id == county_id,
               and_(Need.county_id.is_(None), Need.region_id == region_of_county))


def _in_region(region_id: int):
    return or_(Need.region_id == region_id,
               Need.county_id.in_(select(County.id).where(County.region_id == region_id)))


def need_query(filters: NeedFilters) -> Select:
    term = db.aliased(TaxonomyTerm)
    query = select(Need).outerjoin(term, Need.category_id == term.id)
    if filters.county_id:
        query = query.where(_in_county(filters.county_id))
    if filters.region_id:
        query = query.where(_in_region(filters.region_id))
    if filters.category_id and filters.exact_category:
        query = query.where(Need.category_id == filters.category_id)
    elif filters.category_id:  # a first-level category takes in its sub-categories
        query = query.where(or_(Need.category_id == filters.category_id,
                                term.parent_id == filters.category_id))
    if filters.status in NEED_STATUSES:
        query = query.where(Need.status == filters.status)
    elif filters.unmet:
        query = query.where(Need.status.in_(UNMET))
    if filters.source in NEED_SOURCES:
        query = query.where(Need.source == filters.source)
    return (query.options(selectinload(Need.county), selectinload(Need.region),
                          selectinload(Need.category).selectinload(TaxonomyTerm.parent))
            .order_by(Need.noted_on.desc(), Need.id.desc()))


# --- The gap map -------------------------------------------------------------------------------------


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
    """A county row of the gap map (plain data, so a counted map can be kept and reused)."""

    id: int
    name: str
    region_id: int | None
    region_name: str


class Column(NamedTuple):
    id: int
    code: str
    name: str
    label: str


@dataclass
class GapMap:
    counties: list[Place]
    columns: list[Column]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    parent: Column | None = None  # set when the columns are one category's sub-categories
    # The table as HTML, by query string: it is the same for everyone while the counts hold.
    rendered: dict[str, str] = field(default_factory=dict)

    def cell(self, county_id: int, column_id: int) -> Cell:
        return self.cells.get((county_id, column_id)) or Cell()

    @property
    def gap_count(self) -> int:
        return sum(1 for c in self.cells.values() if c.gap in ("no_service", "no_capacity"))


def top_categories() -> list[TaxonomyTerm]:
    """First-level categories in the taxonomy's own order (housing and health first)."""
    order = {code: n for n, (code, _, _) in enumerate(TAXONOMY)}
    terms = db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.parent_id.is_(None)))
    return sorted(terms, key=lambda t: (order.get(t.code, len(order)), t.name))


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


# A counted map is kept per app for a short while and reused while the data it was counted
# from is unchanged (the stamp below): 8 people opening the map at once cost one count, and a
# recorded need, a service edit or an availability update shows at once. The time limit
# covers what the stamp cannot see (availability turning stale as time passes, an address moved).
GAP_MAP_SECONDS = 60
_gap_lock = threading.Lock()


def _data_stamp() -> tuple:
    """Cheap summary of everything the gap map counts; any change to it means count again."""
    parts = [select(func.max(Service.last_modified)), select(func.count()).select_from(Service),
             select(func.count()).select_from(ServiceArea),
             select(func.count()).select_from(service_at_location),
             select(func.max(CapacityUnit.updated_at)), select(func.count()).select_from(CapacityUnit),
             select(func.max(Organization.updated_at)), select(func.max(Need.updated_at)),
             select(func.count()).select_from(Need), select(func.count()).select_from(County),
             select(func.count()).select_from(TaxonomyTerm)]
    return tuple(db.session.execute(select(*[p.scalar_subquery() for p in parts])).one())


def gap_map(region_id: int | None = None, parent: TaxonomyTerm | None = None) -> GapMap:
    """The county × category table (see count_gap_map), reused while the data is unchanged."""
    cache = current_app.extensions.setdefault("needs_gap_maps", {})
    key = (region_id, parent.id if parent is not None else None)
    stamp = _data_stamp()
    now = time.monotonic()
    kept = cache.get(key)
    if kept is not None and kept[0] == stamp and kept[1] > now:
        return kept[2]
    result = count_gap_map(region_id, parent)
    with _gap_lock:
        if len(cache) > 200:  # many region/category combinations: start afresh
            cache.clear()
        cache[key] = (stamp, now + GAP_MAP_SECONDS, result)
    return result


def _column(term: TaxonomyTerm) -> Column:
    return Column(term.id, term.code, term.name, term.label)


def count_gap_map(region_id: int | None = None, parent: TaxonomyTerm | None = None) -> GapMap:
    """The county × category table, counted in two grouped queries (services with their
    capacity, and open needs), never per cell."""
    region = db.aliased(Region)
    county_query = (select(County.id, County.name, County.region_id, region.name)
                    .outerjoin(region, region.id == County.region_id).order_by(County.name))
    if region_id:
        county_query = county_query.where(County.region_id == region_id)
    counties = [Place(id_, name, rid, rname or "") for id_, name, rid, rname in db.session.execute(county_query)]
    if parent is None:
        columns = [_column(t) for t in top_categories()]
    else:  # the parent's own column: needs and services filed under it broadly
        columns = [_column(parent)] + [_column(t) for t in parent.children]
    result = GapMap(counties=counties, columns=columns,
                    parent=_column(parent) if parent is not None else None)
    county_ids = [c.id for c in counties]
    column_ids = {c.id for c in columns}
    if not county_ids or not columns:
        return result

    term = db.aliased(TaxonomyTerm)
    # The column a category falls in: its first-level parent, or itself within one category.
    if parent is None:
        column = func.coalesce(term.parent_id, term.id)
    else:
        column = term.id

    coverage, capacity = _coverage(), _capacity_by_service()
    services = (
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
               coverage.c.county_id.in_(county_ids))
        .group_by(coverage.c.county_id, column))
    if parent is not None:
        services = services.where(or_(term.id == parent.id, term.parent_id == parent.id))
    for county_id, column_id, count, tracked, free, fresh, stale in db.session.execute(services):
        if column_id in column_ids:
            result.cells[(county_id, column_id)] = Cell(
                services=count, tracked=tracked, free=int(free), fresh_units=int(fresh),
                stale_units=int(stale))

    # Open needs by place and column; a region-wide need counts in each of its counties.
    needs = (select(Need.county_id, Need.region_id, column.label("column_id"), func.count(Need.id),
                    func.coalesce(func.sum(Need.households_affected), 0))
             .join(term, term.id == Need.category_id)
             .where(Need.status.in_(UNMET))
             .group_by(Need.county_id, Need.region_id, column))
    if parent is not None:
        needs = needs.where(or_(term.id == parent.id, term.parent_id == parent.id))
    by_region: dict[int, list[int]] = {}
    for c in counties:
        by_region.setdefault(c.region_id, []).append(c.id)
    for county_id, need_region_id, column_id, count, households in db.session.execute(needs):
        if column_id not in column_ids:
            continue
        targets = [county_id] if county_id else by_region.get(need_region_id, []) if need_region_id else []
        for target in targets:
            if target in county_ids:
                cell = result.cells.setdefault((target, column_id), Cell())
                cell.needs += count
                cell.households += int(households)
    return result


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


def map_cell(county: County, category: TaxonomyTerm, exact: bool = False) -> Cell:
    """The gap map's numbers for one county and category, as the map shows them."""
    if category.parent_id is not None:  # a sub-category: a column of its family's map
        return gap_map(parent=category.parent).cell(county.id, category.id)
    if exact:  # the "filed broadly" column of one category's map
        return gap_map(parent=category).cell(county.id, category.id)
    return gap_map().cell(county.id, category.id)


def cell_services(county_id: int, category_id: int, exact: bool = False,
                  limit: int = 50) -> list[Service]:
    """The services behind a cell: active, covering the county, in the category (and, for a
    first-level category, its sub-categories unless `exact`), found as the search finds them;
    the first `limit` (the search pages through the rest)."""
    query = service_search(SearchFilters(county_id=county_id, category_id=category_id))
    if exact:  # the "filed broadly" column of one category: only that very term
        query = query.where(Service.category_id == category_id)
    return list(db.session.scalars(query.limit(limit)))

