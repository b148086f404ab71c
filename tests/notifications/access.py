"""Notification routes in the route × role matrix (see tests/test_access_matrix.py).

The notice below belongs to a person the matrix never signs in as: every role may mark its own
notices read, but this one answers 403 to all of them (tests/notifications/test_inbox.py marks
one's own)."""
from hh.web import ADMINS, SIGNED_IN

ROUTES = {
    "notifications.index": ("GET", "/notifications/", SIGNED_IN),
    "notifications.mark_read": ("POST", "/notifications/{notice}/read", SIGNED_IN,
                                   SIGNED_IN),
    "notifications.mark_all_read": ("POST", "/notifications/read", SIGNED_IN),
    "notifications.preferences": ("GET", "/notifications/preferences", SIGNED_IN),
    "notifications.admin": ("GET", "/notifications/admin", ADMINS),
    "notifications.retry": ("POST", "/notifications/admin/{notice}/retry", ADMINS),
}


def objects(factory) -> dict:
    from hh.extensions import db
    from hh.notifications.models import Notification
    from hh.notifications.outbox import notify

    owner = factory.user("provider")
    assert notify([owner], "item_assigned", "Matrix notice", "Matrix body.", "/") == 1
    db.session.commit()
    return {"notice": db.session.scalar(db.select(Notification.id).where(
        Notification.recipient_id == owner.id))}
