"""Open Referral HSDS: export the directory as an HSDS 3.0 tabular data package, and import
HSDS 3.0 packages (and the older 1.1 file and column names) into it.

The export's `datapackage.json` is the standard's own (hsds-3.0-datapackage.json, CC-BY-SA 4.0,
Open Referral), so the files are checked against exactly what the standard says. Records are
matched on their HSDS ids; an import maps what our model holds and reports every row it skips.
"""
from __future__ import annotations

import io
import json
import re
import uuid
import zipfile
from datetime import date, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import flag_modified

from hh.directory.models import Contact, County, Organization, Phone
from hh.extensions import db
from hh.importing import (
    ImportFailure,
    ImportReport,
    RowProblem,
    assign,
    read_csv,
    run_import,
    text,
    upsert,
)
from hh.resources.models import (
    SERVICE_STATUSES,
    Location,
    Service,
    ServiceArea,
    TaxonomyTerm,
    service_at_location,
)
from hh.web import csv_safe

SCHEMA_PATH = Path(__file__).with_name("hsds-3.0-datapackage.json")
# Stable ids for rows we do not store with an id of their own (a service's category, its
# languages, a contact's phone), and for records whose id is not a UUID as HSDS 3.0 requires.
ID_NAMESPACE = uuid.UUID("5d0b5f0e-6c1a-4b8e-9a57-1f1c2c3c8e11")
KINDS = ("organizations", "categories", "services", "locations", "service locations",
         "service areas", "phones", "contacts")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URI = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)


@cache
def standard() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def hsds_uuid(value: str | None) -> str:
    """HSDS 3.0 ids are UUIDs; an id from elsewhere (HSDS 1.1 allowed any) gets a stable one."""
    if not value:
        return ""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return str(uuid.uuid5(ID_NAMESPACE, value))


def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(parts)))


def _or(value: str, fallback: str) -> str:
    """HSDS requires some texts we may not have (an organization's description): write the
    name instead; the import reads a description equal to the name back as empty."""
    return value or fallback


def _email(value: str) -> str:
    return value if value and _EMAIL.match(value) else ""


def _uri(value: str) -> str:
    return value if value and _URI.match(value) else ""


def _number(value) -> str:
    return "" if value is None else str(value)


# --- Export -------------------------------------------------------------------------------------


