"""PostgreSQL keeps its plans across requests (hh/planner.py): a request that only read ends its
transaction with a commit, so the statements psycopg prepared stay prepared; a request that wrote,
or holds a change not yet written, still ends with a rollback and leaves nothing behind."""
import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError
from support import TEST_DATABASE_URL

from hh.directory.models import Organization
from hh.extensions import db
from hh.web import PUBLIC, allow

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL, reason="PostgreSQL only: psycopg's "
                                "prepared statements (SQLite plans each statement in the process)")


def connections_used() -> set:
    """The database connections the app's statements run on from now on."""
    used = set()
    event.listen(db.engine, "after_cursor_execute",
                 lambda conn, cursor, *rest: used.add(cursor.connection))
    return used


def prepared(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements", prepare=False)
        count = cursor.fetchone()[0]
    connection.rollback()
    return count


# A search for words not searched before sets a planner setting for its transaction (SET LOCAL):
# a read too.
@pytest.mark.parametrize("page", ["/glossary/", "/resources/?q=shelter{n}"])
def test_pages_that_only_read_keep_their_prepared_statements(app, login_as, page):
    client = login_as("viewer")
    used = connections_used()
    for n in range(12):  # psycopg prepares a statement on its sixth run on a connection
        assert client.get(page.format(n=n)).status_code == 200
    assert sum(prepared(connection) for connection in used if not connection.closed) > 0


@pytest.fixture
def probes(make_app, factory):
    """An app with pages that change an organization and answer without committing: one writes
    the change (a flush), one only makes it in the session, one's write fails."""
    app = make_app()

    @allow(PUBLIC)
    def written():
        db.session.add(Organization(name="Written, never committed"))
        db.session.flush()
        return "refused", 422

    @allow(PUBLIC)
    def changed():
        db.session.scalar(select(Organization)).name = "Changed, never written"
        return "refused", 422

    @allow(PUBLIC)
    def failed():
        db.session.add(Organization(name=None))  # refused by the database: NOT NULL
        try:
            db.session.flush()
        except IntegrityError:
            return "refused", 422  # the session needs its rollback still
        return "saved", 200

    app.add_url_rule("/probe/written", "probe_written", written)
    app.add_url_rule("/probe/failed", "probe_failed", failed)
    app.add_url_rule("/probe/changed", "probe_changed", changed)
    with app.app_context():
        factory.organization("Kept as it was")
        db.session.commit()
        yield app


@pytest.mark.parametrize("probe", ["written", "changed", "failed"])
def test_a_request_that_did_not_commit_its_change_leaves_nothing(probes, probe):
    assert probes.test_client().get(f"/probe/{probe}").status_code == 422
    db.session.expire_all()
    assert db.session.scalars(select(Organization.name)).all() == ["Kept as it was"]
