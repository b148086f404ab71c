"""resource search (PostgreSQL): trigram indexes for the word search

A search word matches anywhere in a service's or organization's text, in any letter case (see
hh/resources/words.py). SQLite finds such words from its FTS5 trigram tables (0010, 0011).
PostgreSQL answers the same ILIKE '%word%' from GIN indexes of pg_trgm's trigrams, one per column
searched, instead of reading every row: same query, same results, indexed.

pg_trgm ships with PostgreSQL (Debian's postgresql package has it) and is a trusted extension
since PostgreSQL 13: the database's owner may create it. Where it cannot be created the indexes
are left out (the search still works, unindexed) and the migration says so.

Revision ID: 0017_search_trigrams
Revises: 0016_notifications
Create Date: 2026-12-05 06:10:00

"""
import logging

from alembic import op
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

# revision identifiers, used by Alembic.
revision = '0017_search_trigrams'
down_revision = '0016_notifications'
branch_labels = None
depends_on = None

# (table, column): what the word search reads with ILIKE. Index names end in "_trgm": the
# models do not declare them (alembic's comparison skips them, hh/resources/words.py).
COLUMNS = [("service", "name"), ("service", "alternate_name"), ("service", "description"),
           ("organization", "name"), ("organization", "alternate_name"),
           ("organization", "description"), ("taxonomy_term", "name")]


def _name(table: str, column: str) -> str:
    return f"ix_{table}_{column}_trgm"


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():
            bind.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except DBAPIError as error:
        logging.getLogger("alembic").warning(
            "pg_trgm could not be created (%s); the word search stays unindexed.", error.orig)
        return
    for table, column in COLUMNS:
        op.execute(f"CREATE INDEX IF NOT EXISTS {_name(table, column)} ON {table} "
                   f"USING gin ({column} gin_trgm_ops)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS {_name(table, column)}")
