"""The needs list (and a gap-map cell's needs): its filters, and its rows, read from the need
table alone and named from the cache."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Bundle, selectinload

from hh.caching import remember
from hh.directory.models import County
from hh.extensions import db
from hh.needs.models import NEED_SOURCES, NEED_STATUSES, UNMET, Need, NeedWords
from hh.needs.services import place_names
from hh.resources.models import TaxonomyTerm


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


def _conditions(filters: NeedFilters) -> list:
    """The filters as conditions on the need table (subqueries, no joins: the count of a page
    then reads the need table alone)."""
    conditions = []
    if filters.county_id:
        conditions.append(_in_county(filters.county_id))
    if filters.region_id:
        conditions.append(_in_region(filters.region_id))
    if filters.category_id and filters.exact_category:
        conditions.append(Need.category_id == filters.category_id)
    elif filters.category_id:  # a first-level category takes in its sub-categories
        conditions.append(Need.category_id.in_(select(TaxonomyTerm.id).where(or_(
            TaxonomyTerm.id == filters.category_id, TaxonomyTerm.parent_id == filters.category_id))))
    if filters.status in NEED_STATUSES:
        conditions.append(Need.status == filters.status)
    elif filters.unmet:
        conditions.append(Need.status.in_(UNMET))
    if filters.source in NEED_SOURCES:
        conditions.append(Need.source == filters.source)
    return conditions


_ORDER = (Need.noted_on.desc(), Need.id.desc())


def need_query(filters: NeedFilters) -> Select:
    """Matching needs as records, with where and what kind (the CSV export, which prints them all)."""
    return (select(Need).where(*_conditions(filters))
            .options(selectinload(Need.county), selectinload(Need.region),
                     selectinload(Need.category).selectinload(TaxonomyTerm.parent))
            .order_by(*_ORDER))


@dataclass(slots=True)
class NeedRow(NeedWords):
    """A need as a list shows it. Read as a row: a page of records, each with its county, region
    and category loaded, cost more than the rest of the page. Its names come from the cache, not
    joins: the database joins every match before it sorts them for one page (and counts them)."""

    id: int
    title: str
    status: str
    source: str
    households_affected: int | None
    noted_on: date
    created_by_id: int | None
    county_id: int | None
    region_id: int | None
    category_id: int | None
    county_name: str | None = None
    region_name: str | None = None
    category_label: str = ""


class _NeedRows(Bundle):
    """The columns handed to NeedRow, with no ORM record made on the way."""

    def create_row_processor(self, query, procs, labels):
        return lambda row: NeedRow(*[proc(row) for proc in procs])


# Built once: the list reads it on every view (one column, so paginate() takes it).
_NEED_ROWS = select(_NeedRows(
    "need", Need.id, Need.title, Need.status, Need.source, Need.households_affected, Need.noted_on,
    Need.created_by_id, Need.county_id, Need.region_id, Need.category_id)).order_by(*_ORDER)


def need_rows(filters: NeedFilters) -> Select:
    """Matching needs as NeedRows, newest first; name a page of them with `named`."""
    return _NEED_ROWS.where(*_conditions(filters))


def named(rows: list[NeedRow]) -> list[NeedRow]:
    """The rows with their county, region and category named."""
    places, labels = place_names(), category_labels()
    for row in rows:
        row.county_name = places.counties.get(row.county_id)
        row.region_name = places.regions.get(row.region_id)
        row.category_label = labels.get(row.category_id, "")
    return rows


def unmet_needs(county_id: int, category_id: int, exact: bool = False) -> list[NeedRow]:
    """A gap-map cell's open needs: in the county (or region-wide in its region), in the category
    (with its sub-categories unless `exact`)."""
    filters = NeedFilters(county_id=county_id, category_id=category_id, unmet=True,
                          exact_category=exact)
    return named(list(db.session.scalars(need_rows(filters))))


def category_labels() -> dict[int, str]:
    """Every category's label by id, as TaxonomyTerm.label ("Housing › Rapid re-housing"), from
    the cache."""
    return remember("needs.category_labels", ("taxonomy_term",), _category_labels)


def _category_labels() -> dict[int, str]:
    parent = db.aliased(TaxonomyTerm)
    rows = db.session.execute(select(TaxonomyTerm.id, TaxonomyTerm.name, parent.name)
                              .outerjoin(parent, parent.id == TaxonomyTerm.parent_id))
    return {id_: f"{parent_name} › {name}" if parent_name else name
            for id_, name, parent_name in rows}
