"""An import that changes the list gives SQLite's planner its new size (hh/planner.py)."""
import pytest
from sqlalchemy import func, select
from support import TEST_DATABASE_URL, rows_counted

from hh.conferences.bnl_import import import_bnl
from hh.conferences.models import Household
from hh.extensions import db

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite only: PostgreSQL's "
                                "autovacuum keeps its own statistics")

LIST = ("Personal ID,First Name,Last Name,County,Housing Status,Veteran Status,"
        "Chronically Homeless,Date Added to BNL,VI-SPDAT Score\r\n"
        + "".join(f"{900 + n},Ann,Example{n},Alder,Shelter,no,no,2026-01-0{1 + n % 9},{n}\r\n"
                  for n in range(12))).encode()


def test_an_import_measures_what_it_loaded(bnl):
    before = rows_counted("bnl_household")
    import_bnl(LIST, commit=True, actor="test")
    households = db.session.scalar(select(func.count()).select_from(Household))
    assert before is None and rows_counted("bnl_household") == households > 12


def test_a_preview_measures_nothing(bnl):
    import_bnl(LIST, commit=False, actor="test")
    assert rows_counted("bnl_household") is None


def test_an_import_is_saved_though_the_database_refuses_to_measure(bnl, monkeypatch, caplog):
    from sqlalchemy.exc import OperationalError

    class Locked:
        def __enter__(self):
            raise OperationalError("ANALYZE", {}, Exception("database is locked"))

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(type(db.engine), "begin", lambda engine: Locked())
    report = import_bnl(LIST, commit=True, actor="test")
    assert report.counts["households"]["new"] == 12
    assert db.session.scalar(select(func.count()).select_from(Household)) == 18
    assert "could not be refreshed" in caplog.text
