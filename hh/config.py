"""Settings from the environment, with safe defaults.

Every setting is documented in README.md § Settings.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise RuntimeError(f"{name} must be a whole number, got {value!r}") from None


def _list(name: str) -> list[str] | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message says which and how to fix it."""


def _timezone() -> str:
    name = os.environ.get("HH_TIMEZONE", "").strip() or "America/Chicago"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"HH_TIMEZONE must be a time zone name like America/Denver, not {name!r}") from None
    return name


def load(instance_path: str) -> dict:
    """Read the environment into a Flask config mapping."""
    env = _environment()
    return {
        "HH_ENV": env,
        "SECRET_KEY": _secret_key(instance_path, production=env == "production"),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_path),
        # hide_parameters: a database error never carries the values (client data) into a log.
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        **_web_settings(),
        **_feature_settings(),
        **_mail_settings(),
        **_cache(instance_path),
    }


def _environment() -> str:
    env = os.environ.get("HH_ENV", "development").strip().lower()
    if env not in {"development", "production", "testing"}:
        raise ConfigError(f"HH_ENV must be development, production or testing, not {env!r}")
    return env


def _database_url(instance_path: str) -> str:
    """DATABASE_URL as SQLAlchemy wants it; SQLite in the instance folder when unset."""
    database_url = os.environ.get("DATABASE_URL", "").strip()
    if not database_url:
        return "sqlite:///" + str(Path(instance_path) / "crosswalk.db")
    if database_url.startswith("postgres://"):
        # Heroku-style URLs; SQLAlchemy only knows postgresql://
        database_url = "postgresql://" + database_url[len("postgres://"):]
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]
    return database_url


def _secret_key(instance_path: str, production: bool) -> str:
    secret_key = os.environ.get("SECRET_KEY", "").strip()
    if secret_key:
        return secret_key
    if production:
        raise ConfigError(
            "SECRET_KEY is required when HH_ENV=production. Generate one with:\n"
            "  python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    return _development_secret(instance_path)


def _web_settings() -> dict:
    """Sessions, cookies, proxies, request sizes and sign-in throttling."""
    return {
        # Sessions: idle and absolute limits, in minutes.
        "IDLE_TIMEOUT_MINUTES": _int("IDLE_TIMEOUT_MINUTES", 30),
        "SESSION_MAX_HOURS": _int("SESSION_MAX_HOURS", 12),
        "IDLE_WARNING_MINUTES": _int("IDLE_WARNING_MINUTES", 2),
        "SESSION_COOKIE_NAME": "crosswalk_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Secure is decided per request (see hh.web.SessionInterface): on when served over HTTPS.
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", False),
        "PROXY_FIX_HOPS": _int("PROXY_FIX_HOPS", 0),
        "TRUSTED_HOSTS": _list("TRUSTED_HOSTS"),
        "MAX_CONTENT_LENGTH": _int("MAX_UPLOAD_MB", 10) * 1024 * 1024,
        "MAX_FORM_MEMORY_SIZE": 1024 * 1024,
        # Rate limits: memory for one process; Redis (REDIS_URL) for several workers or servers.
        "RATELIMIT_STORAGE_URI": (os.environ.get("RATELIMIT_STORAGE_URI", "").strip()
                                  or _redis_url() or "memory://"),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": False,
        "LOGIN_LIMIT": os.environ.get("LOGIN_LIMIT", "5 per minute"),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session does
    }


def _feature_settings() -> dict:
    """What the CoC decides: demo mode, invitations, freshness, expiry, its time zone."""
    return {
        "DEMO_MODE": _bool("HH_DEMO_MODE", False),
        "INVITE_DAYS": _int("INVITE_DAYS", 7),
        # Rows a list page shows (a page a phone shows whole; hh.forms.PAGE_SIZES for the lists
        # that offer more).
        "PAGE_SIZE": 25,
        # Directory freshness: records not verified for this long join the verification queue;
        # availability older than this many days is shown as unknown.
        "VERIFY_AFTER_DAYS": _int("VERIFY_AFTER_DAYS", 180),
        "AVAILABILITY_STALE_DAYS": _int("AVAILABILITY_STALE_DAYS", 7),
        # Referrals nobody answers within this many days expire (and the sender is told).
        "REFERRAL_EXPIRY_DAYS": _int("REFERRAL_EXPIRY_DAYS", 14),
        # Counts from 1 to this minus one show as "fewer than N" to viewers and providers.
        "SMALL_COUNT_THRESHOLD": _int("SMALL_COUNT_THRESHOLD", 5),
        # Glossary readable without signing in (a CoC may publish it to its partners' public).
        "GLOSSARY_PUBLIC": _bool("GLOSSARY_PUBLIC", False),
        # Where the CoC is: "today" for due dates and overdue items is this zone's date.
        "TIMEZONE": _timezone(),
    }


def _redis_url() -> str:
    """REDIS_URL: one Redis for the login throttle and the cache of every instance."""
    return os.environ.get("REDIS_URL", "").strip()


def _mail_settings() -> dict:
    """The CoC's own SMTP server (Flask-Mailman's names); without MAIL_SERVER mail is off and
    notifications stay in the app. HH_BASE_URL makes the links in mail absolute."""
    return {
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", "").strip(),
        "MAIL_PORT": _int("MAIL_PORT", 25),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_USE_SSL": _bool("MAIL_USE_SSL", False),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", "").strip() or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "").strip()
        or "crosswalk@localhost",
        "MAIL_TIMEOUT": _int("MAIL_TIMEOUT", 30),
        "MAIL_BACKEND": "smtp",  # also in tests: they read what a real SMTP server received
        "HH_BASE_URL": os.environ.get("HH_BASE_URL", "").strip().rstrip("/")
        or "http://127.0.0.1:5000",
    }


def _cache(instance_path: str) -> dict:
    """The one cache's store (hh/caching.py): shared by every worker of this machine in a folder of
    the instance, or by every server in Redis (REDIS_URL, or CACHE_REDIS_URL for the cache alone)."""
    redis_url = os.environ.get("CACHE_REDIS_URL", "").strip() or _redis_url()
    if redis_url:
        return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url,
                "CACHE_KEY_PREFIX": "crosswalk:"}
    return {"CACHE_TYPE": "FileSystemCache", "CACHE_THRESHOLD": 2000,
            "CACHE_DIR": str(Path(instance_path) / "cache")}  # files 0600 (cachelib's default)


def _development_secret(instance_path: str) -> str:
    """A stable secret for development, kept in instance/ so sessions survive a restart."""
    path = Path(instance_path) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key
