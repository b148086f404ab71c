"""Crosswalk: a shared intranet for a Continuum of Care and its health-care partners."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import (
    Flask,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    request,
    session,
    url_for,
)
from flask_login import current_user, logout_user
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from werkzeug.exceptions import NotFound
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from hh import assets
from hh import config as settings
from hh.extensions import (
    COMPRESS_SETTINGS,
    cache,
    compress,
    csrf,
    db,
    htmx,
    limiter,
    login_manager,
    migrate,
)
from hh.importing import sweep_now_and_then, sweep_pending
from hh.planner import keep_prepared_statements, refresh_now_and_then

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the app. `config` overrides settings read from the environment (tests use it)."""
    instance = os.environ.get("HH_INSTANCE_PATH") or str(ROOT / "instance")
    app = Flask(
        __name__,
        instance_path=instance,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    # Owner only: it holds the secret key, the database, pending uploads and the cache.
    Path(app.instance_path).mkdir(mode=0o700, parents=True, exist_ok=True)
    app.config.from_mapping(settings.load(app.instance_path))
    if config:
        app.config.from_mapping(config)
    if app.config["HH_ENV"] == "production" and app.debug:
        raise settings.ConfigError("Debug mode must never be on in production (HH_ENV=production).")
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600
    # Before any route is added: `<int:...>` then refuses ids no database column can hold.
    app.url_map.converters["int"] = IdConverter

    if app.config["PROXY_FIX_HOPS"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_HOPS"],
                                x_proto=app.config["PROXY_FIX_HOPS"],
                                x_host=app.config["PROXY_FIX_HOPS"])

    from hh.web import SessionInterface, url_with_id

    app.session_interface = SessionInterface()
    app.add_template_global(url_with_id)  # a row's links, built once for a page's many rows
    create_private_database(app)
    _init_extensions(app)
    assets.init_app(app)  # versioned static URLs, gzip copies, a year's caching
    from hh.forms import use_quick_html_params

    use_quick_html_params()  # the same attributes, written in half the time (hh/forms.py)
    _register_blueprints(app)
    _register_hooks(app)
    from hh import errors

    errors.register(app)
    app.register_error_handler(OverflowError, _id_too_large)
    from hh.cli import cli
    from hh.glossary import explain

    explain.init_app(app)
    app.cli.add_command(cli)
    _quiet_logs(app)
    with app.app_context():
        sweep_pending()  # uploads left from before a restart
    return app


# --- Ids too large to name anything ---------------------------------------------------------------

LARGEST_ID = 2**63 - 1  # SQLite's INTEGER and PostgreSQL's bigint hold no more


class IdConverter(IntegerConverter):
    """`<int:...>` in routes: a number larger than any id matches no route (404) instead of failing
    when the database is asked for it."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002  (werkzeug's name)
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)


def _id_too_large(error: OverflowError):
    """An id from a query string or form that SQLite cannot even bind names nothing: 404."""
    db.session.rollback()
    return current_app.handle_http_exception(NotFound())


# --- Files only the app's own user may read ------------------------------------------------------


def sqlite_files(app: Flask) -> list[Path]:
    """The SQLite database file and its -wal and -shm companions ([] for PostgreSQL or memory)."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:") \
            or url.database.startswith("file:"):
        return []
    path = Path(app.instance_path) / url.database  # relative paths are in the instance folder
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def create_private_database(app: Flask) -> None:
    """Create a missing SQLite database file empty and owner-only before SQLite opens it: SQLite
    gives the -wal and -shm files it makes the database file's permissions."""
    files = sqlite_files(app)
    if files and not files[0].exists() and files[0].parent.is_dir():
        os.close(os.open(files[0], os.O_CREAT | os.O_WRONLY, 0o600))


def make_database_private(app: Flask) -> None:
    """`hh init`: an install from before databases were created owner-only becomes so."""
    Path(app.instance_path).chmod(0o700)
    for path in sqlite_files(app):
        if path.exists():
            path.chmod(0o600)


