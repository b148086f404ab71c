"""Bulk action-plan data for the benchmark: one plan with 5 measures of 60 monthly points each
and 200 action items, most of them the demo provider's (or their organization's), so the plan
page and "my items" are measured at the size the issue sets.

The plan gets a fixed id so PAGES can name its page."""
from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert, select

from hh.auth.models import User
from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan, DataPoint, Measure
from hh.plans.services import add_months
from hh.timeutil import local_today

PLAN_ID = 1000
PROVIDER = "provider@demo.crosswalk.example"  # the first demo provider: the harness signs in as them
COORDINATOR = "coordinator@demo.crosswalk.example"

PAGES = [
    ("plan page (5 measures x 60 points, 200 items)", f"/plans/{PLAN_ID}", "coordinator"),
    ("plan page as a viewer", f"/plans/{PLAN_ID}", "viewer"),
    ("my items (provider with 200+ items)", "/plans/my-items", "provider"),
    ("all items: overdue", "/plans/items?due=overdue", "coordinator"),
]

TASKS = ("Call the discharge planner about", "Confirm respite bed for", "Collect documents for",
         "Schedule the landlord meeting about", "Follow up on the referral for",
         "Update the By-Name List entry for")
TOPICS = ("the Friday discharges", "veterans in Elk County", "the new MOU", "HUD-VASH vouchers",
          "the youth host homes", "the winter shelter")


def build(scale: dict) -> None:
    rng = random.Random(5)
    n_measures = scale.get("plan_measures", 5)
    n_points = scale.get("plan_points", 60)
    n_items = scale.get("plan_items", 200)
    provider = db.session.scalar(select(User).where(User.email == PROVIDER))
    coordinator = db.session.scalar(select(User).where(User.email == COORDINATOR))
    if db.session.get(ActionPlan, PLAN_ID) is not None:
        return
    today = local_today()
    start = add_months(today.replace(day=1), -n_points)
    plan = ActionPlan(id=PLAN_ID, title="Bench: countywide discharge and housing plan",
                      aim="Everyone leaving an institution has a safe place to go.", status="active",
                      owner=coordinator, start_on=start, next_review_on=today + timedelta(days=20))
    db.session.add(plan)
    db.session.flush()
    for m in range(n_measures):
        measure = Measure(plan_id=PLAN_ID, name=f"Bench measure {m + 1}", unit="people",
                          direction="down" if m % 2 else "up", baseline_value=50, target_value=20,
                          north_star=m == 0)
        db.session.add(measure)
        db.session.flush()
        level = 50.0
        rows = []
        for i in range(n_points):
            level += rng.uniform(-4, 4) - (0.3 if m % 2 else -0.3)
            rows.append({"measure_id": measure.id, "observed_on": add_months(start, i),
                         "value": round(level, 1), "note": "",
                         "entered_by_id": coordinator.id if coordinator else None})
        db.session.execute(insert(DataPoint), rows)
    organization_id = provider.organization_id if provider else None
    statuses = ["open"] * 5 + ["in_progress"] * 3 + ["blocked"]
    items = []
    for i in range(n_items):
        status = rng.choice(statuses)
        items.append({
            "plan_id": PLAN_ID,
            "description": f"{rng.choice(TASKS)} {rng.choice(TOPICS)} ({i + 1})",
            "owner_id": provider.id if provider and i % 2 == 0 else None,
            "organization_id": organization_id if i % 2 == 1 or provider is None else None,
            "due_on": today + timedelta(days=rng.randint(-60, 120)),
            "status": status,
            "blocked_reason": "Waiting for the partner's answer" if status == "blocked" else "",
        })
    db.session.execute(insert(ActionItem), items)
    db.session.commit()
