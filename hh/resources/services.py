"""Resource map operations: saving services, availability, verification, and the search."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from hh.directory.models import County, Organization, Phone
from hh.directory.services import can_edit_organization
from hh.errors import InputError
from hh.extensions import db
from hh.resources import words
from hh.resources.models import (
    SERVICE_STATUSES,
    UNIT_TYPES,
    CapacityUnit,
    Location,
    Service,
    ServiceArea,
    TaxonomyTerm,
    service_at_location,
)
from hh.timeutil import local_today, utcnow
from hh.web import Page, audit

HIDDEN_STATUSES = ("inactive", "defunct")


def availability_cutoff() -> datetime:
    return utcnow() - timedelta(days=current_app.config.get("AVAILABILITY_STALE_DAYS", 7))


def is_fresh(unit: CapacityUnit) -> bool:
    """Availability older than the configured days is unknown, not a number."""
    return unit.available is not None and unit.updated_at is not None and \
        unit.updated_at >= availability_cutoff()


def can_edit_service(user, service: Service) -> bool:
    return can_edit_organization(user, service.organization)


# --- Saving a service --------------------------------------------------------------------------


def _int_or_none(value, field_name: str, low: int = 0, high: int = 10000):
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InputError("Enter a whole number.", field_name) from None
    if not low <= number <= high:
        raise InputError(f"Enter a number from {low} to {high}.", field_name)
    return number


def save_service(service: Service | None, organization: Organization, data: dict, user) -> Service:
    """Create or update a service, its category, place, counties and capacity; audited."""
    errors: dict[str, str] = {}

    def check(field_name, fn):
        try:
            return fn()
        except InputError as error:
            errors[field_name] = str(error)
            return None

    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = "Enter the service's name."
    status = data.get("status") or "active"
    if status not in SERVICE_STATUSES:
        errors["status"] = "Choose a status from the list."
    category = None
    if data.get("category_id"):
        category = db.session.get(TaxonomyTerm, data["category_id"])
        if category is None:
            errors["category_id"] = "Choose a category from the list."
    minimum_age = check("minimum_age", lambda: _int_or_none(data.get("minimum_age"), "minimum_age", 0, 120))
    maximum_age = check("maximum_age", lambda: _int_or_none(data.get("maximum_age"), "maximum_age", 0, 120))
    if minimum_age is not None and maximum_age is not None and maximum_age < minimum_age:
        errors["maximum_age"] = "The maximum age cannot be below the minimum age."
    email = (data.get("email") or "").strip()
    if email and ("@" not in email or " " in email):
        errors["email"] = "Enter an email address like intake@example.org."
    url = (data.get("url") or "").strip()
    if url and "://" not in url:
        url = "https://" + url
    county_ids = set(data.get("county_ids") or [])
    counties = {c.id: c for c in db.session.scalars(select(County).where(County.id.in_(county_ids)))}
    if len(counties) != len(county_ids):
        errors["county_ids"] = "Choose counties from the list."
    location_county = None
    if data.get("location_county_id"):
        location_county = db.session.get(County, data["location_county_id"])
        if location_county is None:
            errors["location_county_id"] = "Choose a county from the list."
    totals = {unit_type: check(f"total_{unit_type}", lambda u=unit_type: _int_or_none(
        data.get(f"total_{u}"), f"total_{u}")) for unit_type in UNIT_TYPES}
    if errors:
        first = next(iter(errors))
        raise InputError(errors[first], first, errors)

    creating = service is None
    if creating:
        service = Service(organization=organization, name=name)
        db.session.add(service)
    service.name = name
    service.category = category
    service.status = status
    service.minimum_age, service.maximum_age = minimum_age, maximum_age
    service.email, service.url = email, url
    service.accepts_referrals = bool(data.get("accepts_referrals"))
    for text_field in ("alternate_name", "description", "application_process",
                       "eligibility_description", "fees_description", "languages",
                       "interpretation_services"):
        setattr(service, text_field, (data.get(text_field) or "").strip())
    _set_areas(service, counties)
    _set_location(service, organization, data, location_county)
    _set_phone(service, (data.get("phone") or "").strip())
    _set_capacity(service, totals, user)
    db.session.flush()
    audit("service_created" if creating else "service_updated", "service", service.id,
          detail=f"organization {organization.id}")
    db.session.commit()
    return service


def _set_areas(service: Service, counties: dict[int, County]) -> None:
    current = {area.county_id: area for area in service.areas}
    for county_id, area in current.items():
        if county_id not in counties:
            service.areas.remove(area)
    for county_id, county in counties.items():
        if county_id not in current:
            service.areas.append(ServiceArea(county=county))


def _set_location(service: Service, organization: Organization, data: dict, county) -> None:
    address = (data.get("address_1") or "").strip()
    city = (data.get("city") or "").strip()
    location = service.locations[0] if service.locations else None
    if not address and not city and county is None:
        if location is not None:
            service.locations.remove(location)
        return
    if location is None:
        location = Location(organization=organization)
        service.locations.append(location)
    location.name = service.name
    location.address_1 = address
    location.city = city
    location.state_province = (data.get("state_province") or "").strip()
    location.postal_code = (data.get("postal_code") or "").strip()
    location.county = county


def _set_phone(service: Service, number: str) -> None:
    current = service.phones[0] if service.phones else None
    if number and current is None:
        service.phones.append(Phone(number=number))
    elif current is not None and not number:
        service.phones.remove(current)
    elif current is not None:
        current.number = number


def _set_capacity(service: Service, totals: dict[str, int | None], user) -> None:
    units = {unit.unit_type: unit for unit in service.capacity}
    for unit_type, total in totals.items():
        unit = units.get(unit_type)
        if total is None:
            if unit is not None:
                service.capacity.remove(unit)
            continue
        if unit is None:
            service.capacity.append(CapacityUnit(unit_type=unit_type, total=total))
        else:
            unit.total = total
            if unit.available is not None and unit.available > total:
                unit.available = total


def update_availability(service: Service, values: dict[int, str], user) -> list[str]:
    """Set how many units are free now; each unit's number is checked against its total."""
    errors = []
    parsed = {}
    for unit in service.capacity:
        raw = (values.get(unit.id) or "").strip()
        if raw == "":
            errors.append(f"Enter how many {unit.unit_label.lower()} are free now.")
            continue
        try:
            number = int(raw)
        except ValueError:
            errors.append(f"{unit.unit_label}: enter a whole number.")
            continue
        if not 0 <= number <= unit.total:
            errors.append(f"{unit.unit_label}: enter a number from 0 to {unit.total}.")
            continue
        parsed[unit] = number
    if errors:
        return errors
    now = utcnow()
    for unit, number in parsed.items():
        unit.available = number
        unit.updated_at = now
        unit.updated_by_id = user.id
    audit("availability_updated", "service", service.id,
          detail=", ".join(f"{u.unit_type}={n}/{u.total}" for u, n in parsed.items()))
    db.session.commit()
    return []


