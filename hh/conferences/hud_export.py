"""Read a HUD HMIS CSV export (FY2024 format) into By-Name List rows.

Every HMIS vendor must produce this export, so it is what most coordinators can hand us. The
By-Name List is the heads of household with an open enrollment in a homeless or coordinated-entry
project; this module builds exactly that list, and says for every heading of every file what it
became, so nothing a file says is dropped without the preview saying so. It is pure: bytes in,
rows out, no database. Notes and problems carry counts and column names, never client data.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from hh.conferences.hud_codes import (
    LIVING_STATUS,
    PROJECT_STATUS,
    RACE_COLUMNS,
    RACE_NONE,
    UNKNOWN_CODES,
)
from hh.importing import ImportFailure
from hh.tabular import TableError, parse_date, read_table

CLIENT, ENROLLMENT, EXIT = "client.csv", "enrollment.csv", "exit.csv"
PROJECT, CONTACTS = "project.csv", "currentlivingsituation.csv"

_DELETED = "DateDeleted"
_DELETED_MEANS = "rows with a date here are ignored (deleted in the HMIS)"

# What each heading of the files we use becomes; any other heading is "not imported".
USED: dict[str, dict[str, str]] = {
    CLIENT: {
        "PersonalID": "hmis_id", "FirstName": "first_name", "LastName": "last_name",
        "SSN": "SSN last four (the rest is never kept)",
        "SSNDataQuality": "whether the SSN's last four are kept (not when 8, 9 or 99)",
        "DOB": "household type (ages at today)", "VeteranStatus": "veteran",
        **{column: "race_ethnicity" for column in RACE_COLUMNS}, "RaceNone": "race_ethnicity",
        _DELETED: _DELETED_MEANS},
    ENROLLMENT: {
        "EnrollmentID": "links exits and contacts to the enrollment",
        "PersonalID": "links the enrollment to the person",
        "ProjectID": "the project, whose type decides scope and housing status",
        "EntryDate": "date_added (earliest open enrollment)",
        "HouseholdID": "household type (who is enrolled together)",
        "RelationshipToHoH": "only heads of household (1) are listed",
        "LivingSituation": "housing status (coordinated entry projects)",
        "MoveInDate": "move_in_date and housing status housed", _DELETED: _DELETED_MEANS},
    EXIT: {
        "EnrollmentID": "which enrollment ended",
        "ExitDate": "which enrollments are open (exited ones are not listed)",
        _DELETED: _DELETED_MEANS},
    PROJECT: {
        "ProjectID": "links enrollments to the project",
        "ProjectType": "which enrollments count, and housing status", _DELETED: _DELETED_MEANS},
    CONTACTS: {
        "EnrollmentID": "links the contact to the enrollment",
        "InformationDate": "last_contact (latest date)", _DELETED: _DELETED_MEANS},
}
VALUE_KEYS = ("hmis_id", "first_name", "last_name", "ssn4", "veteran", "date_added",
              "housing_status", "move_in_date", "last_contact", "household_type", "race_ethnicity")


@dataclass
class HudExport:
    """The active list read from an export, and what happened to everything else in it."""

    rows: list[tuple[str, int, dict[str, str]]] = field(default_factory=list)
    columns: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    unused_files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[tuple[str, int, str]] = field(default_factory=list)


@dataclass
class _Enrollment:
    id: str
    personal_id: str
    line: int
    entry: date
    household_id: str
    head: bool
    project_type: str
    living_situation: str
    move_in: date | None


@dataclass
class _Sheet:
    """One file read as a table, with the positions of the headings we use."""

    name: str
    headings: list[str]
    rows: list[tuple[int, list[str]]]
    index: dict[str, int]

    def records(self, wanted: Iterable[str], counts: Counter) -> Iterator[tuple[int, dict[str, str]]]:
        """Rows as {column: value} for the wanted columns, deleted rows left out (and counted)."""
        positions = [(c, self.index.get(c.lower())) for c in (*wanted, _DELETED)]
        for line, cells in self.rows:
            values = {c: (cells[i].strip() if i is not None and i < len(cells) else "")
                      for c, i in positions}
            if values[_DELETED]:
                counts["deleted"] += 1
                continue
            yield line, values


def is_hud_export(names: Iterable[str]) -> bool:
    """A package is a HUD export when it has the two files the list is built from."""
    bases = {re.split(r"[\\/]", n)[-1].lower() for n in names}
    return CLIENT in bases and ENROLLMENT in bases


def read_hud_export(files: dict[str, bytes], today: date) -> HudExport:
    """The heads of household with an open homeless or coordinated-entry enrollment, one row
    per person, plus what every heading of every file became (nothing dropped silently)."""
    names = {n.lower(): n for n in files}
    for required, why in ((CLIENT, "the people"), (ENROLLMENT, "who is enrolled where"),
                          (PROJECT, "which projects count")):
        if required not in names:
            raise ImportFailure(f"This HUD export has no {_spelled(required)}; it is needed "
                                f"for {why}. Export all files of the HMIS CSV export.")
    result, counts = HudExport(), Counter()
    sheets = {key: _sheet(names[key], files[names[key]]) for key in USED if key in names}
    projects = _project_types(sheets[PROJECT], counts)
    clients = _clients(sheets[CLIENT], result, counts)
    exits = _exits(sheets.get(EXIT), today, result, counts)
    enrollments = _enrollments(sheets[ENROLLMENT], projects, clients, result, counts)
    listed, households = _select(enrollments, exits, counts)
    contacts = _contacts(sheets.get(CONTACTS), result, counts)
    ages = _ages(sheets[CLIENT], clients, listed, households, today, result)
    result.rows = _rows(listed, households, clients, contacts, ages, today, counts,
                        sheets[CLIENT].name)
    _columns(files, sheets, result)
    result.notes = _notes(counts, len(result.rows))
    return result


def _spelled(key: str) -> str:
    """HUD's spelling of a file name, for messages a coordinator can match to their folder."""
    return {CLIENT: "Client.csv", ENROLLMENT: "Enrollment.csv", EXIT: "Exit.csv",
            PROJECT: "Project.csv", CONTACTS: "CurrentLivingSituation.csv"}[key]


