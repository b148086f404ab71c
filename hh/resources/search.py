"""The resource search: services and organizations by words, place, category, sector and
availability, one page at a time, and the choices its filters offer."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, and_, bindparam, case, exists, func, or_, select, union_all
from sqlalchemy.orm import joinedload, selectinload

from hh.caching import remember
from hh.directory.models import SECTORS, County, Organization
from hh.extensions import db
from hh.resources import words
from hh.resources.hours import open_now_condition
from hh.resources.models import (
    CapacityUnit,
    Location,
    Service,
    ServiceArea,
    TaxonomyTerm,
    service_at_location,
)
from hh.resources.ranking import Ranked, page_of_matches, run_columns
from hh.resources.results import SearchResult, search_results
from hh.resources.services import HIDDEN_STATUSES, availability_cutoff
from hh.timeutil import local_now
from hh.web import Page


@dataclass
class SearchFilters:
    q: str = ""
    place: str = ""          # a town or county name
    county_id: int | None = None
    category_id: int | None = None
    exact_category: bool = False  # that very category, not its sub-categories (the gap map's
    sector: str = ""              # "filed broadly" column)
    available: bool = False
    referrals: bool = False
    open_now: bool = False
    include_inactive: bool = False
    words: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.words = [w for w in self.q.lower().split() if w][:8]


def counties_for_place(place: str) -> list[int]:
    """A town or county name → the counties it lies in (towns are known from locations)."""
    place = place.strip().lower().removesuffix(" county")
    if not place:
        return []
    ids = set(db.session.scalars(select(County.id).where(
        func.lower(County.name).in_([place, place + " county"]))))
    ids |= set(db.session.scalars(select(Location.county_id).where(
        func.lower(Location.city) == place, Location.county_id.is_not(None)).distinct()))
    return sorted(ids)


def _covers(county_ids: list[int], key=Service.id):
    """A service covers a county through a service area or a location there."""
    areas = select(ServiceArea.service_id).where(ServiceArea.county_id.in_(county_ids))
    # The county's locations first, then their services from the (location, service) index: as
    # a join, PostgreSQL hashed every service's locations (60,000 at ten times the default
    # scale, 10 ms) to keep the county's thousand.
    located = select(service_at_location.c.service_id).where(words.in_list(
        service_at_location.c.location_id,
        select(Location.id).where(Location.county_id.in_(county_ids))))
    if key is Service.id:
        # One list, which a read can start from (from an OR of two it cannot), given as
        # words.in_list gives it: PostgreSQL then starts there too, instead of checking the
        # words on every service that passes the other filters.
        return words.in_list(key, union_all(areas, located))
    # A walk in name order (ranking.walking) checks each service against the lists: inside an OR
    # PostgreSQL keeps each as a hashed set (alone, it joined the list to every service walked).
    return or_(key.in_(areas), key.in_(located))


def _has_fresh_capacity(key=Service.id):
    """Checked on each service read: the list of every fresh unit is long (most services keep
    theirs current), and a read that stops after a page would build it whole first."""
    return exists().where(CapacityUnit.service_id == key, CapacityUnit.available > 0,
                          CapacityUnit.updated_at >= availability_cutoff())


def _filter_conditions(filters: SearchFilters, key=Service.id) -> list:
    """Conditions on Service for the filters (all but the words). `key` is the id as the
    statement compares it (see ranking.walking). Organization and category conditions are
    subqueries rather than joins: each runs once, and the planner then scans services alone (a
    join made SQLite walk every organization's services by index, several times slower). SQLite
    reads services from the first list of ids it is given: the county's comes first, then the
    category's (see _ranked for where the words go)."""
    conditions = []
    county_ids = []
    if filters.county_id:
        county_ids.append(filters.county_id)
    if filters.place:
        place_ids = counties_for_place(filters.place)
        county_ids = [c for c in county_ids if c in place_ids] if county_ids else place_ids
        if not county_ids:
            county_ids = [-1]  # a place we do not know: nothing covers it
    if county_ids:
        conditions.append(_covers(county_ids, key))
    if filters.category_id and filters.exact_category:
        conditions.append(Service.category_id == filters.category_id)
    elif filters.category_id:  # a few categories: PostgreSQL checks them on each service read,
        # instead of joining them to every service of the county before the first match is out
        conditions.append(words.in_list(Service.category_id, select(TaxonomyTerm.id).where(or_(
            TaxonomyTerm.id == filters.category_id, TaxonomyTerm.parent_id == filters.category_id))))
    if filters.sector:
        conditions.append(Service.organization_id.in_(
            select(Organization.id).where(Organization.sector == filters.sector)))
    if filters.available:
        conditions.append(_has_fresh_capacity(key))
    if filters.referrals:
        conditions.append(Service.accepts_referrals.is_(True))
    if filters.open_now:
        conditions.append(open_now_condition())
    if not filters.include_inactive:
        conditions += _SHOWN
    return conditions


# Every search but one that asks for inactive services too: built once.
_SHOWN = [Service.status.not_in(HIDDEN_STATUSES), Service.organization_id.not_in(
    select(Organization.id).where(Organization.active.is_(False)))]


def _ranked(filters: SearchFilters) -> Ranked:
    """The search's matches and, with words, the best of them: the services named with the
    words (their own name or other name holds every word), listed before the others."""
    ranked = Ranked(filters=lambda key: _filter_conditions(filters, key),
                    words=lambda key: words.service_conditions(filters.words, key))
    if not filters.words:
        return ranked
    ranked.best = words.service_name_conditions(filters.words)
    if not _narrowed(filters):
        ranked.stream = words.service_stream(filters.words)
        ranked.best_stream = words.service_name_stream(filters.words)
    elif words.few_services(filters.words, SHORT_WORD_LIST):
        # The words' list of ids is short: the read starts from it.
        ranked.filters = lambda key: [*words.service_conditions(filters.words, key),
                                      *_filter_conditions(filters, key)]
        ranked.words = lambda key: []
    else:
        # A common word's list costs more to build than checking the words on each service the
        # filters leave (and a read that stops after a page checks few).
        ranked.words = lambda key: words.service_checks(filters.words)
    return ranked


def _narrowed(filters: SearchFilters) -> bool:
    """A filter whose list of services is likely shorter than a word's."""
    return bool(filters.available or filters.county_id or filters.place or filters.category_id
                or filters.sector)


def _result_options():
    """What the CSV export and the gap map read of each service: organization and category
    (with its parent) joined in the same query, capacity and counties in one more query each."""
    return (joinedload(Service.organization), joinedload(Service.category)
            .joinedload(TaxonomyTerm.parent), selectinload(Service.capacity),
            selectinload(Service.areas).joinedload(ServiceArea.county), selectinload(Service.hours))


def service_search(filters: SearchFilters) -> Select:
    """Services matching the filters in the search's order (all of them: the CSV export, the gap
    map)."""
    ranked = _ranked(filters)
    order = (func.lower(Service.name), Service.id)
    if ranked.best:
        order = (case((and_(*ranked.best), 0), else_=1), *order)
    return (select(Service).where(*ranked.filters(Service.id), *ranked.words(Service.id))
            .options(*_result_options()).order_by(*order))


# A word found in at most this many services is looked up in the word index; a commoner one,
# alongside filters, is checked on each service they leave.
SHORT_WORD_LIST = 1000
# Matches read before choosing between sorting them and walking the name index (ranking.py).
FEW_MATCHES = 400
# Counting stops past this many matches ("More than 500 services"): nobody pages that far,
# and a count to the end would cost as much as reading every match.
COUNT_LIMIT = 500


# The tables a search's matches are found in (the word indexes follow them by trigger).
_MATCH_TABLES = ("service", "organization", "taxonomy_term", "service_area",
                 "service_at_location", "location", "county")


def _remembered(what: str, filters: SearchFilters, compute):
    """Which records a search finds, from the cache until one of the tables they were found in
    is written: the same searches come again and again (a word typed, the next page and back,
    "shelter" on every shift), and finding them costs more than showing them. Only ids are
    kept; what each result shows is read fresh. "Available" and "open now" depend on the time
    too: their answers are kept for the minute."""
    tables, moment = list(_MATCH_TABLES), ""
    if filters.available:
        tables.append("capacity_unit")
    if filters.open_now:
        tables.append("service_schedule")
    if filters.available or filters.open_now:
        moment = local_now().strftime("%Y-%m-%dT%H:%M")
    key = "|".join(map(str, (
        "search", what, " ".join(filters.words), filters.place.strip().lower(), filters.county_id,
        filters.category_id, filters.exact_category, filters.sector, filters.available,
        filters.referrals, filters.open_now, filters.include_inactive, moment)))
    return remember(key, tables, compute, timeout=600)


def search_page(filters: SearchFilters, page: int, per_page: int = 20) -> Page:
    """One page of the search: its services' ids in rank order and the number of matches
    (bounded), then what each of those services shows in the results."""
    def matches() -> tuple[list[int], int]:
        ranked = _ranked(filters)
        with words.trigram_indexes_first(filters.words if ranked.stream is None else []):
            return page_of_matches(ranked, Service.id, func.lower(Service.name),
                                   (page - 1) * per_page, per_page, count_to=COUNT_LIMIT,
                                   few=FEW_MATCHES)

    ids, total = _remembered(f"page {page} of {per_page}, counted to {COUNT_LIMIT}, {FEW_MATCHES}",
                             filters, matches)
    return Page(items=search_results(ids), total=total, page=page, per_page=per_page,
                counted_to=COUNT_LIMIT)


def first_matches(filters: SearchFilters, limit: int) -> list[SearchResult]:
    """The first `limit` services in the search's order, uncounted, with their capacity but not
    their counties or hours (for a page that counts them itself and shows neither)."""
    ids, _ = page_of_matches(_ranked(filters), Service.id, func.lower(Service.name), 0, limit,
                             count_to=limit, few=FEW_MATCHES)
    return search_results(ids, places_and_hours=False)


@dataclass(frozen=True)
class OrganizationMatch:
    """An organization as the search lists it: a link to its page and its sector."""
    id: int
    name: str
    sector: str

    @property
    def sector_label(self) -> str:
        return SECTORS.get(self.sector, self.sector)


_ORGANIZATION_ROWS = select(Organization.id, Organization.name, Organization.sector).where(
    Organization.id.in_(bindparam("ids", expanding=True)))


def organization_matches(filters: SearchFilters, limit: int = 10) -> list[OrganizationMatch]:
    """Organizations the words find (shown above services): those named with every word first,
    then those with the words in their description; each in name order."""
    if not filters.words:
        return []
    ids = _remembered(f"organizations {limit}", filters,
                      lambda: _organization_ids(filters, limit))
    if not ids:
        return []
    by_id = {row.id: OrganizationMatch(*row) for row in run_columns(_ORGANIZATION_ROWS, {"ids": ids})}
    return [by_id[i] for i in ids if i in by_id]


def _organization_ids(filters: SearchFilters, limit: int) -> list[int]:
    shown = []
    if filters.sector:
        shown.append(Organization.sector == filters.sector)
    if not filters.include_inactive:
        shown.append(Organization.active.is_(True))
    with words.trigram_indexes_first(filters.words):
        ids = _first_organizations([*shown, *words.organization_name_conditions(filters.words)],
                                   limit)
        if len(ids) < limit:
            others = [Organization.id.not_in(ids)] if ids else []
            ids += _first_organizations(
                [*shown, *words.organization_conditions(filters.words), *others], limit - len(ids))
    return ids


def _first_organizations(conditions: list, limit: int) -> list[int]:
    """The first organizations meeting the conditions in name order. SQLite walks the name index
    (the names' word index is one of the conditions); PostgreSQL, told to read words from the
    trigram indexes, sorts the matches: ordered by `name || ''`, which no index answers, for it
    would otherwise walk the name index checking every organization named before the first
    matches (16,000 for "shelter" at ten times the default scale: 15 ms against 6)."""
    name = func.lower(Organization.name)
    if db.session.get_bind().dialect.name != "sqlite":
        name = name.concat("")
    return list(db.session.scalars(select(Organization.id).where(*conditions)
                                   .order_by(name, Organization.id).limit(limit)))


def category_filter_choices() -> list[tuple[int, str]]:
    """Both levels: a first-level category finds everything under it. (A filter of the search
    and the needs list: from the cache.)"""
    return remember("category_filter_choices", ["taxonomy_term"], _category_filter_choices)


def _category_filter_choices() -> list[tuple[int, str]]:
    parent = db.aliased(TaxonomyTerm)
    rows = db.session.execute(select(TaxonomyTerm.id, TaxonomyTerm.name, parent.name)
                              .outerjoin(parent, TaxonomyTerm.parent_id == parent.id))
    return sorted(((id_, f"{parent_name} › {name}" if parent_name else f"{name} (all)")
                   for id_, name, parent_name in rows), key=lambda pair: pair[1])
