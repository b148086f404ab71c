"""Adding and editing a service: its fields checked (checks), then its category, place,
counties, phone and capacity set; audited. The services spreadsheet uses the same setters."""
from __future__ import annotations

from sqlalchemy import select

from hh.checks import email_address, web_address, whole_number
from hh.directory.models import County, Organization, Phone
from hh.errors import InputError, raise_if
from hh.extensions import db
from hh.resources.hours import Hours, parse_hours
from hh.resources.models import (
    SERVICE_STATUSES,
    UNIT_TYPES,
    CapacityUnit,
    Location,
    Service,
    ServiceArea,
    ServiceSchedule,
    TaxonomyTerm,
)
from hh.web import audit

TEXT_FIELDS = ("alternate_name", "description", "application_process", "eligibility_description",
               "fees_description", "languages", "interpretation_services", "required_documents",
               "accessibility", "program", "funding", "area_description")


class _Checked(dict):
    """Field values read through their rules; each refused field's message is kept in errors."""

    def __init__(self):
        super().__init__()
        self.errors: dict[str, str] = {}

    def read(self, field: str, rule, *args):
        try:
            self[field] = rule(*args)
        except InputError as error:
            self.errors.update(error.errors)
            self[field] = None
        return self[field]


def _record(model, record_id, field: str, message: str, checked: _Checked):
    """A chosen record (category, county) by id, or a message when there is no such record."""
    if not record_id:
        return None
    found = db.session.get(model, record_id)
    if found is None:
        checked.errors[field] = message
    return found


def check_service(data: dict) -> _Checked:
    """Every field of a service's form data through its rule; raises all messages at once."""
    checked = _Checked()
    checked["name"] = (data.get("name") or "").strip()
    if not checked["name"]:
        checked.errors["name"] = "Enter the service's name."
    checked["status"] = data.get("status") or "active"
    if checked["status"] not in SERVICE_STATUSES:
        checked.errors["status"] = "Choose a status from the list."
    checked["category"] = _record(TaxonomyTerm, data.get("category_id"), "category_id",
                                  "Choose a category from the list.", checked)
    low = checked.read("minimum_age", whole_number, data.get("minimum_age"), "minimum_age", 0, 120)
    high = checked.read("maximum_age", whole_number, data.get("maximum_age"), "maximum_age", 0, 120)
    if low is not None and high is not None and high < low:
        checked.errors["maximum_age"] = "The maximum age cannot be below the minimum age."
    checked.read("email", email_address, data.get("email"))
    checked.read("url", web_address, data.get("url"))
    county_ids = set(data.get("county_ids") or [])
    checked["counties"] = {c.id: c for c in db.session.scalars(
        select(County).where(County.id.in_(county_ids)))}
    if len(checked["counties"]) != len(county_ids):
        checked.errors["county_ids"] = "Choose counties from the list."
    checked["location_county"] = _record(County, data.get("location_county_id"), "location_county_id",
                                         "Choose a county from the list.", checked)
    checked["totals"] = {unit: checked.read(f"total_{unit}", whole_number, data.get(f"total_{unit}"),
                                            f"total_{unit}") for unit in UNIT_TYPES}
    checked.read("hours", parse_hours, data.get("hours") or "")
    raise_if(checked.errors)
    return checked


def save_service(service: Service | None, organization: Organization, data: dict, user) -> Service:
    """Create or update a service, its category, place, counties and capacity; audited."""
    checked = check_service(data)
    creating = service is None
    if creating:
        service = Service(organization=organization, name=checked["name"])
        db.session.add(service)
    for name in ("name", "category", "status", "minimum_age", "maximum_age", "email", "url"):
        setattr(service, name, checked[name])
    service.accepts_referrals = bool(data.get("accepts_referrals"))
    for text_field in TEXT_FIELDS:
        setattr(service, text_field, (data.get(text_field) or "").strip())
    set_areas(service, checked["counties"])
    set_location(service, organization, data, checked["location_county"])
    set_phone(service, (data.get("phone") or "").strip())
    set_capacity(service, checked["totals"])
    set_hours(service, checked["hours"])
    db.session.flush()
    audit("service_created" if creating else "service_updated", "service", service.id,
          detail=f"organization {organization.id}")
    db.session.commit()
    return service


def set_areas(service: Service, counties: dict[int, County]) -> None:
    current = {area.county_id: area for area in service.areas}
    for county_id, area in current.items():
        if county_id not in counties:
            service.areas.remove(area)
    for county_id, county in counties.items():
        if county_id not in current:
            service.areas.append(ServiceArea(county=county))


def set_location(service: Service, organization: Organization, data: dict, county) -> None:
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


def set_phone(service: Service, number: str) -> None:
    current = service.phones[0] if service.phones else None
    if number and current is None:
        service.phones.append(Phone(number=number))
    elif current is not None and not number:
        service.phones.remove(current)
    elif current is not None:
        current.number = number


def set_capacity(service: Service, totals: dict[str, int | None]) -> None:
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


def set_hours(service: Service, hours: list[Hours]) -> None:
    """Replace the service's opening hours when they differ from what it has."""
    def key(h) -> tuple:
        return (h.weekday, h.opens_at, h.closes_at, h.description)
    if sorted(map(key, service.hours), key=str) == sorted(map(key, hours), key=str):
        return
    service.hours = [ServiceSchedule(weekday=h.weekday, opens_at=h.opens_at,
                                     closes_at=h.closes_at, description=h.description)
                     for h in hours]
