"""HSDS 3.1 service_capacity.csv + units.csv become the services' capacity records."""
from datetime import datetime

import pytest
from sqlalchemy import select

from hh.extensions import db
from hh.resources import hsds
from hh.resources.hsds_capacity import unit_type_named
from hh.resources.models import CapacityUnit, Service
from hh.resources.taxonomy import ensure_taxonomy

NOW = datetime(2026, 1, 12, 16, 0)
HSDS_31 = {
    "organizations.csv": "id,name,description\n1,Harbor House,Shelter\n",
    "services.csv": "id,organization_id,name,status\n10,1,Night shelter,active\n"
                    "11,1,Housing help,active\n",
    "units.csv": "id,name,scheme,identifier,uri\nu1,bed,,,\nu2,Vouchers,SCHEME,v,\n"
                 "u3,Meals,,,\n",
    "service_capacity.csv": "id,service_id,unit_id,available,maximum,description,updated\n"
                            "c1,10,u1,3,20,Beds tonight,2026-01-10T08:30:00Z\n"
                            "c2,11,u2,5,,,\n",
}


def package(**changes: str) -> dict[str, bytes]:
    return {name: content.encode() for name, content in {**HSDS_31, **changes}.items()}


@pytest.fixture
def coc(app, clock):
    ensure_taxonomy()
    clock(NOW)
    return app


def _capacity() -> dict:
    return {(u.service.name, u.unit_type): (u.available, u.total, u.updated_at)
            for u in db.session.scalars(select(CapacityUnit))}


def test_import_creates_capacity_and_reimport_changes_nothing(coc):
    bad_unit = "c3,10,u3,1,2,,\n"
    files = package(**{"service_capacity.csv": HSDS_31["service_capacity.csv"] + bad_unit})
    report = hsds.import_package(files, commit=True)
    assert report.counts["capacity"] == {"new": 2, "updated": 0, "unchanged": 0}
    assert _capacity() == {("Night shelter", "beds"): (3, 20, datetime(2026, 1, 10, 8, 30)),
                           ("Housing help", "vouchers"): (5, 5, NOW)}  # no updated: import time
    lines = {f.file: f.line() for f in report.files}
    assert lines["service_capacity.csv"].startswith("service_capacity.csv (3 rows): imported as "
                                                    "services' capacity")
    assert "description: capacity is kept as numbers" in lines["service_capacity.csv"]
    assert lines["units.csv"].startswith("units.csv (3 rows): imported as the unit type")
    [problem] = report.problems
    assert (problem.file, problem.line, problem.skipped) == ("service_capacity.csv", 4, True)
    assert "unit “Meals” (units.csv line 4) is not one Crosswalk tracks" in problem.reason

    again = hsds.import_package(files, commit=True)
    assert again.changes == 0
    assert again.counts["capacity"] == {"new": 0, "updated": 0, "unchanged": 2}
    assert len(again.problems) == 1


def test_changed_numbers_update_the_capacity(coc, clock):
    hsds.import_package(package(), commit=True)
    clock(datetime(2026, 1, 13, 9, 0))
    changed = HSDS_31["service_capacity.csv"].replace("c2,11,u2,5,,,", "c2,11,u2,4,,,")
    report = hsds.import_package(package(**{"service_capacity.csv": changed}), commit=True)
    assert report.counts["capacity"] == {"new": 0, "updated": 1, "unchanged": 1}
    assert _capacity()[("Housing help", "vouchers")] == (4, 5, datetime(2026, 1, 13, 9, 0))


@pytest.mark.parametrize("row, reason", [
    ("c1,10,u1,three,20,,", "available “three” is not a whole number"),
    ("c1,10,u1,-1,20,,", "available “-1” is not a whole number"),
    ("c1,10,u1,3,2.5,,", "maximum “2.5” is not a whole number"),
    ("c1,10,u1,,20,,", "available is empty"),
    ("c1,10,u1,30,20,,", "available (30) is more than the maximum (20)"),
    ("c1,10,u1,3,20,,yesterday", "updated “yesterday” is not a date-time"),
    ("c1,10,u9,3,20,,", "unit u9 is not in units.csv"),
    ("c1,99,u1,3,20,,", "service 99 is not in the package or the directory"),
])
def test_a_bad_row_is_reported_with_its_line(coc, row, reason):
    files = package(**{"service_capacity.csv": HSDS_31["service_capacity.csv"].replace(
        "c1,10,u1,3,20,Beds tonight,2026-01-10T08:30:00Z", row)})
    report = hsds.import_package(files, commit=True)
    [problem] = report.problems
    assert (problem.file, problem.line) == ("service_capacity.csv", 2)
    assert reason in problem.reason
    assert [unit for unit in _capacity()] == [("Housing help", "vouchers")]
    assert db.session.scalar(select(Service).where(Service.hsds_id == "10")) is not None


def test_units_alone_and_unit_names(coc):
    files = package()
    del files["service_capacity.csv"]
    report = hsds.import_package(files, commit=True)
    line = {f.file: f.line() for f in report.files}["units.csv"]
    assert line == "units.csv (3 rows): not imported: no service_capacity.csv uses these units"
    assert [unit_type_named(n) for n in ("bed", "Beds", "Shelter beds", "Program slots", "slot",
                                         "appointment", "VOUCHER", "Meals", "")] == [
        "beds", "beds", "beds", "slots", "slots", "appointments", "vouchers", None, None]
