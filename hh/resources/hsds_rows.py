"""The HSDS import's row handlers: one method per HSDS resource, each mapping one row onto our
records (or raising RowProblem to skip it). Mixed into the importer in hsds_import."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm.attributes import flag_modified

from hh.checks import web_address
from hh.directory.models import Contact, Organization, Phone
from hh.errors import InputError
from hh.extensions import db
from hh.importing import RowProblem, assign, text, upsert
from hh.resources.hsds_tables import derived_id
from hh.resources.models import (
    SERVICE_STATUSES,
    Location,
    Service,
    ServiceArea,
    TaxonomyTerm,
    service_at_location,
)


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


def _web_address(row: dict, column: str) -> str:
    try:
        return web_address(row[column], column)
    except InputError:
        raise RowProblem(f"{column} “{row[column][:60]}” is not a web address starting with "
                         "http:// or https://") from None


def _assured_date(raw: str) -> date:
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        raise RowProblem(f"assured_date “{raw[:40]}” is not a date (YYYY-MM-DD)") from None


def _last_modified(raw: str) -> datetime | None:
    """The file's time of a record's last change, as naive UTC (how we store times)."""
    if not raw:
        return None
    try:
        modified = datetime.fromisoformat(raw)
    except ValueError:
        raise RowProblem(f"last_modified “{raw[:40]}” is not a date and time") from None
    if modified.tzinfo is not None:
        modified = (modified - modified.utcoffset()).replace(tzinfo=None)
    return modified


class RowHandlers:
    """Needs the importer's lookups: find, county, note, report, rows, guarded, tables."""

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
        for column, limit in (("alternate_name", 200), ("email", 254)):
            if column in row:
                values[column] = text(row, column, limit)
        if "website" in row:
            values["website"] = _web_address(row, "website")
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
        extra: list[tuple[str, int]] = []
        file_services = {row["id"] for _, row in self.tables.get("service", ("", []))[1]}

        def handle(name, line, row):
            service_id = row.get("link_id") or row.get("service_id")
            value = read(name, line, row)
            if service_id not in file_services and self.find(Service, service_id, self.services) is None:
                raise RowProblem(f"service {service_id} is not in the package or the directory")
            if many:
                found.setdefault(service_id, []).append(value)
            elif service_id in found:
                extra.append((name, line))
            else:
                found[service_id] = value

        self.guarded(kind, handle)
        if extra:  # one note for the file, not one per row
            self.note(*extra[0], f"{len(extra)} rows give a service a further category; Crosswalk "
                      "keeps one category per service, the first")
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
        for column, limit in (("alternate_name", 200), ("email", 254),
                              ("interpretation_services", 500), ("assurer_email", 254),
                              ("description", 100_000), ("application_process", 100_000),
                              ("eligibility_description", 100_000), ("fees_description", 100_000)):
            if column in row:
                values[column] = text(row, column, limit)
        for column in ("minimum_age", "maximum_age"):
            if column in row:
                values[column] = _number_or_none(row, column)
        if "url" in row:
            values["url"] = _web_address(row, "url")
        if row.get("assured_date"):
            values["assured_date"] = _assured_date(row["assured_date"])
        modified = _last_modified(row.get("last_modified", ""))
        values.update(self.detail_values(hsds_id, row))
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

    def postal_address(self, name, line, row) -> None:
        """HSDS 1.1 postal addresses: the address of a location that has no street address."""
        if row["location_id"] in self.addressed:
            raise RowProblem(f"location {row['location_id']} has a street address; the postal one "
                             "is not kept")
        self.address(name, line, row)

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
            return  # not one of the CoC's counties: kept as the service's area text

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

