"""Delivering the outbox (`flask --app wsgi hh deliver-mail`): claim what is due, mail it, record
the outcome. Never runs inside a request, so a mail server that is down never fails a page.

Two deliverers may run at once (two servers, a timer overlapping a loop): each claims rows with
its own token in one UPDATE that only takes unclaimed waiting rows, then mails only those, so no
row is mailed twice. A claim left by a deliverer that died is taken over after CLAIM_TIMEOUT."""
from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update

from hh.auth.models import User
from hh.extensions import db
from hh.notifications import mailer
from hh.notifications.kinds import INVITATION
from hh.notifications.models import Notification
from hh.notifications.outbox import mail_on, path_for
from hh.timeutil import utcnow

log = logging.getLogger(__name__)

# Minutes to wait after each failed attempt; after the last, the notice is marked failed.
BACKOFF_MINUTES = (1, 5, 15, 60)
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
CLAIM_TIMEOUT = timedelta(minutes=10)
BATCH = 200


@dataclass
class Outcome:
    sent: int = 0        # messages mailed (a digest is one)
    notices: int = 0     # notices in them
    retrying: int = 0
    failed: int = 0
    skipped: int = 0


def _due(now: datetime):
    free = or_(Notification.claimed_by.is_(None), Notification.claimed_at < now - CLAIM_TIMEOUT)
    return and_(Notification.state == "pending", Notification.next_attempt_at <= now, free)


def claim(token: str, now: datetime, limit: int = BATCH) -> list[Notification]:
    """Take up to `limit` due notices for this deliverer, atomically, and return them."""
    db.session.commit()  # the claim must start its own transaction (SQLite: no stale snapshot)
    due = _due(now)
    chosen = select(Notification.id).where(due).order_by(Notification.id).limit(limit)
    # The condition is repeated on the row itself: PostgreSQL re-checks it after waiting for a
    # row another deliverer is claiming, and then skips that row.
    db.session.execute(update(Notification).where(Notification.id.in_(chosen.scalar_subquery()), due)
                       .values(claimed_by=token, claimed_at=now)
                       .execution_options(synchronize_session=False))
    db.session.commit()
    return list(db.session.scalars(select(Notification).where(
        Notification.claimed_by == token, Notification.state == "pending").order_by(Notification.id)))


def deliver(now: datetime | None = None) -> Outcome:
    """One pass: mail everything due now, batch after batch."""
    outcome = Outcome()
    if not mail_on():
        return outcome
    token = uuid.uuid4().hex
    preferences = path_for("notifications.preferences")
    while True:
        notices = claim(token, now or utcnow())
        if not notices:
            return outcome
        _mail_batch(notices, preferences, outcome)


def _messages(notices: list[Notification]):
    """(recipient, notices, is digest): one per immediate notice, one digest per person."""
    people = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_({n.recipient_id for n in notices})))}
    digests: dict[int, list[Notification]] = defaultdict(list)
    for notice in notices:
        if notice.digest:
            digests[notice.recipient_id].append(notice)
        else:
            yield people.get(notice.recipient_id), [notice], False
    for user_id, group in digests.items():
        yield people.get(user_id), group, True


def _mail_batch(notices: list[Notification], preferences: str, outcome: Outcome) -> None:
    connection, down = None, None
    try:
        for user, group, digest in _messages(notices):
            if user is None or not user.active:
                _finish(group, "skipped", outcome)
            elif down is not None:  # the server cannot be reached: do not wait on it again
                _failed(group, down, outcome)
            else:
                try:
                    if connection is None:
                        connection = mailer.connection()
                        connection.open()
                except Exception as error:  # noqa: BLE001  (unreachable, refused, bad sign-in)
                    log.warning("mail server unavailable: %s", type(error).__name__)
                    down, connection = error, _close(connection)
                    _failed(group, error, outcome)
                else:
                    connection = _send(connection, user, group, preferences, digest, outcome)
            db.session.commit()
    finally:
        _close(connection)
        db.session.commit()


def _send(connection, user, group, preferences: str, digest: bool, outcome: Outcome):
    """Mail one message; returns the connection to go on with (None after a failure)."""
    try:
        connection.send_messages([mailer.build(user, group, preferences, digest)])
    except Exception as error:  # noqa: BLE001  (any mail failure: keep it, retry later)
        log.warning("mail to user %s failed: %s", user.id, type(error).__name__)
        _failed(group, error, outcome)
        return _close(connection)
    _finish(group, "sent", outcome)
    outcome.sent += 1
    return connection


def _close(connection):
    if connection is not None:
        try:
            connection.close()
        except Exception:  # noqa: BLE001  (a broken connection may fail to close too)
            pass
    return None


def _finish(group: list[Notification], state: str, outcome: Outcome) -> None:
    now = utcnow()
    for notice in group:
        notice.state = state
        notice.attempts += 1 if state == "sent" else 0
        notice.sent_at = now if state == "sent" else None
        notice.claimed_by = notice.claimed_at = None
        _forget_secret(notice)
    if state == "sent":
        outcome.notices += len(group)
    else:
        outcome.skipped += len(group)


def _failed(group: list[Notification], error: Exception, outcome: Outcome) -> None:
    now = utcnow()
    for notice in group:
        notice.attempts += 1
        notice.last_error = f"{type(error).__name__}: {error}"[:500]
        notice.claimed_by = notice.claimed_at = None
        if notice.attempts >= MAX_ATTEMPTS:
            notice.state = "failed"
            _forget_secret(notice)
            outcome.failed += 1
        else:
            notice.next_attempt_at = now + timedelta(minutes=BACKOFF_MINUTES[notice.attempts - 1])
            outcome.retrying += 1


def _forget_secret(notice: Notification) -> None:
    """An invitation's link is a password-setting secret: kept only until it is mailed."""
    if notice.kind == INVITATION:
        notice.link = path_for("auth.invite")


def retry(notice: Notification) -> None:
    """An admin sends a failed notice again (the caller commits)."""
    notice.state, notice.attempts, notice.next_attempt_at = "pending", 0, utcnow()
    notice.last_error = ""
