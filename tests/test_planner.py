"""SQLite's query planner gets statistics: at init, after the demo or an import (in
tests/conferences/test_import_measured.py), and once a day in each server process."""
import time

import pytest
from sqlalchemy import text
from support import TEST_DATABASE_URL, rows_counted

from hh.extensions import db
from hh.planner import REFRESH_EVERY_SECONDS

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite only: PostgreSQL's "
                                "autovacuum keeps its own statistics")


def rows(table: str) -> int:
    return db.session.execute(text(f"SELECT count(*) FROM {table}")).scalar()


def test_init_and_the_demo_measure_what_they_load(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["hh", "init"], catch_exceptions=False).exit_code == 0
    assert rows_counted("glossary_term") == rows("glossary_term") > 0  # init's starter terms
    assert runner.invoke(args=["hh", "demo"], catch_exceptions=False).exit_code == 0
    assert rows_counted("bnl_household") == rows("bnl_household") > 0


def test_each_process_measures_again_once_a_day_after_a_response(app, client):
    app.test_cli_runner().invoke(args=["hh", "init"], catch_exceptions=False)
    measured = rows_counted("glossary_term")
    db.session.execute(text("DELETE FROM glossary_term WHERE id % 2 = 0"))
    db.session.commit()
    client.get("/healthz").close()
    assert rows_counted("glossary_term") == measured  # measured today already
    app.extensions["hh_statistics_refreshed"] = time.time() - REFRESH_EVERY_SECONDS - 1
    response = client.get("/healthz")
    assert rows_counted("glossary_term") == measured  # not while the response is on its way
    response.close()
    assert rows_counted("glossary_term") == rows("glossary_term") < measured
    assert time.time() - app.extensions["hh_statistics_refreshed"] < 60  # not again tomorrow

