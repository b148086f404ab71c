"""Command line: init, demo, create-user, backup."""
import sqlite3

import pytest
from sqlalchemy import func, select

from hh.auth.models import User
from hh.auth.passwords import verify_password
from hh.demo import DEMO_USERS, ORGANIZATIONS
from hh.directory.models import Contact, County, Organization, Region
from hh.resources.models import CapacityUnit, Service, ServiceArea
from hh.extensions import db
from support import TEST_DATABASE_URL


def run(app, *args, env=None):
    return app.test_cli_runner().invoke(args=["hh", *args], env=env, catch_exceptions=False)


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_init_is_safe_to_repeat(app):
    result = run(app, "init")
    assert result.exit_code == 0 and "Database ready" in result.output
    assert run(app, "init").exit_code == 0


def test_demo_loads_a_rural_coc_and_is_idempotent(app):
    result = run(app, "demo")
    assert result.exit_code == 0
    for demo in DEMO_USERS:
        assert demo["email"] in result.output and demo["password"] in result.output
    counts = (count(Organization), count(Region), count(County), count(User), count(Service),
              count(ServiceArea), count(CapacityUnit), count(Contact))
    assert counts[:4] == (len(ORGANIZATIONS), 2, 6, len(DEMO_USERS))
    assert 50 <= counts[4] <= 70  # about sixty services across the sectors
    assert run(app, "demo").exit_code == 0
    assert (count(Organization), count(Region), count(County), count(User), count(Service),
            count(ServiceArea), count(CapacityUnit), count(Contact)) == counts
    from hh.resources.services import is_fresh, verification_queue

    units = list(db.session.scalars(select(CapacityUnit)))
    assert any(is_fresh(u) for u in units) and not all(is_fresh(u) for u in units)
    stale_orgs, stale_services = verification_queue()
    assert stale_orgs and stale_services  # some records wait for verification
    sectors = set(db.session.scalars(select(Organization.sector)))
    assert {"health_care", "homeless_response", "behavioral_health", "managed_care_plan"} <= sectors
    roles = {u.role for u in db.session.scalars(select(User))}
    assert roles == {"viewer", "provider", "coordinator", "admin"}
    region = db.session.scalar(select(Region).where(Region.name == "Upper Valley"))
    assert region.anchor_organization is not None and len(region.counties) == 3
    for demo in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.email == demo["email"]))
        assert user.is_demo and verify_password(user.password_hash, demo["password"])


def test_demo_if_empty_leaves_a_real_database_alone(app, factory):
    factory.user("admin")
    result = run(app, "demo", "--if-empty")
    assert "already has users" in result.output
    assert count(Organization) == 0


def test_demo_refuses_production(make_app):
    app = make_app(HH_ENV="production")
    with app.app_context():
        result = run(app, "demo")
        assert result.exit_code != 0 and "production" in result.output
        assert count(User) == 0


def test_create_user_takes_password_from_environment(app):
    run(app, "demo")
    result = run(app, "create-user", "Lead@CoC.example", "--role", "admin", "--name", "Lee Lead",
                 "--region", "Upper Valley", "--organization", "Prairie Health Plan",
                 env={"HH_PASSWORD": "a-very-good-passphrase-1"})
    assert result.exit_code == 0, result.output
    assert "Created admin lead@coc.example" in result.output
    user = db.session.scalar(select(User).where(User.email == "lead@coc.example"))
    assert user.role == "admin" and user.region.name == "Upper Valley"
    assert user.organization.name == "Prairie Health Plan"
    assert verify_password(user.password_hash, "a-very-good-passphrase-1")


def test_create_user_rejects_bad_input_with_a_message(app):
    weak = run(app, "create-user", "a@b.org", "--role", "admin", env={"HH_PASSWORD": "short"})
    assert weak.exit_code == 1 and "at least 12 characters" in weak.output
    region = run(app, "create-user", "a@b.org", "--role", "provider", "--region", "Nowhere",
                 env={"HH_PASSWORD": "a-very-good-passphrase-1"})
    assert region.exit_code == 1 and "no region named 'Nowhere'" in region.output
    role = run(app, "create-user", "a@b.org", "--role", "root", env={"HH_PASSWORD": "x" * 20})
    assert role.exit_code == 2 and "Invalid value for '--role'" in role.output
    assert count(User) == 0


def test_create_user_needs_a_password_source(app):
    result = run(app, "create-user", "a@b.org", "--role", "viewer", env={"HH_PASSWORD": None})
    assert result.exit_code == 1 and "HH_PASSWORD" in result.output


def test_create_user_refuses_a_duplicate(app, factory):
    factory.user("viewer", email="dup@example.org")
    result = run(app, "create-user", "DUP@example.org", "--role", "viewer",
                 env={"HH_PASSWORD": "a-very-good-passphrase-1"})
    assert result.exit_code == 1 and "already has an account" in result.output


@pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="the backup command copies SQLite files; "
                    "on PostgreSQL it points at pg_dump (test_backup_explains_postgresql)")
def test_backup_copies_a_live_database(app, tmp_path, factory):
    factory.user("admin", email="kept@example.org")
    target = tmp_path / "backups" / "copy.db"
    result = run(app, "backup", str(target))
    assert result.exit_code == 0 and "Backed up" in result.output
    with sqlite3.connect(target) as copy:
        emails = [row[0] for row in copy.execute("select email from user_account")]
    assert emails == ["kept@example.org"]
    again = run(app, "backup", str(target))
    assert again.exit_code == 1 and "already exists" in again.output


def test_backup_explains_postgresql(make_app):
    app = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://u:p@127.0.0.1:1/none")
    with app.app_context():
        result = run(app, "backup", "/tmp/never.db")
    assert result.exit_code == 2 and "pg_dump" in result.output
