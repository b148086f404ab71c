"""What every import shares (directory, HSDS, By-Name List): read CSV rows, record problems, preview, then apply.

An import runs its whole mapping inside the session. A preview rolls it back; a confirmed import
commits it in one transaction. Both run the same code, so the preview shows exactly what
confirming will do. A file that cannot be read at all raises ImportFailure and changes nothing.
"""
from __future__ import annotations

import csv
import io
import json
import re
import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from hh.extensions import db
from hh.planner import refresh_statistics
from hh.web import audit

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_OUTCOME_RANK = {"unchanged": 0, "updated": 1, "new": 2}


class ImportFailure(ValueError):
    """The file as a whole cannot be imported (not CSV, a required column missing, ...)."""


class RowProblem(ValueError):
    """This row cannot be imported; the message says why."""


@dataclass
class Problem:
    file: str
    line: int
    reason: str
    skipped: bool = True  # False: the row was imported, without the part named in `reason`


@dataclass
class FileReport:
    """One file of a package: how many rows, what it became, and every column not kept."""

    file: str
    rows: int
    imported_as: str = ""  # empty: the file is not imported
    reason: str = ""  # why not, when it is not
    ignored: dict[str, str] = field(default_factory=dict)  # column → why it is not kept

    def line(self) -> str:
        rows = f"{self.file} ({self.rows} row{'' if self.rows == 1 else 's'})"
        if not self.imported_as:
            return f"{rows}: not imported: {self.reason}"
        ignored = "; ".join(f"{c}: {why}" for c, why in self.ignored.items())
        return f"{rows}: imported as {self.imported_as}" + (
            f"; columns not imported: {ignored}" if ignored else "; every column imported")


@dataclass
class ImportReport:
    """Per kind of record: what is new, updated or unchanged; and every problem with its line."""

    kinds: tuple[str, ...] = ()
    outcomes: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)  # packages: every file, every column

    def record(self, kind: str, key: object, outcome: str) -> None:
        """A record touched twice (its row, then its category) keeps the strongest outcome."""
        seen = self.outcomes.setdefault(kind, {})
        previous = seen.get(str(key))
        if previous is None or _OUTCOME_RANK[outcome] > _OUTCOME_RANK[previous]:
            seen[str(key)] = outcome

    def problem(self, file: str, line: int, reason: str, skipped: bool = True) -> None:
        self.problems.append(Problem(file, line, reason, skipped))

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        kinds = list(self.kinds) + [k for k in self.outcomes if k not in self.kinds]
        result = {}
        for kind in kinds:
            values = list(self.outcomes.get(kind, {}).values())
            result[kind] = {o: values.count(o) for o in ("new", "updated", "unchanged")}
        return result

    @property
    def changes(self) -> int:
        return sum(c["new"] + c["updated"] for c in self.counts.values())

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.skipped)

    def summary(self) -> str:
        parts = [f"{kind}: {c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged"
                 for kind, c in self.counts.items() if any(c.values())]
        parts.append(f"{self.skipped} rows skipped")
        return "; ".join(parts)


def run_import(apply: Callable[[ImportReport], None], report: ImportReport, *, commit: bool,
               action: str, user=None, actor: str | None = None) -> ImportReport:
    """Map every row inside the session, then commit it all (confirm) or roll it back (preview).
    Audited on commit: who and the counts, never the data."""
    try:
        apply(report)
        db.session.flush()
    except ImportFailure:
        db.session.rollback()
        raise
    except SQLAlchemyError as error:
        db.session.rollback()
        current_app.logger.exception("import could not be saved")
        raise ImportFailure("The import could not be saved; nothing was changed.") from error
    if not commit:
        db.session.rollback()
        return report
    audit(action, "import", "", detail=report.summary(), user=user, actor=actor)
    db.session.commit()
    refresh_statistics()
    return report


# --- Reading CSV ------------------------------------------------------------------------------


