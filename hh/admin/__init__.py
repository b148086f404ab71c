"""Administration: users and roles, regions and counties, the audit log."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

# No navigation entry of its own.
AREA = None

from hh.admin import routes  # noqa: E402,F401
