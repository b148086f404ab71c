"""By-Name List and case conferencing: the list, households, conferences, the learning loop."""
from flask import Blueprint

bp = Blueprint("conferences", __name__, url_prefix="/conferences")

from hh.conferences import routes  # noqa: E402,F401
from hh.conferences import imports  # noqa: E402,F401
