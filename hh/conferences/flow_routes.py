"""The list flow dashboard: how the By-Name List moves month by month, for coordinators (any
region) and providers (their own region), counts only, small counts suppressed for providers."""
from __future__ import annotations

from flask import request
from flask_login import current_user

from hh.charts import RunChart
from hh.conferences import bp
from hh.conferences import flow as list_flow
from hh.conferences.forms import FlowFilterForm
from hh.conferences.households import region_choices
from hh.forms import choices
from hh.web import STAFF, allow, audit, csv_response, is_coordinator, render

CHARTED = ("actively_homeless", "identified", "housed", "median_days_to_move_in")


def _filters():
    """The form and what it asks for; a provider's region is always their own."""
    form = FlowFilterForm(request.args)
    regions = region_choices(current_user)
    form.region.choices = choices(([("", "all regions")] if is_coordinator(current_user) else [])
                                  + regions)
    form.validate()
    allowed = {str(region_id) for region_id, _ in regions}
    region_id = int(form.region.data) if form.region.data in allowed else None
    if not is_coordinator(current_user):
        region_id = current_user.region_id
    subpopulation = form.subpopulation.data if form.subpopulation.data in list_flow.SUBPOPULATIONS else ""
    months = int(form.months.data) if form.months.data in ("12", "24", "36") else 12
    return form, region_id, subpopulation, months


def _charts(months: list[list_flow.Month], user) -> tuple[list[RunChart], list[str]]:
    """Run charts of the months, the current one drawn as a month so far (left out of the median
    and the rules). A series with a small count in a whole month is not drawn for viewers other
    than coordinators (its points would show it); nor is a small count so far."""
    charts, withheld = [], []
    threshold = list_flow.small_count_threshold()
    small = (lambda c: 0 < c < threshold) if not is_coordinator(user) else (lambda c: False)
    for column in CHARTED:
        shown = [m for m in months if m.value(column) is not None]
        counts = [m.counts.get("housed", 0) if column.startswith("median") else m.value(column)
                  for m in shown]
        if any(small(c) for m, c in zip(shown, counts) if not m.partial):
            withheld.append(list_flow.COLUMN_LABELS[column])
            continue
        if shown and shown[-1].partial and small(counts[-1]):
            shown = shown[:-1]
        charts.append(RunChart([m.start for m in shown], [float(m.value(column)) for m in shown],
                               title=list_flow.COLUMN_LABELS[column],
                               unit="days" if column.startswith("median") else "",
                               incomplete=bool(shown) and shown[-1].partial))
    return charts, withheld


@bp.route("/flow")
@allow(*STAFF)
def list_flow_page():
    """Month by month: actively homeless, inflow, outflow, placements, days to housing."""
    form, region_id, subpopulation, count = _filters()
    months = list_flow.monthly_flow(count, region_id, subpopulation)
    charts, withheld = _charts(months, current_user)
    return render("conferences/flow.html", form=form, months=months,
                  columns=list_flow.COLUMN_LABELS, shown=list_flow.shown, median=_median,
                  charts=charts, withheld=withheld, threshold=list_flow.small_count_threshold(),
                  coordinator=is_coordinator(current_user))


@bp.route("/flow.csv")
@allow(*STAFF)
def list_flow_csv():
    """The same figures as a spreadsheet (small counts suppressed as on the page)."""
    _, region_id, subpopulation, count = _filters()
    months = list_flow.monthly_flow(count, region_id, subpopulation)
    audit("bnl_flow_exported", "household_list", detail=f"region {region_id or 'all'}")
    rows = ([m.start.strftime("%Y-%m") + (" (so far)" if m.partial else "")]
            + [list_flow.shown(m.value(c), current_user) if c != "median_days_to_move_in"
               else _median(m, current_user) for c in list_flow.COLUMNS] for m in months)
    return csv_response("crosswalk-list-flow.csv", ["month", *list_flow.COLUMNS], rows)


def _median(month: list_flow.Month, user):
    """The median says nothing a provider may not see only when enough households moved in."""
    if month.median_days_to_move_in is None:
        return ""
    if not is_coordinator(user) and month.counts.get("housed", 0) < list_flow.small_count_threshold():
        return "suppressed"
    return month.median_days_to_move_in