def clean(value: object) -> str:
    """A cell as text: trimmed, and the quote our CSV exports put before formula-like text
    removed again (so an exported file imports back unchanged)."""
    text = "" if value is None else str(value).strip()
    if text.startswith("'") and text[1:2] and text[1:2] in _FORMULA_START:
        return text[1:]
    return text


def header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", clean(name).lower())


def read_csv(name: str, data: bytes, required: tuple[str, ...] = (),
             aliases: dict[str, str] | None = None) -> tuple[list[str], list[tuple[int, dict]]]:
    """Rows of a CSV file as (line number, {column: text}); raises ImportFailure when the file
    is not UTF-8 CSV or lacks a required column. Line numbers count the header as line 1."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailure(f"{name}: not UTF-8 text. Save the spreadsheet as “CSV UTF-8”.") from None
    if "\0" in text:  # binary data; PostgreSQL would refuse it in a text column anyway
        raise ImportFailure(f"{name}: not valid CSV (it contains NUL characters).")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise ImportFailure(f"{name}: the file is empty; the first line must name the columns.")
        columns = [(aliases or {}).get(header_key(h), header_key(h)) for h in header]
        missing = [c for c in required if c not in columns]
        if missing:
            raise ImportFailure(f"{name}: missing required column {', '.join(missing)}.")
        rows = []
        line = reader.line_num
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            row = {col: clean(cell) for col, cell in zip(columns, cells) if col}
            if len(cells) > len(columns):
                row["__extra__"] = "yes"
            rows.append((start, row))
    except csv.Error as error:
        raise ImportFailure(f"{name} line {reader.line_num}: not valid CSV ({error}).") from None
    return columns, rows


def text(row: dict, column: str, limit: int, label: str | None = None) -> str:
    value = row.get(column, "")
    if len(value) > limit:
        raise RowProblem(f"{label or column} is longer than {limit} characters")
    return value


def upsert(record, model, values: dict):
    """The record updated from `values`, or a new one: (record, "new" | "updated" | "unchanged")."""
    if record is None:
        record = model(**values)
        db.session.add(record)
        return record, "new"
    return record, "updated" if assign(record, values) else "unchanged"


def assign(record, values: dict) -> bool:
    """Set attributes that differ; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


# --- Pending uploads (between preview and confirm) ----------------------------------------------

PENDING_SECONDS = 3600
MAX_MEMBERS = 100
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_PACKAGE_MEMBER = re.compile(r"^[a-z0-9_]{1,60}\.(csv|json)$")


def _pending_root() -> Path:
    return Path(current_app.instance_path) / "pending-imports"


def save_pending(kind: str, user_id: int, files: dict[str, bytes]) -> str:
    """Keep an upload under the instance folder behind a random token, for one user, one hour."""
    sweep_pending()
    token = secrets.token_urlsafe(24)
    folder = _pending_root() / token
    folder.mkdir(parents=True, mode=0o700)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    (folder.parent / f"{token}.json").write_text(json.dumps(
        {"kind": kind, "user_id": user_id, "created": time.time(), "files": sorted(files)}))
    return token


def load_pending(token: str, user_id: int) -> tuple[str, dict[str, bytes]] | None:
    """The upload behind a token, only for the person who uploaded it and only while fresh."""
    if not _TOKEN.match(token or ""):
        return None
    meta_path = _pending_root() / f"{token}.json"
    try:
        meta = json.loads(meta_path.read_text())
    except (OSError, ValueError):
        return None
    if meta.get("user_id") != user_id or time.time() - meta.get("created", 0) > PENDING_SECONDS:
        return None
    folder = _pending_root() / token
    try:
        return meta["kind"], {name: (folder / name).read_bytes() for name in meta["files"]}
    except (OSError, KeyError):
        return None


def discard_pending(token: str) -> None:
    if _TOKEN.match(token or ""):
        shutil.rmtree(_pending_root() / token, ignore_errors=True)
        (_pending_root() / f"{token}.json").unlink(missing_ok=True)


