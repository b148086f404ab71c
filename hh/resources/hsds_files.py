"""Which HSDS files and columns the import reads, under their 3.0/3.1 and 1.1 names, and the
report of every file and column of a package: imported as what, or not imported and why."""
from __future__ import annotations

import csv
import io

from hh.importing import FileReport

# HSDS 3.0 file name first, then the names HSDS 1.1 used for the same thing.
FILES = {
    "organization": ("organizations.csv",),
    "program": ("programs.csv",),
    "service": ("services.csv",),
    "location": ("locations.csv",),
    "address": ("addresses.csv", "physical_addresses.csv"),
    "postal_address": ("postal_addresses.csv",),
    "phone": ("phones.csv",),
    "contact": ("contacts.csv",),
    "service_at_location": ("service_at_location.csv", "services_at_location.csv"),
    "service_area": ("service_areas.csv", "service_area.csv"),
    "taxonomy_term": ("taxonomy_terms.csv", "taxonomy.csv"),
    "attribute": ("attributes.csv", "services_taxonomy.csv", "service_taxonomy.csv"),
    "language": ("languages.csv",),
    "schedule": ("schedules.csv", "regular_schedules.csv"),
    "cost_option": ("cost_options.csv", "payments_accepted.csv"),
    "eligibility": ("eligibility.csv",),
    "required_document": ("required_documents.csv",),
    "funding": ("funding.csv",),
    "accessibility": ("accessibility.csv", "accessibility_for_disabilities.csv"),
    "capacity": ("service_capacity.csv",),  # HSDS 3.1
    "unit": ("units.csv",),
}
# HSDS 1.1 column names → 3.0.
COLUMNS = {
    "organization": {"url": "website"},
    "service_area": {"service_area": "name"},
    "taxonomy_term": {"vocabulary": "taxonomy"},
    "attribute": {"service_id": "link_id", "taxonomy_id": "taxonomy_term_id"},
    "language": {"language": "name"},
    "cost_option": {"payment": "option"},
    "accessibility": {"accessibility": "description"},
}
REQUIRED = {
    "organization": ("id", "name"),
    "program": ("id", "name"),
    "service": ("id", "organization_id", "name"),
    "location": ("id",),
    "address": ("location_id",),
    "postal_address": ("location_id",),
    "phone": ("number",),
    "contact": ("id",),
    "service_at_location": ("service_id", "location_id"),
    "service_area": ("service_id",),
    "taxonomy_term": ("id", "name"),
    "attribute": ("link_id", "taxonomy_term_id"),
    "language": ("service_id", "name"),
    "schedule": ("service_id",),
    "cost_option": ("service_id", "option"),
    "eligibility": ("service_id", "eligibility"),
    "required_document": ("service_id", "document"),
    "funding": ("source",),
    "accessibility": ("location_id", "description"),
    "capacity": ("service_id", "unit_id", "available"),
    "unit": ("id", "name"),
}
_ADDRESS = ("id", "location_id", "address_1", "address_2", "city", "region", "state_province",
            "postal_code", "country")
