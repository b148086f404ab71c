"""The query planner's statistics on SQLite; PostgreSQL's plans kept across requests (below).

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

import re
import time

from flask import current_app
from sqlalchemy import event
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


# --- PostgreSQL: plans kept across requests -------------------------------------------------
# psycopg prepares a statement (PostgreSQL then keeps its plan) once a connection has run it five
# times, and forgets every prepared statement at each ROLLBACK, as a rolled-back migration may
# have changed the tables. A request ends its transaction with a rollback, so a page that only
# read wiped what the connection had prepared, and PostgreSQL planned every statement of every
# page afresh (the session user's alone 0.5 ms). A transaction that wrote nothing ends with a
# COMMIT instead: the same for the database, and the plans stay.

_WROTE = "hh_wrote"  # on the connection: its transaction ran a statement that may have written
# What leaves the database as it was, whether the transaction commits or rolls back: a query, or a
# setting for this transaction only. Anything else counts as a write (a WITH too: it may hold one).
_READ = re.compile(r"\s*(?:SELECT|SHOW|RESET|SET\s+LOCAL)\b", re.IGNORECASE)


def _note_writes(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
    if not _READ.match(statement):
        conn.info[_WROTE] = True


def _transaction_ended(conn):
    conn.info.pop(_WROTE, None)


def end_reads_with_commit(exception) -> None:
    """teardown_appcontext, before Flask-SQLAlchemy removes the session: commit a transaction
    that only read (nothing written, nothing waiting to be), so psycopg keeps its prepared
    statements. Anything else is left to the removal's rollback, as before."""
    session = db.session()
    if exception is not None or not session.in_transaction() or not session.is_active:
        return  # is_active: False after a failed write, which only a rollback ends
    if session.new or session.dirty or session.deleted:
        return
    try:
        if not session.connection().info.get(_WROTE):
            session.commit()
    except SQLAlchemyError:  # e.g. the connection was lost: the removal rolls back
        current_app.logger.warning("a read-only transaction could not be committed", exc_info=True)


def keep_prepared_statements(app) -> None:
    """On PostgreSQL: note each transaction's writes, and end the ones without with a commit.
    Registered after Flask-SQLAlchemy, so it runs before the session is removed."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "postgresql":
        return
    event.listen(engine, "before_cursor_execute", _note_writes)
    event.listen(engine, "commit", _transaction_ended)
    event.listen(engine, "rollback", _transaction_ended)
    app.teardown_appcontext(end_reads_with_commit)
