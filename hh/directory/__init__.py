"""Partner directory: organizations, their contacts, counties served, partnership record."""
from flask import Blueprint

bp = Blueprint("directory", __name__, url_prefix="/directory")

from hh.directory import routes  # noqa: E402,F401
