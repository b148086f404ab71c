"""The one-row-per-service spreadsheet import for coordinators who keep the directory in a
spreadsheet. The natural key is organization name + service name: re-importing the same file
changes nothing. It also reads the search page's CSV export (resources.search_csv) back in.
"""
from __future__ import annotations

import re

from sqlalchemy import func, select

from hh.checks import email_address, web_address, whole_number
from hh.directory.models import SECTORS, Organization
from hh.errors import InputError
from hh.extensions import db
from hh.importing import (
    ImportReport,
    RowProblem,
    assign,
    read_csv,
    run_import,
    text,
)
from hh.resources.editing import set_areas, set_capacity, set_hours, set_location, set_phone
from hh.resources.hours import format_hours, parse_hours
from hh.resources.hsds_tables import county_named
from hh.resources.models import SERVICE_STATUSES, UNIT_TYPES, Service, TaxonomyTerm

COLUMNS = ["organization", "sector", "service", "category", "description", "status",
           "counties_served", "address", "city", "state", "postal_code", "phone", "email", "url",
           "accepts_referrals"] + [f"{unit}_total" for unit in UNIT_TYPES]
# What a service says about itself beyond the above: column → (field, longest text).
DETAILS = {"hours": ("hours", 2000), "eligibility": ("eligibility_description", 100_000),
           "minimum_age": ("minimum_age", 3), "maximum_age": ("maximum_age", 3),
           "fees": ("fees_description", 100_000), "languages": ("languages", 500),
           "required_documents": ("required_documents", 100_000),
           "accessibility": ("accessibility", 100_000), "program": ("program", 200),
           "funding": ("funding", 100_000), "other_areas": ("area_description", 100_000)}
COLUMNS += list(DETAILS)
ALIASES = {"organization_name": "organization", "service_name": "service", "website": "url",
           "counties": "counties_served", "address_1": "address", "street": "address",
           "state_province": "state", "zip": "postal_code", "zip_code": "postal_code",
           **{unit: f"{unit}_total" for unit in UNIT_TYPES}}
KINDS = ("organizations", "services")
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0", ""}
# The search export's "available_now": "3/10 beds, unknown/5 slots".
_AVAILABLE = re.compile(r"^\s*(?:\d+|unknown)\s*/\s*(\d+)\s+(\w+)\s*$")
# The search export's one-line address: "12 Main St, Suite 4, Millbrook, NF 55501".
_STATE_POSTAL = re.compile(r"^([A-Za-z]{2})(?:\s+(\d{5}(?:-\d{4})?))?$")


def template_rows() -> tuple[list[str], list[list[str]]]:
    """The header and one example row, using a county and a category this CoC really has."""
    from hh.directory.models import County

    county = db.session.scalar(select(County).order_by(County.name))
    category = db.session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.parent_id.is_not(None))
                                 .order_by(TaxonomyTerm.code))
    example = {"organization": "Harbor House", "sector": "Homeless response",
               "service": "Night shelter", "category": category.label if category else "",
               "description": "Beds for adults, open 7pm to 7am", "status": "active",
               "counties_served": county.name if county else "", "address": "12 Main St",
               "city": "Millbrook", "state": county.state if county and county.state else "",
               "postal_code": "55501", "phone": "555-0110", "email": "intake@example.org",
               "url": "https://example.org/shelter", "accepts_referrals": "yes", "beds_total": "20"}
    return COLUMNS, [[example.get(column, "") for column in COLUMNS]]


def _categories() -> dict[str, TaxonomyTerm]:
    """A category by its code, its name or its "Parent › Name" label, in any case."""
    found: dict[str, TaxonomyTerm] = {}
    for term in db.session.scalars(select(TaxonomyTerm)):
        for key in (term.code, term.name, term.label, term.label.replace("›", ">")):
            found.setdefault(key.lower(), term)
    return found


def _choice(value: str, options: dict[str, str], what: str) -> str:
    """A key or its label (any case) → the key."""
    lowered = value.strip().lower()
    for key, label in options.items():
        if lowered in (key.lower(), label.lower(), key.replace("_", " ").lower()):
            return key
    raise RowProblem(f"{what} “{value[:40]}” is not one of: {', '.join(options.values())}")


