"""Shared fixtures: an app on a fresh database per test, clients signed in per role, factories.

Point the suite at PostgreSQL with one variable:
    TEST_DATABASE_URL=postgresql://user:pass@localhost/crosswalk_test python3 dev.py test
(each pytest-xdist worker gets a database of its own, migrated once; every test starts from
its tables emptied).
"""
from __future__ import annotations

import contextvars
import itertools
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import lazy_loads
import pytest
from alembic.script import ScriptDirectory
from flask import has_app_context
from flask.testing import FlaskClient
from jinja2.bccache import Bucket, BytecodeCache
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.pool import NullPool
from support import PASSWORD, TEST_DATABASE_URL, csrf_token_from, login  # noqa: F401  (re-exported for fixtures)
from werkzeug.routing.rules import Rule
from werkzeug.security import generate_password_hash

from hh import create_app
from hh.auth.models import User
from hh.directory.models import County, Organization, Region
from hh.extensions import db

lazy_loads.install()


def _reuse_url_builders() -> None:
    """Each test builds an app, and most of that time goes into werkzeug generating and
    compiling two URL-building functions per route: the same source for the same route every
    time. Keep them per route (the function reads its converters from the rule it is bound to,
    so one function serves every app's copy of the rule)."""
    compile_builder = getattr(Rule, "_compile_builder", None)
    if compile_builder is None:  # a werkzeug without it: build as usual
        return
    built: dict[tuple, object] = {}

    def reused(self, append_unknown=True):
        key = (self.rule, tuple(self._trace), append_unknown,
               tuple((name, repr(value), type(self._converters.get(name)))
                     for name, value in (self.defaults or {}).items()))
        if key not in built:
            built[key] = compile_builder(self, append_unknown)
        return built[key]

    Rule._compile_builder = reused


_reuse_url_builders()


class CompiledTemplates(BytecodeCache):
    """Each test's app has a Jinja environment of its own, which would parse and compile every
    template it renders again (most of a small test's time): the compiled code is kept per
    worker instead, keyed by template and checked against the source's checksum, as Jinja's
    file cache does in production."""

    def __init__(self) -> None:
        self._compiled: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self._compiled.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = (bucket.checksum, bucket.code)


COMPILED_TEMPLATES = CompiledTemplates()

# Password hashing is slow on purpose (scrypt with N=2**15: a tenth of a second of CPU and 32 MiB
# each), and the tests sign in and hash hundreds of times: they use the same scheme at N=2**10.
# tests/auth/test_passwords.py keeps the real cost (see cheap_password_hashing).
TEST_HASH_METHOD = "scrypt:1024:8:1"
_PASSWORD_HASH = generate_password_hash(PASSWORD, method=TEST_HASH_METHOD)
_DUMMY_HASH = generate_password_hash("not-a-real-password-just-for-timing", method=TEST_HASH_METHOD)
ALL_ROLES = ("viewer", "provider", "coordinator", "admin")


@pytest.fixture(autouse=True)
def cheap_password_hashing(request, monkeypatch):
    """Passwords the app hashes during a test (set, changed, demo accounts) cost what the
    factories' do; the password tests themselves hash as in production."""
    if request.path.name == "test_passwords.py":
        return
    _hash_cheaply(monkeypatch)


def _hash_cheaply(monkeypatch) -> None:
    import hh.auth.passwords

    monkeypatch.setattr(hh.auth.passwords, "generate_password_hash",
                        lambda password: generate_password_hash(password, method=TEST_HASH_METHOD))
    monkeypatch.setattr(hh.auth.passwords, "_DUMMY_HASH", _DUMMY_HASH)


@pytest.fixture(autouse=True)
def no_lazy_loads_while_rendering():
    """A page that loaded a relationship row by row while rendering fails its test."""
    yield
    lazy_loads.check()


def base_config(database_url: str) -> dict:
    return {
        "HH_ENV": "testing",
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "DEMO_MODE": False,
        "SERVER_NAME": None,
        "CACHE_TYPE": "SimpleCache",  # each test's app has a cache of its own
    }


