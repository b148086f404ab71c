"""The HSDS import's service details: fees, eligibility, required documents, funding,
accessibility, program and free-text areas gathered per service before the services are
written, and opening hours after. Mixed into the importer in hsds_import."""
from __future__ import annotations

from sqlalchemy import inspect, select
from sqlalchemy.orm.attributes import set_committed_value

from hh.extensions import db
from hh.importing import RowProblem, assign
from hh.resources.hours import parse_days, parse_time
from hh.resources.hsds_tables import derived_id
from hh.resources.models import ServiceSchedule

# Detail file kind → the service's text field it fills, and how a row reads as a line.
DETAILS = {
    "cost_option": "fees_description",
    "eligibility": "eligibility_description",
    "required_document": "required_documents",
    "funding": "funding",
    "accessibility": "accessibility",
}
# Fields that services.csv also carries: its text comes first, the detail lines after.
IN_SERVICES = ("fees_description", "eligibility_description")


def _line(kind: str, row: dict) -> str:
    if kind == "cost_option":
        amount = " ".join(p for p in (row.get("amount", ""), row.get("currency", "").upper()) if p)
        return " ".join(p for p in (row.get("option", "") + (":" if amount else ""), amount,
                                    row.get("amount_description", "")) if p)
    column = {"eligibility": "eligibility", "required_document": "document",
              "funding": "source", "accessibility": "description"}[kind]
    details = row.get("details", "") if kind == "accessibility" else ""
    return " ".join(p for p in (row.get(column, ""), details) if p)


def joined(parts) -> str:
    """Distinct non-empty texts, in order, one per line."""
    return "\n".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


