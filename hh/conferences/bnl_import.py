"""Import the By-Name List: validate every row, preview, apply the good rows in one transaction,
idempotent on HMIS ID. Households on our active list that are missing from the new export are
listed for the coordinator to confirm, never dropped silently.

The upload is read by bnl_source (one table, or a HUD HMIS CSV export), each row becomes a
household's values in bnl_values; the core import helper (hh/importing.py) runs the preview and
the transaction. Problems name the line and the column, never the client data in it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from hh.conferences import history
from hh.conferences.bnl_fields import FIELDS
from hh.conferences.bnl_source import BnlSource, full_ssns, read_source
from hh.conferences.bnl_values import FROM_PLACE, Lookups, Place
from hh.conferences.bnl_values import row_values as _row_values
from hh.conferences.models import Household
from hh.extensions import db
from hh.importing import ImportReport, RowProblem, assign, run_import
from hh.plans.feeds import refresh_fed_measures
from hh.timeutil import local_today
from hh.web import audit

KIND = "households"
DEFAULT_INACTIVE_REASON = "Not in the HMIS export (confirmed by the coordinator)"


@dataclass
class ReadOptions:
    """How to read an upload: what the preview or the command line chose."""

    place: Place | None = None  # for rows without a county or region of their own
    encoding: str | None = None  # None: detect
    choices: dict[str, str] | None = None  # heading key → field key ("" not imported)


def import_bnl(upload: bytes | dict[str, bytes], *, commit: bool, user=None,
               actor: str | None = None, name: str = "bnl.csv", today: date | None = None,
               options: ReadOptions | None = None) -> ImportReport:
    """Preview (commit=False) or apply an upload (one CSV's bytes, or file name → bytes).
    The report also carries `source` (what the file said, column by column), `notes` (counts
    for the preview) and `missing` (ids of active households not in the file)."""
    today = today or local_today()
    options = options or ReadOptions()
    files = upload if isinstance(upload, dict) else {name: upload}
    source = read_source(files, today=today, encoding=options.encoding, choices=options.choices)
    report = ImportReport(kinds=(KIND,))
    report.source, report.notes, report.missing = source, source.notes.copy(), []
    cut = full_ssns(source)
    if cut:
        report.notes["SSN cut to its last four digits (the full number is not kept)"] += cut

    def apply(report: ImportReport) -> None:
        _apply_rows(report, source, Lookups(options.place), today)

    run_import(apply, report, commit=commit, action="bnl_imported", user=user, actor=actor)
    if commit:
        refresh_fed_measures()
    return report


def _apply_rows(report: ImportReport, source: BnlSource, lookups: Lookups, today: date) -> None:
    for file, line, reason in source.problems:  # the row (if any) is still imported
        report.problem(file, line, reason, skipped=False)
    existing = {h.hmis_id: h for h in db.session.scalars(select(Household))}
    seen: dict[str, int] = {}
    missing_column = ", ".join(FIELDS[k] for k in source.unmapped_required)
    for file, line, row in source.rows:
        try:
            if missing_column:
                raise RowProblem(f"no column for {missing_column}: choose one in the column list")
            hmis_id, values, notes = _row_values(row, lookups, today)
        except RowProblem as problem:
            report.problem(file, line, str(problem))
            continue
        if hmis_id in seen:
            report.problem(file, line, f"HMIS ID appears again (first on line {seen[hmis_id]})")
            continue
        seen[hmis_id] = line
        for note in notes:
            report.notes[note] += 1
        _save(report, existing, hmis_id, values, today)
    report.missing = sorted(h.id for key, h in existing.items()
                            if key not in seen and h.id is not None and h.status == "active")


def _save(report: ImportReport, existing: dict, hmis_id: str, values: dict, today: date) -> None:
    """Add or update the household; a new one, or a change of its list status, goes into the
    history dated as the export dates it."""
    household = existing.get(hmis_id)
    if values.pop(FROM_PLACE, False) and household is not None:
        # The row has no place of its own: a listed household keeps its county and region.
        values.pop("county_id", None)
        values.pop("region_id", None)
    if household is None:
        household = Household(hmis_id=hmis_id, **{"added_on": today, **values})
        db.session.add(household)
        existing[hmis_id] = household
        report.record(KIND, hmis_id, "new")
        history.record(household, "identified", household.added_on, source="import")
        old_status = "active"
    else:
        old_status = household.status
        report.record(KIND, hmis_id, "updated" if assign(household, values) else "unchanged")
    effective_on = (household.move_in_on if household.status == "housed" else None) \
        or values.get("status_updated_on") or today
    history.record_transition(household, old_status, effective_on, source="import")


def confirm_missing(household_ids: list[int], user=None, actor: str | None = None,
                    reason: str = "") -> int:
    """Make households that left the HMIS export inactive, once the coordinator confirms each,
    with the coordinator's reason."""
    if not household_ids:
        return 0
    households = list(db.session.scalars(select(Household).where(
        Household.id.in_(household_ids), Household.status == "active")))
    for household in households:
        household.status = "inactive"
        household.housing_status = "inactive"
        household.inactive_reason = (reason.strip() or DEFAULT_INACTIVE_REASON)[:300]
        household.status_updated_on = local_today()
        history.record_transition(household, "active", local_today(), user=user, source="import")
        audit("household_inactive", "household", household.id, user=user, actor=actor)
    db.session.commit()
    refresh_fed_measures()
    return len(households)


def missing_households(ids: list[int]) -> list[Household]:
    if not ids:
        return []
    # With the region the preview names beside each.
    return list(db.session.scalars(select(Household).where(Household.id.in_(ids))
                                   .options(joinedload(Household.region)).order_by(Household.id)))