def set_service_status(service: Service, status: str) -> None:
    service.status = status
    audit("service_updated", "service", service.id, detail=f"status {status}")
    db.session.commit()


def availability_services(user, organization_id: int | None = None) -> list[Service]:
    """The short list a provider updates: their organization's services that have capacity."""
    query = (select(Service).join(Service.organization)
             .where(Service.capacity.any(), Service.status.not_in(HIDDEN_STATUSES))
             .options(selectinload(Service.capacity), selectinload(Service.organization))
             .order_by(Organization.name, Service.name))
    if user.role == "provider":
        query = query.where(Service.organization_id == (user.organization_id or -1))
    elif organization_id:
        query = query.where(Service.organization_id == organization_id)
    return list(db.session.scalars(query))


# --- Verification queue -----------------------------------------------------------------------


def stale_before() -> date:
    return local_today() - timedelta(days=current_app.config.get("VERIFY_AFTER_DAYS", 180))


def verification_queue(limit: int = 200):
    """Active organizations and services not verified within the configured age, oldest first."""
    cutoff = stale_before()
    stale = lambda model: or_(model.assured_date.is_(None), model.assured_date < cutoff)  # noqa: E731
    organizations = list(db.session.scalars(
        select(Organization).where(Organization.active.is_(True), stale(Organization))
        .order_by(Organization.assured_date.is_not(None), Organization.assured_date, Organization.name)
        .limit(limit)))
    services = list(db.session.scalars(
        select(Service).where(Service.status.not_in(HIDDEN_STATUSES), stale(Service),
                              Service.organization_id.not_in(
                                  select(Organization.id).where(Organization.active.is_(False))))
        .options(selectinload(Service.organization))
        .order_by(Service.assured_date.is_not(None), Service.assured_date, Service.name)
        .limit(limit)))
    return organizations, services