class DetailHandlers:
    """Needs the importer's tables, rows, guarded, note, county, find and services."""

    def prepare_details(self) -> None:
        """Per service HSDS id: {field: [lines]}; a field whose file is in the package is set
        (empty when the service has no row), one whose file is absent is left as it is."""
        self.details: dict[str, dict[str, list[str]]] = {}
        self.detail_fields = {DETAILS[k] for k in DETAILS if k in self.tables}
        at_location = self._services_by_location()
        for kind, field in DETAILS.items():
            for name, line, row in self.rows(kind):
                if kind == "accessibility":
                    services = at_location.get(row.get("location_id", ""), [])
                    if not services:
                        self.report.problem(name, line, f"location {row.get('location_id')} has "
                                            "no service in the package")
                elif not row.get("service_id"):
                    self.report.problem(name, line, f"{field.replace('_', ' ')} of an organization "
                                        "are not kept; only a service's")
                    continue
                else:
                    services = [row["service_id"]]
                for service_id in services:
                    self.details.setdefault(service_id, {}).setdefault(field, []).append(
                        _line(kind, row))
        self.programs = {row["id"]: row.get("name", "")[:200]
                         for _, _, row in self.rows("program") if row.get("id")}
        self._area_texts()

    def _services_by_location(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for _, row in self.tables.get("service_at_location", ("", []))[1]:
            found.setdefault(row.get("location_id", ""), []).append(row.get("service_id", ""))
        return found

    def _area_texts(self) -> None:
        """Service areas that are not one of the CoC's counties are kept as text."""
        if "service_area" not in self.tables:
            return
        self.detail_fields.add("area_description")
        for _, _, row in self.rows("service_area"):
            if row.get("service_id") and self.county(row.get("name", "")) is None:
                text = " — ".join(dict.fromkeys(
                    p for p in (row.get("name", ""), row.get("description", "")) if p))
                self.details.setdefault(row["service_id"], {}).setdefault(
                    "area_description", []).append(text)

    def detail_values(self, hsds_id: str, row: dict) -> dict:
        """The service's detail fields as this package gives them."""
        values = {}
        mine = self.details.get(hsds_id, {})
        for field in self.detail_fields | ({"fees_description", "eligibility_description"}
                                           & set(row)):
            base = [row.get(field, "")] if field in IN_SERVICES else []
            values[field] = joined(base + mine.get(field, []))
        if "program_id" in row and "program" in self.tables:
            values["program"] = self.programs.get(row["program_id"], "")
        return values

    # Opening hours -----------------------------------------------------------------------------

    def hours(self) -> None:
        """Each service's weekly hours from the package, replacing what it had when they differ."""
        if "schedule" not in self.tables:
            return
        wanted: dict[str, list[tuple]] = {}

        def read(name, line, row):
            service = self.find_service_of(row)
            wanted.setdefault(service.hsds_id, []).extend(_schedule_rows(row))

        self.guarded("schedule", read)
        services = [self.services[hsds_id] for hsds_id in wanted]
        _load_hours(services)
        with db.session.no_autoflush:
            for service in services:
                self._set_hours(service, wanted[service.hsds_id])

    def find_service_of(self, row: dict):
        from hh.resources.models import Service

        service = self.find(Service, row.get("service_id", ""), self.services)
        if service is None:
            raise RowProblem(f"service {row.get('service_id') or '(none)'} is not in the package "
                             "or the directory; hours of a location alone are not kept")
        return service

    def _set_hours(self, service, rows: list[tuple]) -> None:
        """Matched on the HSDS id, changed in place (a new row with the id of a removed one
        would meet it in the unique index before the removal is written)."""
        wanted = {row[0]: row for row in rows}  # a day named twice counts once
        current = {h.hsds_id: h for h in service.hours}
        changed = False
        for hsds_id, hour in current.items():
            if hsds_id not in wanted:
                service.hours.remove(hour)
                changed = True
        for hsds_id, (_, day, opens, closes, note) in wanted.items():
            values = {"weekday": day, "opens_at": opens, "closes_at": closes, "description": note}
            if hsds_id in current:
                changed = assign(current[hsds_id], values) or changed
            else:
                service.hours.append(ServiceSchedule(hsds_id=hsds_id, **values))
                changed = True
        outcome = ("new" if not current else "updated") if changed else "unchanged"
        self.report.record("opening hours", service.hsds_id, outcome)


def _load_hours(services: list) -> None:
    """Every service's current hours in a few queries, not one (and a flush) per service."""
    todo = {s.id: s for s in services if "hours" in inspect(s).unloaded}
    found: dict[int, list] = {service_id: [] for service_id in todo}
    ids = sorted(todo)
    for start in range(0, len(ids), 500):
        for hour in db.session.scalars(select(ServiceSchedule).where(
                ServiceSchedule.service_id.in_(ids[start:start + 500]))):
            found[hour.service_id].append(hour)
    for service_id, hours in found.items():
        set_committed_value(todo[service_id], "hours", hours)


def _schedule_rows(row: dict) -> list[tuple]:
    """(hsds id, weekday, opens, closes, note) for each day the row names: 3.0 byday/freq,
    1.1 weekday; a row without a day is a note ("by appointment")."""
    try:
        opens, closes = parse_time(row.get("opens_at", "")), parse_time(row.get("closes_at", ""))
    except ValueError as error:
        raise RowProblem(f"“{str(error)[:20]}” is not a time of day (like 09:00)") from None
    raw_days = row.get("byday") or row.get("weekday") or ""
    try:
        days = list(range(7)) if row.get("freq", "").upper() == "DAILY" and not raw_days \
            else (parse_days(raw_days) if raw_days else [None])
    except ValueError:
        raise RowProblem(f"“{raw_days[:20]}” is not a day of the week") from None
    note = " ".join(dict.fromkeys(p for p in (row.get("description", ""), row.get("notes", ""))
                                  if p))
    if days == [None] and opens is None and not note:
        raise RowProblem("the schedule gives no day, time or description")
    base = row.get("id") or derived_id("schedule", row.get("service_id", ""), raw_days,
                                       row.get("opens_at", ""), row.get("closes_at", ""))
    single = len(days) == 1
    return [(base if single else derived_id("schedule", base, str(day)), day, opens, closes, note)
            for day in days]

