"""The home page, the health check and the shared pages of the whole app."""
from flask import Blueprint

bp = Blueprint("main", __name__)

# No navigation entry of its own.
AREA = None

from hh.main import routes  # noqa: E402,F401
