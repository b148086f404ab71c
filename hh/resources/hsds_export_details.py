"""HSDS export of a service's details: opening hours (schedules), fees (cost_options),
required documents, funding, accessibility, program and free-text service areas. Each text is
written whole in one row, so importing the export gives back exactly the same text."""
from __future__ import annotations

from hh.resources.hours import RRULE_DAYS
from hh.resources.hsds_tables import derived_id, hsds_uuid


def program_id(service) -> str:
    if not service.program:
        return ""
    return derived_id("program", service.organization.hsds_id, service.program)


def _time(value) -> str:
    return value.strftime("%H:%M:%S") if value is not None else ""


def service_details(tables: dict, service, sid: str) -> None:
    """Append the service's detail rows to the export's tables."""
    for hour in service.hours:
        weekly = hour.weekday is not None
        tables["schedule"].append({
            "id": hsds_uuid(hour.hsds_id), "service_id": sid, "freq": "WEEKLY" if weekly else "",
            "byday": RRULE_DAYS[hour.weekday] if weekly else "", "opens_at": _time(hour.opens_at),
            "closes_at": _time(hour.closes_at), "description": hour.description})
    if service.fees_description:
        tables["cost_option"].append({"id": derived_id("cost", sid), "service_id": sid,
                                      "option": service.fees_description})
    if service.required_documents:
        tables["required_document"].append({"id": derived_id("documents", sid), "service_id": sid,
                                            "document": service.required_documents})
    if service.funding:
        tables["funding"].append({
            "id": derived_id("funding", sid), "service_id": sid, "source": service.funding,
            "organization_id": hsds_uuid(service.organization.hsds_id)})
    if service.area_description:
        tables["service_area"].append({"id": derived_id("area", sid), "service_id": sid,
                                       "name": service.area_description})
    if service.accessibility:
        for location in service.locations:
            lid = hsds_uuid(location.hsds_id)
            tables["accessibility"].append({"id": derived_id("accessibility", sid, lid),
                                            "location_id": lid,
                                            "description": service.accessibility})
    if service.program:
        pid = program_id(service)
        if pid not in tables.setdefault("__programs__", set()):
            tables["__programs__"].add(pid)
            tables["program"].append({
                "id": pid, "organization_id": hsds_uuid(service.organization.hsds_id),
                "name": service.program, "description": service.program})
