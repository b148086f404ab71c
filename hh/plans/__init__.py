"""Action plans: shared aims, measures with run charts, accountable action items, reviews."""
from flask import Blueprint

bp = Blueprint("plans", __name__, url_prefix="/plans")

from hh.plans import routes  # noqa: E402,F401
