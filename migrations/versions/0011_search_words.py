"""resource search (SQLite): services' word index with organization and category names; organizations'

A search word matches a service through its own text, its organization's names or its
category's (with the parent category). 0010 indexed only the service's own text, so every word
also read the organization and category lists and merged the three lists of services, which
cost more than finding the word. `service_words` now holds, per service, one line each for its
name, other name, description, organization name, organization other name, category and parent
category; triggers on all three tables keep it equal to them. `organization_words` does the same
for the organizations listed above the services (name, other name, description).

Triggers on organization and taxonomy_term name the service table. SQLite checks them when a
table is renamed, so a later migration that copies service in batch mode must drop those
triggers first and create them again after (as it must the service table's own triggers and
ix_service_name_lower, which the copy loses: see 0010).

Revision ID: 0011_search_words
Revises: 0010_service_search
Create Date: 2026-12-01 14:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011_search_words'
down_revision = '0010_service_search'
branch_labels = None
depends_on = None

FIELDS = ("s.name", "s.alternate_name", "s.description", "o.name", "o.alternate_name", "t.name",
          "p.name")
SERVICE_BODY = " || char(10) || ".join(f"coalesce({f}, '')" for f in FIELDS)


def _add_services(where: str) -> str:
    """INSERT the index rows of the services that `where` picks (s is the service)."""
    return ("INSERT INTO service_words (rowid, body) "
            f"SELECT s.id, {SERVICE_BODY} FROM service AS s "
            "JOIN organization AS o ON o.id = s.organization_id "
            "LEFT JOIN taxonomy_term AS t ON t.id = s.category_id "
            "LEFT JOIN taxonomy_term AS p ON p.id = t.parent_id "
            f"WHERE {where}; ")


def _refresh_services(where: str) -> str:
    return (f"DELETE FROM service_words WHERE rowid IN (SELECT s.id FROM service AS s WHERE {where}); "
            + _add_services(where))


ORGANIZATION_BODY = ("coalesce({row}.name, '') || char(10) || coalesce({row}.alternate_name, '') "
                     "|| char(10) || coalesce({row}.description, '')")
TRIGGERS = {
    # The service's own row.
    "service_words_insert": "AFTER INSERT ON service BEGIN " + _add_services("s.id = new.id") + "END",
    "service_words_update": (
        "AFTER UPDATE OF id, name, alternate_name, description, organization_id, category_id "
        "ON service BEGIN DELETE FROM service_words WHERE rowid = old.id; "
        + _add_services("s.id = new.id") + "END"),
    "service_words_delete": "AFTER DELETE ON service BEGIN "
                            "DELETE FROM service_words WHERE rowid = old.id; END",
    # Its organization's and category's names.
    "service_words_organization": (
        "AFTER UPDATE OF name, alternate_name ON organization BEGIN "
        + _refresh_services("s.organization_id = new.id") + "END"),
    "service_words_category": (
        "AFTER UPDATE OF name, parent_id ON taxonomy_term BEGIN "
        + _refresh_services("s.category_id = new.id OR s.category_id IN "
                            "(SELECT id FROM taxonomy_term WHERE parent_id = new.id)") + "END"),
    # The organizations'.
    "organization_words_insert": (
        "AFTER INSERT ON organization BEGIN INSERT INTO organization_words (rowid, body) "
        f"VALUES (new.id, {ORGANIZATION_BODY.format(row='new')}); END"),
    "organization_words_update": (
        "AFTER UPDATE OF id, name, alternate_name, description ON organization BEGIN "
        "DELETE FROM organization_words WHERE rowid = old.id; "
        "INSERT INTO organization_words (rowid, body) "
        f"VALUES (new.id, {ORGANIZATION_BODY.format(row='new')}); END"),
    "organization_words_delete": ("AFTER DELETE ON organization BEGIN "
                                  "DELETE FROM organization_words WHERE rowid = old.id; END"),
}
OLD_BODY = ("coalesce({row}.name, '') || char(10) || coalesce({row}.alternate_name, '') || char(10) "
            "|| coalesce({row}.description, '')")


def _has_service_words(bind) -> bool:
    """0010 made the index only where SQLite has FTS5 with trigrams; elsewhere there is none."""
    return bind.dialect.name == "sqlite" and bind.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'service_words'").first() is not None


def upgrade():
    if not _has_service_words(op.get_bind()):
        return  # the search reads the columns with LIKE, as on PostgreSQL
    for name in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER service_words_{name}")
    op.execute("DELETE FROM service_words")
    op.execute(_add_services("1"))
    op.execute("CREATE VIRTUAL TABLE organization_words USING fts5(body, tokenize = 'trigram')")
    op.execute("INSERT INTO organization_words (rowid, body) "
               f"SELECT id, {ORGANIZATION_BODY.format(row='organization')} FROM organization")
    for name, definition in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {definition}")


def downgrade():
    if not _has_service_words(op.get_bind()):
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE organization_words")
    op.execute("DELETE FROM service_words")
    op.execute(f"INSERT INTO service_words (rowid, body) SELECT id, {OLD_BODY.format(row='service')} "
               "FROM service")
    op.execute("CREATE TRIGGER service_words_insert AFTER INSERT ON service BEGIN "
               f"INSERT INTO service_words (rowid, body) VALUES (new.id, {OLD_BODY.format(row='new')}); "
               "END")
    op.execute("CREATE TRIGGER service_words_update AFTER UPDATE OF id, name, alternate_name, "
               "description ON service BEGIN "
               "DELETE FROM service_words WHERE rowid = old.id; "
               f"INSERT INTO service_words (rowid, body) VALUES (new.id, {OLD_BODY.format(row='new')}); "
               "END")
    op.execute("CREATE TRIGGER service_words_delete AFTER DELETE ON service BEGIN "
               "DELETE FROM service_words WHERE rowid = old.id; END")
