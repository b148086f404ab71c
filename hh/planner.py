"""The query planner's statistics on SQLite.

PostgreSQL keeps its own (autovacuum analyzes a table as it changes). SQLite has none until
ANALYZE runs, and without them it may read a page from an index that scans thousands of rows
where another reads ten: the case conference's movement, read from a region's households before
their week's status changes, took 9 ms instead of 0.8 at ten times the default scale. So the
statistics are refreshed when the database is set up, after the demo and every import (a large
load changes the tables' shape at once) and once a day in each server process, after a response
has gone. A whole ANALYZE: 0.07 s at the default scale, 0.7 s at ten times; a sampled one (SQLite's
`analysis_limit`) took a yes/no column to pick one row in 500 instead of one in two, and the
directory list then sorted 10,000 organizations (7 ms instead of 0.1).
"""
from __future__ import annotations

import time

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from hh.extensions import db

REFRESH_EVERY_SECONDS = 24 * 3600


def refresh_statistics() -> None:
    """ANALYZE on SQLite (nothing elsewhere), on a connection of its own, committed at once. A
    refusal (the database locked past the busy timeout) is logged, never raised: the statistics
    only speed reads up, and what called this (an import) is already saved."""
    if db.engine.dialect.name != "sqlite":
        return
    try:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    except SQLAlchemyError:
        current_app.logger.warning("the query planner's statistics could not be refreshed",
                                   exc_info=True)
        return
    current_app.extensions["hh_statistics_refreshed"] = time.time()


def refresh_now_and_then(response):
    """after_request: once a day per process, refresh after this response has been sent (its
    first day counts from the app's start: `flask hh init` refreshed them just before)."""
    app = current_app._get_current_object()
    last = app.extensions.setdefault("hh_statistics_refreshed", time.time())
    if time.time() - last >= REFRESH_EVERY_SECONDS:
        app.extensions["hh_statistics_refreshed"] = time.time()  # one request runs it

        def refresh():
            with app.app_context():
                refresh_statistics()

        response.call_on_close(refresh)
    return response
