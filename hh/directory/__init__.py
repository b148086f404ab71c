"""Partner directory: organizations, their contacts, counties served, partnership record."""
from flask import Blueprint

from hh.web import SIGNED_IN

bp = Blueprint("directory", __name__, url_prefix="/directory")

# Its entry in the navigation and on the home page.
AREA = {
    "endpoint": "directory.index",
    "title": "Partner directory",
    "summary": "Who is at the table: organizations by sector, contacts, counties served, "
    "data-sharing agreements.",
    "roles": SIGNED_IN,
}

from hh.directory import routes  # noqa: E402,F401
