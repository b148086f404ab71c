"""The HSDS import's capacity: 3.1 service_capacity.csv rows, each with its unit from
units.csv, become the service's capacity record of the unit type matched by the unit's name
("bed", "Beds", "shelter beds" → beds). Mixed into the importer in hsds_import."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from hh.extensions import db
from hh.importing import RowProblem, assign
from hh.resources.models import UNIT_TYPES, CapacityUnit, Service
from hh.timeutil import utcnow

MAX_COUNT = 999_999  # what the service form accepts


def _stem(word: str) -> str:
    return word.strip().lower().removesuffix("s")


# Names a unit may have → our unit type: the type itself, its label, singular or plural.
_NAMES = {**{_stem(t): t for t in UNIT_TYPES}, **{_stem(label): t for t, label in UNIT_TYPES.items()}}


def unit_type_named(name: str) -> str | None:
    """“bed”, “Beds”, “Shelter beds”, “Program slots” → the unit type; None when we track
    no such unit."""
    words = " ".join(name.lower().replace("_", " ").replace("-", " ").split())
    if not words:
        return None
    return _NAMES.get(_stem(words)) or _NAMES.get(_stem(words.split()[-1]))


def whole(row: dict, column: str, *, required: bool) -> int | None:
    raw = row.get(column, "")
    if raw == "":
        if required:
            raise RowProblem(f"{column} is empty; give a whole number from 0 to {MAX_COUNT}")
        return None
    try:
        number = int(raw)
    except ValueError:
        number = -1
    if not 0 <= number <= MAX_COUNT:
        raise RowProblem(f"{column} “{raw[:20]}” is not a whole number from 0 to {MAX_COUNT}")
    return number


def moment(raw: str) -> datetime | None:
    """A date-time (ISO 8601, “Z” or an offset allowed) as naive UTC; None when empty."""
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise RowProblem(f"updated “{raw[:30]}” is not a date-time (like 2026-01-12T09:30:00Z)") \
            from None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.replace(microsecond=0)


class CapacityHandlers:
    """Needs the importer's tables, rows, guarded, report, find and services."""

    def capacity(self) -> None:
        if "capacity" not in self.tables:
            return
        self.units = {row["id"]: (name, line, row.get("name", ""))
                      for name, line, row in self.rows("unit") if row.get("id")}
        self.capacity_seen: dict[tuple[int, str], int] = {}
        self.now = utcnow().replace(microsecond=0)
        self.current_capacity = self._load_capacity()
        self.guarded("capacity", self._capacity_row)

    def _load_capacity(self) -> dict[tuple[int, str], CapacityUnit]:
        ids = sorted({s.id for s in self.services.values() if s is not None and s.id})
        found = {}
        for start in range(0, len(ids), 500):
            for unit in db.session.scalars(select(CapacityUnit).where(
                    CapacityUnit.service_id.in_(ids[start:start + 500]))):
                found[(unit.service_id, unit.unit_type)] = unit
        return found

    def _unit_type(self, row: dict) -> str:
        unit_id = row.get("unit_id", "")
        if unit_id not in self.units:
            raise RowProblem(f"unit {unit_id or '(none)'} is not in units.csv")
        file, line, name = self.units[unit_id]
        unit_type = unit_type_named(name)
        if unit_type is None:
            tracked = ", ".join(label.lower() for label in UNIT_TYPES.values())
            raise RowProblem(f"unit “{name[:40]}” ({file} line {line}) is not one Crosswalk "
                             f"tracks ({tracked})")
        return unit_type

    def _capacity_row(self, name: str, line: int, row: dict) -> None:
        service = self.find(Service, row.get("service_id", ""), self.services)
        if service is None:
            raise RowProblem(f"service {row.get('service_id') or '(none)'} is not in the "
                             "package or the directory")
        unit_type = self._unit_type(row)
        available = whole(row, "available", required=True)
        maximum = whole(row, "maximum", required=False)
        updated = moment(row.get("updated", ""))
        key = (service.id, unit_type)
        if key in self.capacity_seen:
            raise RowProblem(f"service {row['service_id']} has its {unit_type} on line "
                             f"{self.capacity_seen[key]} already")
        unit = self.current_capacity.get(key)
        total = maximum if maximum is not None else (unit.total if unit else available)
        if available > total:
            raise RowProblem(f"available ({available}) is more than the maximum ({total})")
        self.capacity_seen[key] = line
        values = {"total": total, "available": available}
        if unit is None:
            unit = CapacityUnit(service_id=service.id, unit_type=unit_type,
                                updated_at=updated or self.now, **values)
            db.session.add(unit)
            self.current_capacity[key] = unit
            outcome = "new"
        else:
            if updated is not None:
                values["updated_at"] = updated
            changed = assign(unit, values)
            if changed and updated is None:
                unit.updated_at = self.now  # the import's time only when the numbers changed
            if changed:
                unit.updated_by_id = None
            outcome = "updated" if changed else "unchanged"
        self.report.record("capacity", f"{service.hsds_id}/{unit_type}", outcome)
