"""The rules about services that other features use too: which statuses hide a service, when
availability is fresh, who may edit a service, and which records are due for verification.
Adding and editing is in editing, availability in availability, the search in search."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from hh.directory.models import Organization
from hh.directory.services import can_edit_organization
from hh.extensions import db
from hh.resources.models import CapacityUnit, Location, Service, ServiceArea, TaxonomyTerm
from hh.timeutil import local_today, utcnow
from hh.web import audit

HIDDEN_STATUSES = ("inactive", "defunct")


def service_for_page(service_id: int) -> Service | None:
    """A service with everything its page shows, one statement per list."""
    return db.session.get(Service, service_id, populate_existing=True, options=[
        joinedload(Service.organization), joinedload(Service.category).joinedload(TaxonomyTerm.parent),
        selectinload(Service.capacity).joinedload(CapacityUnit.updated_by),
        selectinload(Service.areas).joinedload(ServiceArea.county),
        selectinload(Service.locations).joinedload(Location.county),
        selectinload(Service.phones), selectinload(Service.hours)])


def availability_cutoff() -> datetime:
    return utcnow() - timedelta(days=current_app.config.get("AVAILABILITY_STALE_DAYS", 7))


def is_fresh(unit: CapacityUnit) -> bool:
    """Availability older than the configured days is unknown, not a number."""
    return unit.available is not None and unit.updated_at is not None and \
        unit.updated_at >= availability_cutoff()


def can_edit_service(user, service: Service) -> bool:
    return can_edit_organization(user, service.organization)


def set_service_status(service: Service, status: str) -> None:
    service.status = status
    audit("service_updated", "service", service.id, detail=f"status {status}")
    db.session.commit()


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
