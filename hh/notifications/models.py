"""The outbox: one notification per person and event (shown in the app, mailed by the deliverer),
and each person's choice per kind: immediately, in the daily digest, or off.

A notification never holds client data: what happened, to which organization, and a link to
the page behind sign-in."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hh.extensions import db
from hh.timeutil import utcnow

# Delivery states: waiting for the deliverer, mailed, given up after the last attempt, or not
# mailed at all (mail off, the person chose "off", or an in-app-only item).
STATES: dict[str, str] = {
    "pending": "Waiting",
    "sent": "Mailed",
    "failed": "Failed",
    "skipped": "Not mailed",
}

CHOICES: dict[str, str] = {
    "immediately": "Immediately",
    "digest": "Daily digest at 7:00",
    "off": "Off (in the app only)",
}


class Notification(db.Model):
    __tablename__ = "notification"
    __table_args__ = (
        # Time-based notices: one per person, kind, object and day (a second scan adds nothing).
        UniqueConstraint("recipient_id", "dedupe_key", name="uq_notification_recipient_key"),
        # What the deliverer looks for: waiting rows whose time has come.
        Index("ix_notification_due", "state", "next_attempt_at"),
        # The in-app list and the unread count in the navigation.
        Index("ix_notification_inbox", "recipient_id", "read_at"),
        # Nothing caches notices: writing them need not bump a cache version (hh/caching.py).
        {"info": {"uncached": True}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(2000), default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    dedupe_key: Mapped[Optional[str]] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[Optional[datetime]]
    # Delivery: pending → sent, or → failed after the last attempt; skipped when not mailed.
    state: Mapped[str] = mapped_column(String(10), default="pending")
    digest: Mapped[bool] = mapped_column(default=False)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[Optional[datetime]]
    last_error: Mapped[str] = mapped_column(String(500), default="")
    sent_at: Mapped[Optional[datetime]]
    # A deliverer claims rows with its own token before sending, so two never mail the same row.
    claimed_by: Mapped[Optional[str]] = mapped_column(String(40))
    claimed_at: Mapped[Optional[datetime]]

    recipient = relationship("User")

    @property
    def state_label(self) -> str:
        return STATES.get(self.state, self.state)


class NotificationPreference(db.Model):
    """One person's choice for one kind; no row means the kind's default (immediately)."""

    __tablename__ = "notification_preference"
    __table_args__ = (UniqueConstraint("user_id", "kind", name="uq_notification_preference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    choice: Mapped[str] = mapped_column(String(12), default="immediately")
