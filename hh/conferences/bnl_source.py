"""What a By-Name List upload says, before anything is imported: its rows as field → text, and
every file and heading with what it became (a field, or "not imported" and why).

Two shapes arrive: one table (the training deck's layout, an HMIS report, a coordinator's
spreadsheet; any encoding, separator or title rows) or a HUD HMIS CSV export (FY2024: a folder
or zip of Client.csv, Enrollment.csv, Exit.csv, Project.csv ...), from which the active list is
built (hud_export.py). A full SSN is cut to its last four here, before anything is kept.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from hh.conferences import bnl_fields, hud_export
from hh.conferences.bnl_values import cut_ssn
from hh.importing import ImportFailure, RowProblem
from hh.tabular import TableError, header_key, read_table

NOT_IMPORTED = "not imported"
NOT_READ = "not-read.txt"  # as bnl_upload names it: the zip's files that are not read


@dataclass
class Column:
    file: str
    heading: str
    field: str | None  # a key of bnl_fields.FIELDS, or None
    became: str  # what the preview says


@dataclass
class BnlSource:
    kind: str  # "table" or "hud"
    rows: list[tuple[str, int, dict]] = field(default_factory=list)  # (file, line, field → text)
    columns: list[Column] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)  # of a table, for the column choices
    unmapped_required: list[str] = field(default_factory=list)
    notes: Counter = field(default_factory=Counter)  # note → how many rows
    messages: list[str] = field(default_factory=list)  # sentences with their own numbers (HUD)
    problems: list[tuple[str, int, str]] = field(default_factory=list)  # rows still imported
    read_as: str = ""  # "Windows-1252, semicolon-separated, 3 title lines skipped"
    unused_files: list[str] = field(default_factory=list)


def _csv_names(files: dict[str, bytes]) -> list[str]:
    return sorted(name for name in files if name.lower().endswith((".csv", ".tsv"))
                  or (name.lower().endswith(".txt") and name != NOT_READ))


def read_source(files: dict[str, bytes], *, today, encoding: str | None = None,
                choices: dict[str, str] | None = None) -> BnlSource:
    """Read an upload (file name → bytes). `choices`: the coordinator's heading → field choices
    (None: the ones remembered for these headings). Raises ImportFailure when nothing can be read."""
    names = _csv_names(files)
    skipped = [n for n in files.get(NOT_READ, b"").decode().splitlines() if n]
    if hud_export.is_hud_export(names):
        source = _hud_source(files, today)
    else:
        source = _one_table(files, names, encoding, choices)
    if skipped:
        source.messages.append("Files in the zip that are not read (not CSV, or a name with "
                               "spaces or brackets): " + ", ".join(skipped))
    return source


def _one_table(files: dict[str, bytes], names: list[str], encoding: str | None,
               choices: dict[str, str] | None) -> BnlSource:
    if not names:
        raise ImportFailure("No CSV file in the upload: send the By-Name List as .csv, or the "
                            "HUD HMIS CSV export as a .zip.")
    if len(names) > 1:
        raise ImportFailure("Several CSV files but not a HUD HMIS CSV export (Client.csv and "
                            "Enrollment.csv): send one By-Name List file.")
    return _table_source(names[0], files[names[0]], encoding, choices)


def _table_source(name: str, data: bytes, encoding: str | None,
                  choices: dict[str, str] | None) -> BnlSource:
    try:
        table = read_table(name, data, bnl_fields.KNOWN, encoding)
    except TableError as error:
        raise ImportFailure(f"{name}: {error}") from None
    if not table.rows:
        raise ImportFailure(f"{name}: no rows below the headings (line {table.header_line}).")
    if choices is None:
        choices = bnl_fields.remembered(table.headings)
    fields = bnl_fields.columns_of(table.headings, choices)
    source = BnlSource(kind="table", headings=table.headings)
    for heading, key in zip(table.headings, fields):
        source.columns.append(Column(name, heading, key, bnl_fields.FIELDS[key] if key else
                                     (NOT_IMPORTED + (" (no heading)" if not heading else ""))))
    source.unmapped_required = [key for key in bnl_fields.REQUIRED if key not in fields]
    if source.unmapped_required and all(fields) and table.headings:
        labels = ", ".join(bnl_fields.FIELDS[k] for k in source.unmapped_required)
        raise ImportFailure(f"{name}: missing required column {labels}.")
    skipped = table.header_line - 1
    source.read_as = ", ".join(filter(None, (
        table.encoding_label, f"{table.delimiter_label}-separated",
        f"{skipped} title line{'s' if skipped != 1 else ''} above the headings skipped" if skipped else "")))
    for line, cells in table.rows:
        row = {key: cell.strip() for key, cell in zip(fields, cells) if key}
        if len(cells) > len(fields) and any(c.strip() for c in cells[len(fields):]):
            source.problems.append((name, line, "more cells than headings: the extra cells are not imported"))
        source.rows.append((name, line, row))
    return source


def _hud_source(files: dict[str, bytes], today) -> BnlSource:
    export = hud_export.read_hud_export(files, today)
    source = BnlSource(kind="hud", read_as="HUD HMIS CSV export (FY2024)")
    for file_name, pairs in export.columns.items():
        for heading, became in pairs:
            source.columns.append(Column(file_name, heading, None, _in_words(became)))
    # Only what the export really gives: an empty field must not wipe what a coordinator entered.
    source.rows = [(file, line, {k: v for k, v in row.items() if v or k in bnl_fields.REQUIRED})
                   for file, line, row in export.rows]
    source.problems = list(export.problems)
    source.unused_files = list(export.unused_files)
    source.messages = list(export.notes)
    return source


def without_full_ssns(files: dict[str, bytes], encoding: str | None = None) -> dict[str, bytes]:
    """The upload as it may be kept until the coordinator confirms: SSNs cut to their last four
    (the full number is never written anywhere), as UTF-8; line numbers unchanged."""
    kept = {}
    for name, data in files.items():
        if name != NOT_READ and name.lower().endswith((".csv", ".txt", ".tsv")):
            kept[name] = _cut_ssn_column(name, data, encoding)
        else:
            kept[name] = data
    return kept


def _cut_ssn_column(name: str, data: bytes, encoding: str | None) -> bytes:
    try:
        table = read_table(name, data, bnl_fields.KNOWN | {"ssn"}, encoding)
    except TableError:
        return data
    ssn_columns = [i for i, h in enumerate(table.headings) if header_key(h) in
                   {"ssn", "ssn4", "4_digit_ssn", "ssn_last_4", "last_4_ssn", "ssn_last4"}]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    written = 0
    for line, cells in [(table.header_line, table.headings)] + table.rows:
        out.write("\n" * max(0, line - 1 - written))  # keep each row on its own line number
        written = max(written, line - 1)
        cells = list(cells)
        for index in ssn_columns:
            if index < len(cells) and line != table.header_line:
                cells[index] = _four(cells[index])
        before = out.tell()
        writer.writerow(cells)
        written += out.getvalue()[before:].count("\n")
    return out.getvalue().encode("utf-8")


def _four(value: str) -> str:
    """The last four digits; a value that is no SSN keeps no digits but stays refusable."""
    try:
        return cut_ssn(value)[0]
    except RowProblem:
        return "?" if any(ch.isdigit() for ch in value) else value


def full_ssns(source: BnlSource) -> int:
    """How many rows gave more than the last four digits (for the preview: cut, not kept)."""
    count = 0
    for _, _, row in source.rows:
        try:
            count += cut_ssn(row.get("ssn4", ""))[1]
        except RowProblem:
            pass
    return count



def _in_words(became: str) -> str:
    """"date_added (earliest open enrollment)" as the preview says it: field names as labels."""
    for key in sorted(bnl_fields.FIELDS, key=len, reverse=True):
        label = bnl_fields.FIELDS[key].split(" (")[0]
        became = re.sub(rf"\b{key}\b", label if became.startswith(key) else label.lower(), became)
    return became
