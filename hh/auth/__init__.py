"""Accounts: sign-in, sign-out, invitations, passwords and session limits."""
from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

# No navigation entry of its own.
AREA = None

from hh.auth import routes  # noqa: E402,F401
