"""Notifications: an outbox written with the change that causes it, delivered by mail through
the CoC's SMTP server (or not, per person and kind), and the same items in the app."""
from flask import Blueprint

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

# No area of its own: the navigation shows the unread count instead (templates/base.html).
AREA = None

from hh.notifications import mailer, routes  # noqa: E402,F401
