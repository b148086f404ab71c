"""`flask --app wsgi hh <command>`: set up, demo data, accounts, backups."""
from __future__ import annotations

import getpass
import os
import sqlite3
import sys
from pathlib import Path
from typing import Callable, TypeVar

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from hh.errors import InputError
from hh.extensions import cache, db
from hh.planner import refresh_statistics

T = TypeVar("T")

cli = AppGroup("hh", help="Crosswalk commands.")


def fail(message: str, code: int = 1):
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def save_or_fail(save: Callable[[], T]) -> T:
    """Run a service's save for a command; input it refuses ends the command with its messages."""
    try:
        return save()
    except InputError as error:
        db.session.rollback()
        fail(" ".join(error.errors.values()))


def upgrade_database() -> None:
    from flask_migrate import upgrade

    upgrade(directory=current_app.extensions["migrate"].directory)


@cli.command("init")
def init_command():
    """Create the database or bring it up to date (safe to run again)."""
    from hh import make_database_private
    from hh.glossary.csv_io import load_starter
    from hh.resources.taxonomy import ensure_taxonomy

    make_database_private(current_app)
    upgrade_database()
    added = ensure_taxonomy()
    glossary = load_starter()
    from hh.roleguide.guide import seed_guide

    guide = seed_guide()
    db.session.commit()
    refresh_statistics()  # new indexes, or a database the planner has not measured yet
    click.echo(f"Database ready: {db.engine.url.render_as_string(hide_password=True)}")
    if added:
        click.echo(f"Added {added} service categories.")
    click.echo("Glossary: {added} starter terms added, {updated} updated, {kept} left as edited "
               "here.".format(**glossary))
    click.echo("Role guide: {roles} roles, {competencies} competencies, {responsibilities} "
               "responsibilities added (existing entries are left as edited).".format(**guide))


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
    refresh_statistics()
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
    user = save_or_fail(lambda: services.create_user(details, password=password))
    db.session.commit()
    click.echo(f"Created {role} {user.email} (id {user.id}).")


@cli.command("add-region")
@click.argument("name")
@click.option("--anchor", default=None, metavar="ORG_NAME",
              help="Name of the organization that anchors the region.")
def add_region_command(name, anchor):
    """Add a region (a named group of counties), or set the anchor of an existing one."""
    from hh.admin import services

    upgrade_database()
    anchor_org = None
    if anchor is not None:
        anchor_org = services.find_organization(anchor)
        if anchor_org is None:
            fail(f"no organization named {anchor!r}; add it first (Directory → Add an "
                 "organization, or import-hsds / import-services).")
    region = services.find_region(name)
    if region is not None and anchor_org is None:
        click.echo(f"Region {region.name} already exists; nothing changed.")
        return
    region, changed = save_or_fail(lambda: services.save_region(
        region, region.name if region is not None else name,
        anchor_org.id if anchor_org is not None else None, actor="cli"))
    anchored = f" (anchor: {anchor_org.name})" if anchor_org is not None else ""
    if changed == ["created"]:
        click.echo(f"Added region {region.name}{anchored} (id {region.id}).")
    elif changed:
        click.echo(f"Region {region.name} already exists; anchor set to {anchor_org.name}.")
    else:
        click.echo(f"Region {region.name} already exists{anchored}; nothing changed.")


