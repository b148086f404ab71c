"""Measures and their data points: saving them, feeding them from a registered feed, and the run
chart each one is shown with."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from hh.caching import remember
from hh.charts import RunChart, number
from hh.errors import raise_if
from hh.extensions import db
from hh.plans.common import PlanError, clean_text, parse_number
from hh.plans.feeds import feed_measure, find
from hh.plans.models import DIRECTIONS, ActionPlan, DataPoint, Measure
from hh.timeutil import local_today, utcnow
from hh.web import audit

# What a measure's chart is drawn from: its views are kept in the one cache until one is written.
MEASURE_TABLES = ("measure", "measure_data_point")
# In the views' keys: a new shape of MeasureView gets new keys, so a store filled by an earlier
# version (views without signals) is never read by this one.
VIEW_SHAPE = "v3"


class Point(NamedTuple):
    observed_on: date
    value: float
    note: str
    written: str  # the value as the tables write it (`measure_number`), once with the view

    @classmethod
    def of(cls, observed_on: date, value: float, note: str) -> "Point":
        return cls(observed_on, value, note, number(value))


@dataclass(frozen=True)
class MeasureFacts:
    """What a chart and a north-star card show of a measure: plain values, so a view of it can be
    kept in the cache and shown to everyone."""

    id: int
    plan_id: int
    name: str
    definition: str
    unit: str
    direction: str
    baseline_value: float | None
    baseline_on: date | None
    target_value: float | None
    target_on: date | None
    north_star: bool

    @classmethod
    def of(cls, measure: Measure) -> "MeasureFacts":
        return cls(**{f.name: getattr(measure, f.name) for f in fields(cls)})

    @property
    def direction_label(self) -> str:
        return DIRECTIONS.get(self.direction, self.direction)


@dataclass
class MeasureView:
    """A measure with its run chart, its numbers (Points, in date order) and its signals in
    words (worked out once with the chart, which the cache keeps: each wording reads every
    date)."""

    measure: MeasureFacts
    chart: RunChart
    rows: list[Point]
    signals: list[str]

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


def measure_view(measure: Measure, rows: list[Point] | None = None) -> MeasureView:
    if rows is None:
        rows = [Point.of(p.observed_on, p.value, p.note) for p in measure.points]
    chart = RunChart([p.observed_on for p in rows], [p.value for p in rows],
                     baseline=measure.baseline_value, target=measure.target_value,
                     title=measure.name, unit=measure.unit)
    return MeasureView(MeasureFacts.of(measure), chart, rows,
                       [signal.describe(chart.dates) for signal in chart.found])


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


def point_rows(measure_ids: list[int]) -> dict[int, list[Point]]:
    """Each measure's data points as plain rows in date order (a chart reads hundreds of them:
    rows cost a fraction of records)."""
    rows: dict[int, list[Point]] = {measure_id: [] for measure_id in measure_ids}
    for measure_id, observed_on, value, note in db.session.execute(
            select(DataPoint.measure_id, DataPoint.observed_on, DataPoint.value, DataPoint.note)
            .where(DataPoint.measure_id.in_(measure_ids))
            .order_by(DataPoint.measure_id, DataPoint.observed_on, DataPoint.id)):
        rows[measure_id].append(Point.of(observed_on, value, note))
    return rows


def _views(query) -> list[MeasureView]:
    measures = list(db.session.scalars(query))
    rows = point_rows([m.id for m in measures])
    return [measure_view(m, rows[m.id]) for m in measures]


def plan_measure_views(plan_id: int) -> list[MeasureView]:
    """A plan's measures with their charts, from the cache until a measure or a value is written
    (and for the day: the month so far is told from today's date)."""
    return remember(f"plan-measures:{VIEW_SHAPE}:{plan_id}:{local_today().isoformat()}", MEASURE_TABLES,
                    lambda: _views(select(Measure).where(Measure.plan_id == plan_id)
                                   .order_by(Measure.id)))


def north_star_views() -> list[MeasureView]:
    """The north-star measures of plans not completed, for the home page (cached as above, and
    until a plan is written: a completed plan's leave it)."""
    return remember(f"north-stars:{VIEW_SHAPE}:{local_today().isoformat()}", (*MEASURE_TABLES, "action_plan"),
                    lambda: _views(select(Measure).join(Measure.plan).where(
                        Measure.north_star.is_(True), ActionPlan.status != "completed")
                        .order_by(Measure.name)))
