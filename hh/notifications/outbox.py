"""Writing the outbox: `notify(...)` adds one row per person to the caller's transaction (the
caller commits, so a notice exists exactly when the change that caused it does). Nothing here
talks to the mail server: delivery.py does, outside any request."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Iterable

from flask import current_app, has_request_context, url_for
from sqlalchemy import select

from hh.extensions import db
from hh.notifications.kinds import DEFAULT_CHOICE, INVITATION
from hh.notifications.models import Notification, NotificationPreference
from hh.timeutil import UTC, coc_zone, utcnow

DIGEST_HOUR = 7  # the daily digest goes out at 7:00 on the CoC's clock


def mail_on() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def path_for(endpoint: str, **values) -> str:
    """A site path for a link in a notice, also outside a request (the command line)."""
    if has_request_context():
        return url_for(endpoint, **values)
    with current_app.test_request_context():
        return url_for(endpoint, **values)


def next_digest_at(now: datetime) -> datetime:
    """The next 7:00 on the CoC's clock after `now` (both naive UTC)."""
    zone = coc_zone()
    local = now.replace(tzinfo=UTC).astimezone(zone)
    at = datetime.combine(local.date(), time(DIGEST_HOUR), zone)
    if at <= local:
        at = datetime.combine(local.date() + timedelta(days=1), time(DIGEST_HOUR), zone)
    return at.astimezone(UTC).replace(tzinfo=None)


def choices_of(user_ids: Iterable[int], kind: str) -> dict[int, str]:
    rows = db.session.execute(select(NotificationPreference.user_id, NotificationPreference.choice)
                              .where(NotificationPreference.kind == kind,
                                     NotificationPreference.user_id.in_(list(user_ids))))
    return dict(rows.all())


def notify(recipients: Iterable, kind: str, subject: str, body: str, link: str, *,
           key: str | None = None, actor=None) -> int:
    """One notice per active recipient (users, or rows with `id` and `active`; never the person
    who made the change), written in the caller's transaction; returns how many. With `key`, a
    person who already has a notice with that key gets no second one. Subject and body must
    carry no client data: say what happened and link to the page."""
    people = {u.id: u for u in recipients
              if u is not None and u.active and (actor is None or u.id != getattr(actor, "id", None))}
    if key and people:
        have = db.session.scalars(select(Notification.recipient_id).where(
            Notification.dedupe_key == key, Notification.recipient_id.in_(list(people))))
        for user_id in have:
            people.pop(user_id, None)
    if not people:
        return 0
    choices = {} if kind == INVITATION else choices_of(people, kind)
    now, mailing = utcnow(), mail_on()
    rows = []
    for user_id in sorted(people):
        choice = choices.get(user_id, DEFAULT_CHOICE)
        digest = choice == "digest"
        rows.append({
            "recipient_id": user_id, "kind": kind, "subject": subject[:200], "body": body[:2000],
            "link": link[:500], "dedupe_key": key, "created_at": now, "digest": digest,
            "state": "pending" if mailing and choice != "off" else "skipped",
            "next_attempt_at": next_digest_at(now) if digest else now,
            "attempts": 0, "last_error": ""})
    # One multi-row INSERT in the caller's transaction: a fraction of a unit of work per row.
    db.session.execute(Notification.__table__.insert(), rows)
    return len(rows)
