"""Accounts: sign-in checks, session limits, passwords, invitations, user administration."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, session
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from hh.auth.models import ROLES, User
from hh.auth.passwords import hash_password, password_problem, verify_password
from hh.directory.models import Organization, Region
from hh.errors import InputError
from hh.extensions import db
from hh.notifications import events as notification_events
from hh.timeutil import utcnow
from hh.web import audit, epoch


class AccountError(InputError):
    """A request about an account that cannot be done; `field` names the form field at fault."""


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


# Pages show the user's organization and region (navigation, home, queues): one statement,
# built once (it runs on every request; building its options each time cost a third of it).
_SESSION_USER = (select(User).options(joinedload(User.organization), joinedload(User.region))
                 .where(User.id == bindparam("ident")))


def load_session_user(user_id: str) -> User | None:
    """Flask-Login's loader: the cookie holds 'id:session_token'; a rotated token ends it."""
    ident, _, token = (user_id or "").partition(":")
    if not ident.isdigit() or not token:
        return None
    user = db.session.execute(_SESSION_USER, {"ident": int(ident)}).unique().scalar_one_or_none()
    if user is None or not user.active or not secrets.compare_digest(user.session_token, token):
        return None
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user when email and password match an active account; audits both outcomes."""
    user = user_by_email(email)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        audit("sign_in_failed", "user", user.id if user else "", user=None,
              actor=normalize_email(email)[:254])
        db.session.commit()
        return None
    user.last_login_at = utcnow()
    audit("sign_in", "user", user.id, user=user)
    db.session.commit()
    return user


# --- Session limits ---------------------------------------------------------------------------


def start_session() -> None:
    now = epoch()
    session["started"] = now
    session["seen"] = now


def session_expiry_reason() -> str | None:
    """'idle' or 'absolute' when the signed-in session is past a limit, else None."""
    now = epoch()
    config = current_app.config
    started = session.get("started")
    seen = session.get("seen")
    if not isinstance(started, (int, float)) or not isinstance(seen, (int, float)):
        return "absolute"
    if now - started > config["SESSION_MAX_HOURS"] * 3600:
        return "absolute"
    if now - seen > config["IDLE_TIMEOUT_MINUTES"] * 60:
        return "idle"
    return None


# Activity is noted at most this often: noting it rewrites and signs the session cookie, which
# cost a small page an eighth of its time when done on every request. The idle limit is minutes.
TOUCH_EVERY_SECONDS = 60


def touch_session(force: bool = False) -> None:
    now = epoch()
    seen = session.get("seen")
    if force or not isinstance(seen, (int, float)) or now - seen >= TOUCH_EVERY_SECONDS:
        session["seen"] = now


def idle_deadline() -> float:
    return float(session.get("seen", epoch())) + current_app.config["IDLE_TIMEOUT_MINUTES"] * 60


def sign_out(user: User) -> None:
    """Every session cookie this user holds stops working, not only this browser's."""
    user.end_all_sessions()
    audit("sign_out", "user", user.id, user=user)
    db.session.commit()


# --- Passwords --------------------------------------------------------------------------------


def set_password(user: User, password: str) -> None:
    problem = password_problem(password, email=user.email, name=user.name)
    if problem:
        raise AccountError(problem, "new_password")
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.end_all_sessions()


def change_password(user: User, current: str, new: str) -> User:
    if not verify_password(user.password_hash, current):
        raise AccountError("Your current password is not right.", "current_password")
    set_password(user, new)
    notification_events.password_changed(user)
    audit("password_changed", "user", user.id, user=user)
    db.session.commit()
    return user


# --- Invitations ------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_invite(user: User) -> str:
    """A one-time link token for the person to set their password. Only its hash is stored."""
    token = secrets.token_urlsafe(32)
    user.invite_token_hash = _token_hash(token)
    user.invite_expires_at = utcnow() + timedelta(days=current_app.config["INVITE_DAYS"])
    return token


