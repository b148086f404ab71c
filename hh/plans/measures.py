"""Measures and their data points: saving them, feeding them from a registered feed, and the run
chart each one is shown with."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from hh.charts import RunChart
from hh.errors import raise_if
from hh.extensions import db
from hh.plans.common import PlanError, clean_text, parse_number
from hh.plans.feeds import feed_measure, find
from hh.plans.models import ActionPlan, DataPoint, Measure
from hh.timeutil import utcnow
from hh.web import audit


@dataclass
class MeasureView:
    """A measure with its run chart and its numbers (rows with observed_on, value, note)."""

    measure: Measure
    chart: RunChart
    rows: list

    @property
    def latest(self):
        return self.rows[-1] if self.rows else None

    @property
    def latest_signal(self):
        """The signal that reaches furthest into the present: is something changing now?"""
        found = self.chart.found
        return max(found, key=lambda s: s.indexes[-1]) if found else None


def measure_for_page(measure_id: int) -> Measure | None:
    """The measure with its plan and points (re-read after a refused entry, which rolled back)."""
    return db.session.get(Measure, measure_id, populate_existing=True, options=[
        joinedload(Measure.plan), selectinload(Measure.points)])


def measure_view(measure: Measure, rows: list | None = None) -> MeasureView:
    rows = measure.points if rows is None else rows
    chart = RunChart([p.observed_on for p in rows], [p.value for p in rows],
                     baseline=measure.baseline_value, target=measure.target_value,
                     title=measure.name, unit=measure.unit)
    return MeasureView(measure, chart, rows)




def save_measure(measure: Measure | None, plan: ActionPlan, data: dict) -> Measure:
    """Create or edit a measure (MeasureForm has checked its choices), and fill it from its feed."""
    errors: dict[str, str] = {}
    name = clean_text(data, "name", 200)
    if not name:
        errors["name"] = "Enter the measure's name."
    direction = data.get("direction") or "up"
    baseline = parse_number(data.get("baseline_value"), "baseline_value", errors)
    target = parse_number(data.get("target_value"), "target_value", errors)
    feed = data.get("feed") or ""
    if feed != "" and find(feed)[0] is None:
        errors["feed"] = "Choose a figure from the list."
    raise_if(errors, PlanError)
    creating = measure is None
    if creating:
        measure = Measure(plan=plan, name=name)
        db.session.add(measure)
    measure.name, measure.direction = name, direction
    measure.definition = clean_text(data, "definition", 2000)
    measure.unit = clean_text(data, "unit", 60)
    measure.baseline_value, measure.target_value = baseline, target
    measure.baseline_on, measure.target_on = data.get("baseline_on"), data.get("target_on")
    measure.north_star = bool(data.get("north_star"))
    measure.feed = feed
    db.session.flush()
    feed_measure(measure)
    audit("measure_created" if creating else "measure_updated", "measure", measure.id,
          detail=f"plan {plan.id}")
    db.session.commit()
    return measure


def record_data_point(measure: Measure, data: dict, user) -> DataPoint:
    """Add a value for a date; a second value for the same date corrects the first."""
    errors: dict[str, str] = {}
    observed_on = data.get("observed_on")
    if not isinstance(observed_on, date):
        errors["observed_on"] = "Enter the date the value is for."
    value = parse_number(data.get("value"), "value", errors)
    if value is None and "value" not in errors:
        errors["value"] = "Enter the value."
    raise_if(errors, PlanError)
    point = db.session.scalar(select(DataPoint).where(DataPoint.measure_id == measure.id,
                                                      DataPoint.observed_on == observed_on))
    if point is None:
        point = DataPoint(measure=measure, observed_on=observed_on, value=value)
        db.session.add(point)
    point.value = value
    point.note = clean_text(data, "note", 500)
    point.entered_by_id = user.id if user is not None else None
    point.entered_at = utcnow()
    db.session.flush()
    audit("data_point_recorded", "measure", measure.id, detail=f"{observed_on.isoformat()}")
    db.session.commit()
    return point


def point_rows(measure_ids: list[int]) -> dict[int, list]:
    """Each measure's data points as plain rows in date order (a chart reads hundreds of them:
    rows cost a fraction of records)."""
    rows: dict[int, list] = {measure_id: [] for measure_id in measure_ids}
    for row in db.session.execute(
            select(DataPoint.measure_id, DataPoint.observed_on, DataPoint.value, DataPoint.note)
            .where(DataPoint.measure_id.in_(measure_ids))
            .order_by(DataPoint.measure_id, DataPoint.observed_on, DataPoint.id)):
        rows[row.measure_id].append(row)
    return rows


def north_star_views() -> list[MeasureView]:
    measures = list(db.session.scalars(
        select(Measure).join(Measure.plan).where(Measure.north_star.is_(True),
                                                 ActionPlan.status != "completed")
        .options(selectinload(Measure.plan)).order_by(Measure.name)))
    rows = point_rows([m.id for m in measures])
    return [measure_view(m, rows[m.id]) for m in measures]


