"""Directory operations: who may edit what, saving organizations and contacts, verification."""
from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from hh.caching import remember
from hh.directory.models import (
    AGREEMENT_FILTERS,
    AGREEMENT_WARNING_DAYS,
    Contact,
    County,
    Organization,
    Phone,
)
from hh.errors import InputError, raise_if
from hh.extensions import db
from hh.forms import choices
from hh.timeutil import local_today
from hh.web import any_like, audit, is_coordinator, like


class DirectoryError(InputError):
    """An organization or contact that cannot be saved as given."""


def can_edit_organization(user, organization: Organization) -> bool:
    """Coordinators and admins edit every organization; providers only their own."""
    if is_coordinator(user):
        return True
    return (user.is_authenticated and user.role == "provider"
            and user.organization_id is not None and user.organization_id == organization.id)


def organization_query(q: str = "", sector: str = "", county_id: int | None = None,
                       include_inactive: bool = False, agreement: str = "") -> Select:
    # The counties of a whole page (or of the whole CSV) in one query, not one per organization.
    query = (select(Organization).order_by(func.lower(Organization.name))
             .options(selectinload(Organization.counties)))
    if q:
        query = query.where(any_like(like(q.strip()), Organization.name,
                                     Organization.alternate_name, Organization.description))
    if sector:
        query = query.where(Organization.sector == sector)
    if county_id:
        query = query.where(Organization.counties.any(County.id == county_id))
    if agreement in AGREEMENT_FILTERS:
        query = query.where(_agreement_is(agreement, local_today()))
    if not include_inactive:
        query = query.where(Organization.active.is_(True))
    return query


def organization_count(query: Select, filters: dict) -> int:
    """How many organizations organization_query(**filters) finds: the same for every reader,
    so from the cache until an organization or the counties it serves change (counting 20,000
    cost PostgreSQL 3 ms on every view). The day is in the key: agreements expire."""
    key = "directory:count:" + "|".join(f"{name}={value}" for name, value in sorted(filters.items()))
    return remember(f"{key}|{local_today()}", ["organization", "organization_county"],
                    lambda: db.session.scalar(query.with_only_columns(
                        func.count(), maintain_column_froms=True).order_by(None).options()) or 0)


def _agreement_is(state: str, today: date):
    """The filter's condition, by the same rule as Organization.agreement_state."""
    signed = Organization.agreement_status == "signed"
    ends = Organization.agreement_expires_on
    soon = today + timedelta(days=AGREEMENT_WARNING_DAYS)
    if state == "in_force":
        return signed & (ends.is_(None) | (ends >= today))
    if state == "expiring":
        return signed & (ends >= today) & (ends <= soon)
    if state == "expired":
        return (Organization.agreement_status == "expired") | (signed & (ends < today))
    return Organization.agreement_status.in_(("none", "in_progress"))


def county_choices() -> list[tuple[int, str]]:
    """Every county, by name (a filter on most list pages: from the cache)."""
    return remember("county_choices", ["county"], lambda: [
        tuple(row) for row in db.session.execute(select(County.id, County.name).order_by(County.name))])


# Fields a provider may change on their own organization; the partnership record and
# active/inactive are the coordinators'.
PROVIDER_FIELDS = ("alternate_name", "description", "email", "website", "phone", "county_ids")
COORDINATOR_FIELDS = PROVIDER_FIELDS + ("name", "sector", "agreement_status",
                                        "agreement_signed_on", "agreement_expires_on",
                                        "in_case_conferencing", "active")


def save_organization(organization: Organization | None, data: dict, user) -> Organization:
    """Create or update an organization from OrganizationForm data (its shape already checked);
    each person changes only the fields of their role. Audited. Raises DirectoryError."""
    creating = organization is None
    allowed = COORDINATOR_FIELDS if is_coordinator(user) else PROVIDER_FIELDS
    organization = organization or Organization(name="")
    counties = _check_rules(organization, data, allowed)
    changed = _apply_fields(organization, data, allowed)
    if {c.id for c in organization.counties} != {c.id for c in counties}:
        organization.counties = counties
        changed.append("counties")
    if _apply_phone(organization, (data.get("phone") or "").strip()):
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


