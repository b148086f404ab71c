"""resource search ranking: (SQLite) word indexes of names alone; organizations in lower(name) order

The search lists first the services (and organizations) whose own name or other name holds every
word, then the other matches, each group in name order, one page at a time (hh/resources/ranking.py).
To find the named group without reading every match, SQLite gets `service_name_words` and
`organization_name_words`: FTS5 tables with the trigram tokenizer, one row per record (rowid =
its id) whose body is its name and other name, one per line; triggers keep them equal to the
records. PostgreSQL finds the same names from the pg_trgm indexes on those columns (0017).

`ix_organization_name_lower` lets the organizations (above the search's services, and the
directory list) be read in lower(name) order and the reading stop after a page.

Like the triggers of 0010 and 0011, the service and organization tables' triggers here are lost
when a later migration copies either table in batch mode: drop and create them again around it.

Revision ID: 0019_search_ranking
Revises: 0018_bnl_list
Create Date: 2026-12-05 08:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0019_search_ranking'
down_revision = '0018_bnl_list'
branch_labels = None
depends_on = None

NAMES = "coalesce({row}.name, '') || char(10) || coalesce({row}.alternate_name, '')"


def _triggers(index: str, table: str) -> dict[str, str]:
    add = (f"INSERT INTO {index} (rowid, body) VALUES (new.id, {NAMES.format(row='new')}); ")
    return {
        f"{index}_insert": f"AFTER INSERT ON {table} BEGIN {add}END",
        f"{index}_update": (f"AFTER UPDATE OF id, name, alternate_name ON {table} BEGIN "
                            f"DELETE FROM {index} WHERE rowid = old.id; {add}END"),
        f"{index}_delete": f"AFTER DELETE ON {table} BEGIN DELETE FROM {index} WHERE rowid = old.id; END",
    }


INDEXES = {"service_name_words": "service", "organization_name_words": "organization"}


def _has_word_index(bind) -> bool:
    """0010 made the word index only where SQLite has FTS5 with trigrams; elsewhere there is none
    and the search reads the columns with LIKE."""
    return bind.dialect.name == "sqlite" and bind.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'service_words'").first() is not None


def upgrade():
    op.create_index('ix_organization_name_lower', 'organization', [sa.text('lower(name)')],
                    unique=False)
    if not _has_word_index(op.get_bind()):
        return
    for index, table in INDEXES.items():
        op.execute(f"CREATE VIRTUAL TABLE {index} USING fts5(body, tokenize = 'trigram')")
        op.execute(f"INSERT INTO {index} (rowid, body) SELECT id, {NAMES.format(row=table)} FROM {table}")
        for name, definition in _triggers(index, table).items():
            op.execute(f"CREATE TRIGGER {name} {definition}")


def downgrade():
    if _has_word_index(op.get_bind()):
        for index, table in INDEXES.items():
            for name in _triggers(index, table):
                op.execute(f"DROP TRIGGER {name}")
            op.execute(f"DROP TABLE {index}")
    op.drop_index('ix_organization_name_lower', table_name='organization')
