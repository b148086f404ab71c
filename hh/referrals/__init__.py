"""Closed-loop referrals and hospital-discharge hand-offs between the sectors."""
from flask import Blueprint

bp = Blueprint("referrals", __name__, url_prefix="/referrals")

from hh.referrals import routes  # noqa: E402,F401
