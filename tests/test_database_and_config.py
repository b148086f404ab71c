"""Database settings, migrations agreeing with models, and configuration safety."""
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from hh import create_app
from hh.auth.models import User
from hh.config import ConfigError
from hh.extensions import db
from hh.resources import words


def test_sqlite_connections_enforce_keys_use_wal_wait_and_cache(app):
    if db.engine.url.get_backend_name() != "sqlite":
        pytest.skip("SQLite pragmas only apply to SQLite")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert connection.execute(text("PRAGMA cache_size")).scalar() == -32768


def test_foreign_keys_are_enforced(app):
    db.session.add(User(email="orphan@example.org", role="viewer", organization_id=999))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_models_and_migrations_agree(app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_name": words.include_name})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"run `flask --app wsgi db migrate`: {differences}"


def test_flask_db_check_command_agrees(app):
    result = app.test_cli_runner().invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output


def test_production_requires_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("HH_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("HH_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(ConfigError, match="SECRET_KEY is required"):
        create_app()


def test_production_refuses_debug(monkeypatch, tmp_path):
    monkeypatch.setenv("HH_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("HH_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(ConfigError, match="Debug mode must never be on"):
        create_app()


def test_development_generates_and_keeps_a_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("HH_ENV", "development")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("HH_INSTANCE_PATH", str(tmp_path))
    first = create_app().config["SECRET_KEY"]
    assert len(first) >= 32 and (tmp_path / "secret_key").read_text() == first
    assert create_app().config["SECRET_KEY"] == first
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_settings_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("HH_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal/crosswalk")
    monkeypatch.setenv("IDLE_TIMEOUT_MINUTES", "15")
    monkeypatch.setenv("TRUSTED_HOSTS", "a.example, b.example")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.internal/crosswalk"
    assert app.config["IDLE_TIMEOUT_MINUTES"] == 15
    assert app.config["TRUSTED_HOSTS"] == ["a.example", "b.example"]
    monkeypatch.setenv("IDLE_TIMEOUT_MINUTES", "soon")
    with pytest.raises(RuntimeError, match="IDLE_TIMEOUT_MINUTES must be a whole number"):
        create_app()


def test_default_database_is_sqlite_in_instance(monkeypatch, tmp_path):
    monkeypatch.setenv("HH_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/crosswalk.db"
