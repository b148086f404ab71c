"""Reading the audit log (it is written through hh.web.audit); regions and counties."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from hh.admin.models import AuditEvent
from hh.directory.models import County, Organization, Region
from hh.errors import InputError
from hh.extensions import db
from hh.web import audit


def audit_query(action: str | None = None, actor: str | None = None,
                since: date | None = None, until: date | None = None) -> Select:
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action)
    if actor:
        pattern = "%" + actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(AuditEvent.actor.ilike(pattern, escape="\\"))
    if since:
        query = query.where(AuditEvent.at >= datetime.combine(since, time.min))
    if until:
        query = query.where(AuditEvent.at < datetime.combine(until + timedelta(days=1), time.min))
    return query


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


AUDIT_CSV_HEADER = ["when_utc", "who", "action", "object_type", "object_id", "from", "detail"]


def audit_rows(query: Select):
    for event in db.session.scalars(query).yield_per(500):
        yield [event.at.isoformat(timespec="seconds"), event.actor, event.action,
               event.object_type, event.object_id, event.remote_addr, event.detail]


# --- Regions and counties ---------------------------------------------------------------------
# Reference data every feature leans on (service areas, the gap map, By-Name List scoping,
# providers' regions). The admin pages and the `add-region` / `add-county` commands both save
# through these functions, so the rules and the audit trail are the same either way.

NAME_MAX = 100  # the length of county.name and region.name
_STATE = re.compile(r"^[A-Z]{2}$")


def _tidy(text: str | None) -> str:
    return " ".join((text or "").split())


def _named(model, name: str):
    """The record with this name: exact first, then ignoring case."""
    found = db.session.scalar(select(model).where(model.name == name))
    if found is None:
        found = db.session.scalar(select(model).where(func.lower(model.name) == name.lower())
                                  .order_by(model.id).limit(1))
    return found


def find_region(name: str) -> Region | None:
    return _named(Region, _tidy(name)) if _tidy(name) else None


def find_county(name: str) -> County | None:
    return _named(County, _tidy(name)) if _tidy(name) else None


def find_organization(name: str) -> Organization | None:
    return _named(Organization, _tidy(name)) if _tidy(name) else None


def region_list() -> tuple[list[Region], list[County]]:
    """Every region with its anchor and counties, and the counties in no region yet."""
    regions = list(db.session.scalars(
        select(Region).options(selectinload(Region.counties), selectinload(Region.anchor_organization))
        .order_by(func.lower(Region.name))))
    loose = list(db.session.scalars(
        select(County).where(County.region_id.is_(None)).order_by(func.lower(County.name))))
    return regions, loose


def _check_name(model, record, name: str, what: str, errors: dict) -> None:
    if not name:
        errors["name"] = f"Enter the {what}'s name."
    elif len(name) > NAME_MAX:
        errors["name"] = f"Use at most {NAME_MAX} characters."
    else:
        other = db.session.scalar(select(model).where(func.lower(model.name) == name.lower())
                                  .limit(1))
        if other is not None and other is not record:
            errors["name"] = f"There is already a {what} named {other.name}."


def save_region(region: Region | None, name: str, anchor_organization_id: int | None,
                user=None, actor: str | None = None) -> tuple[Region, list[str]]:
    """Create or change a region; returns it and what changed ([] when nothing did). Audited
    (ids only). Raises InputError with a message per field; nothing is saved then."""
    name = _tidy(name)
    errors: dict[str, str] = {}
    _check_name(Region, region, name, "region", errors)
    anchor = None
    if anchor_organization_id is not None:
        anchor = db.session.get(Organization, anchor_organization_id)
        if anchor is None:
            errors["anchor_organization_id"] = "Choose an organization from the list."
    if errors:
        raise InputError(next(iter(errors.values())), errors=errors)
    creating = region is None
    changed = []
    if creating:
        region = Region(name=name, anchor_organization=anchor)
        db.session.add(region)
    else:
        if region.name != name:
            region.name = name
            changed.append("name")
        if region.anchor_organization_id != (anchor.id if anchor else None):
            region.anchor_organization = anchor
            changed.append("anchor agency")
    db.session.flush()
    if creating:
        audit("region_created", "region", region.id, user=user, actor=actor,
              detail=f"anchor organization {anchor.id}" if anchor else "")
        changed = ["created"]
    elif changed:
        audit("region_updated", "region", region.id, user=user, actor=actor,
              detail="changed " + ", ".join(changed) +
              (f" (anchor organization {anchor.id})" if anchor and "anchor agency" in changed else ""))
    db.session.commit()
    return region, changed


def save_county(county: County | None, name: str, state: str, region_id: int | None,
                user=None, actor: str | None = None) -> tuple[County, list[str]]:
    """Create or change a county (name, two-letter state, region); returns it and what changed.
    Audited (ids only). Raises InputError with a message per field; nothing is saved then."""
    name = _tidy(name)
    state = _tidy(state).upper()
    errors: dict[str, str] = {}
    _check_name(County, county, name, "county", errors)
    if not state:
        errors["state"] = "Enter the state's two-letter code, like NE."
    elif not _STATE.match(state):
        errors["state"] = "Enter the state as two letters, like NE."
    region = None
    if region_id is not None:
        region = db.session.get(Region, region_id)
        if region is None:
            errors["region_id"] = "Choose a region from the list."
    if errors:
        raise InputError(next(iter(errors.values())), errors=errors)
    creating = county is None
    changed = []
    if creating:
        county = County(name=name, state=state, region=region)
        db.session.add(county)
    else:
        for field, value in (("name", name), ("state", state)):
            if getattr(county, field) != value:
                setattr(county, field, value)
                changed.append(field)
        if county.region_id != (region.id if region else None):
            county.region = region
            changed.append("region")
    db.session.flush()
    if creating:
        audit("county_created", "county", county.id, user=user, actor=actor,
              detail=f"region {region.id}" if region else "")
        changed = ["created"]
    elif changed:
        detail = "changed " + ", ".join(changed)
        if "region" in changed:
            detail += f" (region {region.id})" if region else " (no region)"
        audit("county_updated", "county", county.id, user=user, actor=actor, detail=detail)
    db.session.commit()
    return county, changed
