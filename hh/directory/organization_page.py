"""What an organization's page shows. The page is opened from the directory, every search result
and every service page; its records (the organization with its counties, contacts, phones,
regions it anchors and services: six statements) change rarely and cost more to load than to
show, on PostgreSQL most of the page. They are read as plain values and kept in the one cache
until one of the tables they come from is written. No client data is on it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload, selectinload

from hh.caching import remember
from hh.directory.models import PARTNERSHIP_ROLES, Organization, PartnerRecord
from hh.extensions import db


class Named(NamedTuple):
    id: int
    name: str


class PhoneNumber(NamedTuple):
    number: str


class ContactRow(NamedTuple):
    id: int
    name: str
    title: str
    email: str
    phone: str
    partnership_role: str

    @property
    def partnership_role_label(self) -> str:
        return PARTNERSHIP_ROLES.get(self.partnership_role, self.partnership_role)


class ServiceRow(NamedTuple):
    id: int
    name: str
    category_label: str | None
    status: str
    status_label: str


@dataclass(frozen=True)
class OrganizationPage(PartnerRecord):
    """An organization as its page shows it; its sector and agreement read as the record's."""
    id: int
    name: str
    alternate_name: str
    description: str
    email: str
    website: str
    sector: str
    agreement_status: str
    agreement_signed_on: date | None
    agreement_expires_on: date | None
    in_case_conferencing: bool
    active: bool
    assured_date: date | None
    assurer_email: str
    phones: tuple[PhoneNumber, ...]
    counties: tuple[Named, ...]
    anchors: tuple[Named, ...]
    contacts: tuple[ContactRow, ...]
    services: tuple[ServiceRow, ...]


# The organization's own columns the page shows (OrganizationPage's fields of the same names).
_COLUMNS = ("id", "name", "alternate_name", "description", "email", "website", "sector",
            "agreement_status", "agreement_signed_on", "agreement_expires_on",
            "in_case_conferencing", "active", "assured_date", "assurer_email")
# The tables a page is read from: a write to any is read again at once (a change of counties
# marks the organization itself).
_TABLES = ["organization", "county", "contact", "phone", "region", "service", "taxonomy_term"]


def organization_page(organization_id: int) -> OrganizationPage | None:
    """The organization's page (None: no such organization), from the cache while it holds."""
    return remember(f"organization_page:{organization_id}", _TABLES,
                    lambda: _read(organization_id))


@cache
def _statements():
    """Built once, on first use (building them sets up every model, which must all be imported by
    then): the organization with its lists, one statement each, and its services by name."""
    from hh.resources.models import Service, TaxonomyTerm

    organization = select(Organization).where(Organization.id == bindparam("id")).options(
        selectinload(Organization.counties), selectinload(Organization.contacts),
        selectinload(Organization.phones), selectinload(Organization.anchors),
    ).execution_options(populate_existing=True)  # the session may hold it (the user's) unlisted
    services = (select(Service).where(Service.organization_id == bindparam("id"))
                .options(joinedload(Service.category).joinedload(TaxonomyTerm.parent))
                .order_by(Service.name))
    return organization, services


def _read(organization_id: int) -> OrganizationPage | None:
    read_organization, read_services = _statements()
    organization = db.session.scalars(read_organization, {"id": organization_id}).first()
    if organization is None:
        return None
    services = db.session.scalars(read_services, {"id": organization_id}).unique()
    return OrganizationPage(
        **{name: getattr(organization, name) for name in _COLUMNS},
        phones=tuple(PhoneNumber(phone.number) for phone in organization.phones),
        counties=tuple(Named(county.id, county.name) for county in organization.counties),
        anchors=tuple(Named(region.id, region.name) for region in organization.anchors),
        contacts=tuple(ContactRow(c.id, c.name, c.title, c.email, c.phone, c.partnership_role)
                       for c in organization.contacts),
        services=tuple(ServiceRow(s.id, s.name, s.category.label if s.category else None,
                                  s.status, s.status_label) for s in services))