def user_by_invite(token: str) -> User | None:
    if not token or len(token) > 100:
        return None
    user = db.session.scalar(select(User).where(User.invite_token_hash == _token_hash(token)))
    if user is None or not user.active or user.invite_expires_at is None:
        return None
    if user.invite_expires_at < utcnow():
        return None
    return user


def accept_invite(user: User, password: str) -> User:
    set_password(user, password)
    user.invite_token_hash = None
    user.invite_expires_at = None
    audit("invite_accepted", "user", user.id, user=user)
    db.session.commit()
    return user


# --- Administration ---------------------------------------------------------------------------


@dataclass
class UserDetails:
    email: str
    name: str = ""
    role: str = "viewer"
    organization_id: int | None = None
    region_id: int | None = None


def _check_details(details: UserDetails, existing: User | None = None) -> None:
    email = normalize_email(details.email)
    if "@" not in email or email.startswith("@") or email.endswith("@") or len(email) > 254:
        raise AccountError("Enter an email address like name@example.org.", "email")
    other = user_by_email(email)
    if other is not None and other is not existing:
        raise AccountError("Someone already has an account with this email.", "email")
    if details.role not in ROLES:
        raise AccountError(f"Choose one of: {', '.join(ROLES)}.", "role")
    if details.organization_id is not None and db.session.get(Organization, details.organization_id) is None:
        raise AccountError("Choose an organization from the list.", "organization_id")
    if details.region_id is not None and db.session.get(Region, details.region_id) is None:
        raise AccountError("Choose a region from the list.", "region_id")


def create_user(details: UserDetails, password: str | None = None, actor: User | None = None) -> User:
    """Create an account; with no password the person sets one through an invitation."""
    _check_details(details)
    user = User(
        email=normalize_email(details.email),
        name=details.name.strip(),
        role=details.role,
        organization_id=details.organization_id,
        region_id=details.region_id,
    )
    if password is not None:
        set_password(user, password)
    db.session.add(user)
    db.session.flush()
    audit("user_created", "user", user.id, detail=f"role={user.role}", user=actor)
    return user


def update_user(user: User, details: UserDetails, actor: User | None = None) -> list[str]:
    """Apply an admin's edit; returns what changed (for the status message)."""
    _check_details(details, existing=user)
    changes: list[str] = []
    if user.role != details.role:
        _keep_an_admin(user, new_role=details.role)
        audit("role_changed", "user", user.id, detail=f"{user.role} -> {details.role}", user=actor)
        changes.append(f"role {user.role} → {details.role}")
        user.role = details.role
        user.end_all_sessions()  # the new role takes effect at the next sign-in
    for field in ("email", "name", "organization_id", "region_id"):
        new = getattr(details, field)
        if field == "email":
            new = normalize_email(new)
        elif field == "name":
            new = new.strip()
        if getattr(user, field) != new:
            changes.append(field.replace("_id", ""))
            setattr(user, field, new)
    other = [c for c in changes if not c.startswith("role")]
    if other:
        audit("user_updated", "user", user.id, detail="changed " + ", ".join(other), user=actor)
    db.session.commit()
    return changes


def _keep_an_admin(user: User, new_role: str | None = None, deactivating: bool = False) -> None:
    if user.role != "admin" or (new_role == "admin" and not deactivating):
        return
    admins = db.session.scalar(
        select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))
    )
    if admins <= 1:
        raise AccountError("This is the last active admin; make someone else admin first.", "role")


def set_active(user: User, active: bool, actor: User | None = None) -> None:
    if user.active == active:
        return
    if not active:
        _keep_an_admin(user, deactivating=True)
        user.end_all_sessions()
    user.active = active
    audit("user_activated" if active else "user_deactivated", "user", user.id, user=actor)
    db.session.commit()


def role_choices() -> list[tuple[str, str]]:
    return list(ROLES.items())