def _init_extensions(app: Flask) -> None:
    import hh.models  # noqa: F401  (every table registered before migrations look)
    from hh.resources.words import include_name

    db.init_app(app)
    # The word indexes are SQLite's own tables, made and kept by migrations 0010 and 0011, not models.
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), include_name=include_name)
    csrf.init_app(app)
    htmx.init_app(app)
    cache.init_app(app)
    import hh.caching  # noqa: F401  (commits bump the versions of the tables they wrote)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to continue."
    login_manager.login_message_category = "info"

    from hh.auth.services import load_session_user

    login_manager.user_loader(load_session_user)
    login_manager.unauthorized_handler(_unauthorized)
    # Registered before hh's own after_request hooks, so it runs after them, on the final body.
    for key, value in COMPRESS_SETTINGS.items():
        app.config.setdefault(key, value)
    compress.init_app(app)


def _unauthorized():
    """Anonymous: to the sign-in page; for htmx, HX-Redirect instead of a swapped login form."""
    from hh.web import safe_next

    target = url_for("auth.login")
    if request.method == "GET" and not htmx:
        target = url_for("auth.login", next=safe_next(request.full_path.rstrip("?"), ""))
    if htmx:
        response = make_response("", 401)
        response.headers["HX-Redirect"] = target
        return response
    # Say why, unless a message (e.g. "signed out after inactivity") already does.
    if request.endpoint != "main.home" and not session.get("_flashes"):
        flash(login_manager.login_message, "info")
    return redirect(target)


def _register_blueprints(app: Flask) -> None:
    from hh.features import FEATURES, feature
    from hh.main.areas import load_areas

    for name in FEATURES:
        app.register_blueprint(feature(name).bp)
    load_areas()


def _register_hooks(app: Flask) -> None:
    from hh.web import enforce_access

    app.before_request(sweep_now_and_then)  # first: a refused request still counts
    app.before_request(_session_limits)
    app.before_request(enforce_access)
    app.before_request(_refuse_nul_characters)
    app.after_request(_security_headers)
    app.after_request(refresh_now_and_then)
    keep_prepared_statements(app)
    app.context_processor(_layout_context)


def _session_limits():
    """End a session past its idle or absolute limit before anything else happens."""
    from hh.auth.services import session_expiry_reason, touch_session

    if request.endpoint in ("static", "main.healthz") or not current_user.is_authenticated:
        return None
    reason = session_expiry_reason()
    if reason is None:
        touch_session()
        return None
    logout_user()
    session.clear()
    flash("You were signed out after a period without activity." if reason == "idle" else
          "Your session reached its time limit; please sign in again.", "info")
    return None


def _refuse_nul_characters():
    """No text anyone types contains NUL; PostgreSQL refuses it in text (a 500 otherwise)."""
    if any("\x00" in key or "\x00" in value for values in (request.args, request.form)
           for key, value in values.items(multi=True)):
        abort(400)
    return None


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def _security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    # same-origin keeps the Referer on our own requests, which CSRF checks over HTTPS need.
    headers["Referrer-Policy"] = "same-origin"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    headers.add("Vary", "HX-Request")
    if response.mimetype == "text/html" and "Cache-Control" not in headers:
        headers["Cache-Control"] = "private, no-cache"
    return response


def _layout_context() -> dict:
    from hh.auth.services import idle_deadline
    from hh.main.areas import area_url, areas_for
    from hh.web import may

    signed_in = current_user.is_authenticated
    config = current_app.config
    return {
        "may": may,
        "area_url": area_url,
        "nav_areas": areas_for(current_user.role) if signed_in else [],
        "idle_deadline": idle_deadline() if signed_in else None,
        "idle_seconds": config["IDLE_TIMEOUT_MINUTES"] * 60,
        "warn_seconds": config["IDLE_WARNING_MINUTES"] * 60,
        "demo_mode": config["DEMO_MODE"],
    }


def _quiet_logs(app: Flask) -> None:
    if app.config["HH_ENV"] == "production":
        app.logger.setLevel(logging.INFO)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):  # noqa: ARG001
    """Every SQLite connection: foreign keys on, WAL journal, wait for locks instead of failing,
    and a page cache that holds the services and their word index (SQLite's default is 2 MiB;
    a search then reads the same pages from the operating system on every request)."""
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA cache_size=-32768")  # KiB: 32 MiB at most, per connection
        cursor.close()
