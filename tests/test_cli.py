"""Command line: init, demo, create-user, backup."""
import sqlite3
import stat
import time
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select
from support import TEST_DATABASE_URL

from hh.auth.models import User
from hh.auth.passwords import verify_password
from hh.demo import DEMO_USERS, ORGANIZATIONS
from hh.directory.models import Contact, County, Organization, Region
from hh.extensions import db
from hh.resources.models import CapacityUnit, Service, ServiceArea


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


def test_a_fresh_install_gets_regions_and_counties_from_the_command_line(app, factory):
    anchor = factory.organization("Cedar Valley Regional Hospital", sector="health_care")
    region = run(app, "add-region", "Upper Valley", "--anchor", "cedar valley regional hospital")
    assert region.exit_code == 0, region.output
    assert "Added region Upper Valley (anchor: Cedar Valley Regional Hospital)" in region.output
    county = run(app, "add-county", "Alder County", "--state", "nf", "--region", "Upper Valley")
    assert county.exit_code == 0, county.output
    assert "Added county Alder County, NF in region Upper Valley" in county.output
    found = db.session.scalar(select(Region).where(Region.name == "Upper Valley"))
    assert found.anchor_organization == anchor
    assert [(c.name, c.state) for c in found.counties] == [("Alder County", "NF")]
    # ... and create-user --region now works.
    user = run(app, "create-user", "pat@harbor.example", "--role", "provider", "--region",
               "Upper Valley", env={"HH_PASSWORD": "a-very-good-passphrase-1"})
    assert user.exit_code == 0, user.output
    assert db.session.scalar(select(User)).region == found
    from hh.admin.models import AuditEvent

    audited = {e.action: e for e in db.session.scalars(select(AuditEvent))}
    assert audited["region_created"].object_id == str(found.id)
    assert audited["region_created"].actor == "cli" and audited["region_created"].remote_addr == "cli"
    assert audited["county_created"].detail == f"region {found.id}"


def test_add_region_and_county_are_idempotent(app, factory):
    factory.organization("Harbor House")
    first = [run(app, "add-region", "Upper Valley"),
             run(app, "add-county", "Alder County", "--state", "NF", "--region", "Upper Valley")]
    assert all(r.exit_code == 0 for r in first)
    before = (count(Region), count(County))
    again = run(app, "add-region", "upper valley")
    assert again.exit_code == 0 and "Region Upper Valley already exists; nothing changed." in again.output
    again = run(app, "add-county", "Alder County", "--state", "NF", "--region", "Upper Valley")
    assert again.exit_code == 0
    assert "County Alder County, NF in region Upper Valley already exists; nothing changed." in again.output
    assert (count(Region), count(County)) == before
    # Run again with a different anchor or region: the existing record is updated, and says so.
    anchored = run(app, "add-region", "Upper Valley", "--anchor", "Harbor House")
    assert "Region Upper Valley already exists; anchor set to Harbor House." in anchored.output
    run(app, "add-region", "Lower Valley")
    moved = run(app, "add-county", "Alder County", "--state", "NF", "--region", "Lower Valley")
    assert moved.exit_code == 0
    assert "Updated county Alder County, NF in region Lower Valley (changed region)." in moved.output
    assert (count(Region), count(County)) == (before[0] + 1, before[1])


def test_add_region_and_county_reject_bad_input_with_a_message(app):
    no_org = run(app, "add-region", "Upper Valley", "--anchor", "Nobody Agency")
    assert no_org.exit_code == 1 and "no organization named 'Nobody Agency'" in no_org.output
    blank = run(app, "add-region", "  ")
    assert blank.exit_code == 1 and "Enter the region's name." in blank.output
    no_region = run(app, "add-county", "Alder County", "--state", "NF", "--region", "Nowhere")
    assert no_region.exit_code == 1 and "no region named 'Nowhere'" in no_region.output
    assert "add-region" in no_region.output
    run(app, "add-region", "Upper Valley")
    bad_state = run(app, "add-county", "Alder County", "--state", "Nebraska", "--region", "Upper Valley")
    assert bad_state.exit_code == 1 and "Enter the state as two letters, like NE." in bad_state.output
    no_state = run(app, "add-county", "Alder County", "--region", "Upper Valley")
    assert no_state.exit_code == 2 and "Missing option '--state'" in no_state.output
    assert count(Region) == 1 and count(County) == 0


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


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")
def test_init_creates_the_database_and_instance_folder_owner_only(make_app, tmp_path, monkeypatch):
    instance = tmp_path / "new-instance"
    monkeypatch.setenv("HH_INSTANCE_PATH", str(instance))
    database = instance / "crosswalk.db"
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}")
    with app.app_context():
        assert run(app, "init").exit_code == 0
        db.session.execute(select(func.count()).select_from(User))  # SQLite keeps its WAL open
        wal = database.with_name("crosswalk.db-wal")
        assert wal.exists()
        assert {path.name: _mode(path) for path in instance.glob("crosswalk.db*")} == {
            "crosswalk.db": 0o600, "crosswalk.db-wal": 0o600, "crosswalk.db-shm": 0o600}
    assert _mode(instance) == 0o700


@pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")
def test_init_makes_an_older_world_readable_database_owner_only(app):
    from hh import sqlite_files

    database = sqlite_files(app)[0]
    database.chmod(0o644)
    assert run(app, "init").exit_code == 0
    assert _mode(database) == 0o600


@pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="the backup command copies SQLite files")
def test_backup_is_owner_only(app, tmp_path):
    target = tmp_path / "backups" / "copy.db"
    assert run(app, "backup", str(target)).exit_code == 0
    assert _mode(target) == 0o600


def _expired_upload(monkeypatch):
    """An upload previewed and never confirmed, and the clock moved past its hour."""
    from hh import importing

    token = importing.save_pending("services", 1, {"services.csv": b"name\nShelter\n"})
    folder = importing._pending_root() / token
    assert folder.is_dir()
    later = time.time() + importing.PENDING_SECONDS + 1
    monkeypatch.setattr(importing, "time", SimpleNamespace(time=lambda: later))
    return folder


def test_an_expired_upload_goes_without_another_upload(app, monkeypatch):
    folder = _expired_upload(monkeypatch)
    assert app.test_client().get("/healthz").status_code == 200  # any request at all
    assert not folder.exists() and not folder.with_suffix(".json").exists()


def test_sweep_uploads_command(app, monkeypatch):
    folder = _expired_upload(monkeypatch)
    result = run(app, "sweep-uploads")
    assert result.exit_code == 0 and "Removed 1 expired upload." in result.output
    assert not folder.exists()


def test_the_demo_conferences_action_steps_are_action_items_of_their_owners(demo):
    from hh.conferences.models import ConferenceEntry
    from hh.plans.models import ActionItem

    entries = list(db.session.scalars(select(ConferenceEntry).where(
        ConferenceEntry.action_step.is_not(None), ConferenceEntry.action_step != "")))
    assert entries
    for entry in entries:
        item = db.session.get(ActionItem, entry.action_item_id)
        assert item is not None and item.is_open  # in the owner's "my items"
        assert (item.owner_id, item.due_on) == (entry.responsible_id, entry.target_on)
        assert entry.responsible_id is not None
