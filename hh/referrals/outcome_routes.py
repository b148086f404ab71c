"""Referral outcomes: the page and its spreadsheet (figures only, never client data)."""
from __future__ import annotations

from flask import request
from flask_login import current_user

from hh.extensions import db
from hh.referrals import bp, outcomes, services
from hh.referrals.forms import OutcomeFilterForm
from hh.referrals.routes import respond
from hh.web import STAFF, allow, audit, csv_response, no_store


def _outcomes(shown: int = 0):
    form = OutcomeFilterForm(request.args)
    form.validate()
    start = form.start.data if not form.start.errors else None
    end = form.end.data if not form.end.errors else None
    grouping = form.by.data if form.by.data in outcomes.GROUPINGS else "month"
    query = services.scope(services.select_referrals(), current_user)
    return form, outcomes.outcomes(query, grouping, start, end, shown)


@bp.route("/outcomes", endpoint="outcomes")
@allow(*STAFF)
def outcomes_page():
    """Completion, time to acceptance and connection, no-shows and declines with reasons."""
    form, result = _outcomes(shown=50)
    return respond("referrals/outcomes.html", form=form, result=result,
                   groupings=outcomes.GROUPINGS)


@bp.route("/outcomes.csv", endpoint="outcomes_csv")
@allow(*STAFF)
def outcomes_csv():
    """The outcome table as a spreadsheet (figures only, no client data)."""
    form, result = _outcomes()
    audit("referral_outcomes_exported", "referral", "", detail=f"by {result.grouping}")
    db.session.commit()
    return no_store(csv_response(f"referral-outcomes-by-{result.grouping}.csv", outcomes.CSV_HEADER,
                                 outcomes.csv_rows(result)))
