"""Resource map: services, availability, freshness, search, imports and exports."""
from flask import Blueprint

from hh.web import SIGNED_IN

bp = Blueprint("resources", __name__, url_prefix="/resources")

# Its entry in the navigation and on the home page.
AREA = {
    "endpoint": "resources.search",
    "blueprints": ("resources", "needs"),
    "title": "Resource and needs map",
    "summary": "What services exist where, what is free right now, and where needs go unmet.",
    "roles": SIGNED_IN,
}

from hh.resources import (
    imports,  # noqa: E402,F401
    routes,  # noqa: E402,F401
    shortlist_routes,  # noqa: E402,F401
)
