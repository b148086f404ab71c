"""Coordinator role guide: the two coordinator roles, their competencies, self-assessment and the
hand-over pack."""
from flask import Blueprint

bp = Blueprint("roleguide", __name__, url_prefix="/role-guide")

from hh.roleguide import routes  # noqa: E402,F401
