"""HSDS export: the directory as an HSDS 3.0 tabular data package (one CSV per resource plus
the standard's datapackage.json)."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hh.directory.models import Contact, County, Organization, Phone
from hh.extensions import db
from hh.resources.hsds_export_details import program_id, service_details
from hh.resources.hsds_tables import SCHEMA_PATH, derived_id, hsds_uuid, languages, standard
from hh.resources.models import Location, Service, TaxonomyTerm, service_at_location
from hh.web import csv_safe

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URI = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)


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


def export_tables() -> dict[str, list[dict]]:
    """Every HSDS resource we hold, as rows keyed by the standard's column names."""
    tables: dict[str, list[dict]] = {r["name"]: [] for r in standard()["resources"]}
    # Everything a row refers to is loaded up front and held here, so a row's lookups hit the
    # identity map (it only keeps records something still refers to).
    counties = db.session.scalars(select(County)).all()  # noqa: F841
    orgs = _organizations_and_terms(tables)
    services = _services(tables)
    location_ids = _locations(tables)
    org_ids = {o.id: hsds_uuid(o.hsds_id) for o in orgs}
    service_ids = {s.id: hsds_uuid(s.hsds_id) for s in services}
    _links_and_phones(tables, org_ids, service_ids, location_ids)
    _contacts(tables, org_ids)
    tables.pop("__programs__", None)
    for rows in tables.values():
        rows.sort(key=lambda row: row["id"])
    return tables


def _organizations_and_terms(tables: dict) -> list[Organization]:
    """Organizations and taxonomy terms; returns the organizations."""
    orgs = db.session.scalars(select(Organization)).all()
    terms = db.session.scalars(select(TaxonomyTerm)).all()
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
    return orgs


def _services(tables: dict) -> list[Service]:
    """Services with their category, languages and areas; returns the services."""
    services = db.session.scalars(select(Service).options(
        selectinload(Service.areas), selectinload(Service.hours))).all()
    for s in services:
        sid = hsds_uuid(s.hsds_id)
        tables["service"].append({
            "id": sid, "organization_id": hsds_uuid(s.organization.hsds_id), "name": s.name,
            "alternate_name": s.alternate_name, "description": s.description, "url": _uri(s.url),
            "email": _email(s.email), "status": s.status,
            "interpretation_services": s.interpretation_services,
            "application_process": s.application_process, "fees_description": s.fees_description,
            "eligibility_description": s.eligibility_description,
            "program_id": program_id(s), "minimum_age": _number(s.minimum_age), "maximum_age": _number(s.maximum_age),
            "assured_date": s.assured_date.isoformat() if s.assured_date else "",
            "assurer_email": _email(s.assurer_email),
            "last_modified": s.last_modified.isoformat() if s.last_modified else ""})
        if s.category is not None:
            term_id = hsds_uuid(s.category.hsds_id)
            tables["attribute"].append({
                "id": derived_id("category", sid, term_id), "link_id": sid,
                "taxonomy_term_id": term_id, "link_type": "category", "link_entity": "service"})
        for name in languages(s.languages):
            tables["language"].append({"id": derived_id("language", sid, name), "service_id": sid,
                                       "name": name})
        for area in s.areas:
            tables["service_area"].append({"id": hsds_uuid(area.hsds_id), "service_id": sid,
                                           "name": area.county.name})
        service_details(tables, s, sid)
    return services


def _locations(tables: dict) -> dict[int, str]:
    """Locations and their addresses; returns their HSDS ids by our id."""
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
    return location_ids


def _links_and_phones(tables: dict, org_ids: dict, service_ids: dict, location_ids: dict) -> None:
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


def _contacts(tables: dict, org_ids: dict) -> None:
    for contact in db.session.scalars(select(Contact)):
        cid = hsds_uuid(contact.hsds_id)
        tables["contact"].append({
            "id": cid, "organization_id": org_ids.get(contact.organization_id, ""),
            "name": contact.name, "title": contact.title, "department": contact.department,
            "email": _email(contact.email)})
        if contact.phone:
            tables["phone"].append({"id": derived_id("contact-phone", cid), "contact_id": cid,
                                    "number": contact.phone, "type": "voice"})

def export_files() -> dict[str, bytes]:
    """The package's files by name: one CSV per HSDS resource plus the standard's descriptor."""
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
        if name.endswith(".csv"):  # rows, not lines: a text may hold line breaks
            counts[name] = max(sum(1 for _ in csv.reader(io.StringIO(content.decode()))) - 1, 0)
    return counts


def package_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in export_files().items():
            archive.writestr(name, content)
    return buffer.getvalue()

