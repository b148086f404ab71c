"""Needs and the gap map: where needs go unmet, by county and service category."""
from flask import Blueprint

bp = Blueprint("needs", __name__, url_prefix="/needs")

from hh.needs import routes  # noqa: E402,F401
