"""Home page, placeholders for feature areas still to come, session extension, health check."""
from flask import abort, flash, jsonify, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import text

from hh.auth.services import idle_deadline, touch_session
from hh.extensions import db
from hh.main import bp
from hh.main.areas import AREAS, areas_for
from hh.timeutil import coc_zone
from hh.web import PUBLIC, SIGNED_IN, allow, render, safe_next


@bp.route("/")
@allow(*SIGNED_IN)
def home():
    """Greets the user by role and shows the feature areas they can use."""
    from hh.plans.services import home_context as plans_home
    from hh.referrals.services import home_context as referrals_home

    return render("main/home.html", areas=areas_for(current_user.role), **plans_home(current_user),
                  **referrals_home(current_user))


@bp.route("/coming/<area>")
@allow(*SIGNED_IN)
def coming(area: str):
    """A feature area that is not built yet says so, and what it will do."""
    info = AREAS.get(area)
    if info is None or current_user.role not in info["roles"]:
        abort(404)
    if info.get("endpoint"):  # built since the link was made: go there
        return redirect(url_for(info["endpoint"]))
    return render("main/coming.html", area=info)


@bp.route("/session/extend")
@allow(*SIGNED_IN)
def extend_session():
    """Keep the session alive (a plain link; any signed-in request resets the clock too, within
    a minute)."""
    from datetime import datetime

    touch_session(force=True)
    until = datetime.fromtimestamp(idle_deadline(), coc_zone()).strftime("%H:%M")  # the CoC's clock
    flash(f"You stay signed in. Your session is extended to {until} if idle.", "success")
    return redirect(safe_next(request.args.get("next"), url_for("main.home")), 303)


@bp.route("/healthz")
@allow(PUBLIC)
def healthz():
    """200 when the app and its database answer, 503 when not (for monitors and load balancers)."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not usable"
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
