"""By-Name List and case conferencing: the list, households, conferences, the learning loop."""
from flask import Blueprint

from hh.web import STAFF

bp = Blueprint("conferences", __name__, url_prefix="/conferences")

# Its entry in the navigation and on the home page.
AREA = {
    "endpoint": "conferences.households",
    "title": "Case conferencing",
    "summary": "Work the By-Name List: barrier, action step, who, and by when.",
    "roles": STAFF,
}

from hh.conferences import (
    feeds,  # noqa: E402,F401
    flow_routes,  # noqa: E402,F401
    funnel,  # noqa: E402,F401
    imports,  # noqa: E402,F401
    learning_routes,  # noqa: E402,F401
    meeting_routes,  # noqa: E402,F401
    routes,  # noqa: E402,F401
    work_routes,  # noqa: E402,F401
)