class Client(FlaskClient):
    """Each request runs in its own app context, as in production, even while a test holds one
    open for its factories (otherwise `g` and the database session would leak between requests)."""

    def open(self, *args, **kwargs):
        if has_app_context():
            db.session.commit()
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():
            db.session.expire_all()
        return response


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("instance")
    old = os.environ.get("HH_INSTANCE_PATH")
    os.environ["HH_INSTANCE_PATH"] = str(path)
    yield path
    if old is None:
        os.environ.pop("HH_INSTANCE_PATH", None)
    else:
        os.environ["HH_INSTANCE_PATH"] = old


def _normalise(url: str) -> str:
    return re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", url)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory, instance_dir):
    """SQLite: migrate once into a template file; each test gets a copy (fast and isolated)."""
    if TEST_DATABASE_URL:
        return None
    path = tmp_path_factory.mktemp("template") / "template.db"
    app = create_app(base_config(f"sqlite:///{path}"))
    with app.app_context():
        from hh.cli import upgrade_database

        upgrade_database()
        db.engine.dispose()
    return path


@pytest.fixture(scope="session")
def filled_templates(tmp_path_factory, migrated_template):
    """SQLite: records many tests start from (the demo CoC, the access matrix's objects), made
    once into a copy of the migrated template by a `fill(factory)` function; each such test gets
    a copy, as every test gets a copy of the migrated template. Made again when the local date
    moves on (the demo's dates count from its today). Returns fill -> (path, what fill returned)."""
    if TEST_DATABASE_URL:
        return None
    built: dict = {}

    def template(fill: Callable[[Factory], object]) -> tuple[Path, object]:
        from hh.timeutil import local_today

        key = (fill.__module__, fill.__qualname__, local_today())
        if key not in built:
            path = tmp_path_factory.mktemp("filled") / "filled.db"
            shutil.copy(migrated_template, path)
            app = create_app(base_config(f"sqlite:///{path}"))
            with pytest.MonkeyPatch.context() as patch, app.app_context():
                _hash_cheaply(patch)  # as a test's own filling would (cheap_password_hashing)
                filled = fill(Factory())
                db.session.commit()
                db.session.remove()
                db.engine.dispose()
            built[key] = (path, filled)
        return built[key]

    return template


@pytest.fixture(scope="session")
def postgres_url():
    """PostgreSQL: one database per xdist worker (made afresh), or None on SQLite."""
    if not TEST_DATABASE_URL:
        return None
    url = make_url(_normalise(TEST_DATABASE_URL))
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url.render_as_string(hide_password=False)
    url = url.set(database=f"{url.database}_{worker}")
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{url.database}"'))
    server.dispose()
    return url.render_as_string(hide_password=False)


_HEAD = ScriptDirectory(str(Path(__file__).resolve().parents[1] / "migrations")).get_current_head()
_engines: dict[str, Engine] = {}
_migrated_tables: dict[str, set[str]] = {}  # per database, the tables a full migration made


def _reset_postgres(url: str) -> bool:
    """Empty every table (fast) when the schema is as the migrations leave it and say so; else
    (a test stopped halfway through migrating, or dropped a table) drop the schema for the
    caller to migrate afresh."""
    engine = _engines.setdefault(url, create_engine(url, poolclass=NullPool))
    with engine.begin() as connection:
        tables = connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars().all()
        version = (connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                   if "alembic_version" in tables else None)
        if version == _HEAD and set(tables) == _migrated_tables.get(url):
            # DELETE, not TRUNCATE: a test leaves a few rows, and TRUNCATE rewrites every table.
            connection.execute(text("SET LOCAL session_replication_role = replica"))  # no FK checks
            connection.execute(text("; ".join(
                f'DELETE FROM "{t}"' for t in tables if t != "alembic_version")))
            connection.execute(text("SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S'"))
            return True
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
        return False