def _check_rules(organization: Organization, data: dict, allowed) -> list[County]:
    """The rules that need the database or several fields; returns the counties chosen."""
    errors: dict[str, str] = {}
    if "name" in allowed:
        other = db.session.scalar(select(Organization).where(
            func.lower(Organization.name) == data["name"].strip().lower()))
        if other is not None and other is not organization:
            errors["name"] = "Another organization already has this name."
    signed, expires = data.get("agreement_signed_on"), data.get("agreement_expires_on")
    if "agreement_expires_on" in allowed and signed and expires and expires < signed:
        errors["agreement_expires_on"] = "The agreement cannot expire before it was signed."
    county_ids = set(data.get("county_ids") or [])
    counties = list(db.session.scalars(select(County).where(County.id.in_(county_ids)))) if county_ids else []
    if len(counties) != len(county_ids):
        errors["county_ids"] = "Choose counties from the list."
    raise_if(errors, DirectoryError)
    return counties


def _apply_fields(organization: Organization, data: dict, allowed) -> list[str]:
    """Set the plain fields this person may change; returns the names of those that changed."""
    changed = []
    for field in allowed:
        if field in ("phone", "county_ids"):
            continue
        value = data.get(field)
        if isinstance(value, str):
            value = value.strip()
        if getattr(organization, field) != value:
            setattr(organization, field, value)
            changed.append(field)
    return changed


def _apply_phone(organization: Organization, phone: str) -> bool:
    """The organization's main phone (the first of its phones); returns whether it changed."""
    current = organization.phones[0] if organization.phones else None
    if current is None and phone:
        organization.phones.append(Phone(number=phone))
    elif current is not None and phone != current.number:
        if phone:
            current.number = phone
        else:
            organization.phones.remove(current)
    else:
        return False
    return True


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
    """The directory's rule for "needs verifying": an organization's or service's record last
    checked before this day (VERIFY_AFTER_DAYS ago) is due for checking again."""
    return local_today() - timedelta(days=current_app.config.get("VERIFY_AFTER_DAYS", 180))


def save_contact(organization: Organization, contact: Contact | None, data: dict) -> Contact:
    """Add or change a contact from ContactForm data (its shape already checked). Audited."""
    creating = contact is None
    if creating:
        contact = Contact(organization=organization, name="")
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


# --- Choosing an organization on another feature's form ---------------------------------------

# A form lists the organizations to choose from while there are at most this many; beyond that
# their names are typed (hh.forms.ChoiceOrNameField): a list of thousands weighs more than the page.
ORGANIZATIONS_LISTED = 150


def offer_organizations(field, options: Select, none: str | None = None) -> None:
    """Fill an organization field (ChoiceOrNameField or ChoicesOrNamesField) from `options`, a
    select of (id, name) in the order to show: the options themselves (after `none`, the label
    of choosing none) while they are few, else a name to type among the same organizations."""
    rows = db.session.execute(options.limit(ORGANIZATIONS_LISTED + 1)).all()
    if len(rows) <= ORGANIZATIONS_LISTED:
        field.choices = choices(([(None, none)] if none is not None else []) + [tuple(r) for r in rows])
        return

    def lookup(name: str) -> int | None:
        return db.session.scalar(options.with_only_columns(Organization.id).order_by(None)
                                 .where(func.lower(Organization.name) == name.lower()).limit(1))

    field.named(lookup, organization_names,
                "No organization is named “{}”: type its name as the directory has it.")
    typing = ("Their names, one per line, as the directory has them."
              if field.type == "ChoicesOrNamesField"
              else "Type the organization's name as the directory has it.")
    field.description = f"{field.description} {typing}".strip()


def organization_names(ids: list[int]) -> dict[int, str]:
    return dict(db.session.execute(select(Organization.id, Organization.name)
                                   .where(Organization.id.in_([i for i in ids if i]))).all())
