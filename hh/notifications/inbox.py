"""The in-app side: a person's notices (read and unread), their choices per kind, and what
admins see (who gets what, mail that failed)."""
from __future__ import annotations

from flask import abort
from sqlalchemy import Select, bindparam, func, select, update

from hh.auth.models import User
from hh.extensions import db
from hh.notifications.kinds import DEFAULT_CHOICE, INVITATION, KINDS, kinds_for
from hh.notifications.models import CHOICES, Notification, NotificationPreference
from hh.timeutil import utcnow
from hh.web import audit


def inbox_query(user) -> Select:
    return (select(Notification)
            .where(Notification.recipient_id == user.id, Notification.kind != INVITATION)
            .order_by(Notification.created_at.desc(), Notification.id.desc()))


# Asked on every page (the menu's count): built once.
_UNREAD = select(func.count(Notification.id)).where(
    Notification.recipient_id == bindparam("user_id"), Notification.read_at.is_(None),
    Notification.kind != INVITATION)


def unread_count(user) -> int:
    # A number, no records: read on the session's connection, without the ORM's per-statement
    # work (half this count's cost, on every page). It does not flush the session first; pages
    # render after their writes are committed.
    return db.session.connection().scalar(_UNREAD, {"user_id": user.id}) or 0


def own_notice(user, notice_id: int) -> Notification:
    """The person's own notice: 404 when there is none, 403 when it is someone else's."""
    notice = db.session.get(Notification, notice_id)
    if notice is None or notice.kind == INVITATION:
        abort(404)
    if notice.recipient_id != user.id:
        abort(403)
    return notice


def mark_read(notice: Notification) -> Notification:
    if notice.read_at is None:
        notice.read_at = utcnow()
    db.session.commit()
    return notice


def mark_all_read(user) -> int:
    marked = db.session.execute(update(Notification).where(
        Notification.recipient_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow()).execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return marked or 0


def choices_for(user) -> dict[str, str]:
    """This person's choice for each kind their role can receive."""
    saved = dict(db.session.execute(select(NotificationPreference.kind, NotificationPreference.choice)
                                    .where(NotificationPreference.user_id == user.id)).all())
    return {kind: saved.get(kind, DEFAULT_CHOICE) for kind in kinds_for(user.role)}


def save_choices(user, chosen: dict[str, str]) -> int:
    """Store the choices (only valid kinds and choices); returns how many changed."""
    current = {p.kind: p for p in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id))}
    changed = 0
    for kind in kinds_for(user.role):
        choice = chosen.get(kind)
        if choice not in CHOICES:
            continue
        preference = current.get(kind)
        if preference is None:
            if choice == DEFAULT_CHOICE:
                continue
            preference = NotificationPreference(user_id=user.id, kind=kind)
            db.session.add(preference)
        elif preference.choice == choice:
            continue
        preference.choice = choice
        changed += 1
    if changed:
        audit("notification_preferences", "user", user.id, detail=f"{changed} changed", user=user)
    db.session.commit()
    return changed


def who_gets_what() -> list[tuple[User, dict[str, str | None]]]:
    """Every active person and their choice per kind (None: their role does not receive it)."""
    people = list(db.session.scalars(select(User).where(User.active.is_(True))
                                     .order_by(User.role, User.email)))
    saved: dict[tuple[int, str], str] = {
        (user_id, kind): choice for user_id, kind, choice in db.session.execute(
            select(NotificationPreference.user_id, NotificationPreference.kind,
                   NotificationPreference.choice))}
    return [(person, {kind: saved.get((person.id, kind), DEFAULT_CHOICE)
                      if person.role in KINDS[kind].roles else None for kind in KINDS})
            for person in people]


def failed_query() -> Select:
    return (select(Notification).where(Notification.state == "failed")
            .order_by(Notification.created_at.desc()))


def state_counts() -> dict[str, int]:
    return dict(db.session.execute(select(Notification.state, func.count(Notification.id))
                                   .group_by(Notification.state)).all())