def export_tables() -> dict[str, list[dict]]:
    """Every HSDS resource we hold, as rows keyed by the standard's column names."""
    tables: dict[str, list[dict]] = {r["name"]: [] for r in standard()["resources"]}
    # Everything a row refers to is loaded up front, so a row's lookups hit the identity map.
    orgs = db.session.scalars(select(Organization)).all()
    terms = db.session.scalars(select(TaxonomyTerm)).all()
    counties = db.session.scalars(select(County)).all()  # noqa: F841  (kept for the identity map)
    for org in orgs:
        tables["organization"].append({
            "id": hsds_uuid(org.hsds_id), "name": org.name, "alternate_name": org.alternate_name,
            "description": _or(org.description, org.name), "email": _email(org.email),
            "website": _uri(org.website)})
    for term in terms:
        tables["taxonomy_term"].append({
            "id": hsds_uuid(term.hsds_id), "code": term.code, "name": term.name,
            "description": _or(term.description, term.name),
            "parent_id": hsds_uuid(term.parent.hsds_id) if term.parent else "",
            "taxonomy": term.taxonomy})
    services = db.session.scalars(select(Service).options(selectinload(Service.areas))).all()
    for s in services:
        sid = hsds_uuid(s.hsds_id)
        tables["service"].append({
            "id": sid, "organization_id": hsds_uuid(s.organization.hsds_id), "name": s.name,
            "alternate_name": s.alternate_name, "description": s.description, "url": _uri(s.url),
            "email": _email(s.email), "status": s.status,
            "interpretation_services": s.interpretation_services,
            "application_process": s.application_process, "fees_description": s.fees_description,
            "eligibility_description": s.eligibility_description,
            "minimum_age": _number(s.minimum_age), "maximum_age": _number(s.maximum_age),
            "assured_date": s.assured_date.isoformat() if s.assured_date else "",
            "assurer_email": _email(s.assurer_email),
            "last_modified": s.last_modified.isoformat() if s.last_modified else ""})
        if s.category is not None:
            term_id = hsds_uuid(s.category.hsds_id)
            tables["attribute"].append({
                "id": derived_id("category", sid, term_id), "link_id": sid,
                "taxonomy_term_id": term_id, "link_type": "category", "link_entity": "service"})
        for name in _languages(s.languages):
            tables["language"].append({"id": derived_id("language", sid, name), "service_id": sid,
                                       "name": name})
        for area in s.areas:
            tables["service_area"].append({"id": hsds_uuid(area.hsds_id), "service_id": sid,
                                           "name": area.county.name})
    location_ids = {}
    for loc in db.session.scalars(select(Location)):
        lid = location_ids[loc.id] = hsds_uuid(loc.hsds_id)
        tables["location"].append({
            "id": lid, "location_type": loc.location_type or "physical", "name": loc.name,
            "organization_id": hsds_uuid(loc.organization.hsds_id) if loc.organization else "",
            "description": loc.description, "latitude": _number(loc.latitude),
            "longitude": _number(loc.longitude)})
        # HSDS requires street, city, state, postal code and country on an address.
        if all((loc.address_1, loc.city, loc.state_province, loc.postal_code, loc.country)):
            tables["address"].append({
                "id": hsds_uuid(loc.address_hsds_id), "location_id": lid,
                "address_1": loc.address_1, "address_2": loc.address_2, "city": loc.city,
                "region": loc.county.name if loc.county else "",
                "state_province": loc.state_province, "postal_code": loc.postal_code,
                "country": loc.country, "address_type": "physical"})
    service_ids = {s.id: hsds_uuid(s.hsds_id) for s in services}
    org_ids = {o.id: hsds_uuid(o.hsds_id) for o in orgs}
    for link in db.session.execute(select(service_at_location)):
        tables["service_at_location"].append({
            "id": hsds_uuid(link.hsds_id), "service_id": service_ids[link.service_id],
            "location_id": location_ids[link.location_id]})
    for phone in db.session.scalars(select(Phone)):
        tables["phone"].append({
            "id": hsds_uuid(phone.hsds_id), "number": phone.number,
            "organization_id": org_ids.get(phone.organization_id, ""),
            "service_id": service_ids.get(phone.service_id, ""),
            "location_id": location_ids.get(phone.location_id, ""),
            "extension": phone.extension if phone.extension.isdigit() else "",
            "type": phone.type, "description": phone.description})
    for contact in db.session.scalars(select(Contact)):
        cid = hsds_uuid(contact.hsds_id)
        tables["contact"].append({
            "id": cid, "organization_id": org_ids.get(contact.organization_id, ""),
            "name": contact.name, "title": contact.title, "department": contact.department,
            "email": _email(contact.email)})
        if contact.phone:
            tables["phone"].append({"id": derived_id("contact-phone", cid), "contact_id": cid,
                                    "number": contact.phone, "type": "voice"})
    for rows in tables.values():
        rows.sort(key=lambda row: row["id"])
    return tables


def export_files() -> dict[str, bytes]:
    """The package's files by name: one CSV per HSDS resource plus the standard's descriptor."""
    import csv

    tables = export_tables()
    files = {"datapackage.json": SCHEMA_PATH.read_bytes()}
    for resource in standard()["resources"]:
        fields = resource["schema"]["fields"]
        columns = [f["name"] for f in fields]
        # Text opened in a spreadsheet must not run as a formula; numbers (-93.1) stay numbers.
        texts = {f["name"] for f in fields if f.get("type") == "string"}
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in tables[resource["name"]]:
            writer.writerow([csv_safe(row.get(c, "")) if c in texts else row.get(c, "") for c in columns])
        files[resource["path"]] = buffer.getvalue().encode("utf-8")
    return files


