"""The learning loop: barriers by region over time, and a recurring barrier turned into a Need on
the resource map (thin views)."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user

from hh.conferences import bp
from hh.conferences import learning as learning_loop
from hh.conferences.errors import ConferenceError
from hh.conferences.models import BARRIER_CATEGORIES
from hh.extensions import db
from hh.forms import ButtonForm
from hh.web import COORDINATORS, STAFF, allow, render, saved


@bp.route("/learning")
@allow(*STAFF)
def learning():
    """Barriers by region over time, households conferenced, days on list, moves in on time."""
    return render("conferences/learning.html", regions=learning_loop.learning(current_user),
                  barriers=BARRIER_CATEGORIES, button=ButtonForm())


@bp.route("/learning/need", methods=["POST"])
@allow(*COORDINATORS)
def barrier_need():
    """Turn a recurring barrier into a Need on the resource map, with the evidence."""
    if not ButtonForm().validate_on_submit():
        flash("The form expired; try again.", "error")
        return redirect(url_for("conferences.learning"), 303)
    region_id = request.form.get("region_id", "")
    try:
        need = learning_loop.barrier_to_need(int(region_id) if region_id.isdigit() else None,
                                             request.form.get("category", ""), current_user)
    except ConferenceError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("conferences.learning"), 303)
    return saved("The barrier is now a need on the resource map.", "needs.need", need_id=need.id)