def _no_fsync(dbapi_connection, connection_record) -> None:
    """A test's SQLite database is thrown away: it need not wait for the disk (a checkpoint,
    when the app lets its database go at the end of every test, would)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()


@pytest.fixture
def make_app(tmp_path, instance_dir, migrated_template, filled_templates, postgres_url):
    """Build an app on a fresh database; pass config overrides. `filled_by=fill` starts the
    database with what `fill(factory)` makes (on SQLite a copy of it, made once: see
    `filled_templates`), and `app.filled` holds what fill returned."""
    apps = []

    def factory(*, filled_by: Callable[[Factory], object] | None = None, **overrides):
        migrated, filled = True, None
        if postgres_url:
            url = postgres_url
            migrated = _reset_postgres(url)
        else:
            target = tmp_path / f"test-{len(apps)}.db"
            if filled_by:
                template, filled = filled_templates(filled_by)
            else:
                template = migrated_template
            shutil.copy(template, target)
            url = f"sqlite:///{target}"
        config = base_config(url)
        config.update(overrides)
        app = create_app(config)
        app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
        app.test_client_class = Client
        own_database = config["SQLALCHEMY_DATABASE_URI"] == url
        if not postgres_url and own_database:
            with app.app_context():
                event.listen(db.engine, "connect", _no_fsync)
        if not migrated and own_database:
            with app.app_context():
                from hh.cli import upgrade_database

                upgrade_database()
                _migrated_tables[url] = set(db.inspect(db.engine).get_table_names())
        if postgres_url and filled_by:
            with app.app_context():
                filled = filled_by(Factory())
                db.session.commit()
                db.session.remove()
        app.filled = filled
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(request, make_app):
    """The app on a fresh database, in an app context; holding the demo CoC when the test (or a
    fixture it uses) asks for `demo`."""
    app = make_app(filled_by=load_demo if "demo" in request.fixturenames else None)
    with app.app_context():
        yield app


def load_demo(factory) -> dict[str, int]:
    """The demo CoC (hh/demo.py); what its loading counted."""
    from hh.demo import load_demo

    return load_demo()


@pytest.fixture
def demo(app):
    """The demo CoC (hh/demo.py) in the app's database, the test's own to read and change (the
    `app` fixture starts from it when a test asks for this fixture); `app.filled` holds what
    loading it counted."""
    return app


@pytest.fixture
def client(app):
    return app.test_client()


# --- Factories --------------------------------------------------------------------------------

_seq = itertools.count(1)


class Factory:
    """Model factories: each call makes a valid, committed record with sensible defaults."""

    def organization(self, name: str | None = None, sector: str = "homeless_response") -> Organization:
        org = Organization(name=name or f"Organization {next(_seq)}", sector=sector)
        db.session.add(org)
        db.session.commit()
        return org

    def region(self, name: str | None = None, counties: tuple[str, ...] = (), anchor=None) -> Region:
        region = Region(name=name or f"Region {next(_seq)}", anchor_organization=anchor)
        db.session.add(region)
        for county in counties:
            db.session.add(County(name=county, state="NF", region=region))
        db.session.commit()
        return region

    def user(self, role: str = "viewer", email: str | None = None, *, password: str | None = PASSWORD,
             organization=None, region=None, active: bool = True, name: str = "") -> User:
        n = next(_seq)
        user = User(
            email=email or f"{role}{n}@example.org",
            name=name or f"{role.title()} Person {n}",
            role=role,
            organization=organization,
            region=region,
            active=active,
            password_hash=_PASSWORD_HASH if password == PASSWORD else (
                generate_password_hash(password, method=TEST_HASH_METHOD) if password else None),
        )
        db.session.add(user)
        db.session.commit()
        return user


@pytest.fixture
def factory():
    """Writes to the database of whichever app's context is active (app, csrf_app, ...)."""
    return Factory()


# --- Signing in ---------------------------------------------------------------------------------


@pytest.fixture
def login_as(app, factory):
    """login_as("coordinator") → a test client signed in as a new user of that role."""

    def sign_in(role: str, **user_kwargs):
        user = factory.user(role, **user_kwargs)
        client = app.test_client()
        response = login(client, user.email)
        assert response.status_code == 303, response.get_data(as_text=True)
        client.user = user
        return client

    return sign_in


@pytest.fixture
def csrf_app(make_app):
    """An app with CSRF protection on, as in production."""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app


@pytest.fixture
def clock(monkeypatch):
    """Move the app's one clock: `clock(datetime(2026, 3, 11, 2, 0))` (naive UTC)."""
    import hh.timeutil

    def set_clock(moment):
        monkeypatch.setattr(hh.timeutil, "clock", lambda: moment)

    return set_clock