def sweep_pending() -> int:
    """Remove uploads nobody confirmed within the hour; returns how many."""
    root = _pending_root()
    if not root.is_dir():
        return 0
    removed = 0
    for meta_path in root.glob("*.json"):
        try:
            written, meta = meta_path.stat().st_mtime, meta_path.read_text()
        except OSError:  # already gone
            continue
        try:
            created = json.loads(meta).get("created", 0)
        except ValueError:  # being written right now: the file's time says how old it is
            created = written
        if time.time() - created > PENDING_SECONDS:
            discard_pending(meta_path.stem)
            removed += 1
    return removed


SWEEP_EVERY_SECONDS = 300


def sweep_now_and_then() -> None:
    """before_request: sweep expired uploads at most once every five minutes per process, so
    they go even when nobody uploads again (otherwise only a time comparison)."""
    last = current_app.extensions.get("hh_last_sweep", 0.0)
    if time.time() - last < SWEEP_EVERY_SECONDS:
        return
    current_app.extensions["hh_last_sweep"] = time.time()
    sweep_pending()


def unpack_package_zip(data: bytes) -> dict[str, bytes]:
    """The CSV files and datapackage.json of a zipped package, by their bare names.

    Paths inside the zip are never used: only a plain, known-shaped base name is kept (no
    zip-slip), and sizes are checked while reading, not trusted from the zip's directory (no
    zip bombs)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise ImportFailure("This is not a zip file. Upload the package as a .zip.") from None
    members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_MEMBERS:
        raise ImportFailure(f"The zip holds more than {MAX_MEMBERS} files.")
    files: dict[str, bytes] = {}
    budget = MAX_UNPACKED_BYTES
    for member in members:
        name = member.filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
        if not _PACKAGE_MEMBER.match(name) or member.filename.startswith("__MACOSX"):
            continue
        if name in files:
            raise ImportFailure(f"The zip holds {name} twice.")
        try:
            with archive.open(member) as stream:
                content = stream.read(budget + 1)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, NotImplementedError):
            raise ImportFailure(f"{name} in the zip cannot be read.") from None
        budget -= len(content)
        if budget < 0:
            raise ImportFailure("The zip unpacks to more than "
                                f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB.")
        files[name] = content
    if not files:
        raise ImportFailure("The zip holds no CSV files of an HSDS package.")
    return files


def zip_member_names(data: bytes) -> list[str]:
    """The base names of the files in a zip (to say which ones unpack_package_zip left out)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        return []
    return [m.filename.replace("\\", "/").rsplit("/", 1)[-1] for m in archive.infolist()
            if not m.is_dir() and not m.filename.startswith("__MACOSX")]


def read_folder(folder: Path) -> Iterator[tuple[str, bytes]]:
    """A package's files by bare name: those at the top of the folder, and those its
    datapackage.json names by path (a published package often keeps them in data/)."""
    seen: set[str] = set()
    for path in sorted(folder.iterdir()):
        if path.is_file() and _PACKAGE_MEMBER.match(path.name.lower()):
            seen.add(path.name.lower())
            yield path.name.lower(), path.read_bytes()
    for path in _resource_paths(folder):
        name = path.name.lower()
        if name in seen:
            raise ImportFailure(f"The folder holds {name} twice.")
        seen.add(name)
        yield name, path.read_bytes()


def _resource_paths(folder: Path) -> list[Path]:
    """The files datapackage.json lists in subfolders, never outside the package's folder."""
    try:
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8-sig"))
        resources = descriptor.get("resources", [])
    except (OSError, ValueError, AttributeError):
        return []
    root, paths = folder.resolve(), []
    for resource in resources if isinstance(resources, list) else []:
        relative = resource.get("path") if isinstance(resource, dict) else None
        if not isinstance(relative, str) or "/" not in relative.replace("\\", "/"):
            continue
        path = (folder / relative).resolve()
        if (root in path.parents and path.is_file()
                and _PACKAGE_MEMBER.match(path.name.lower())):
            paths.append(path)
    return paths
