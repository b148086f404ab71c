"""Reading the audit log (it is written through hh.web.audit)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, select

from hh.admin.models import AuditEvent
from hh.extensions import db


def audit_query(action: str | None = None, actor: str | None = None,
                since: date | None = None, until: date | None = None) -> Select:
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action)
    if actor:
        pattern = "%" + actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(AuditEvent.actor.ilike(pattern, escape="\\"))
    if since:
        query = query.where(AuditEvent.at >= datetime.combine(since, time.min))
    if until:
        query = query.where(AuditEvent.at < datetime.combine(until + timedelta(days=1), time.min))
    return query


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


AUDIT_CSV_HEADER = ["when_utc", "who", "action", "object_type", "object_id", "from", "detail"]


def audit_rows(query: Select):
    for event in db.session.scalars(query).yield_per(500):
        yield [event.at.isoformat(timespec="seconds"), event.actor, event.action,
               event.object_type, event.object_id, event.remote_addr, event.detail]
