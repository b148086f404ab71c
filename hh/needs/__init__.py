"""Needs and the gap map: where needs go unmet, by county and service category."""
from flask import Blueprint

bp = Blueprint("needs", __name__, url_prefix="/needs")

# No navigation entry of its own (the resource map's area covers it).
AREA = None

from hh.needs import routes  # noqa: E402,F401
