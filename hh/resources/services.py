"""The rules about services that other features use too: which statuses hide a service, when
availability is fresh, who may edit a service, and which records are due for verification.
Adding and editing is in editing, availability in availability, the search in search."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hh.directory.models import Organization
from hh.directory.services import can_edit_organization
from hh.extensions import db
from hh.resources.models import CapacityUnit, Service
from hh.timeutil import local_today, utcnow
from hh.web import audit

HIDDEN_STATUSES = ("inactive", "defunct")


def availability_cutoff() -> datetime:
    return utcnow() - timedelta(days=current_app.config.get("AVAILABILITY_STALE_DAYS", 7))


def is_fresh(unit: CapacityUnit) -> bool:
    """Availability older than the configured days is unknown, not a number."""
    return unit.available is not None and unit.updated_at is not None and \
        unit.updated_at >= availability_cutoff()


def can_edit_service(user, service) -> bool:
    """`service`: a Service, or anything with its organization (service_page.ServicePage)."""
    return can_edit_organization(user, service.organization)


def set_service_status(service: Service, status: str) -> None:
    service.status = status
    audit("service_updated", "service", service.id, detail=f"status {status}")
    db.session.commit()


# --- Verification queue -----------------------------------------------------------------------


def stale_before() -> date:
    return local_today() - timedelta(days=current_app.config.get("VERIFY_AFTER_DAYS", 180))


def verification_queue(limit: int = 200):
    """Active organizations and services not verified within the configured age: never
    verified first, then the oldest verification first (each by name)."""
    cutoff = stale_before()
    organizations = _oldest_unverified(
        select(Organization).where(Organization.active.is_(True)), Organization, cutoff, limit)
    services = _oldest_unverified(
        select(Service).where(Service.status.not_in(HIDDEN_STATUSES), Service.organization_id.not_in(
            select(Organization.id).where(Organization.active.is_(False))))
        .options(selectinload(Service.organization)), Service, cutoff, limit)
    return organizations, services


def _oldest_unverified(query, model, cutoff: date, limit: int) -> list:
    """The never verified, then the oldest verified before `cutoff`: two reads in the verified
    date's order, which stop at `limit` (one ordered by "verified or not" first sorted every
    stale record: 80 ms at ten times the demo's services)."""
    never = list(db.session.scalars(query.where(model.assured_date.is_(None))
                                    .order_by(model.name, model.id).limit(limit)))
    if len(never) >= limit:
        return never
    return never + list(db.session.scalars(
        query.where(model.assured_date < cutoff)
        .order_by(model.assured_date, model.name, model.id).limit(limit - len(never))))
