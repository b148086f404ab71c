"""Availability: how many beds, slots, vouchers or appointments are free now, and the short
list a provider keeps current."""
from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from hh.directory.models import Organization
from hh.extensions import db
from hh.resources.models import CapacityUnit, Service
from hh.resources.services import HIDDEN_STATUSES
from hh.timeutil import utcnow
from hh.web import audit


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


def _shown(unit: CapacityUnit) -> str:
    return "" if unit.available is None else str(unit.available)


def save_all(listed: list[Service], posted, user, confirmed: int | None) -> tuple[list, dict]:
    """"Save all" on the availability page: every listed service whose numbers were changed, and
    the one whose Save was pressed (saving the same numbers says they are still right). Returns
    the names of those saved and each refused service's messages; the others are saved anyway."""
    saved, refused = [], {}
    for service in listed:
        names = [f"unit_{unit.id}" for unit in service.capacity]
        if not all(name in posted for name in names):
            continue  # not on the page that was sent (the list changed since)
        values = {unit.id: posted.get(f"unit_{unit.id}", "") for unit in service.capacity}
        if service.id != confirmed and all(
                values[unit.id].strip() == _shown(unit) for unit in service.capacity):
            continue
        errors = update_availability(service, values, user)
        if errors:
            refused[service.id] = errors
        else:
            saved.append(service.name)
    return saved, refused


def set_service_status(service: Service, status: str) -> None:
    service.status = status
    audit("service_updated", "service", service.id, detail=f"status {status}")
    db.session.commit()


def availability_options() -> tuple:
    """What a service's availability row shows: its organization, units and who updated each."""
    return (selectinload(Service.capacity).joinedload(CapacityUnit.updated_by),
            selectinload(Service.organization))


def service_for_availability(service_id: int) -> Service | None:
    """A service as its availability row shows it, re-read after an update was saved."""
    return db.session.get(Service, service_id, populate_existing=True,
                          options=availability_options())


def availability_query(user, organization_id: int | None = None) -> Select:
    """The short list a provider updates: their organization's services that have capacity (a
    coordinator's: one organization's, or every one's, a page at a time)."""
    query = (select(Service).join(Service.organization)
             .where(Service.capacity.any(), Service.status.not_in(HIDDEN_STATUSES))
             .options(*availability_options()).order_by(Organization.name, Service.name, Service.id))
    if user.role == "provider":
        query = query.where(Service.organization_id == (user.organization_id or -1))
    elif organization_id:
        query = query.where(Service.organization_id == organization_id)
    return query


# A coordinator chooses an organization from a list while the CoC has at most this many active
# ones; beyond that, types its name (a list of thousands weighs more than the page it filters).
ORGANIZATIONS_LISTED = 150


def organization_choices() -> list[tuple[int, str]] | None:
    """The active organizations to choose from, by name; None when there are too many to list."""
    rows = db.session.execute(select(Organization.id, Organization.name)
                              .where(Organization.active.is_(True))
                              .order_by(Organization.name).limit(ORGANIZATIONS_LISTED + 1)).all()
    return None if len(rows) > ORGANIZATIONS_LISTED else [tuple(row) for row in rows]


def organization_named(name: str) -> int | None:
    """The organization of that name, in any letter case (names are unique)."""
    return db.session.scalar(select(Organization.id).where(
        func.lower(Organization.name) == name.strip().lower()))
