"""One By-Name List row (field key → text) as a household's values, with the reasons a row is
refused. Understands what exports write: HUD's numeric codes (1/0 yes/no, 8/9/99 "doesn't know,
prefers not to answer, not collected", living-situation codes), dates in any shape, full SSNs
(cut to their last four at once), "Length of Time on BNL" in days.

Problems name the line and the column, never the client data in it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from hh.conferences.models import NEED_LEVELS, RACE_ETHNICITY
from hh.directory.models import County, Organization, Region
from hh.extensions import db
from hh.importing import RowProblem, text
from hh.tabular import parse_date as parse_any_date

_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}
# HUD's "client doesn't know" (8), "prefers not to answer" (9), "data not collected" (99).
_UNKNOWN = {"8", "9", "99", "client doesn't know", "client doesnt know", "client refused",
            "client prefers not to answer", "data not collected", "unknown", "doesn't know",
            "prefers not to answer", "not collected"}

_STATUS_WORDS = {
    "unsheltered": "unsheltered", "street": "unsheltered",
    "place not meant for habitation": "unsheltered", "encampment": "encampment",
    "camp": "encampment", "vehicle": "vehicle", "car": "vehicle",
    "emergency shelter": "emergency_shelter", "shelter": "emergency_shelter",
    "es": "emergency_shelter", "safe haven": "emergency_shelter",
    "transitional": "transitional", "transitional housing": "transitional", "th": "transitional",
    "institution": "institution", "hospital": "institution", "jail": "institution",
    "housed": "housed", "permanent housing": "housed", "inactive": "inactive",
    # HUD FY2024 living-situation codes
    "116": "unsheltered", "101": "emergency_shelter", "118": "emergency_shelter",
    "302": "transitional", "204": "institution", "205": "institution", "206": "institution",
    "207": "institution", "215": "institution", "225": "institution",
}
_TYPE_WORDS = {
    "individual": "individual", "single": "individual", "single adult": "individual",
    "adult only": "individual", "individual adult": "individual",
    "family": "family", "family with children": "family", "households with children": "family",
    "youth": "youth", "unaccompanied youth": "youth", "tay": "youth",
    "couple": "couple", "adult couple": "couple",
}


def parse_date(value: str, label: str) -> date | None:
    try:
        return parse_any_date(value)
    except ValueError:
        raise RowProblem(f"{label} is not a date (use 2024-01-20 or 1/20/2024)") from None


def parse_yes_no(value: str, label: str) -> bool | None:
    """True, False, or None for HUD's unknown answers (kept as "not known to be")."""
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    if word in _UNKNOWN:
        return None
    raise RowProblem(f"{label} must be yes or no (or HUD's 1, 0, 8, 9, 99)")


def cut_ssn(value: str) -> tuple[str, bool]:
    """The last four digits of an SSN, and whether more were given (and thrown away)."""
    digits = re.sub(r"[\s-]", "", value)
    if not digits or digits.lower() in {"x" * len(digits)}:
        return "", False
    if not digits.isdigit() or len(digits) not in (4, 9):
        raise RowProblem("SSN must be the last four digits (or the full number, which is cut to four)")
    return digits[-4:], len(digits) > 4


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


def race_ethnicity(value: str) -> str:
    """HUD's categories by key or by name, separated by commas or semicolons, as stored."""
    text = value.lower()
    for key, label in sorted(RACE_ETHNICITY.items(), key=lambda item: -len(item[1])):
        text = text.replace(label.lower(), key)  # names with commas of their own
    found = []
    for part in re.split(r"[;,|]", text):
        key = part.strip()
        if not key:
            continue
        if key not in RACE_ETHNICITY:
            raise RowProblem("race and ethnicity is not one of HUD's categories")
        if key not in found:
            found.append(key)
    return ",".join(found)


def _days(value: str) -> int | None:
    match = re.fullmatch(r"(\d{1,5})(\.0+)?\s*(days?)?", value.strip().lower())
    if not value.strip():
        return None
    if match is None:
        raise RowProblem("length of time on the list must be a number of days")
    return int(match.group(1))


def _score(value: str) -> int:
    try:
        score = int(float(value)) if value else 0
    except ValueError:
        raise RowProblem("score is not a number") from None
    if not 0 <= score <= 1000:
        raise RowProblem("score must be from 0 to 1000")
    return score


@dataclass
class Place:
    """Where rows without a county of their own belong (the preview's or --region/--county)."""

    region: Region | None = None
    county: County | None = None


class Lookups:
    """Counties, regions and organizations by lower-cased name, read once per import."""

    def __init__(self, place: Place | None = None):
        self.counties: dict[str, County] = {}
        for county in db.session.scalars(select(County)):
            self.counties[county.name.lower()] = county
            self.counties[county.name.lower().removesuffix(" county")] = county
        regions = list(db.session.scalars(select(Region)))
        self.regions = {r.name.lower(): r for r in regions}
        self.organizations = {o.name.lower(): o for o in db.session.scalars(select(Organization))}
        place = place or Place()
        if place.region is None and place.county is None and len(regions) == 1:
            place = Place(region=regions[0])  # a CoC with one region: no need to ask
        self.place = place

    def where(self, county_name: str, region_name: str) -> tuple[int | None, int | None]:
        """(county id, region id) of a row: its own county or region, else the chosen place."""
        if county_name:
            county = self.counties.get(county_name.strip().lower())
            if county is None:
                raise RowProblem("county is not one of the CoC's counties")
            return county.id, county.region_id
        if region_name:
            region = self.regions.get(region_name.strip().lower())
            if region is None:
                raise RowProblem("region is not one of the CoC's regions")
            return None, region.id
        if self.place.county is not None:
            return self.place.county.id, self.place.county.region_id
        if self.place.region is not None:
            return None, self.place.region.id
        raise RowProblem("no county or region: choose the region for rows without one")

    def organization(self, value: str, label: str) -> int | None:
        if not value:
            return None
        found = self.organizations.get(value.strip().lower())
        if found is None:
            raise RowProblem(f"{label} is not an organization in the directory")
        return found.id