# --- Search -----------------------------------------------------------------------------------


@dataclass
class SearchFilters:
    q: str = ""
    place: str = ""          # a town or county name
    county_id: int | None = None
    category_id: int | None = None
    sector: str = ""
    available: bool = False
    referrals: bool = False
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


def _covers(county_ids: list[int]):
    """A service covers a county through a service area or a location there. (Each filter on
    related rows is an IN over one uncorrelated subquery: it runs once, where EXISTS would run
    again for every service the search looks at.)"""
    return or_(
        Service.id.in_(select(ServiceArea.service_id).where(ServiceArea.county_id.in_(county_ids))),
        Service.id.in_(select(service_at_location.c.service_id)
                       .join(Location, Location.id == service_at_location.c.location_id)
                       .where(Location.county_id.in_(county_ids))),
    )


def _search_conditions(filters: SearchFilters) -> Select:
    """select(Service) with the filters' conditions only (no loading options, no order).
    Organization and category conditions are subqueries rather than joins: each runs once, and
    the planner then scans services alone (a join made SQLite walk every organization's services
    by index, several times slower). The words' lists come after the filters': SQLite reads
    services from the first list of ids it is given, and a county's or the available ones are
    usually shorter than a common word's."""
    query = select(Service)
    if filters.available:
        query = query.where(Service.id.in_(select(CapacityUnit.service_id).where(
            CapacityUnit.available > 0, CapacityUnit.updated_at >= availability_cutoff())))
    county_ids = []
    if filters.county_id:
        county_ids.append(filters.county_id)
    if filters.place:
        place_ids = counties_for_place(filters.place)
        county_ids = [c for c in county_ids if c in place_ids] if county_ids else place_ids
        if not county_ids:
            county_ids = [-1]  # a place we do not know: nothing covers it
    if county_ids:
        query = query.where(_covers(county_ids))
    if filters.category_id:
        query = query.where(Service.category_id.in_(select(TaxonomyTerm.id).where(or_(
            TaxonomyTerm.id == filters.category_id, TaxonomyTerm.parent_id == filters.category_id))))
    if filters.sector:
        query = query.where(Service.organization_id.in_(
            select(Organization.id).where(Organization.sector == filters.sector)))
    if filters.referrals:
        query = query.where(Service.accepts_referrals.is_(True))
    query = query.where(*words.service_conditions(filters.words))
    if not filters.include_inactive:
        query = query.where(Service.status.not_in(HIDDEN_STATUSES), Service.organization_id.not_in(
            select(Organization.id).where(Organization.active.is_(False))))
    return query


def _result_options():
    """What the CSV export and the gap map read of each service: organization and category
    (with its parent) joined in the same query, capacity and counties in one more query each."""
    return (joinedload(Service.organization), joinedload(Service.category)
            .joinedload(TaxonomyTerm.parent), selectinload(Service.capacity),
            selectinload(Service.areas).joinedload(ServiceArea.county))


@dataclass
class SearchResult:
    """What one search result shows, read as rows: the page is asked for on every pause in
    typing, and building whole services with their organizations, categories and counties cost
    more than finding them."""
    id: int
    name: str
    description: str
    status: str
    accepts_referrals: bool
    organization_name: str
    category_label: str
    capacity: list[CapacityUnit] = field(default_factory=list)
    counties: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return SERVICE_STATUSES.get(self.status, self.status)


def _results(ids: list[int]) -> list[SearchResult]:
    """The services `ids` as search results, in that order."""
    if not ids:
        return []
    parent = db.aliased(TaxonomyTerm)
    rows = _run(select(Service.id, Service.name, Service.description, Service.status,
                       Service.accepts_referrals, Organization.name, TaxonomyTerm.name, parent.name)
                .join(Organization, Organization.id == Service.organization_id)
                .outerjoin(TaxonomyTerm, TaxonomyTerm.id == Service.category_id)
                .outerjoin(parent, parent.id == TaxonomyTerm.parent_id)
                .where(Service.id.in_(ids)))
    by_id = {}
    for id_, name, description, status, referrals, organization, category, parent_name in rows:
        label = f"{parent_name} › {category}" if parent_name else (category or "")
        by_id[id_] = SearchResult(id_, name, description, status, referrals, organization, label)
    for unit in db.session.scalars(select(CapacityUnit).where(CapacityUnit.service_id.in_(ids))
                                   .order_by(CapacityUnit.unit_type, CapacityUnit.id)):
        by_id[unit.service_id].capacity.append(unit)
    for service_id, county in _run(select(ServiceArea.service_id, County.name)
                                   .join(County, County.id == ServiceArea.county_id)
                                   .where(ServiceArea.service_id.in_(ids)).order_by(ServiceArea.id)):
        by_id[service_id].counties.append(county)
    return [by_id[i] for i in ids if i in by_id]