def _sheet(name: str, data: bytes) -> _Sheet:
    """Read one file; a file we need that cannot be read stops the whole import."""
    known = {c.lower() for c in USED.get(name.lower(), {})} | {"datecreated", "exportid"}
    try:
        table = read_table(name, data, known=known)
    except TableError as error:
        raise ImportFailure(f"{name}: {error}") from None
    index: dict[str, int] = {}
    for i, heading in enumerate(table.headings):
        index.setdefault(heading.lower(), i)
    return _Sheet(name, table.headings, table.rows, index)


def _date(value: str, sheet: _Sheet, line: int, column: str, result: HudExport,
          then: str = "") -> date | None:
    """A date, or None with a problem naming the column (never the value) when unreadable."""
    try:
        return parse_date(value)
    except ValueError:
        result.problems.append((sheet.name, line, f"{column} is not a date we can read{then}"))
        return None


def _code(value: str) -> str:
    """A HUD numeric code as written, without the `.0` a spreadsheet may add."""
    value = value.strip()
    return value.removesuffix(".0")


def _project_types(sheet: _Sheet, counts: Counter) -> dict[str, str]:
    """ProjectType by ProjectID: the type decides whether an enrollment belongs on the list."""
    return {v["ProjectID"]: _code(v["ProjectType"])
            for _, v in sheet.records(("ProjectID", "ProjectType"), counts) if v["ProjectID"]}


def _clients(sheet: _Sheet, result: HudExport, counts: Counter) -> dict[str, tuple[int, dict]]:
    """Client rows by PersonalID; the first row of a repeated id wins (the repeat is a problem)."""
    clients: dict[str, tuple[int, dict]] = {}
    for line, values in sheet.records(USED[CLIENT], counts):
        pid = values["PersonalID"]
        if not pid:
            result.problems.append((sheet.name, line, "PersonalID is empty; row skipped"))
        elif pid in clients:
            result.problems.append((sheet.name, line, "PersonalID appears twice; row skipped"))
        else:
            clients[pid] = (line, values)
    return clients


def _exits(sheet: _Sheet | None, today: date, result: HudExport, counts: Counter) -> set[str]:
    """EnrollmentIDs that ended on or before today (a later exit date keeps them open)."""
    ended: set[str] = set()
    if sheet is None:
        return ended
    for line, values in sheet.records(("EnrollmentID", "ExitDate"), counts):
        exit_date = _date(values["ExitDate"], sheet, line, "ExitDate", result,
                          "; the enrollment counts as open")
        if exit_date is not None and exit_date <= today:
            ended.add(values["EnrollmentID"])
    return ended


