"""Import the By-Name List from an HMIS export (CSV): validate every row, preview, apply the good
rows in one transaction, idempotent on HMIS ID. Households on our active list that are missing
from the new export are listed for the coordinator to confirm, never dropped silently.

Reuses the core import helper (hh/importing.py): reading, problems, run_import.
Problems name the line and the column, never the client data in it.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import select

from hh.conferences.models import NEED_LEVELS, Household
from hh.directory.models import County, Organization
from hh.extensions import db
from hh.importing import (
    ImportReport,
    RowProblem,
    assign,
    read_csv,
    run_import,
    text,
)
from hh.timeutil import local_today
from hh.web import audit

KIND = "households"
REQUIRED = ("hmis_id", "first_name", "last_name", "county", "housing_status")

# Header variants HMIS exports and coordinators' spreadsheets use (after lower-casing and
# turning spaces and dashes into underscores).
ALIASES = {
    "personal_id": "hmis_id", "personalid": "hmis_id", "client_id": "hmis_id",
    "hmis_client_id": "hmis_id", "hmisid": "hmis_id", "hmis": "hmis_id",
    "firstname": "first_name", "first": "first_name",
    "lastname": "last_name", "last": "last_name",
    "4_digit_ssn": "ssn4", "ssn_last_4": "ssn4", "last_4_ssn": "ssn4", "ssn4": "ssn4",
    "ssn_last4": "ssn4", "ssn": "ssn4",
    "veteran_status": "veteran", "is_veteran": "veteran",
    "chronically_homeless": "chronic", "chronic_status": "chronic", "chronic_homeless": "chronic",
    "county_name": "county", "county_of_residence": "county",
    "date_added_to_bnl": "date_added", "date_added": "date_added", "added_on": "date_added",
    "bnl_entry_date": "date_added", "entry_date": "date_added", "project_start_date": "date_added",
    "date_bnl_status_updated": "status_updated", "status_updated": "status_updated",
    "date_status_updated": "status_updated",
    "score": "score", "priority_score": "score", "vi_spdat_score": "score",
    "assessment_score": "score", "prioritization_score": "score",
    "score_tool": "score_tool", "assessment_tool": "score_tool", "tool": "score_tool",
    "date_of_last_contact": "last_contact", "last_contact": "last_contact",
    "last_contact_date": "last_contact",
    "navigator": "navigator", "assigned_navigator": "navigator", "case_manager": "navigator",
    "navigator_organization": "navigator_organization", "navigator_agency": "navigator_organization",
    "agency": "navigator_organization",
    "housing_need": "housing_need", "housing_need_level": "housing_need",
    "service_need": "service_need", "service_need_level": "service_need",
    "roi": "consent", "release_of_information": "consent", "consent": "consent",
    "roi_on_file": "consent", "roi_date": "consent_date", "consent_date": "consent_date",
    "roi_expires": "consent_expires", "roi_expiration": "consent_expires",
    "consent_expires": "consent_expires", "consent_expiration": "consent_expires",
    "dv_flag": "safety_flag", "safety_flag": "safety_flag", "dv_survivor": "safety_flag",
    "household_type": "household_type", "hh_type": "household_type",
    "move_in_date": "move_in_date", "housing_move_in_date": "move_in_date",
    "entering_agency": "entered_by", "entered_by": "entered_by",
}

_TRUE = {"yes", "y", "true", "1", "x"}
# HUD's "don't know / refused / not collected" answers mean "not known to be", not an error.
_FALSE = {"no", "n", "false", "0", "", "client doesn't know", "client doesnt know",
          "client refused", "data not collected", "unknown", "client prefers not to answer"}

_STATUS_WORDS = {
    "unsheltered": "unsheltered", "street": "unsheltered", "place not meant for habitation": "unsheltered",
    "encampment": "encampment", "camp": "encampment",
    "vehicle": "vehicle", "car": "vehicle",
    "emergency shelter": "emergency_shelter", "emergency_shelter": "emergency_shelter",
    "shelter": "emergency_shelter", "es": "emergency_shelter",
    "transitional": "transitional", "transitional housing": "transitional", "th": "transitional",
    "institution": "institution", "hospital": "institution", "jail": "institution",
    "housed": "housed", "permanent housing": "housed",
    "inactive": "inactive",
}
_TYPE_WORDS = {
    "individual": "individual", "single": "individual", "single adult": "individual",
    "adult only": "individual", "individual adult": "individual",
    "family": "family", "family with children": "family", "households with children": "family",
    "youth": "youth", "unaccompanied youth": "youth", "tay": "youth",
    "couple": "couple", "adult couple": "couple",
}

_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%Y/%m/%d", "%d-%b-%Y", "%b %d, %Y")


def parse_date(value: str, label: str) -> date | None:
    """ISO (2023-08-09) or US (8/9/2023, 08-09-2023, 8/9/23) dates; a time part is ignored."""
    value = value.strip()
    if not value:
        return None
    value = re.split(r"[ T](?=\d{1,2}:)", value)[0]
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if not 1900 <= parsed.year <= 2100:
            break
        return parsed
    raise RowProblem(f"{label} is not a date (use 2023-08-09 or 8/9/2023)")


def parse_yes_no(value: str, label: str) -> bool:
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise RowProblem(f"{label} must be yes or no")


def _choice(value: str, words: dict[str, str], label: str, default: str) -> str:
    word = re.sub(r"\s+", " ", value.strip().lower().replace("_", " "))
    if not word:
        return default
    found = words.get(word) or words.get(word.replace(" ", "_"))
    if found is None:
        raise RowProblem(f"{label} is not one we know")
    return found


def _level(value: str, label: str) -> str:
    word = value.strip().lower()
    if not word:
        return "moderate"
    word = {"med": "moderate", "medium": "moderate", "mod": "moderate"}.get(word, word)
    if word not in NEED_LEVELS:
        raise RowProblem(f"{label} must be low, moderate or high")
    return word


class _Lookups:
    """Counties and organizations by lower-cased name, read once per import."""

    def __init__(self):
        self.counties = {}
        for county in db.session.scalars(select(County)):
            name = county.name.lower()
            self.counties[name] = county
            self.counties[name.removesuffix(" county")] = county
        self.organizations = {o.name.lower(): o for o in db.session.scalars(select(Organization))}

    def county(self, value: str) -> County:
        found = self.counties.get(value.strip().lower())
        if found is None:
            raise RowProblem("county is not one of the CoC's counties")
        return found

    def organization(self, value: str, label: str) -> int | None:
        if not value:
            return None
        found = self.organizations.get(value.strip().lower())
        if found is None:
            raise RowProblem(f"{label} is not an organization in the directory")
        return found.id


def _values(row: dict, lookups: _Lookups, today: date) -> dict:
    hmis_id = text(row, "hmis_id", 40, "HMIS ID")
    if not hmis_id:
        raise RowProblem("HMIS ID is empty")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", hmis_id):
        raise RowProblem("HMIS ID may hold only letters, digits, dots, dashes and underscores")
    first, last = text(row, "first_name", 100, "first name"), text(row, "last_name", 100, "last name")
    if not first and not last:
        raise RowProblem("first and last name are both empty")
    ssn4 = row.get("ssn4", "")
    if ssn4 and not re.fullmatch(r"\d{4}", ssn4):
        raise RowProblem("SSN must be exactly the last four digits")
    county = lookups.county(row.get("county", ""))
    housing_status = _choice(row.get("housing_status", ""), _STATUS_WORDS, "housing status", "")
    if not housing_status:
        raise RowProblem("housing status is empty")
    score_text = row.get("score", "")
    try:
        score = int(float(score_text)) if score_text else 0
    except ValueError:
        raise RowProblem("score is not a number") from None
    if not 0 <= score <= 1000:
        raise RowProblem("score must be from 0 to 1000")
    added_on = parse_date(row.get("date_added", ""), "date added")
    if added_on is not None and added_on > today:
        raise RowProblem("date added is in the future")
    values = {
        "first_name": first, "last_name": last, "ssn4": ssn4,
        "household_type": _choice(row.get("household_type", ""), _TYPE_WORDS, "household type",
                                  "individual"),
        "veteran": parse_yes_no(row.get("veteran", ""), "veteran"),
        "chronic": parse_yes_no(row.get("chronic", ""), "chronic"),
        "housing_status": housing_status,
        "county_id": county.id, "region_id": county.region_id,
        "status_updated_on": parse_date(row.get("status_updated", ""), "date status updated"),
        "priority_score": score,
        "score_tool": text(row, "score_tool", 60, "score tool"),
        "last_contact_on": parse_date(row.get("last_contact", ""), "date of last contact"),
        "navigator_name": text(row, "navigator", 200, "navigator"),
        "navigator_organization_id": lookups.organization(row.get("navigator_organization", ""),
                                                          "navigator organization"),
        "housing_need": _level(row.get("housing_need", ""), "housing need"),
        "service_need": _level(row.get("service_need", ""), "service need"),
        "consent": parse_yes_no(row.get("consent", ""), "release of information"),
        "consent_on": parse_date(row.get("consent_date", ""), "release date"),
        "consent_expires_on": parse_date(row.get("consent_expires", ""), "release expiry"),
        "safety_flag": parse_yes_no(row.get("safety_flag", ""), "safety flag"),
    }
    if added_on is not None:  # no date: a new household joins today, a listed one keeps its date
        values["added_on"] = added_on
    if "entered_by" in row:
        values["entered_by_organization_id"] = lookups.organization(row["entered_by"], "entering agency")
    values.update(_list_status(row, housing_status, values["status_updated_on"], today))
    return hmis_id, values


def _list_status(row: dict, housing_status: str, status_updated_on: date | None,
                 today: date) -> dict:
    """The list status follows HMIS: housed and inactive leave the active list."""
    if housing_status == "housed":
        move_in_on = parse_date(row.get("move_in_date", ""), "move-in date")
        return {"status": "housed", "move_in_on": move_in_on or status_updated_on or today}
    if housing_status == "inactive":
        return {"status": "inactive"}
    return {"status": "active", "move_in_on": None}


def import_bnl(data: bytes, *, commit: bool, user=None, actor: str | None = None,
               name: str = "bnl.csv", today: date | None = None) -> ImportReport:
    """Preview (commit=False) or apply the export. report.missing: ids of active households not
    in the file (for the coordinator to confirm)."""
    today = today or local_today()
    _, rows = read_csv(name, data, REQUIRED, ALIASES)
    report = ImportReport(kinds=(KIND,))
    report.missing = []

    def apply(report: ImportReport) -> None:
        lookups = _Lookups()
        existing = {h.hmis_id: h for h in db.session.scalars(select(Household))}
        seen: dict[str, int] = {}
        for line, row in rows:
            try:
                hmis_id, values = _values(row, lookups, today)
            except RowProblem as problem:
                report.problem(name, line, str(problem))
                continue
            if hmis_id in seen:
                report.problem(name, line, f"HMIS ID appears again (first on line {seen[hmis_id]})")
                continue
            seen[hmis_id] = line
            household = existing.get(hmis_id)
            if household is None:
                household = Household(hmis_id=hmis_id, **{"added_on": today, **values})
                db.session.add(household)
                existing[hmis_id] = household
                report.record(KIND, hmis_id, "new")
            else:
                report.record(KIND, hmis_id, "updated" if assign(household, values) else "unchanged")
        report.missing = sorted(h.id for key, h in existing.items()
                                if key not in seen and h.id is not None and h.status == "active")

    return run_import(apply, report, commit=commit, action="bnl_imported", user=user, actor=actor)


def confirm_missing(household_ids: list[int], user=None, actor: str | None = None) -> int:
    """Make households that left the HMIS export inactive, once the coordinator confirms each."""
    if not household_ids:
        return 0
    households = list(db.session.scalars(select(Household).where(
        Household.id.in_(household_ids), Household.status == "active")))
    for household in households:
        household.status = "inactive"
        household.housing_status = "inactive"
        household.inactive_reason = "Not in the HMIS export (confirmed by the coordinator)"
        household.status_updated_on = local_today()
        audit("household_inactive", "household", household.id, user=user, actor=actor)
    db.session.commit()
    return len(households)


def missing_households(ids: list[int]) -> list[Household]:
    if not ids:
        return []
    return list(db.session.scalars(select(Household).where(Household.id.in_(ids))
                                   .order_by(Household.id)))