# The columns each kind reads; every other column of the file is reported as not imported.
USED = {
    "organization": ("id", "name", "alternate_name", "email", "website", "description"),
    "program": ("id", "name", "description"),
    "service": ("id", "organization_id", "program_id", "name", "alternate_name", "description",
                "url", "email", "status", "interpretation_services", "application_process",
                "fees_description", "fees", "eligibility_description", "minimum_age",
                "maximum_age", "assured_date", "assurer_email", "last_modified"),
    "location": ("id", "organization_id", "name", "description", "location_type", "latitude",
                 "longitude"),
    "address": _ADDRESS, "postal_address": _ADDRESS,
    "phone": ("id", "number", "extension", "type", "description", "organization_id",
              "service_id", "location_id", "contact_id"),
    "contact": ("id", "organization_id", "service_id", "name", "title", "department", "email"),
    "service_at_location": ("id", "service_id", "location_id"),
    "service_area": ("id", "service_id", "name", "description"),
    "taxonomy_term": ("id", "code", "name", "description", "parent_id", "taxonomy"),
    "attribute": ("id", "link_id", "taxonomy_term_id", "link_entity"),
    "language": ("service_id", "name"),
    "schedule": ("id", "service_id", "location_id", "service_at_location_id", "weekday", "freq",
                 "byday", "opens_at", "closes_at", "description", "notes"),
    "cost_option": ("service_id", "option", "amount", "currency", "amount_description"),
    "eligibility": ("service_id", "eligibility"),
    "required_document": ("service_id", "document"),
    "funding": ("service_id", "source"),
    "accessibility": ("location_id", "description", "details"),
    "capacity": ("id", "service_id", "unit_id", "available", "maximum", "updated"),
    "unit": ("id", "name"),
}
WHAT = {
    "organization": "organizations", "program": "each service's program",
    "service": "services", "location": "locations", "address": "locations' addresses",
    "postal_address": "the address of locations without a street address",
    "phone": "phones", "contact": "contacts", "service_at_location": "service locations",
    "service_area": "service areas (counties; other areas as text)",
    "taxonomy_term": "categories", "attribute": "services' categories",
    "language": "services' languages", "schedule": "opening hours",
    "cost_option": "services' fees", "eligibility": "services' eligibility",
    "required_document": "services' required documents", "funding": "services' funding",
    "accessibility": "accessibility of the services at each location",
    "capacity": "services' capacity (available now and total, by unit type)",
    "unit": "the unit type of each service capacity, matched by name (beds, program slots, "
            "vouchers, appointments)",
}
WHY_COLUMN = {
    "language": "a service's languages are kept by name",
    "cost_option": "fees are kept as one text per service",
    "eligibility": "eligibility is kept as one text per service",
    "required_document": "required documents are kept as one text per service",
    "funding": "funding is kept as one text per service",
    "accessibility": "accessibility is kept as one text per service",
    "capacity": "capacity is kept as numbers per service and unit type",
    "unit": "units are matched by name onto Crosswalk's unit types",
}
NOT_READ = {
    "holiday_schedules.csv": "holiday closures and one-off hours are not kept; only weekly "
                             "opening hours",
    "metadata.csv": "the package's own change log; nothing in it describes a service",
    "meta_table_descriptions.csv": "describes the package's tables; nothing to keep",
    "organization_identifiers.csv": "organizations' registration numbers are not kept",
    "taxonomies.csv": "the taxonomies' own descriptions are not kept (their terms are)",
    "url.csv": "additional web addresses are not kept; the service's and organization's are",
    "units.csv": "no service_capacity.csv uses these units",
    "service_attributes.csv": "not part of HSDS 3.0 or 1.1 as Crosswalk reads it",
}


def coverage(files: dict[str, bytes], tables: dict, headers: dict) -> list[FileReport]:
    """Every CSV file of the package: rows, what it became, and each column not imported."""
    used = {tables[kind][0]: kind for kind in tables}
    reports = []
    for name in sorted(n for n in files if n.endswith(".csv")):
        kind = used.get(name)
        if kind == "unit" and "capacity" not in tables:
            kind = None  # units alone describe nothing we keep
        if kind is None:
            reports.append(FileReport(name, _row_count(files[name]), reason=_why_not(name, used)))
            continue
        rows, columns = tables[kind][1], headers[kind]
        reason = WHY_COLUMN.get(kind, "Crosswalk has no field for it")
        ignored = {c: reason for c in columns if c and c not in USED[kind]}
        reports.append(FileReport(name, len(rows), WHAT[kind], ignored=ignored))
    return reports


def _why_not(name: str, used: dict) -> str:
    if name in NOT_READ:
        return NOT_READ[name]
    for kind, names in FILES.items():
        if name in names:
            chosen = next((n for n, k in used.items() if k == kind), "")
            return f"{chosen} holds the same and was read instead"
    return "not a file of HSDS 3.0 or 1.1 as Crosswalk reads it"


def _row_count(data: bytes) -> int:
    try:
        return max(sum(1 for cells in csv.reader(io.StringIO(data.decode("utf-8-sig")))
                       if any(c.strip() for c in cells)) - 1, 0)
    except (UnicodeDecodeError, csv.Error):
        return 0