def _enrollments(sheet: _Sheet, projects: dict[str, str], clients: dict, result: HudExport,
                 counts: Counter) -> list[_Enrollment]:
    """Readable enrollments of known people in known projects; the rest are counted or reported."""
    found = []
    for line, v in sheet.records(USED[ENROLLMENT], counts):
        if not v["PersonalID"] or not v["EnrollmentID"]:
            column = "PersonalID" if not v["PersonalID"] else "EnrollmentID"
            result.problems.append((sheet.name, line, f"{column} is empty; enrollment skipped"))
            continue
        if v["PersonalID"] not in clients:
            counts["no_client"] += 1
            continue
        if v["ProjectID"] not in projects:
            counts["no_project"] += 1
            continue
        entry = _date(v["EntryDate"], sheet, line, "EntryDate", result, "; enrollment skipped")
        if entry is None:
            if not v["EntryDate"]:
                result.problems.append((sheet.name, line, "EntryDate is empty; enrollment skipped"))
            continue
        found.append(_Enrollment(
            v["EnrollmentID"], v["PersonalID"], line, entry, v["HouseholdID"],
            _code(v["RelationshipToHoH"]) == "1", projects[v["ProjectID"]],
            _code(v["LivingSituation"]),
            _date(v["MoveInDate"], sheet, line, "MoveInDate", result)))
    return found


def _select(enrollments: list[_Enrollment], exits: set[str],
            counts: Counter) -> tuple[dict[str, list[_Enrollment]], dict[str, set[str]]]:
    """Open in-scope enrollments of heads of household by person, and who is enrolled (open)
    in each household; everything else is only counted."""
    listed: dict[str, list[_Enrollment]] = {}
    households: dict[str, set[str]] = {}
    members: set[str] = set()
    for e in enrollments:
        if e.project_type not in PROJECT_STATUS:
            counts["out_of_scope"] += 1
            continue
        if e.id in exits:
            counts["exited"] += 1
            continue
        if e.household_id:
            households.setdefault(e.household_id, set()).add(e.personal_id)
        if e.head:
            listed.setdefault(e.personal_id, []).append(e)
        else:
            members.add(e.personal_id)
    counts["members"] = len(members - listed.keys())
    return listed, households


def _contacts(sheet: _Sheet | None, result: HudExport, counts: Counter) -> dict[str, date]:
    """The latest contact date per EnrollmentID, when the export has CurrentLivingSituation.csv."""
    latest: dict[str, date] = {}
    if sheet is None:
        return latest
    for line, values in sheet.records(("EnrollmentID", "InformationDate"), counts):
        when = _date(values["InformationDate"], sheet, line, "InformationDate", result)
        key = values["EnrollmentID"]
        if when is not None and (key not in latest or when > latest[key]):
            latest[key] = when
    return latest


def _rows(listed: dict[str, list[_Enrollment]], households: dict[str, set[str]], clients: dict,
          contacts: dict[str, date], ages: dict[str, int | None], today: date, counts: Counter,
          client_file: str) -> list[tuple[str, int, dict[str, str]]]:
    """One row per listed person, in Client.csv order, pointing at their Client.csv line."""
    rows = []
    for pid, own in listed.items():
        line, client = clients[pid]
        own.sort(key=lambda e: e.entry)
        latest = own[-1]
        values = _person(client, counts)
        values["date_added"] = own[0].entry.isoformat()
        values.update(_housing(latest, today))
        seen = [contacts[e.id] for e in own if e.id in contacts]
        values["last_contact"] = max(seen).isoformat() if seen else ""
        values["household_type"] = _household_type(latest, households, ages)
        rows.append((client_file, line, {k: values.get(k, "") for k in VALUE_KEYS}))
    rows.sort(key=lambda row: row[1])
    return rows


