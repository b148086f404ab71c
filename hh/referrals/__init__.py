"""Closed-loop referrals and hospital-discharge hand-offs between the sectors."""
from flask import Blueprint

from hh.web import STAFF

bp = Blueprint("referrals", __name__, url_prefix="/referrals")

# Its entry in the navigation and on the home page.
AREA = {
    "endpoint": "referrals.incoming",
    "title": "Referrals and hand-offs",
    "summary": "Closed-loop referrals and hospital-discharge hand-offs between sectors.",
    "roles": STAFF,
}

from hh.referrals import feeds, funnel, outcome_routes, referral_routes, routes  # noqa: E402,F401