def _split_address(line: str) -> dict[str, str]:
    parts = [p.strip() for p in line.split(",") if p.strip()]
    result = {"address_1": "", "city": "", "state_province": "", "postal_code": ""}
    if parts and _STATE_POSTAL.match(parts[-1]):
        match = _STATE_POSTAL.match(parts.pop())
        result["state_province"], result["postal_code"] = match.group(1), match.group(2) or ""
    if len(parts) >= 2 or (parts and not parts[0][:1].isdigit()):
        result["city"] = parts.pop()  # a lone part without a house number is the town
    result["address_1"] = ", ".join(parts)
    return result


def _cell(rule, value: str, column: str):
    """A cell through the service form's own rule for that field (checks); a refusal skips the
    row with the column named."""
    try:
        return rule(value, column)
    except InputError as error:
        raise RowProblem(f"{column} “{value[:60]}”: {str(error)[0].lower()}{str(error)[1:]}") from None


def _whole(value: str, column: str) -> int | None:
    return _cell(whole_number, value, column)


def _snapshot(service: Service) -> tuple:
    location = service.locations[0] if service.locations else None
    return (
        tuple(getattr(service, c) for c in ("name", "category_id", "description", "status", "email",
                                             "url", "accepts_referrals")),
        tuple(sorted(a.county_id or id(a.county) for a in service.areas)),
        tuple(getattr(location, c) for c in ("address_1", "city", "state_province", "postal_code"))
        if location else None,
        service.phones[0].number if service.phones else "",
        tuple(sorted((u.unit_type, u.total) for u in service.capacity)),
        tuple(detail_cells(service)),
    )


def detail_cells(service: Service) -> list[str]:
    """The DETAILS columns of a service, as the spreadsheet and the search export write them."""
    cells = []
    for field, _ in DETAILS.values():
        value = format_hours(service.hours) if field == "hours" else getattr(service, field)
        cells.append("" if value is None else str(value))
    return cells


def _details(row: dict, present: set, values: dict, data: dict) -> None:
    """The DETAILS cells through the service form's own rules."""
    for column, (field, limit) in DETAILS.items():
        if column not in present:
            continue
        value = text(row, column, limit)
        if field == "hours":
            data["hours"] = _cell(parse_hours, value, column)
        elif field in ("minimum_age", "maximum_age"):
            values[field] = _cell(lambda v, c: whole_number(v, c, 0, 120), value, column)
        else:
            values[field] = value
    low, high = values.get("minimum_age"), values.get("maximum_age")
    if low is not None and high is not None and high < low:
        raise RowProblem("maximum_age cannot be below minimum_age")


