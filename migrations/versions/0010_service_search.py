"""resource search: services in lower(name) order, the filters' columns, and (SQLite) a word index

The search page lists services by lower(name). With an index on that expression a page of
results is read in order and the reading stops after the page; the composite index on the
filtered columns lets the count of matches read an index instead of whole service rows. The
composite index starts with status, so it replaces the single-column one. service_at_location
gets an index on location_id: the place and county filters start from a county's locations, and
without it SQLite built a temporary index on every search.

On SQLite, words are found in an FTS5 table with the trigram tokenizer, `service_words`: one row
per service (rowid = service.id) whose body is its name, other name and description, one per
line; triggers keep it equal to the service table. A word of three letters or more is then found
anywhere in that text from the index, the same substring match LIKE makes by reading every
description. PostgreSQL keeps the LIKE (hh/resources/words.py).

Revision ID: 0010_service_search
Revises: 0009_conference_item_text
Create Date: 2026-12-01 12:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_service_search'
down_revision = '0009_conference_item_text'
branch_labels = None
depends_on = None

BODY = ("coalesce({row}.name, '') || char(10) || coalesce({row}.alternate_name, '') || char(10) "
        "|| coalesce({row}.description, '')")


def upgrade():
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.drop_index('ix_service_status')
        batch_op.create_index('ix_service_filters',
                              ['status', 'organization_id', 'category_id', 'accepts_referrals'],
                              unique=False)
    with op.batch_alter_table('service_at_location', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_at_location_location_id'), ['location_id'],
                              unique=False)
    # An expression index, outside the batch. SQLite cannot reflect it, so a later migration that
    # copies the service table in batch mode loses it and must create it again (and the
    # triggers below, which go with the table).
    op.create_index('ix_service_name_lower', 'service', [sa.text('lower(name)')], unique=False)
    if not _sqlite_has_trigram(op.get_bind()):
        return  # the search reads the columns with LIKE, as on PostgreSQL
    op.execute("CREATE VIRTUAL TABLE service_words USING fts5(body, tokenize = 'trigram')")
    op.execute(f"INSERT INTO service_words (rowid, body) SELECT id, {BODY.format(row='service')} "
               "FROM service")
    op.execute("CREATE TRIGGER service_words_insert AFTER INSERT ON service BEGIN "
               f"INSERT INTO service_words (rowid, body) VALUES (new.id, {BODY.format(row='new')}); "
               "END")
    op.execute("CREATE TRIGGER service_words_update AFTER UPDATE OF id, name, alternate_name, "
               "description ON service BEGIN "
               "DELETE FROM service_words WHERE rowid = old.id; "
               f"INSERT INTO service_words (rowid, body) VALUES (new.id, {BODY.format(row='new')}); "
               "END")
    op.execute("CREATE TRIGGER service_words_delete AFTER DELETE ON service BEGIN "
               "DELETE FROM service_words WHERE rowid = old.id; END")


def _sqlite_has_trigram(bind) -> bool:
    """FTS5 with the trigram tokenizer: SQLite 3.34 or newer, built with FTS5 (Debian's is)."""
    if bind.dialect.name != "sqlite":
        return False
    version = tuple(int(part) for part in bind.exec_driver_sql("SELECT sqlite_version()")
                    .scalar().split("."))
    options = {row[0] for row in bind.exec_driver_sql("PRAGMA compile_options")}
    return version >= (3, 34) and "ENABLE_FTS5" in options


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and bind.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'service_words'").first():
        for trigger in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER service_words_{trigger}")
        op.execute("DROP TABLE service_words")
    op.drop_index('ix_service_name_lower', table_name='service')
    with op.batch_alter_table('service_at_location', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_at_location_location_id'))
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.drop_index('ix_service_filters')
        batch_op.create_index('ix_service_status', ['status'], unique=False)
