"""Reading tables as real exports write them.

HMIS reports and spreadsheets arrive in the encodings Windows and Excel save (UTF-8 with or
without a byte-order mark, UTF-16, Windows-1252), separated by commas, semicolons or tabs, with
report title rows above the header, and with dates in every shape (ISO, US, `15-Feb-24`,
`1/20/2024 0:00`, Excel's serial numbers). This module turns such bytes into a `Table` and says
what it did (encoding, separator, skipped title lines), so an import preview can tell the
coordinator; it knows nothing about what the columns mean.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

ENCODINGS = {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252",
             "latin-1": "Latin-1 (ISO-8859-1)"}
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_HEADER_SEARCH_ROWS = 15
_SNIFF_LINES = 30


class TableError(ValueError):
    """The bytes are not a table we can read (the message says why, for the person)."""


@dataclass
class Table:
    name: str
    encoding: str  # a key of ENCODINGS
    delimiter: str
    headings: list[str]  # as written in the file
    header_line: int  # 1-based line of the headings; lines above it were titles
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, cells)

    @property
    def encoding_label(self) -> str:
        return ENCODINGS.get(self.encoding, self.encoding)

    @property
    def delimiter_label(self) -> str:
        return DELIMITERS.get(self.delimiter, repr(self.delimiter))


def header_key(name: str) -> str:
    """A heading as a key: lower case, spaces and dashes as underscores, no quotes or BOM."""
    name = name.replace("\ufeff", "").strip().strip('"').lower()
    return re.sub(r"[\s\-/]+", "_", name)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of a file and the encoding it was read as (a key of ENCODINGS). `encoding`
    forces one (the coordinator chose it); otherwise byte-order marks, then UTF-16's zero bytes,
    then strict UTF-8, then Windows-1252 (Excel's "CSV" on Windows) decide."""
    if encoding:
        if encoding not in ENCODINGS:
            raise TableError(f"Unknown encoding {encoding!r}.")
        try:
            text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
        except UnicodeDecodeError:
            raise TableError(f"The file is not {ENCODINGS[encoding]} text.") from None
        return text.lstrip("\ufeff"), encoding
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    sample = data[:400]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 3:
        zeros_odd = sample[1::2].count(0) > sample[0::2].count(0)
        return _strict(data, "utf-16-le" if zeros_odd else "utf-16-be"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # five bytes Windows-1252 leaves undefined
        return data.decode("latin-1"), "latin-1"


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec).lstrip("\ufeff")
    except UnicodeDecodeError:
        raise TableError("The file looks like UTF-16 text but cannot be read as such.") from None


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most rows of one same width (>1)."""
    lines = text.splitlines()[:_SNIFF_LINES]
    best, best_rows = ",", 0
    for delimiter in DELIMITERS:
        try:
            widths = [len(cells) for cells in csv.reader(lines, delimiter=delimiter) if len(cells) > 1]
        except csv.Error:
            continue
        if not widths:
            continue
        width, rows = Counter(widths).most_common(1)[0]
        if rows > best_rows or (rows == best_rows and width > 1 and delimiter == ","):
            best, best_rows = delimiter, rows
    return best


def _header_index(rows: list[list[str]], known: set[str] | None) -> int:
    """Which of the first rows holds the headings: the first that names at least two known
    columns (or the one naming most), else the first row with text in two or more cells."""
    candidates = [(i, r) for i, r in enumerate(rows[:_HEADER_SEARCH_ROWS])
                  if sum(1 for c in r if c.strip()) >= 1]
    if known:
        scored = [(sum(1 for c in r if header_key(c) in known), i) for i, r in candidates]
        for score, index in scored:
            if score >= 2:
                return index
        top = max(scored, default=(0, 0))
        if top[0]:
            return top[1]
    for index, row in candidates:
        if sum(1 for c in row if c.strip()) >= 2:
            return index
    return candidates[0][0] if candidates else 0


def read_table(name: str, data: bytes, known: set[str] | None = None,
               encoding: str | None = None) -> Table:
    """Read a delimited text file; `known` are the header keys the importer understands (to find
    the heading row below report titles). Raises TableError when it cannot be read at all."""
    text, used = decode(data, encoding)
    if "\0" in text:
        raise TableError("This is not a text file (it contains NUL characters).")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    lines: list[tuple[int, list[str]]] = []
    try:
        line = 0
        for cells in reader:
            lines.append((line + 1, cells))
            line = reader.line_num
    except csv.Error as error:
        raise TableError(f"line {reader.line_num}: not valid CSV ({error}).") from None
    if not any(any(c.strip() for c in cells) for _, cells in lines):
        raise TableError("the file is empty; the first line must name the columns.")
    index = _header_index([cells for _, cells in lines], known)
    header_line, headings = lines[index]
    rows = [(n, cells) for n, cells in lines[index + 1:] if any(c.strip() for c in cells)]
    return Table(name, used, delimiter, [h.replace("\ufeff", "").strip() for h in headings],
                 header_line, rows)


# --- Dates ------------------------------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%m-%d-%y", "%Y/%m/%d",
                 "%d-%b-%Y", "%d-%b-%y", "%d %b %Y", "%b %d, %Y", "%B %d, %Y", "%d %B %Y",
                 "%Y%m%d")
_TIME_PART = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?( ?[AaPp][Mm])?(Z|[+-]\d{2}:?\d{2})?$")
_EXCEL_SERIAL = re.compile(r"\d{5}(\.\d+)?")
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug folded in)


def parse_date(value: str) -> date | None:
    """A date in any shape exports use; None for an empty cell. Raises ValueError otherwise.
    Accepts ISO (2024-01-20, with or without a time), US (1/20/2024, 1/20/24, `1/20/2024 0:00`),
    `20-Jan-24`, `Jan 20, 2024` and Excel serial numbers (45311)."""
    value = value.strip()
    if not value:
        return None
    if _EXCEL_SERIAL.fullmatch(value):
        parsed = _EXCEL_EPOCH + timedelta(days=int(float(value)))
        if 1900 < parsed.year <= 2100:
            return parsed
        raise ValueError(value)
    value = _TIME_PART.sub("", value)
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if 1900 <= parsed.year <= 2100:
            return parsed
    raise ValueError(value)
