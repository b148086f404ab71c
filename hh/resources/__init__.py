"""Resource map: services, availability, freshness, search, imports and exports."""
from flask import Blueprint

bp = Blueprint("resources", __name__, url_prefix="/resources")

from hh.resources import routes  # noqa: E402,F401
from hh.resources import imports  # noqa: E402,F401
