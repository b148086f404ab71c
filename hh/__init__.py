"""Crosswalk: a shared intranet for a Continuum of Care and its health-care partners."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import (
    Flask,
    abort,
    flash,
    make_response,
    redirect,
    request,
    session,
    url_for,
)
from flask_login import current_user, logout_user
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from hh import config as settings
from hh.extensions import cache, csrf, db, htmx, limiter, login_manager, migrate

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
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(settings.load(app.instance_path))
    if config:
        app.config.from_mapping(config)
    if app.config["HH_ENV"] == "production" and app.debug:
        raise settings.ConfigError("Debug mode must never be on in production (HH_ENV=production).")
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600

    if app.config["PROXY_FIX_HOPS"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_FIX_HOPS"],
                                x_proto=app.config["PROXY_FIX_HOPS"],
                                x_host=app.config["PROXY_FIX_HOPS"])

    from hh.web import SessionInterface

    app.session_interface = SessionInterface()
    _init_extensions(app)
    _register_blueprints(app)
    _register_hooks(app)
    from hh import errors

    errors.register(app)
    from hh.cli import cli
    from hh.glossary import explain

    explain.init_app(app)
    app.cli.add_command(cli)
    _quiet_logs(app)
    return app


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
    from hh.auth.services import idle_deadline, session_expiry_reason, touch_session
    from hh.main.areas import area_url, areas_for
    from hh.web import enforce_access, may

    @app.before_request
    def session_limits():
        """End a session past its idle or absolute limit before anything else happens."""
        if request.endpoint in ("static", "main.healthz"):
            return None
        if current_user.is_authenticated:
            reason = session_expiry_reason()
            if reason:
                logout_user()
                session.clear()
                flash("You were signed out after a period without activity."
                      if reason == "idle" else
                      "Your session reached its time limit; please sign in again.", "info")
            else:
                touch_session()
        return None

    app.before_request(enforce_access)

    @app.before_request
    def refuse_nul_characters():
        """No text anyone types contains NUL; PostgreSQL refuses it in text (a 500 otherwise)."""
        if any("\x00" in key or "\x00" in value for values in (request.args, request.form)
               for key, value in values.items(multi=True)):
            abort(400)
        return None

    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            "form-action 'self'; frame-ancestors 'none'",
        )
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

    @app.context_processor
    def layout_context():
        signed_in = current_user.is_authenticated
        return {
            "may": may,
            "area_url": area_url,
            "nav_areas": areas_for(current_user.role) if signed_in else [],
            "idle_deadline": idle_deadline() if signed_in else None,
            "idle_seconds": app.config["IDLE_TIMEOUT_MINUTES"] * 60,
            "warn_seconds": app.config["IDLE_WARNING_MINUTES"] * 60,
            "demo_mode": app.config["DEMO_MODE"],
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