def write_package(folder: Path) -> dict[str, int]:
    """Write the package into a folder; returns the number of rows per file."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, content in export_files().items():
        (folder / name).write_bytes(content)
        if name.endswith(".csv"):
            counts[name] = max(content.count(b"\n") - 1, 0)
    return counts


def package_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in export_files().items():
            archive.writestr(name, content)
    return buffer.getvalue()


# --- Import -------------------------------------------------------------------------------------

# HSDS 3.0 file name first, then the names HSDS 1.1 used for the same thing.
FILES = {
    "organization": ("organizations.csv",),
    "service": ("services.csv",),
    "location": ("locations.csv",),
    "address": ("addresses.csv", "physical_addresses.csv"),
    "phone": ("phones.csv",),
    "contact": ("contacts.csv",),
    "service_at_location": ("service_at_location.csv", "services_at_location.csv"),
    "service_area": ("service_areas.csv", "service_area.csv"),
    "taxonomy_term": ("taxonomy_terms.csv", "taxonomy.csv"),
    "attribute": ("attributes.csv", "service_taxonomy.csv"),
    "language": ("languages.csv",),
}
# HSDS 1.1 column names → 3.0.
COLUMNS = {
    "organization": {"url": "website"},
    "service_area": {"service_area": "name"},
    "taxonomy_term": {"vocabulary": "taxonomy"},
    "attribute": {"service_id": "link_id", "taxonomy_id": "taxonomy_term_id"},
    "language": {"language": "name"},
}
REQUIRED = {
    "organization": ("id", "name"),
    "service": ("id", "organization_id", "name"),
    "location": ("id",),
    "address": ("location_id",),
    "phone": ("number",),
    "contact": ("id",),
    "service_at_location": ("service_id", "location_id"),
    "service_area": ("service_id",),
    "taxonomy_term": ("id", "name"),
    "attribute": ("link_id", "taxonomy_term_id"),
    "language": ("service_id", "name"),
}


def read_package(files: dict[str, bytes]) -> dict[str, tuple[str, list[tuple[int, dict]]]]:
    """Each HSDS resource found: (file name, rows). ImportFailure when it is not a package."""
    if "datapackage.json" in files:
        try:
            json.loads(files["datapackage.json"].decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise ImportFailure("datapackage.json is not valid JSON.") from None
    if "organizations.csv" not in files:
        raise ImportFailure("Not an HSDS package: there is no organizations.csv.")
    tables = {}
    for kind, names in FILES.items():
        name = next((n for n in names if n in files), None)
        if name is None:
            continue
        columns, rows = read_csv(name, files[name], REQUIRED[kind], COLUMNS.get(kind))
        if kind == "service" and "fees_description" not in columns and "fees" in columns:
            for _, row in rows:  # HSDS 1.1 called the fees' description "fees"
                row["fees_description"] = row.get("fees", "")
        if name == "service_taxonomy.csv":
            for _, row in rows:
                row.setdefault("link_entity", "service")
        tables[kind] = (name, rows)
    return tables


def _languages(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _number_or_none(row: dict, column: str, kind=int):
    raw = row.get(column, "")
    if raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise RowProblem(f"{column} “{raw[:40]}” is not a number") from None
    if kind is float:
        if value != value or abs(value) > 1e9:  # NaN or absurd
            raise RowProblem(f"{column} “{raw[:40]}” is not a usable number")
        return value
    if not value.is_integer() or not 0 <= value <= 200:
        raise RowProblem(f"{column} must be a whole number from 0 to 200")
    return int(value)


class _Importer:
    """One import run: the package's rows mapped onto our records, problems reported."""

    def __init__(self, tables, report: ImportReport):
        self.tables = tables
        self.report = report
        self.orgs: dict[str, Organization] = {}
        self.services: dict[str, Service] = {}
        self.locations: dict[str, Location] = {}
        self.terms: dict[str, TaxonomyTerm] = {}
        self.contacts: dict[str, Contact] = {}
        self.phones: dict[str, Phone] = {}
        self.addressed: dict[str, int] = {}  # location id → the line its address came from
        self.counties: dict[str, County | None] = {}

    def rows(self, kind: str):
        """(file, line, row) with a per-row guard: a RowProblem skips that row."""
        if kind not in self.tables:
            return
        name, rows = self.tables[kind]
        seen: dict[str, int] = {}
        for line, row in rows:
            if row.get("__extra__"):
                self.report.problem(name, line, "the row has more cells than the header")
                continue
            row_id = row.get("id", "")
            if len(row_id) > 64:
                self.report.problem(name, line, "the id is longer than 64 characters")
                continue
            if row_id and row_id in seen:
                self.report.problem(name, line, f"id {row_id} appears twice (first on line {seen[row_id]})")
                continue
            if row_id:
                seen[row_id] = line
            yield name, line, row

    def guarded(self, kind: str, handle) -> None:
        for name, line, row in self.rows(kind):
            try:
                handle(name, line, row)
            except RowProblem as problem:
                self.report.problem(name, line, str(problem))

    def county(self, name: str) -> County | None:
        if name not in self.counties:
            self.counties[name] = county_named(name)
        return self.counties[name]

    def note(self, name: str, line: int, reason: str) -> None:
        self.report.problem(name, line, reason, skipped=False)

    def find(self, model, hsds_id: str, cache: dict):
        if not hsds_id:
            return None
        if hsds_id not in cache:
            cache[hsds_id] = db.session.scalar(select(model).where(model.hsds_id == hsds_id))
        return cache[hsds_id]

    def preload(self) -> None:
        """Load the records the package names in a few queries instead of one per row."""
        for model, kind, cache in ((Organization, "organization", self.orgs),
                                   (Service, "service", self.services),
                                   (Location, "location", self.locations),
                                   (TaxonomyTerm, "taxonomy_term", self.terms),
                                   (Contact, "contact", self.contacts),
                                   (Phone, "phone", self.phones)):
            ids = sorted({row["id"] for _, row in self.tables.get(kind, ("", []))[1] if row.get("id")})
            for start in range(0, len(ids), 500):
                query = select(model).where(model.hsds_id.in_(ids[start:start + 500]))
                if model is Service:
                    query = query.options(selectinload(Service.areas))
                cache.update((record.hsds_id, record) for record in db.session.scalars(query))
            for hsds_id in ids:
                cache.setdefault(hsds_id, None)
        self.names = {org.name.lower(): org for org in db.session.scalars(select(Organization))}
        self.links = {(link.service_id, link.location_id): link.hsds_id
                      for link in db.session.execute(select(service_at_location))}
        self.link_ids = {hsds_id: pair for pair, hsds_id in self.links.items()}

    def run(self) -> None:
        self.preload()
        self.guarded("organization", self.organization)
        self.guarded("taxonomy_term", self.term)
        self.term_parents()
        categories = self.collect("attribute", self.category_of)
        languages = self.collect("language", self.language_of, many=True)
        self.guarded("service", lambda n, ln, r: self.service(n, ln, r, categories, languages))
        self.guarded("location", self.location)
        db.session.flush()
        self.guarded("address", self.address)
        self.guarded("service_at_location", self.service_at_location)
        self.guarded("service_area", self.service_area)
        self.guarded("contact", self.contact)
        self.guarded("phone", self.phone)

    # Organizations -----------------------------------------------------------------------------

    def organization(self, name, line, row) -> None:
        hsds_id = row["id"]
        org_name = text(row, "name", 200)
        if not hsds_id or not org_name:
            raise RowProblem("an organization needs an id and a name")
        org = self.find(Organization, hsds_id, self.orgs)
        same_name = self.names.get(org_name.lower())
        if org is None and same_name is not None:
            if any(o is same_name for o in self.orgs.values()):
                raise RowProblem(f"another organization in the file is also named “{org_name}”")
            org = same_name  # the same organization, known here under another id
        elif same_name is not None and same_name is not org:
            raise RowProblem(f"another organization is already named “{org_name}”")
        values = {"hsds_id": hsds_id, "name": org_name}
        for column, limit in (("alternate_name", 200), ("email", 254), ("website", 500)):
            if column in row:
                values[column] = text(row, column, limit)
        if "description" in row:
            values["description"] = "" if row["description"] == org_name else row["description"]
        if org is not None and org.name.lower() != org_name.lower():
            self.names.pop(org.name.lower(), None)
        org, outcome = upsert(org, Organization, values)
        self.orgs[hsds_id] = self.names[org_name.lower()] = org
        self.report.record("organizations", hsds_id, outcome)

    # Categories --------------------------------------------------------------------------------

    def term(self, name, line, row) -> None:
        hsds_id, term_name = row["id"], text(row, "name", 200)
        if not hsds_id or not term_name:
            raise RowProblem("a taxonomy term needs an id and a name")
        code = text(row, "code", 80)
        term = self.find(TaxonomyTerm, hsds_id, self.terms)
        if term is None and code:
            term = db.session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.code == code))
            if term is not None and any(t is term for t in self.terms.values()):
                raise RowProblem(f"another term in the file has the code “{code}”")
        if term is None and not code:  # HSDS 1.1 terms have no code: the name may match ours
            same = db.session.scalars(select(TaxonomyTerm).where(
                func.lower(TaxonomyTerm.name) == term_name.lower()).limit(2)).all()
            if len(same) == 1 and not any(t is same[0] for t in self.terms.values()):
                term = same[0]
        values = {"hsds_id": hsds_id, "name": term_name,
                  "description": "" if row.get("description") == term_name else row.get("description", "")}
        if row.get("taxonomy"):
            values["taxonomy"] = text(row, "taxonomy", 60)
        if term is None:
            values["code"] = code or f"hsds-{hsds_id}"[:80]
        term, outcome = upsert(term, TaxonomyTerm, values)
        self.terms[hsds_id] = term
        row["__term__"] = term
        self.report.record("categories", hsds_id, outcome)

    def term_parents(self) -> None:
        for name, line, row in self.rows("taxonomy_term"):
            term, parent_id = row.get("__term__"), row.get("parent_id", "")
            if term is None or not parent_id:
                continue
            parent = self.find(TaxonomyTerm, parent_id, self.terms)
            if parent is None or parent is term:
                self.note(name, line, f"parent term {parent_id} not found; imported without a parent")
                continue
            if term.parent is not parent:
                term.parent = parent
                self.report.record("categories", row["id"], "updated")

    def collect(self, kind: str, read, many: bool = False) -> dict:
        """Rows that belong to a service (its category, its languages), keyed by its HSDS id."""
        found: dict = {}
        file_services = {row["id"] for _, row in self.tables.get("service", ("", []))[1]}

        def handle(name, line, row):
            service_id = row.get("link_id") or row.get("service_id")
            value = read(name, line, row)
            if service_id not in file_services and self.find(Service, service_id, self.services) is None:
                raise RowProblem(f"service {service_id} is not in the package or the directory")
            if many:
                found.setdefault(service_id, []).append(value)
            elif service_id in found:
                self.note(name, line, f"service {service_id} already has a category; kept the first")
            else:
                found[service_id] = value

        self.guarded(kind, handle)
        return found

    def category_of(self, name, line, row) -> TaxonomyTerm:
        if row.get("link_entity", "service") != "service":
            raise RowProblem(f"attributes of “{row.get('link_entity')}” are not imported; only service categories")
        term = self.find(TaxonomyTerm, row["taxonomy_term_id"], self.terms)
        if term is None:
            raise RowProblem(f"taxonomy term {row['taxonomy_term_id']} is not in the package or the directory")
        return term

    def language_of(self, name, line, row) -> str:
        return text(row, "name", 100, "language")

    # Services ----------------------------------------------------------------------------------

    def service(self, name, line, row, categories, languages) -> None:
        hsds_id, service_name = row["id"], text(row, "name", 200)
        if not hsds_id or not service_name:
            raise RowProblem("a service needs an id and a name")
        org = self.find(Organization, row["organization_id"], self.orgs)
        if org is None:
            raise RowProblem(f"organization {row['organization_id']} is not in the package or the directory")
        status = row.get("status") or "active"
        if status not in SERVICE_STATUSES:
            raise RowProblem(f"status “{status[:40]}” is not one of {', '.join(SERVICE_STATUSES)}")
        values = {"hsds_id": hsds_id, "name": service_name, "organization": org, "status": status}
        for column, limit in (("alternate_name", 200), ("url", 500), ("email", 254),
                              ("interpretation_services", 500), ("assurer_email", 254),
                              ("description", 100_000), ("application_process", 100_000),
                              ("eligibility_description", 100_000), ("fees_description", 100_000)):
            if column in row:
                values[column] = text(row, column, limit)
        for column in ("minimum_age", "maximum_age"):
            if column in row:
                values[column] = _number_or_none(row, column)
        if row.get("assured_date"):
            try:
                values["assured_date"] = date.fromisoformat(row["assured_date"][:10])
            except ValueError:
                raise RowProblem(f"assured_date “{row['assured_date'][:40]}” is not a date (YYYY-MM-DD)") from None
        modified = None
        if row.get("last_modified"):
            try:
                modified = datetime.fromisoformat(row["last_modified"])
            except ValueError:
                raise RowProblem(f"last_modified “{row['last_modified'][:40]}” is not a date and time") from None
            if modified.tzinfo is not None:  # stored as naive UTC
                modified = (modified - modified.utcoffset()).replace(tzinfo=None)
        if hsds_id in categories:
            values["category"] = categories[hsds_id]
        if hsds_id in languages:
            values["languages"] = ", ".join(dict.fromkeys(languages[hsds_id]))[:500]
        service = self.find(Service, hsds_id, self.services)
        if service is None:
            service = Service(**values)
            if modified is not None:
                service.last_modified = modified
            db.session.add(service)
            outcome = "new"
        else:
            changed = assign(service, values)
            if modified is not None and (changed or service.last_modified != modified):
                service.last_modified = modified
                flag_modified(service, "last_modified")  # the file's time, not the import's
                changed = True
            outcome = "updated" if changed else "unchanged"
        self.services[hsds_id] = service
        self.report.record("services", hsds_id, outcome)

    # Locations ---------------------------------------------------------------------------------

    def location(self, name, line, row) -> None:
        hsds_id = row["id"]
        if not hsds_id:
            raise RowProblem("a location needs an id")
        location_type = row.get("location_type") or "physical"
        if location_type not in ("physical", "postal", "virtual"):
            raise RowProblem(f"location_type “{location_type[:40]}” is not physical, postal or virtual")
        values = {"hsds_id": hsds_id, "location_type": location_type,
                  "name": text(row, "name", 200), "description": row.get("description", ""),
                  "latitude": _number_or_none(row, "latitude", float),
                  "longitude": _number_or_none(row, "longitude", float)}
        org_id = row.get("organization_id", "")
        org = self.find(Organization, org_id, self.orgs)
        if org_id and org is None:
            self.note(name, line, f"organization {org_id} not found; location imported without it")
        values["organization"] = org
        location = self.find(Location, hsds_id, self.locations)
        location, outcome = upsert(location, Location, values)
        self.locations[hsds_id] = location
        self.report.record("locations", hsds_id, outcome)

    def address(self, name, line, row) -> None:
        location = self.find(Location, row["location_id"], self.locations)
        if location is None:
            raise RowProblem(f"location {row['location_id']} is not in the package or the directory")
        done = self.addressed.get(location.hsds_id)
        if done:
            raise RowProblem(f"location {row['location_id']} already has an address (line {done})")
        self.addressed[location.hsds_id] = line
        values = {"address_1": text(row, "address_1", 200), "address_2": text(row, "address_2", 200),
                  "city": text(row, "city", 100), "state_province": text(row, "state_province", 100),
                  "postal_code": text(row, "postal_code", 20)}
        if row.get("id"):
            values["address_hsds_id"] = text(row, "id", 64)
        if len(row.get("country", "")) == 2:
            values["country"] = row["country"].upper()
        if row.get("region"):
            county = self.county(row["region"])
            if county is not None:
                values["county"] = county
        if assign(location, values):
            self.report.record("locations", location.hsds_id, "updated")

    def service_at_location(self, name, line, row) -> None:
        service = self.find(Service, row["service_id"], self.services)
        location = self.find(Location, row["location_id"], self.locations)
        if service is None or location is None:
            missing = f"service {row['service_id']}" if service is None else f"location {row['location_id']}"
            raise RowProblem(f"{missing} is not in the package or the directory")
        table = service_at_location
        pair = (service.id, location.id)
        current = self.links.get(pair)
        link_id = row.get("id") or None
        key = link_id or f"{service.hsds_id}/{location.hsds_id}"
        if link_id and self.link_ids.get(link_id, pair) != pair:
            raise RowProblem(f"id {link_id} already links another service and location")
        if current is None:
            link_id = link_id or derived_id("sal", key)
            db.session.execute(insert(table).values(service_id=service.id, location_id=location.id,
                                                    hsds_id=link_id))
            self.report.record("service locations", key, "new")
        elif link_id and current != link_id:
            db.session.execute(update(table).where(
                table.c.service_id == service.id, table.c.location_id == location.id).values(hsds_id=link_id))
            self.link_ids.pop(current, None)
            self.report.record("service locations", key, "updated")
        else:
            link_id = current
            self.report.record("service locations", key, "unchanged")
        self.links[pair], self.link_ids[link_id] = link_id, pair
        db.session.expire(service, ["locations"])
        db.session.expire(location, ["services"])

    def service_area(self, name, line, row) -> None:
        service = self.find(Service, row["service_id"], self.services)
        if service is None:
            raise RowProblem(f"service {row['service_id']} is not in the package or the directory")
        county = self.county(row.get("name", ""))
        if county is None:
            raise RowProblem(f"no county named “{row.get('name', '')[:60]}”; service areas are matched "
                             "to the CoC's counties by name")
        area_id = row.get("id", "")
        area = next((a for a in service.areas if a.county_id == county.id), None)
        if area is None:
            area = db.session.scalar(select(ServiceArea).where(ServiceArea.hsds_id == area_id)) if area_id else None
            if area is not None:
                raise RowProblem(f"id {area_id} is already the service area of another service or county")
            service.areas.append(ServiceArea(county=county, **({"hsds_id": area_id} if area_id else {})))
            outcome = "new"
        else:
            outcome = "updated" if area_id and assign(area, {"hsds_id": area_id}) else "unchanged"
        self.report.record("service areas", area_id or f"{service.hsds_id}/{county.id}", outcome)

    # Contacts and phones -----------------------------------------------------------------------

    def contact(self, name, line, row) -> None:
        hsds_id, contact_name = row["id"], text(row, "name", 200)
        if not hsds_id or not contact_name:
            raise RowProblem("a contact needs an id and a name")
        org_id = row.get("organization_id", "")
        org = self.find(Organization, org_id, self.orgs)
        if org is None:
            service = self.find(Service, row.get("service_id", ""), self.services)
            if service is None:
                raise RowProblem(f"organization {org_id or '(none)'} is not in the package or the directory")
            org = service.organization
            if org_id:
                self.note(name, line, f"organization {org_id} not found; linked to the organization "
                          f"of service {row['service_id']}")
        values = {"hsds_id": hsds_id, "name": contact_name, "organization": org,
                  "title": text(row, "title", 200), "department": text(row, "department", 200),
                  "email": text(row, "email", 254)}
        contact = self.find(Contact, hsds_id, self.contacts)
        contact, outcome = upsert(contact, Contact, values)
        self.contacts[hsds_id] = contact
        self.report.record("contacts", hsds_id, outcome)

    def phone(self, name, line, row) -> None:
        number = text(row, "number", 50)
        if not number:
            raise RowProblem("a phone needs a number")
        owners, missing = {}, []
        for column, model, cache in (("organization_id", Organization, self.orgs),
                                     ("service_id", Service, self.services),
                                     ("location_id", Location, self.locations),
                                     ("contact_id", Contact, self.contacts)):
            ref = row.get(column, "")
            owners[column] = self.find(model, ref, cache)
            if ref and owners[column] is None:
                missing.append(f"{column.removesuffix('_id')} {ref}")
        if not any(owners.values()):
            raise RowProblem("the phone belongs to nothing in the package or the directory")
        if missing:
            self.note(name, line, f"{', '.join(missing)} not found; the phone is kept for the rest")
        values = {"number": number, "extension": text(row, "extension", 20),
                  "type": text(row, "type", 20) or "voice", "description": text(row, "description", 500)}
        contact = owners.pop("contact_id")
        if contact is not None and contact.phone != number:
            contact.phone = number
            self.report.record("contacts", contact.hsds_id, "updated")
        if not any(owners.values()):
            return  # a contact's own number lives on the contact
        values.update({column: owner.id if owner is not None else None
                       for column, owner in owners.items()})
        hsds_id = row.get("id") or derived_id("phone", *(row.get(c, "") for c in owners), number)
        phone = self.find(Phone, hsds_id, self.phones)
        phone, outcome = upsert(phone, Phone, {"hsds_id": hsds_id, **values})
        self.phones[hsds_id] = phone
        self.report.record("phones", hsds_id, outcome)


def county_named(name: str) -> County | None:
    """“Alder”, “Alder County” or “alder county, NF” → the county of that name, if we have it."""
    base = name.split(",")[0].strip().lower().removesuffix(" county").strip()
    if not base or len(base) > 100:
        return None
    return db.session.scalar(select(County).where(
        func.lower(County.name).in_([base, base + " county"])))


def import_package(files: dict[str, bytes], *, commit: bool, user=None, actor: str | None = None) -> ImportReport:
    """Preview (commit=False) or apply an HSDS package given as {file name: content}."""
    tables = read_package(files)
    report = ImportReport(kinds=KINDS)
    return run_import(lambda r: _Importer(tables, r).run(), report, commit=commit,
                      action="hsds_imported", user=user, actor=actor)
