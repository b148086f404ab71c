"""`flask --app wsgi hh <command>`: set up, demo data, accounts, backups."""
from __future__ import annotations

import getpass
import os
import sqlite3
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from hh.extensions import db

cli = AppGroup("hh", help="Crosswalk commands.")


def fail(message: str, code: int = 1):
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def upgrade_database() -> None:
    from flask_migrate import upgrade

    upgrade(directory=current_app.extensions["migrate"].directory)


@cli.command("init")
def init_command():
    """Create the database or bring it up to date (safe to run again)."""
    from hh.resources.taxonomy import ensure_taxonomy

    upgrade_database()
    added = ensure_taxonomy()
    db.session.commit()
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")
    if added:
        click.echo(f"Added {added} service categories.")


@cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Load only when the database has no users yet.")
def demo_command(if_empty: bool):
    """Load a demo rural Continuum of Care with demo users (idempotent)."""
    from hh.auth.models import User
    from hh.demo import DEMO_USERS, load_demo

    if current_app.config["HH_ENV"] == "production":
        fail("refusing to load demo users into a production database (HH_ENV=production).")
    upgrade_database()
    if if_empty and db.session.scalar(select(User.id).limit(1)) is not None:
        click.echo("The database already has users; demo data not loaded.")
        return
    summary = load_demo()
    click.echo("Demo data: " + ", ".join(f"{n} {what}" for what, n in summary.items()))
    click.echo("Demo accounts (only for trying Crosswalk out; never use them for real data):")
    for demo in DEMO_USERS:
        click.echo(f"  {demo['role']:<12} {demo['email']:<34} password: {demo['password']}")


@cli.command("create-user")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["viewer", "provider", "coordinator", "admin"]))
@click.option("--name", default="", help="Full name.")
@click.option("--region", default=None, help="Region name (for providers).")
@click.option("--organization", default=None, help="Organization name.")
def create_user_command(email, role, name, region, organization):
    """Create an account. The password comes from HH_PASSWORD or a prompt, never the command line."""
    from hh.auth import services
    from hh.directory.models import Organization, Region

    upgrade_database()
    region_id = organization_id = None
    if region:
        found = db.session.scalar(select(Region).where(Region.name == region))
        if found is None:
            fail(f"no region named {region!r}.")
        region_id = found.id
    if organization:
        found = db.session.scalar(select(Organization).where(Organization.name == organization))
        if found is None:
            fail(f"no organization named {organization!r}.")
        organization_id = found.id
    password = os.environ.get("HH_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            fail("set HH_PASSWORD or run in a terminal to be asked for the password.")
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != password:
            fail("the two passwords differ.")
    details = services.UserDetails(email=email, name=name, role=role,
                                   organization_id=organization_id, region_id=region_id)
    try:
        user = services.create_user(details, password=password)
        db.session.commit()
    except services.AccountError as error:
        db.session.rollback()
        fail(str(error))
    click.echo(f"Created {role} {user.email} (id {user.id}).")


@cli.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, writable=True))
def backup_command(target):
    """Copy a live SQLite database consistently to TARGET (safe while the app runs)."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        fail("this database is PostgreSQL: back it up with pg_dump, for example\n"
             "  pg_dump --format=custom --file=crosswalk.dump \"$DATABASE_URL\"\n"
             "and restore with pg_restore.", code=2)
    source_path = url.database
    if not source_path or source_path == ":memory:" or not Path(source_path).exists():
        fail(f"no database file at {source_path!r}; run `flask --app wsgi hh init` first.")
    target_path = Path(target)
    if target_path.resolve() == Path(source_path).resolve():
        fail("the backup must go to another file than the database itself.")
    if target_path.exists():
        fail(f"{target} already exists; choose a new file name.")
    target_path.parent.mkdir(parents=True, exist_ok=True)
    # SQLite's online backup API copies a consistent snapshot, even while others write.
    source = sqlite3.connect(source_path)
    dest = sqlite3.connect(target_path)
    try:
        with dest:
            source.backup(dest)
    finally:
        dest.close()
        source.close()
    size = target_path.stat().st_size
    click.echo(f"Backed up {source_path} to {target_path} ({size:,} bytes).")
