"""The query planner's statistics on SQLite.

PostgreSQL keeps its own (autovacuum analyzes a table as it changes). SQLite has none until
ANALYZE runs, and without them it may read a page from an index that scans thousands of rows
where another reads ten: the case conference's movement, read from a region's households before
their week's status changes, took 9 ms instead of 0.7 at ten times the default scale. So the
statistics are refreshed when the database is set up or upgraded, after every import (a large
load changes the tables' shape at once) and once a day in each server process, sampling a
bounded number of rows per index (a fraction of a second on a database of half a gigabyte).
"""
from __future__ import annotations

import time

from flask import current_app

from hh.extensions import db

REFRESH_EVERY_SECONDS = 24 * 3600
ANALYSIS_LIMIT = 1000  # rows sampled per index


def refresh_statistics() -> None:
    """ANALYZE on SQLite (nothing elsewhere), on a connection of its own, committed at once."""
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        connection.exec_driver_sql("ANALYZE")
    current_app.extensions["hh_statistics_refreshed"] = time.time()


def refresh_now_and_then() -> None:
    """before_request: refresh at most once a day per process (its first day counts from the
    app's start: `flask hh init` refreshed them just before)."""
    last = current_app.extensions.setdefault("hh_statistics_refreshed", time.time())
    if time.time() - last >= REFRESH_EVERY_SECONDS:
        current_app.extensions["hh_statistics_refreshed"] = time.time()  # one request runs it
        refresh_statistics()
