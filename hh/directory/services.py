"""Directory operations: who may edit what, saving organizations and contacts, verification."""
from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from hh.directory.models import (
    AGREEMENT_STATUSES,
    PARTNERSHIP_ROLES,
    SECTORS,
    Contact,
    County,
    Organization,
    Phone,
)
from hh.errors import InputError
from hh.extensions import db
from hh.timeutil import local_today
from hh.web import audit, is_coordinator, like


class DirectoryError(InputError):
    """An organization or contact that cannot be saved as given."""



def can_edit_organization(user, organization: Organization) -> bool:
    """Coordinators and admins edit every organization; providers only their own."""
    if is_coordinator(user):
        return True
    return (user.is_authenticated and user.role == "provider"
            and user.organization_id is not None and user.organization_id == organization.id)



def organization_query(q: str = "", sector: str = "", county_id: int | None = None,
                       include_inactive: bool = False) -> Select:
    # The counties of a whole page (or of the whole CSV) in one query, not one per organization.
    query = (select(Organization).order_by(func.lower(Organization.name))
             .options(selectinload(Organization.counties)))
    if q:
        pattern = like(q.strip())
        query = query.where(or_(Organization.name.ilike(pattern, escape="\\"),
                                Organization.alternate_name.ilike(pattern, escape="\\"),
                                Organization.description.ilike(pattern, escape="\\")))
    if sector:
        query = query.where(Organization.sector == sector)
    if county_id:
        query = query.where(Organization.counties.any(County.id == county_id))
    if not include_inactive:
        query = query.where(Organization.active.is_(True))
    return query


def county_choices() -> list[tuple[int, str]]:
    return [tuple(row) for row in db.session.execute(select(County.id, County.name).order_by(County.name))]


# Fields a provider may change on their own organization; the partnership record and
# active/inactive are the coordinators'.
PROVIDER_FIELDS = ("alternate_name", "description", "email", "website", "phone", "county_ids")
COORDINATOR_FIELDS = PROVIDER_FIELDS + ("name", "sector", "agreement_status",
                                        "agreement_signed_on", "agreement_expires_on",
                                        "in_case_conferencing", "active")


def save_organization(organization: Organization | None, data: dict, user) -> Organization:
    """Create or update an organization from form data; audited. Raises DirectoryError."""
    creating = organization is None
    allowed = COORDINATOR_FIELDS if is_coordinator(user) else PROVIDER_FIELDS
    if creating:
        organization = Organization(name="")
    if "name" in allowed:
        name = (data.get("name") or "").strip()
        if not name:
            raise DirectoryError("Enter the organization's name.", "name")
        other = db.session.scalar(select(Organization).where(func.lower(Organization.name) == name.lower()))
        if other is not None and other is not organization:
            raise DirectoryError("Another organization already has this name.", "name")
        organization.name = name
    if "sector" in allowed and data.get("sector") not in SECTORS:
        raise DirectoryError("Choose a sector from the list.", "sector")
    if "agreement_status" in allowed and data.get("agreement_status") not in AGREEMENT_STATUSES:
        raise DirectoryError("Choose an agreement status from the list.", "agreement_status")
    signed, expires = data.get("agreement_signed_on"), data.get("agreement_expires_on")
    if "agreement_expires_on" in allowed and signed and expires and expires < signed:
        raise DirectoryError("The agreement cannot expire before it was signed.",
                             "agreement_expires_on")
    email = (data.get("email") or "").strip()
    if email and ("@" not in email or " " in email):
        raise DirectoryError("Enter an email address like info@example.org.", "email")
    website = (data.get("website") or "").strip()
    if website and "://" not in website:
        data = dict(data, website="https://" + website)  # people type "example.org"
    elif website and not website.startswith(("http://", "https://")):
        raise DirectoryError("Enter a web address starting with https://.", "website")
    changed = []
    for field in allowed:
        if field in ("name", "phone", "county_ids"):
            continue
        value = data.get(field)
        if isinstance(value, str):
            value = value.strip()
        if getattr(organization, field) != value:
            setattr(organization, field, value)
            changed.append(field)
    county_ids = set(data.get("county_ids") or [])
    counties = list(db.session.scalars(select(County).where(County.id.in_(county_ids)))) if county_ids else []
    if len(counties) != len(county_ids):
        raise DirectoryError("Choose counties from the list.", "county_ids")
    if {c.id for c in organization.counties} != county_ids:
        organization.counties = counties
        changed.append("counties")
    phone = (data.get("phone") or "").strip()
    current = organization.phones[0] if organization.phones else None
    if phone and current is None:
        organization.phones.append(Phone(number=phone))
        changed.append("phone")
    elif current is not None and phone != current.number:
        if phone:
            current.number = phone
        else:
            organization.phones.remove(current)
        changed.append("phone")
    if creating:
        db.session.add(organization)
    db.session.flush()
    if creating:
        audit("organization_created", "organization", organization.id)
    elif changed:
        audit("organization_updated", "organization", organization.id,
              detail="changed " + ", ".join(changed))
    db.session.commit()
    return organization


def mark_verified(record, user) -> None:
    """Record that someone checked this organization or service is still right today."""
    record.assured_date = local_today()
    record.assurer_email = user.email
    kind = record.__tablename__
    audit(f"{kind}_verified", kind, record.id)
    db.session.commit()


def set_organization_active(organization: Organization, active: bool) -> bool:
    """Mark an organization active or inactive (inactive: it and its services leave the
    directory, search and the verification queue; its records and history stay). Audited.
    Returns whether anything changed."""
    if organization.active == active:
        return False
    organization.active = active
    audit("organization_updated", "organization", organization.id,
          detail="status " + ("active" if active else "inactive"))
    db.session.commit()
    return True


def stale_before() -> date:
    return local_today() - timedelta(days=current_app.config.get("VERIFY_AFTER_DAYS", 180))


def save_contact(organization: Organization, contact: Contact | None, data: dict) -> Contact:
    name = (data.get("name") or "").strip()
    if not name:
        raise DirectoryError("Enter the contact's name.", "name")
    email = (data.get("email") or "").strip()
    if email and ("@" not in email or " " in email):
        raise DirectoryError("Enter an email address like name@example.org.", "email")
    if data.get("partnership_role") not in PARTNERSHIP_ROLES:
        raise DirectoryError("Choose a role from the list.", "partnership_role")
    creating = contact is None
    if creating:
        contact = Contact(organization=organization, name=name)
        db.session.add(contact)
    for field in ("name", "title", "email", "phone", "partnership_role"):
        setattr(contact, field, (data.get(field) or "").strip())
    db.session.flush()
    audit("contact_created" if creating else "contact_updated", "contact", contact.id,
          detail=f"organization {organization.id}")
    db.session.commit()
    return contact


def delete_contact(contact: Contact) -> None:
    audit("contact_deleted", "contact", contact.id, detail=f"organization {contact.organization_id}")
    db.session.delete(contact)
    db.session.commit()
