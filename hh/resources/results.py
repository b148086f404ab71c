"""What the resource search shows of each service it finds, read by id: the page is asked for on
every pause in typing, and building whole services with their organizations, categories and
counties cost more than finding them.

What a result says of its service but its free capacity (names, counties, opening hours) comes
from the one cache until one of the tables it was read from is written: a page of results is
asked for again and again (the same search, the next page and back), and it saves three
statements a view (on PostgreSQL a search page's CPU fell by about a fifth). Free capacity, which
changes all day, is read on every view."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from functools import cached_property
from typing import NamedTuple

from sqlalchemy import bindparam, select

from hh.caching import remember
from hh.directory.models import County, Organization
from hh.extensions import db
from hh.resources.hours import open_status
from hh.resources.models import (
    SERVICE_STATUSES,
    CapacityUnit,
    Service,
    ServiceArea,
    ServiceSchedule,
    TaxonomyTerm,
)
from hh.resources.ranking import run_columns


class Hours(NamedTuple):
    """One weekly opening as a result reads it (hours.open_status)."""
    weekday: int | None
    opens_at: time | None
    closes_at: time | None


@dataclass
class SearchResult:
    """What one search result shows."""
    id: int
    name: str
    description: str
    status: str
    accepts_referrals: bool
    organization_name: str
    category_label: str
    counties: tuple[str, ...] = ()
    hours: tuple[Hours, ...] = ()
    capacity: list[CapacityUnit] = field(default_factory=list)

    @cached_property  # asked twice by the results (whether to show it, then what it says)
    def open_status(self) -> str:
        return open_status(self.hours)

    @property
    def status_label(self) -> str:
        return SERVICE_STATUSES.get(self.status, self.status)


# Read by id: built once (a statement costs as much to build as to run). The names come from
# subqueries, each an index lookup per result: joined, PostgreSQL hashed every organization to
# find the page's twenty (and planned the join longer than it ran).
_IDS = bindparam("ids", expanding=True)
# (A table alias, not aliased(TaxonomyTerm): that would set up every mapper at import, before
# a script that imports this module has imported the models they name.)
_PARENT = TaxonomyTerm.__table__.alias("parent_term")
_ROWS = select(
    Service.id, Service.name, Service.description, Service.status, Service.accepts_referrals,
    select(Organization.name).where(Organization.id == Service.organization_id).scalar_subquery(),
    select(TaxonomyTerm.name).where(TaxonomyTerm.id == Service.category_id).scalar_subquery(),
    select(_PARENT.c.name).join(TaxonomyTerm, TaxonomyTerm.parent_id == _PARENT.c.id)
    .where(TaxonomyTerm.id == Service.category_id).scalar_subquery(),
).where(Service.id.in_(_IDS))
_COUNTIES = (select(ServiceArea.service_id, County.name)
             .join(County, County.id == ServiceArea.county_id)
             .where(ServiceArea.service_id.in_(_IDS)).order_by(ServiceArea.id))
_HOURS = select(ServiceSchedule.service_id, ServiceSchedule.weekday, ServiceSchedule.opens_at,
                ServiceSchedule.closes_at).where(ServiceSchedule.service_id.in_(_IDS))
_CAPACITY = (select(CapacityUnit).where(CapacityUnit.service_id.in_(_IDS))
             .order_by(CapacityUnit.unit_type, CapacityUnit.id))
# The tables what a result says (but its capacity) is read from.
_DESCRIBED_FROM = ["service", "organization", "taxonomy_term", "service_area", "county",
                   "service_schedule"]


def search_results(ids: list[int], places_and_hours: bool = True) -> list[SearchResult]:
    """The services `ids` as search results, in that order (without the counties they serve
    and their opening hours when not `places_and_hours`)."""
    if not ids:
        return []
    key = f"search:results:{int(places_and_hours)}:{','.join(map(str, ids))}"
    described = remember(key, _DESCRIBED_FROM, lambda: _described(ids, places_and_hours))
    results = {row[0]: SearchResult(*row) for row in described}
    for unit in db.session.scalars(_CAPACITY, {"ids": ids}):
        results[unit.service_id].capacity.append(unit)
    return list(results.values())


def _described(ids: list[int], places_and_hours: bool) -> list[tuple]:
    """Each service's fields as SearchResult takes them (but its capacity), in the ids' order:
    plain values, to be kept in the cache."""
    counties: dict[int, list[str]] = {}
    hours: dict[int, list[Hours]] = {}
    if places_and_hours:
        for service_id, county in run_columns(_COUNTIES, {"ids": ids}):
            counties.setdefault(service_id, []).append(county)
        for service_id, *opening in run_columns(_HOURS, {"ids": ids}):
            hours.setdefault(service_id, []).append(Hours(*opening))
    by_id = {}
    for id_, name, description, status, referrals, organization, category, parent_name in \
            run_columns(_ROWS, {"ids": ids}):
        label = f"{parent_name} › {category}" if parent_name else (category or "")
        by_id[id_] = (id_, name, description, status, referrals, organization, label,
                      tuple(counties.get(id_, ())), tuple(hours.get(id_, ())))
    return [by_id[i] for i in ids if i in by_id]
