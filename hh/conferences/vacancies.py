"""A meeting's "available resources": directory services serving the conference's region that
have fresh free units now, the most room first."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from hh.caching import remember
from hh.directory.models import County, Organization
from hh.extensions import db


@dataclass(frozen=True)
class Vacancy:
    """One row of a meeting's "available resources": a service's free units of one kind."""

    service_id: int
    service: str
    organization: str
    available: int
    total: int
    unit_label: str


VACANCY_TABLES = ("service", "capacity_unit", "service_area", "organization", "county")


def vacancies(region_id: int, limit: int = 40) -> list[Vacancy]:
    """Shown services that serve one of the region's counties and have free units updated
    recently enough to trust, the most room first (then by the service's name). Kept in the one
    cache until availability changes, and for a minute at most (freshness moves with time)."""
    return remember(f"vacancies:{region_id}:{limit}", VACANCY_TABLES,
                    lambda: _vacancies(region_id, limit), timeout=60)


def _vacancies(region_id: int, limit: int) -> list[Vacancy]:
    from hh.resources.models import UNIT_TYPES, CapacityUnit, Service, ServiceArea
    from hh.resources.services import HIDDEN_STATUSES, availability_cutoff

    # Asked of each fresh unit with room (a few of the directory's), not of every service that
    # serves the region (a third of the directory at ten times the demo's size).
    serves_region = (select(ServiceArea.id).join(County, County.id == ServiceArea.county_id)
                     .where(ServiceArea.service_id == CapacityUnit.service_id,
                            County.region_id == region_id)
                     .exists())
    rows = db.session.execute(
        select(Service.id, Service.name, Organization.name, CapacityUnit.available,
               CapacityUnit.total, CapacityUnit.unit_type)
        .join(CapacityUnit, CapacityUnit.service_id == Service.id)
        .join(Organization, Organization.id == Service.organization_id)
        .where(serves_region, Service.status.not_in(HIDDEN_STATUSES),
               CapacityUnit.available > 0, CapacityUnit.updated_at >= availability_cutoff())
        .order_by(CapacityUnit.available.desc(), Service.name)
        .limit(limit))
    return [Vacancy(service_id, name, organization, available, total,
                    UNIT_TYPES.get(unit_type, unit_type))
            for service_id, name, organization, available, total, unit_type in rows]
