"""A By-Name List upload between preview and confirm, and the files the command line reads.

The upload waits under the instance folder behind a random token for the person who uploaded it
(hh.importing's pending uploads), with the preview's choices beside it in options.json. What is
kept has every SSN cut to its last four digits: a full number is never written anywhere.
"""
from __future__ import annotations

import json
from pathlib import Path

from hh.conferences import hud_codes
from hh.conferences.bnl_import import ReadOptions
from hh.conferences.bnl_source import without_full_ssns
from hh.conferences.bnl_values import Place
from hh.directory.models import County, Region
from hh.extensions import db
from hh.importing import (
    ImportFailure,
    discard_pending,
    load_pending,
    save_pending,
    unpack_package_zip,
    zip_member_names,
)

KIND = "bnl"
OPTIONS = "options.json"
NOT_READ = "not-read.txt"  # the names of a zip's files that are not read, one a line
_TABLE_SUFFIXES = (".csv", ".txt", ".tsv")


def files_of_upload(filename: str, data: bytes) -> dict[str, bytes]:
    """An uploaded file as file name → bytes: one table, or the CSV files of a zipped export.
    Files of a zip that are not read are named in not_read(files)."""
    lower = (filename or "").lower()
    if lower.endswith(".zip"):
        spelled = {name.lower(): name for name in hud_codes.FILE_NAMES}
        files = {spelled.get(name, name): content
                 for name, content in unpack_package_zip(data).items() if name.endswith(".csv")}
        if not files:
            raise ImportFailure("The zip holds no CSV files.")
        kept = {name.lower() for name in files}
        skipped = sorted(n for n in zip_member_names(data) if n.lower() not in kept)
        if skipped:
            files[NOT_READ] = "\n".join(skipped).encode()
        return files
    if lower.endswith(_TABLE_SUFFIXES):
        return {"bnl.csv": data}
    raise ImportFailure("Upload a .csv file, or the HUD HMIS CSV export as a .zip.")


def not_read(files: dict[str, bytes]) -> list[str]:
    """The zip's files left out (not CSV, or a name that is not plain): said, never silent."""
    return [n for n in files.get(NOT_READ, b"").decode().splitlines() if n]


def files_of_path(path: Path) -> dict[str, bytes]:
    """What the command line reads: a CSV file, a folder of CSV files, or a zip."""
    if path.is_dir():
        files = {child.name: child.read_bytes() for child in sorted(path.iterdir())
                 if child.is_file() and child.suffix.lower() == ".csv"}
        if not files:
            raise ImportFailure(f"{path}: no CSV files in this folder.")
        return files
    if not path.is_file():
        raise ImportFailure(f"{path}: no such file or folder.")
    if path.suffix.lower() == ".zip":
        return files_of_upload(path.name, path.read_bytes())
    return {path.name if path.suffix.lower() in _TABLE_SUFFIXES else "bnl.csv": path.read_bytes()}


def keep(files: dict[str, bytes], options: dict, user_id: int, encoding: str | None = None) -> str:
    """Keep an upload (SSNs cut, as UTF-8) with its options; returns the token."""
    kept = without_full_ssns(files, encoding)
    return save_pending(KIND, user_id, {**kept, OPTIONS: json.dumps(options).encode()})


def load(token: str, user_id: int) -> tuple[dict[str, bytes], dict] | None:
    pending = load_pending(token, user_id)
    if pending is None or pending[0] != KIND:
        return None
    files = dict(pending[1])
    try:
        options = json.loads(files.pop(OPTIONS, b"{}"))
    except ValueError:
        options = {}
    return files, options


def replace(token: str, files: dict[str, bytes], options: dict, user_id: int) -> str:
    """The same upload with new options, under a new token (the old one is gone)."""
    new_token = save_pending(KIND, user_id, {**files, OPTIONS: json.dumps(options).encode()})
    discard_pending(token)
    return new_token


def read_options(options: dict) -> ReadOptions:
    """What a kept upload's options mean for reading it again (it is UTF-8 by now)."""
    region = db.session.get(Region, options["region_id"]) if options.get("region_id") else None
    county = db.session.get(County, options["county_id"]) if options.get("county_id") else None
    if county is not None and region is not None and county.region_id != region.id:
        county = None
    place = Place(region=region or (county.region if county else None), county=county)
    return ReadOptions(place=place, choices=options.get("choices"))