def _person(client: dict[str, str], counts: Counter) -> dict[str, str]:
    """Name, veteran and SSN's last four: the full SSN is never kept past this function."""
    ssn = re.sub(r"[\s\-]", "", client["SSN"])
    last_four = ssn[-4:] if len(ssn) >= 4 and ssn[-4:].isdigit() else ""
    if last_four and _code(client["SSNDataQuality"]) in UNKNOWN_CODES:
        counts["ssn_quality"] += 1
        last_four = ""
    elif last_four and len(ssn) > 4:
        counts["ssn_cut"] += 1
    status = _code(client["VeteranStatus"])
    if status in UNKNOWN_CODES:
        counts["veteran_unknown"] += 1
    veteran = {"1": "yes", "0": "no"}.get(status, "")
    races = [key for column, key in RACE_COLUMNS.items() if _code(client.get(column, "")) == "1"]
    if not races and _code(client.get("RaceNone", "")) in RACE_NONE:
        races = [RACE_NONE[_code(client["RaceNone"])]]
    return {"hmis_id": client["PersonalID"], "first_name": client["FirstName"],
            "last_name": client["LastName"], "ssn4": last_four, "veteran": veteran,
            "race_ethnicity": ",".join(races)}


def _housing(enrollment: _Enrollment, today: date) -> dict[str, str]:
    """Housed once moved in; otherwise the project type, or for coordinated entry the
    living situation, says where the household stays."""
    if enrollment.move_in is not None and enrollment.move_in <= today:
        return {"housing_status": "housed", "move_in_date": enrollment.move_in.isoformat()}
    status = PROJECT_STATUS.get(enrollment.project_type) or \
        LIVING_STATUS.get(enrollment.living_situation, "unsheltered")
    return {"housing_status": status, "move_in_date": ""}


def _ages(sheet: _Sheet, clients: dict, listed: dict, households: dict[str, set[str]],
          today: date, result: HudExport) -> dict[str, int | None]:
    """Ages at today of the listed people and everyone enrolled with them (None: unknown)."""
    people = set(listed).union(*(households.get(e.household_id, ())
                                 for own in listed.values() for e in own))
    ages: dict[str, int | None] = {}
    for pid in people:
        line, client = clients[pid]
        born = _date(client["DOB"], sheet, line, "DOB", result, "; age unknown")
        ages[pid] = None if born is None else (
            today.year - born.year - ((today.month, today.day) < (born.month, born.day)))
    return ages


def _household_type(head: _Enrollment, households: dict[str, set[str]],
                    ages: dict[str, int | None]) -> str:
    """family: a child under 18 with the head; youth: a head under 25 with only others under
    25; couple: two adults; otherwise (or when ages are unknown) individual."""
    others = [ages[pid] for pid in households.get(head.household_id, ())
              if pid != head.personal_id]
    head_age = ages[head.personal_id]
    if any(a is not None and a < 18 for a in others):
        return "family"
    if head_age is not None and head_age < 25 and all(a is not None and a < 25 for a in others):
        return "youth"
    if len(others) == 1 and head_age is not None and head_age >= 18 and others[0] is not None:
        return "couple"
    return "individual"


def _columns(files: dict[str, bytes], sheets: dict[str, _Sheet], result: HudExport) -> None:
    """Every heading of every file and what it became; files we take nothing from are listed."""
    for name, data in files.items():
        key = name.lower()
        if key in sheets:
            used = {c.lower(): means for c, means in USED[key].items()}
            result.columns[name] = [(h, used.get(h.lower(), "not imported"))
                                    for h in sheets[key].headings]
            continue
        result.unused_files.append(name)
        headings: list[str] = []
        if key.endswith(".csv"):
            try:
                headings = read_table(name, data).headings
            except TableError:
                result.problems.append((name, 0, "the file cannot be read (it is not used)"))
        result.columns[name] = [(h, "not imported (file not used)") for h in headings]


_NOTES = (
    ("exited", "enrollments exited, not on the list"),
    ("members", "household members who are not the head of household"),
    ("out_of_scope", "enrollments in permanent housing or other projects outside the list's scope"),
    ("no_project", "enrollments in projects missing from Project.csv, not on the list"),
    ("no_client", "enrollments of people missing from Client.csv, not on the list"),
    ("deleted", "deleted records ignored"),
    ("ssn_cut", "SSNs cut to their last four digits"),
    ("ssn_quality", "SSNs not kept (SSN data quality 8, 9 or 99)"),
    ("veteran_unknown", "veteran statuses unknown (8, 9 or 99)"),
)


def _notes(counts: Counter, listed: int) -> list[str]:
    """Plain-language counts for the preview: numbers only, never client data."""
    notes = [f"{listed} heads of household with an open enrollment, on the list"]
    notes += [f"{counts[key]} {text}" for key, text in _NOTES if counts[key]]
    return notes
