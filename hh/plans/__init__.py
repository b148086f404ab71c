"""Action plans: shared aims, measures with run charts, accountable action items, reviews."""
from flask import Blueprint

from hh.web import SIGNED_IN

bp = Blueprint("plans", __name__, url_prefix="/plans")

# Its entry in the navigation and on the home page.
AREA = {
    "endpoint": "plans.index",
    "title": "Action plans",
    "summary": "Shared aims, measures over time, and action items with owners and dates.",
    "roles": SIGNED_IN,
}

from hh.plans import item_routes, routes  # noqa: E402,F401