def service_search(filters: SearchFilters) -> Select:
    """Services matching the filters, by name (all of them: the CSV export, the gap map)."""
    return (_search_conditions(filters).options(*_result_options())
            .order_by(func.lower(Service.name), Service.id))


# Up to this many matches are sorted by name; more are read in name order from the index.
FEW_MATCHES = 400


def search_page(filters: SearchFilters, page: int, per_page: int = 20) -> Page:
    """One page of the search: the number of matches, the page's ids in name order, then what
    each of those services shows in the results."""
    conditions = _search_conditions(filters)
    offset = (page - 1) * per_page
    if filters.words:
        ids, total = _page_of_word_matches(conditions, offset, per_page)
    else:
        ids, total = _page_of_filter_matches(conditions, offset, per_page)
    return Page(items=_results(ids), total=total, page=page, per_page=per_page)


def _run(statement):
    """A statement of columns only, on the session's connection: no ORM step to pass through
    (and no flush: the search only reads)."""
    return db.session.connection().execute(statement)


def _count(conditions: Select) -> int:
    return _run(conditions.with_only_columns(func.count(), maintain_column_froms=True)).scalar() or 0


def _page_of_word_matches(conditions: Select, offset: int, per_page: int):
    """Words bound the matches to their lists of services, so the matches are read once (from
    those lists), counted and sorted by name in one statement."""
    matches = conditions.with_only_columns(
        Service.id.label("id"), func.lower(Service.name).label("name_key")).cte("matches")
    total = select(func.count()).select_from(matches).scalar_subquery()
    rows = _run(select(matches.c.id, total).order_by(matches.c.name_key, matches.c.id)
                .limit(per_page).offset(offset)).all()
    if not rows:
        return [], _count(conditions) if offset else 0
    return [row[0] for row in rows], rows[0][1]


def _page_of_filter_matches(conditions: Select, offset: int, per_page: int):
    """Without words, a first read takes up to FEW_MATCHES + 1 matching ids in no order, from
    the filters' index. If that is all of them, it is the count, and the page is those few
    sorted by name. If there are more, the count reads the index to the end and the page comes
    from walking ix_service_name_lower, which stops as soon as the page is full: with that many
    matches it soon is. (Sorting many matches, or walking for a few, would read every service.)"""
    name_order = (func.lower(Service.name), Service.id)
    few = _run(conditions.with_only_columns(Service.id).limit(FEW_MATCHES + 1)).scalars().all()
    if len(few) <= FEW_MATCHES:
        total, conditions = len(few), select(Service).where(Service.id.in_(few))
    else:
        total = _count(conditions)
    if offset >= total:
        return [], total
    return _run(conditions.with_only_columns(Service.id).order_by(*name_order)
                .limit(per_page).offset(offset)).scalars().all(), total


def organization_matches(filters: SearchFilters, limit: int = 10) -> list[Organization]:
    """Organizations whose name or description matches the words (shown above services)."""
    if not filters.words:
        return []
    query = select(Organization).where(*words.organization_conditions(filters.words))
    if filters.sector:
        query = query.where(Organization.sector == filters.sector)
    if not filters.include_inactive:
        query = query.where(Organization.active.is_(True))
    return list(db.session.scalars(query.order_by(func.lower(Organization.name)).limit(limit)))


def category_filter_choices() -> list[tuple[int, str]]:
    """Both levels: a first-level category finds everything under it."""
    parent = db.aliased(TaxonomyTerm)
    rows = db.session.execute(select(TaxonomyTerm.id, TaxonomyTerm.name, parent.name)
                              .outerjoin(parent, TaxonomyTerm.parent_id == parent.id))
    return sorted(((id_, f"{parent_name} › {name}" if parent_name else f"{name} (all)")
                   for id_, name, parent_name in rows), key=lambda pair: pair[1])
