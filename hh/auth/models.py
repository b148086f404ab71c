"""People who sign in, with their role, organization and region."""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import Optional

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hh.directory.models import Organization, Region
from hh.extensions import db
from hh.timeutil import utcnow

ROLES: dict[str, str] = {
    "viewer": "Viewer (partner learning the system)",
    "provider": "Provider (agency staff)",
    "coordinator": "Coordinator",
    "admin": "Administrator",
}
# Each role as a plain word in a sentence ("signed in as an administrator").
ROLE_NAMES: dict[str, str] = {
    "viewer": "viewer",
    "provider": "provider",
    "coordinator": "coordinator",
    "admin": "administrator",
}


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default="viewer")
    organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id"), index=True
    )
    region_id: Mapped[Optional[int]] = mapped_column(ForeignKey("region.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    # None until the person sets a password through their invitation.
    password_hash: Mapped[Optional[str]] = mapped_column(String(255))
    # Part of the session cookie: rotating it ends every session of this user at once.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    invite_token_hash: Mapped[Optional[str]] = mapped_column(String(128))
    invite_expires_at: Mapped[Optional[datetime]]
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[Optional[datetime]]
    password_changed_at: Mapped[Optional[datetime]]

    organization: Mapped[Optional[Organization]] = relationship()
    region: Mapped[Optional[Region]] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def end_all_sessions(self) -> None:
        self.session_token = new_session_token()

    @property
    def display_name(self) -> str:
        return self.name or self.email

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)

    @property
    def role_name(self) -> str:
        """The role as a word in a sentence: "administrator", never the stored key."""
        return ROLE_NAMES.get(self.role, self.role)

    @property
    def role_article(self) -> str:
        """ "an" administrator, "a" provider: the article follows the word's first sound."""
        return "an" if self.role_name[:1].lower() in "aeiou" else "a"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