class _Rows:
    def __init__(self, name: str, columns: list[str], rows, report: ImportReport, user):
        self.name, self.columns, self.rows, self.report, self.user = name, set(columns), rows, report, user
        self.categories = _categories()
        self.seen: dict[tuple[str, str], int] = {}

    def run(self) -> None:
        for line, row in self.rows:
            try:
                if row.get("__extra__"):
                    raise RowProblem("the row has more cells than the header")
                self.row(line, row)
            except RowProblem as problem:
                self.report.problem(self.name, line, str(problem))

    def row(self, line: int, row: dict) -> None:
        org_name = text(row, "organization", 200)
        name = text(row, "service", 200)
        if not org_name or not name:
            raise RowProblem("every row needs an organization and a service name")
        key = (org_name.lower(), name.lower())
        if key in self.seen:
            raise RowProblem(f"the same organization and service are on line {self.seen[key]}")
        values, data = self.values(row)
        org = db.session.scalar(select(Organization).where(func.lower(Organization.name) == key[0]))
        if org is None:
            org = Organization(name=org_name, sector=data.get("sector") or "other")
            db.session.add(org)
            self.report.record("organizations", key[0], "new")
        else:
            changed = "sector" in data and assign(org, {"sector": data["sector"]})
            self.report.record("organizations", key[0], "updated" if changed else "unchanged")
        service = db.session.scalar(select(Service).where(
            Service.organization_id == org.id, func.lower(Service.name) == key[1])) if org.id else None
        before = None if service is None else _snapshot(service)
        if service is None:
            service = Service(organization=org, name=name, status="active")
            db.session.add(service)
        assign(service, values)
        if "counties" in data:
            set_areas(service, data["counties"])
        if "location" in data:
            current = service.locations[0].county if service.locations else None
            set_location(service, org, data["location"], current)
        if "phone" in data:
            set_phone(service, data["phone"])
        if data.get("totals"):
            set_capacity(service, data["totals"])
        if "hours" in data:
            set_hours(service, data["hours"])
        db.session.flush()
        outcome = "new" if before is None else (
            "unchanged" if _snapshot(service) == before else "updated")
        self.seen[key] = line
        self.report.record("services", "/".join(key), outcome)

    def values(self, row: dict) -> tuple[dict, dict]:
        """Check every cell first: a row is imported whole or not at all."""
        present = self.columns
        values: dict = {}
        data: dict = {}
        if row.get("sector"):
            data["sector"] = _choice(row["sector"], SECTORS, "sector")
        if "category" in present:
            category = None
            if row["category"]:
                category = self.categories.get(row["category"].lower())
                if category is None:
                    raise RowProblem(f"category “{row['category'][:60]}” is not in the list of categories")
            values["category"] = category
        if "description" in present:
            values["description"] = text(row, "description", 100_000)
        if row.get("status"):
            values["status"] = _choice(row["status"], SERVICE_STATUSES, "status")
        if "email" in present:
            values["email"] = _cell(email_address, text(row, "email", 254), "email")
        if "url" in present:
            values["url"] = _cell(web_address, text(row, "url", 500), "url")
        if "accepts_referrals" in present:
            answer = row["accepts_referrals"].lower()
            if answer not in _YES | _NO:
                raise RowProblem("accepts_referrals must be yes or no")
            values["accepts_referrals"] = answer in _YES
        if "counties_served" in present:
            counties = {}
            for county_name in re.split(r"[;,]", row["counties_served"]):
                if county_name.strip():
                    county = county_named(county_name)
                    if county is None:
                        raise RowProblem(f"no county named “{county_name.strip()[:60]}”")
                    counties[county.id] = county
            data["counties"] = counties
        if "address" in present or "city" in present:
            if "city" in present:
                data["location"] = {"address_1": text(row, "address", 200), "city": text(row, "city", 100),
                                    "state_province": text(row, "state", 100),
                                    "postal_code": text(row, "postal_code", 20)}
            else:
                data["location"] = _split_address(text(row, "address", 500))
                if len(data["location"]["address_1"]) > 200 or len(data["location"]["city"]) > 100:
                    raise RowProblem("address is too long")
        if "phone" in present:
            data["phone"] = text(row, "phone", 50)
        totals = {unit: _whole(row[f"{unit}_total"], f"{unit}_total")
                  for unit in UNIT_TYPES if f"{unit}_total" in present}
        if not totals and "available_now" in present:
            totals = dict.fromkeys(UNIT_TYPES)
            for part in filter(None, (p.strip() for p in row["available_now"].split(","))):
                match = _AVAILABLE.match(part)
                if match is None or match.group(2) not in UNIT_TYPES:
                    raise RowProblem(f"available_now “{part[:40]}” is not like “3/10 beds”")
                totals[match.group(2)] = _whole(match.group(1), "available_now")
        data["totals"] = totals
        _details(row, present, values, data)
        return values, data


def import_spreadsheet(data: bytes, *, commit: bool, user=None, actor: str | None = None,
                       name: str = "the spreadsheet") -> ImportReport:
    """Preview (commit=False) or apply a one-row-per-service CSV."""
    columns, rows = read_csv(name, data, ("organization", "service"), ALIASES)
    report = ImportReport(kinds=KINDS)
    return run_import(lambda r: _Rows(name, columns, rows, r, user).run(), report, commit=commit,
                      action="services_imported", user=user, actor=actor)