def _identity(row: dict) -> tuple[str, dict, list[str]]:
    hmis_id = text(row, "hmis_id", 40, "HMIS ID")
    if not hmis_id:
        raise RowProblem("HMIS ID is empty")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", hmis_id):
        raise RowProblem("HMIS ID may hold only letters, digits, dots, dashes and underscores")
    first, last = text(row, "first_name", 100, "first name"), text(row, "last_name", 100, "last name")
    if not first and not last:
        raise RowProblem("first and last name are both empty")
    ssn4, cut = cut_ssn(row.get("ssn4", ""))
    return hmis_id, {"first_name": first, "last_name": last, "ssn4": ssn4}, \
        (["SSN cut to its last four digits"] if cut else [])


def _flags(row: dict) -> tuple[dict, list[str]]:
    notes, values = [], {}
    for key, label in (("veteran", "veteran"), ("chronic", "chronic"), ("consent", "release of information"),
                       ("safety_flag", "safety flag")):
        answer = parse_yes_no(row.get(key, ""), label)
        if answer is None:
            notes.append(f"{label} unknown (8, 9, 99 or its words): stored as no")
        values[key] = bool(answer)
    return values, notes


def _dates(row: dict, today: date) -> dict:
    added_on = parse_date(row.get("date_added", ""), "date added")
    days = _days(row.get("days_on_list", ""))
    if added_on is None and days is not None:
        added_on = today - timedelta(days=days)
    if added_on is not None and added_on > today:
        raise RowProblem("date added is in the future")
    values = {
        "status_updated_on": parse_date(row.get("status_updated", ""), "date status updated"),
        "last_contact_on": parse_date(row.get("last_contact", ""), "date of last contact"),
        "consent_on": parse_date(row.get("consent_date", ""), "release date"),
        "consent_expires_on": parse_date(row.get("consent_expires", ""), "release expiry"),
    }
    if added_on is not None:  # no date: a new household joins today, a listed one keeps its date
        values["added_on"] = added_on
    return values


def _list_status(row: dict, housing_status: str, status_updated_on: date | None,
                 today: date) -> dict:
    """HMIS decides the list status: housed and inactive leave the active list."""
    if housing_status == "housed":
        return {"status": "housed",
                "move_in_on": parse_date(row.get("move_in_date", ""), "move-in date")
                or status_updated_on or today}
    if housing_status == "inactive":
        return {"status": "inactive"}
    return {"status": "active", "move_in_on": None}


# A household's field → the row's field it comes from: a field the file has no column for (or
# the HUD export does not give) is left as it is, so a re-import never wipes what a coordinator
# entered by hand.
SOURCES = {
    "ssn4": "ssn4", "veteran": "veteran", "chronic": "chronic", "consent": "consent",
    "safety_flag": "safety_flag", "household_type": "household_type", "priority_score": "score",
    "score_tool": "score_tool", "navigator_name": "navigator",
    "navigator_organization_id": "navigator_organization", "housing_need": "housing_need",
    "service_need": "service_need", "status_updated_on": "status_updated",
    "last_contact_on": "last_contact", "consent_on": "consent_date",
    "consent_expires_on": "consent_expires", "race_ethnicity": "race_ethnicity",
}
# Filled from the chosen region or county: only for a household new to the list.
FROM_PLACE = "_from_place"


def row_values(row: dict, lookups: Lookups, today: date) -> tuple[str, dict, list[str]]:
    """(HMIS ID, the household's values, notes for the preview) of one row; RowProblem if the
    row cannot be imported. Only the fields the row gives are in the values."""
    hmis_id, values, notes = _all_values(row, lookups, today)
    for field, source in SOURCES.items():
        if source not in row:
            values.pop(field, None)
    if not row.get("county") and not row.get("region"):
        values[FROM_PLACE] = True
    return hmis_id, values, notes


def _all_values(row: dict, lookups: Lookups, today: date) -> tuple[str, dict, list[str]]:
    hmis_id, values, notes = _identity(row)
    housing_status = _choice(row.get("housing_status", ""), _STATUS_WORDS, "housing status", "")
    if not housing_status:
        raise RowProblem("housing status is empty")
    flags, flag_notes = _flags(row)
    county_id, region_id = lookups.where(row.get("county", ""), row.get("region", ""))
    values.update(flags, **_dates(row, today))
    values.update({
        "household_type": _choice(row.get("household_type", ""), _TYPE_WORDS, "household type",
                                  "individual"),
        "housing_status": housing_status, "county_id": county_id, "region_id": region_id,
        "priority_score": _score(row.get("score", "")),
        "score_tool": text(row, "score_tool", 60, "score tool"),
        "navigator_name": text(row, "navigator", 200, "navigator"),
        "navigator_organization_id": lookups.organization(row.get("navigator_organization", ""),
                                                          "navigator organization"),
        "housing_need": _level(row.get("housing_need", ""), "housing need"),
        "service_need": _level(row.get("service_need", ""), "service need"),
        "race_ethnicity": race_ethnicity(row.get("race_ethnicity", "")),
    })
    if "entered_by" in row:
        values["entered_by_organization_id"] = lookups.organization(row["entered_by"],
                                                                    "entering agency")
    values.update(_list_status(row, housing_status, values["status_updated_on"], today))
    return hmis_id, values, notes + flag_notes
