"""What a service's page shows. The page is opened from every search and every referral, and its
records (the service with its organization, category, counties, places, phones and hours: seven
statements) cost more to load than to show, on PostgreSQL half the page. All but the free
capacity change rarely: they are read as plain values and kept in the one cache until one of the
tables they come from is written. Free capacity, which changes all day, is read on every view."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from hh.caching import remember
from hh.extensions import db
from hh.resources.hours import Hours
from hh.resources.models import (
    SERVICE_STATUSES,
    CapacityUnit,
    Location,
    Service,
    ServiceArea,
    TaxonomyTerm,
)


class Named(NamedTuple):
    """The service's organization: its page's link and name."""
    id: int
    name: str


class Place(NamedTuple):
    address_line: str
    county_name: str | None


@dataclass(frozen=True)
class ServicePage:
    """A service as its page shows it, but its free capacity (service_capacity)."""
    id: int
    name: str
    status: str
    description: str
    accepts_referrals: bool
    eligibility_description: str
    minimum_age: int | None
    maximum_age: int | None
    application_process: str
    fees_description: str
    required_documents: str
    accessibility: str
    languages: str
    interpretation_services: str
    area_description: str
    email: str
    url: str
    program: str
    funding: str
    assured_date: date | None
    assurer_email: str
    organization: Named
    category_label: str | None
    county_names: tuple[str, ...]
    places: tuple[Place, ...]
    phone_numbers: tuple[str, ...]
    hours: tuple[Hours, ...]

    @property
    def status_label(self) -> str:
        return SERVICE_STATUSES.get(self.status, self.status)


# The service's own columns the page shows (ServicePage's fields of the same names).
_COLUMNS = ("id", "name", "status", "description", "accepts_referrals", "eligibility_description",
            "minimum_age", "maximum_age", "application_process", "fees_description",
            "required_documents", "accessibility", "languages", "interpretation_services",
            "area_description", "email", "url", "program", "funding", "assured_date",
            "assurer_email")
# The tables a page is read from (but capacity_unit): a write to any is read again at once.
_TABLES = ["service", "organization", "taxonomy_term", "service_area", "county", "location",
           "service_at_location", "phone", "service_schedule"]


def service_page(service_id: int) -> ServicePage | None:
    """The service's page (None: no such service), from the cache while it holds."""
    return remember(f"service_page:{service_id}", _TABLES, lambda: _read(service_id))


@cache
def _page_statement():
    """Built once, on first use (building it sets up every model, which must all be imported by
    then); the lists one statement each."""
    return select(Service).where(Service.id == bindparam("service_id")).options(
        joinedload(Service.organization),
        joinedload(Service.category).joinedload(TaxonomyTerm.parent),
        selectinload(Service.areas).joinedload(ServiceArea.county),
        selectinload(Service.locations).joinedload(Location.county),
        selectinload(Service.phones), selectinload(Service.hours))


def _read(service_id: int) -> ServicePage | None:
    service = db.session.scalars(_page_statement(), {"service_id": service_id}).unique().first()
    if service is None:
        return None
    return ServicePage(
        **{name: getattr(service, name) for name in _COLUMNS},
        organization=Named(service.organization.id, service.organization.name),
        category_label=service.category.label if service.category else None,
        county_names=tuple(area.county.name for area in service.areas),
        places=tuple(Place(location.address_line, location.county.name if location.county else None)
                     for location in service.locations),
        phone_numbers=tuple(phone.number for phone in service.phones),
        hours=tuple(Hours(h.weekday, h.opens_at, h.closes_at, h.description)
                    for h in service.hours))


@cache
def _capacity_statement():
    """Free capacity with who updated it, in the service's own order: built once, on first use."""
    return (select(CapacityUnit).where(CapacityUnit.service_id == bindparam("service_id"))
            .order_by(CapacityUnit.unit_type, CapacityUnit.id)
            .options(joinedload(CapacityUnit.updated_by)))


def service_capacity(service_id: int) -> list[CapacityUnit]:
    return list(db.session.scalars(_capacity_statement(), {"service_id": service_id}))