@cli.command("add-county")
@click.argument("name")
@click.option("--state", required=True, metavar="XX", help="Two-letter state code, e.g. NE.")
@click.option("--region", required=True, metavar="REGION_NAME", help="Name of an existing region.")
def add_county_command(name, state, region):
    """Add a county to a region, or correct the state and region of an existing county."""
    from hh.admin import services

    upgrade_database()
    found_region = services.find_region(region)
    if found_region is None:
        fail(f"no region named {region!r}; add it first with `flask --app wsgi hh add-region`.")
    county = services.find_county(name)
    county, changed = save_or_fail(lambda: services.save_county(
        county, county.name if county is not None else name, state, found_region.id, actor="cli"))
    where = f"{county.name}, {county.state} in region {found_region.name}"
    if changed == ["created"]:
        click.echo(f"Added county {where} (id {county.id}).")
    elif changed:
        click.echo(f"Updated county {where} (changed {', '.join(changed)}).")
    else:
        click.echo(f"County {where} already exists; nothing changed.")


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
    target_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:  # created owner-only (like the database) and never over an existing file
        os.close(os.open(target_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        fail(f"{target} already exists; choose a new file name.")
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


@cli.command("clear-cache")
def clear_cache_command():
    """Empty the cache (after restoring a backup: what it remembers is newer than the data)."""
    cache.clear()
    click.echo("The cache is empty; pages read the database afresh.")


def _print_import(report, applied: bool) -> None:
    for file in report.files:
        click.echo(f"  {file.line()}")
    for kind, counts in report.counts.items():
        click.echo(f"  {kind}: {counts['new']} new, {counts['updated']} updated, "
                   f"{counts['unchanged']} unchanged")
    for problem in report.problems:
        what = "skipped" if problem.skipped else "imported in part"
        click.echo(f"  {problem.file} line {problem.line}: {what}: {problem.reason}")
    click.echo(("Imported" if applied else "Preview only, nothing imported") +
               f": {report.changes} records new or updated, {report.skipped} rows skipped.")


def _import_file(importer, file: str, dry_run: bool):
    """Run a one-file import (spreadsheet, By-Name List); a bad file ends the command."""
    from hh.importing import ImportFailure

    path = Path(file)
    if not path.is_file():
        fail(f"no file at {file}.")
    try:
        return importer(path.read_bytes(), commit=not dry_run, actor="cli", name=path.name)
    except ImportFailure as failure:
        fail(f"{failure} Nothing was imported.")


@cli.command("import-hsds")
@click.argument("package", type=click.Path())
@click.option("--dry-run", is_flag=True, help="Show what would change without importing.")
def import_hsds_command(package, dry_run):
    """Import an HSDS 3.0 (or 1.1) package, a folder or a .zip: all good rows in one transaction."""
    from hh.importing import ImportFailure, read_folder, unpack_package_zip
    from hh.resources.hsds import import_package

    path = Path(package)
    try:
        if path.is_dir():
            files = dict(read_folder(path))
        elif path.is_file():
            files = unpack_package_zip(path.read_bytes())
        else:
            fail(f"{package} is neither a folder nor a zip file.")
        report = import_package(files, commit=not dry_run, actor="cli")
    except ImportFailure as failure:
        fail(f"{failure} Nothing was imported.")
    _print_import(report, applied=not dry_run)


@cli.command("export-hsds")
@click.argument("folder", type=click.Path(file_okay=False))
def export_hsds_command(folder):
    """Write the directory as an HSDS 3.0 tabular data package into FOLDER."""
    from hh.resources.hsds import write_package

    path = Path(folder)
    if path.exists() and not path.is_dir():
        fail(f"{folder} is a file; give a folder.")
    if path.is_dir() and any(path.iterdir()):
        fail(f"{folder} is not empty; give a new or empty folder.")
    counts = write_package(path)
    filled = {name: n for name, n in counts.items() if n}
    click.echo(f"Wrote an HSDS 3.0 package to {path}: " +
               ", ".join(f"{name} {n}" for name, n in filled.items()))


@cli.command("import-services")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would change without importing.")
def import_services_command(file, dry_run):
    """Import the one-row-per-service spreadsheet (CSV) from FILE."""
    from hh.resources.spreadsheet import import_spreadsheet

    _print_import(_import_file(import_spreadsheet, file, dry_run), applied=not dry_run)


@cli.command("import-bnl")
@click.argument("path", type=click.Path())
@click.option("--region", "region_name", help="Region for rows without a county.")
@click.option("--county", "county_name", help="County for rows without one.")
@click.option("--encoding", type=click.Choice(["utf-8", "utf-16", "cp1252", "latin-1"]),
              help="Read the file in this encoding instead of finding out.")
@click.option("--dry-run", is_flag=True, help="Show what would change without importing.")
def import_bnl_command(path, region_name, county_name, encoding, dry_run):
    """Import the By-Name List from PATH: a CSV file (any HMIS report or the case-conferencing
    deck's layout), or a HUD HMIS CSV export as a folder or zip; idempotent on HMIS ID."""
    from hh.conferences.bnl_cli import run_import
    from hh.importing import ImportFailure

    try:
        lines = run_import(Path(path), region_name, county_name, encoding, dry_run)
    except ImportFailure as failure:
        fail(f"{failure} Nothing was imported.")
    for line in lines:
        click.echo(line)


@cli.command("expire-referrals")
def expire_referrals_command():
    """Expire referrals nobody answered within REFERRAL_EXPIRY_DAYS and bring measures fed from
    referral outcomes up to date (the pages do this too; run it daily from cron to be sure)."""
    from hh.referrals.outcomes import refresh_fed_measures
    from hh.referrals.services import expire_unanswered, expiry_days

    expired = expire_unanswered()
    points = refresh_fed_measures()
    click.echo(f"Expired {expired} referral{'s' if expired != 1 else ''} with no answer within "
               f"{expiry_days()} days; {points} fed measure value{'s' if points != 1 else ''} updated.")


@cli.command("sweep-uploads")
def sweep_uploads_command():
    """Remove uploads previewed but not confirmed within the hour (the app also does this on
    start and every few minutes while it serves requests)."""
    from hh.importing import sweep_pending

    removed = sweep_pending()
    click.echo(f"Removed {removed} expired upload{'s' if removed != 1 else ''}.")


@cli.command("deliver-mail")
@click.option("--loop", is_flag=True, help="Keep delivering every minute until stopped.")
def deliver_mail_command(loop: bool):
    """Mail the notifications that are due (after the daily scan for due dates); see README."""
    from hh.notifications.commands import deliver_mail

    deliver_mail(loop, echo=click.echo)
