"""`flask --app wsgi hh import-bnl PATH`: the same import as the web page, its preview printed.

First one summary line (`added N, updated N, unchanged N, problems N`), then each problem as
`line N: ...`, then every heading and what it became, what is worth knowing, and the households
missing from the export (by internal id; a coordinator confirms them on the import page).
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from hh.conferences.bnl_import import ReadOptions, import_bnl
from hh.conferences.bnl_upload import files_of_path
from hh.conferences.bnl_values import Place
from hh.directory.models import County, Region
from hh.extensions import db
from hh.importing import ImportFailure


def _place(region_name: str | None, county_name: str | None) -> Place:
    region = county = None
    if region_name:
        region = db.session.scalar(select(Region).where(
            func.lower(Region.name) == region_name.strip().lower()))
        if region is None:
            raise ImportFailure(f"--region: no region named {region_name!r}.")
    if county_name:
        name = county_name.strip().lower()
        county = db.session.scalar(select(County).where(
            func.lower(County.name).in_((name, name + " county"))))
        if county is None:
            raise ImportFailure(f"--county: no county named {county_name!r}.")
        if region is not None and county.region_id != region.id:
            raise ImportFailure(f"--county: {county.name} is not in {region.name}.")
    return Place(region=region or (county.region if county else None), county=county)


def run_import(path: Path, region_name: str | None, county_name: str | None,
               encoding: str | None, dry_run: bool) -> list[str]:
    """Import (or preview) and return the lines to print."""
    files = files_of_path(path)
    options = ReadOptions(place=_place(region_name, county_name), encoding=encoding)
    report = import_bnl(files, commit=not dry_run, actor="cli", options=options)
    return _summary(report, several_files=len(files) > 1, dry_run=dry_run)


def _summary(report, several_files: bool, dry_run: bool) -> list[str]:
    counts = report.counts["households"]
    lines = [("Preview only, nothing imported: " if dry_run else "")
             + f"added {counts['new']}, updated {counts['updated']}, unchanged "
               f"{counts['unchanged']}, problems {len(report.problems)}"]
    for problem in report.problems:
        where = f"{problem.file} line {problem.line}" if several_files else f"line {problem.line}"
        kept = "" if problem.skipped else " (the row is still imported)"
        lines.append(f"{where}: {problem.reason}{kept}")
    source = report.source
    lines.append(f"Read as: {source.read_as}.")
    for column in source.columns:
        file = f"{column.file}: " if several_files else ""
        lines.append(f"  column {file}{column.heading or '(no heading)'} -> {column.became}")
    if source.unused_files:
        lines.append("Files not used for the list: " + ", ".join(source.unused_files) + ".")
    for message in source.messages:
        lines.append(f"Note: {message}")
    for note, count in sorted(report.notes.items()):
        lines.append(f"Note: {count} x {note}")
    if report.missing:
        shown = ", ".join(str(i) for i in report.missing[:50])
        lines.append(f"{len(report.missing)} active households are not in this export; they stay "
                     f"on the list: confirm them on the import page (internal ids: {shown}"
                     + (" ..." if len(report.missing) > 50 else "") + ").")
    return lines
