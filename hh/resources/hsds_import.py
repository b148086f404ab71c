"""HSDS import: read an HSDS 3.0 package (or the older 1.1 file and column names) and map
what our model holds onto the directory, matched on HSDS ids, reporting every row it skips.
The row handlers themselves are in hsds_rows."""
from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hh.directory.models import Contact, County, Organization, Phone
from hh.extensions import db
from hh.importing import ImportFailure, ImportReport, RowProblem, read_csv, run_import
from hh.resources.hsds_capacity import CapacityHandlers
from hh.resources.hsds_details import DetailHandlers
from hh.resources.hsds_files import COLUMNS, FILES, REQUIRED, coverage
from hh.resources.hsds_rows import RowHandlers
from hh.resources.hsds_tables import county_named
from hh.resources.models import Location, Service, TaxonomyTerm, service_at_location

# Kinds whose rows' own ids are not kept: a source that reuses them (HSDS 1.1 exports give a
# service's languages or categories one id) loses nothing.
ID_NOT_KEPT = ("language", "attribute", "cost_option", "eligibility", "required_document",
               "funding", "accessibility")
KINDS = ("organizations", "categories", "services", "locations", "service locations",
         "service areas", "opening hours", "capacity", "phones", "contacts")

def read_package(files: dict[str, bytes]) -> tuple[dict, dict]:
    """Each HSDS resource found: ({kind: (file name, rows)}, {kind: its columns}).
    ImportFailure when it is not a package."""
    if "datapackage.json" in files:
        try:
            json.loads(files["datapackage.json"].decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise ImportFailure("datapackage.json is not valid JSON.") from None
    if "organizations.csv" not in files:
        raise ImportFailure("Not an HSDS package: there is no organizations.csv.")
    tables, headers = {}, {}
    for kind, names in FILES.items():
        name = next((n for n in names if n in files), None)
        if name is None:
            continue
        columns, rows = read_csv(name, files[name], REQUIRED[kind], COLUMNS.get(kind))
        if kind == "service" and "fees_description" not in columns and "fees" in columns:
            for _, row in rows:  # HSDS 1.1 called the fees' description "fees"
                row["fees_description"] = row.get("fees", "")
        if name in ("service_taxonomy.csv", "services_taxonomy.csv"):
            for _, row in rows:
                row.setdefault("link_entity", "service")
        tables[kind], headers[kind] = (name, rows), columns
    return tables, headers


class _Importer(RowHandlers, DetailHandlers, CapacityHandlers):
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
        reused = 0
        for line, row in rows:
            if row.get("__extra__"):
                self.report.problem(name, line, "the row has more cells than the header")
                continue
            row_id = row.get("id", "")
            if len(row_id) > 64:
                self.report.problem(name, line, "the id is longer than 64 characters")
                continue
            if row_id and row_id in seen and kind in ID_NOT_KEPT:
                reused += 1
                if reused == 1:  # said once per file, not once per row (or twice)
                    self.note(name, line, f"ids are reused across rows (first: {row_id}); each "
                              "row is read, and a service's same value twice counts once")
            elif row_id and row_id in seen:
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
                    query = query.options(selectinload(Service.areas), selectinload(Service.hours))
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
        self.prepare_details()
        self.guarded("service", lambda n, ln, r: self.service(n, ln, r, categories, languages))
        self.guarded("location", self.location)
        db.session.flush()
        self.guarded("address", self.address)
        self.guarded("postal_address", self.postal_address)
        self.hours()
        self.guarded("service_at_location", self.service_at_location)
        self.guarded("service_area", self.service_area)
        self.capacity()
        self.guarded("contact", self.contact)
        self.guarded("phone", self.phone)

    # Organizations -----------------------------------------------------------------------------

def import_package(files: dict[str, bytes], *, commit: bool, user=None, actor: str | None = None) -> ImportReport:
    """Preview (commit=False) or apply an HSDS package given as {file name: content}."""
    tables, headers = read_package(files)
    report = ImportReport(kinds=KINDS, files=coverage(files, tables, headers))
    return run_import(lambda r: _Importer(tables, r).run(), report, commit=commit,
                      action="hsds_imported", user=user, actor=actor)
