"""What a By-Name List file's headings can mean: the fields a household has, the names HMIS
exports, the case-conferencing deck and coordinators' spreadsheets give them, and the mapping a
coordinator chose for headings we did not recognise (remembered per set of headings).

Nothing a file says is dropped silently: every heading is either a field or "not imported", and
the preview and the command line list each one.
"""
from __future__ import annotations

import hashlib
import json

from sqlalchemy import select

from hh.conferences.models import ColumnMapping
from hh.extensions import db
from hh.tabular import header_key

# Field key → what the preview calls it.
FIELDS: dict[str, str] = {
    "hmis_id": "HMIS ID",
    "first_name": "First name",
    "last_name": "Last name",
    "ssn4": "SSN last four (a full number is cut to its last four)",
    "household_type": "Household type",
    "veteran": "Veteran",
    "chronic": "Chronically homeless",
    "housing_status": "Housing status",
    "region": "Region",
    "county": "County",
    "date_added": "Date added to the list",
    "days_on_list": "Length of time on the list (days; sets the date added)",
    "status_updated": "Date list status updated",
    "score": "Priority score",
    "score_tool": "Score tool",
    "last_contact": "Date of last contact",
    "navigator": "Navigator",
    "navigator_organization": "Navigator's organization",
    "housing_need": "Housing need",
    "service_need": "Service need",
    "consent": "Release of information on file",
    "consent_date": "Release date",
    "consent_expires": "Release expires",
    "safety_flag": "Safety flag (survivor)",
    "move_in_date": "Move-in date",
    "entered_by": "Entering agency",
    "race_ethnicity": "Race and ethnicity (HUD categories)",
}
REQUIRED = ("hmis_id", "first_name", "last_name", "housing_status")

# Header variants (as header keys: lower case, spaces and dashes as underscores).
ALIASES: dict[str, str] = {
    "personal_id": "hmis_id", "personalid": "hmis_id", "client_id": "hmis_id",
    "hmis_client_id": "hmis_id", "hmisid": "hmis_id", "hmis": "hmis_id", "clientid": "hmis_id",
    "firstname": "first_name", "first": "first_name",
    "lastname": "last_name", "last": "last_name",
    "4_digit_ssn": "ssn4", "ssn_last_4": "ssn4", "last_4_ssn": "ssn4", "ssn_last4": "ssn4",
    "ssn": "ssn4", "last_4_of_ssn": "ssn4", "ssn_(last_4)": "ssn4",
    "veteran_status": "veteran", "is_veteran": "veteran", "veteranstatus": "veteran",
    "chronically_homeless": "chronic", "chronic_status": "chronic", "chronic_homeless": "chronic",
    "county_name": "county", "county_of_residence": "county",
    "region_name": "region",
    "date_added_to_bnl": "date_added", "added_on": "date_added", "bnl_entry_date": "date_added",
    "entry_date": "date_added", "entrydate": "date_added", "project_start_date": "date_added",
    "date_identified": "date_added", "identification_date": "date_added",
    "length_of_time_on_bnl": "days_on_list", "days_on_bnl": "days_on_list",
    "length_of_time_on_list": "days_on_list", "days_on_list": "days_on_list",
    "time_on_bnl": "days_on_list", "days_on_the_list": "days_on_list",
    "date_bnl_status_updated": "status_updated", "status_updated": "status_updated",
    "date_status_updated": "status_updated", "status_date": "status_updated",
    "bnl_status": "housing_status", "living_situation": "housing_status",
    "livingsituation": "housing_status", "current_living_situation": "housing_status",
    "priority_score": "score", "vi_spdat_score": "score", "vi_spdat": "score",
    "assessment_score": "score", "prioritization_score": "score", "total_score": "score",
    "assessment_tool": "score_tool", "tool": "score_tool",
    "date_of_last_contact": "last_contact", "last_contact_date": "last_contact",
    "informationdate": "last_contact",
    "assigned_navigator": "navigator", "case_manager": "navigator",
    "navigator_agency": "navigator_organization", "agency": "navigator_organization",
    "housing_need_level": "housing_need", "service_need_level": "service_need",
    "roi": "consent", "release_of_information": "consent", "roi_on_file": "consent",
    "roi_date": "consent_date", "roi_expires": "consent_expires", "roi_expiration": "consent_expires",
    "consent_expiration": "consent_expires",
    "dv_flag": "safety_flag", "dv_survivor": "safety_flag",
    "hh_type": "household_type",
    "housing_move_in_date": "move_in_date", "moveindate": "move_in_date",
    "entering_agency": "entered_by",
    "race": "race_ethnicity", "race_and_ethnicity": "race_ethnicity", "ethnicity": "race_ethnicity",
}
KNOWN = set(FIELDS) | set(ALIASES)


def field_for(heading: str) -> str | None:
    key = header_key(heading)
    return key if key in FIELDS else ALIASES.get(key)


def signature(headings: list[str]) -> str:
    return hashlib.sha256("\x1f".join(header_key(h) for h in headings).encode()).hexdigest()


def remembered(headings: list[str]) -> dict[str, str]:
    """What a coordinator said these headings mean, last time a file had exactly them."""
    found = db.session.scalar(select(ColumnMapping.mapping)
                              .where(ColumnMapping.signature == signature(headings)))
    try:
        mapping = json.loads(found) if found else {}
    except ValueError:
        return {}
    return {key: value for key, value in mapping.items() if value in FIELDS or value == ""}


def remember(headings: list[str], choices: dict[str, str], user=None) -> None:
    """Keep the coordinator's choices (heading key → field key, "" for "not imported")."""
    key = signature(headings)
    record = db.session.scalar(select(ColumnMapping).where(ColumnMapping.signature == key))
    if record is None:
        record = ColumnMapping(signature=key)
        db.session.add(record)
    record.mapping = json.dumps(choices, sort_keys=True)
    record.updated_by_id = getattr(user, "id", None)
    db.session.commit()


def columns_of(headings: list[str], chosen: dict[str, str] | None = None) -> list[str | None]:
    """The field of each heading: the coordinator's choice, else the name we recognise, else
    None ("not imported"). A field taken by an earlier heading is not taken twice."""
    chosen = chosen if chosen is not None else {}
    taken: set[str] = set()
    columns: list[str | None] = []
    for heading in headings:
        key = header_key(heading)
        field = chosen[key] if key in chosen else field_for(heading)
        if not field or field in taken:
            columns.append(None)
            continue
        taken.add(field)
        columns.append(field)
    return columns
