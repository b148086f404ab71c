"""Coordinator role guide: the two coordinator roles, their competencies, self-assessment and the
hand-over pack."""
from flask import Blueprint

from hh.web import SIGNED_IN

bp = Blueprint("roleguide", __name__, url_prefix="/role-guide")

# Its entry in the navigation and on the home page.
AREA = {
    "slug": "role-guide",
    "endpoint": "roleguide.index",
    "title": "Coordinator role guide",
    "summary": "The coordinator roles, their competencies, and a hand-over pack.",
    "roles": SIGNED_IN,
}

from hh.roleguide import routes  # noqa: E402,F401
