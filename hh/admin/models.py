"""The audit log: append-only, never passwords or client data."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column

from hh.extensions import db
from hh.timeutil import utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_event"
    # Nothing caches the log: the events written on every view of client data need not bump a
    # cache version (hh/caching.py).
    __table_args__ = {"info": {"uncached": True}}

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # Who, as they were known then (the user row may change later).
    actor: Mapped[str] = mapped_column(String(254), default="")
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str] = mapped_column(String(60), default="")
    object_id: Mapped[str] = mapped_column(String(60), default="")
    remote_addr: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(String(500), default="")


class AuditLogIsAppendOnly(RuntimeError):
    pass


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(mapper, connection, target):  # noqa: ARG001
    raise AuditLogIsAppendOnly("audit events cannot be changed or deleted")
