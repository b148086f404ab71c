"""Action-plan routes in the route × role matrix (see tests/test_access_matrix.py)."""
from datetime import date

from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan, DataPoint, Measure, PdsaCycle
from hh.web import COORDINATORS, SIGNED_IN, STAFF

NOT_THEIRS = {"provider"}  # the matrix's provider owns no item and belongs to no organization

ROUTES = {
    "plans.index": ("GET", "/plans/", SIGNED_IN),
    "plans.new_plan": ("GET", "/plans/new", COORDINATORS),
    "plans.plan": ("GET", "/plans/{plan}", SIGNED_IN),
    "plans.edit_plan": ("GET", "/plans/{plan}/edit", COORDINATORS),
    "plans.new_measure": ("GET", "/plans/{plan}/measures/new", COORDINATORS),
    "plans.measure": ("GET", "/plans/measures/{measure}", SIGNED_IN),
    "plans.edit_measure": ("GET", "/plans/measures/{measure}/edit", COORDINATORS),
    "plans.add_point": ("POST", "/plans/measures/{measure}/points", COORDINATORS),
    "plans.new_item": ("GET", "/plans/{plan}/items/new", COORDINATORS),
    "plans.item": ("GET", "/plans/items/{item}", SIGNED_IN),
    "plans.edit_item": ("GET", "/plans/items/{item}/edit", STAFF, NOT_THEIRS),
    "plans.item_status": ("POST", "/plans/items/{item}/status", STAFF, NOT_THEIRS),
    "plans.add_update": ("POST", "/plans/items/{item}/updates", STAFF, NOT_THEIRS),
    "plans.my_items": ("GET", "/plans/my-items", SIGNED_IN),
    "plans.all_items": ("GET", "/plans/items?status=all&due=overdue", COORDINATORS),
    "plans.items_csv": ("GET", "/plans/items.csv", COORDINATORS),
    "plans.review": ("GET", "/plans/{plan}/review", COORDINATORS),
    "plans.new_cycle": ("GET", "/plans/{plan}/pdsa/new", COORDINATORS),
    "plans.edit_cycle": ("GET", "/plans/pdsa/{cycle}/edit", COORDINATORS),
}


def objects(factory) -> dict:
    org = factory.organization()
    plan = ActionPlan(title="Discharge to respite", aim="No one leaves hospital to the street.",
                      status="active")
    measure = Measure(plan=plan, name="Discharges to the street", unit="people")
    measure.points = [DataPoint(observed_on=date(2026, month, 1), value=10 - month)
                      for month in range(1, 8)]
    item = ActionItem(plan=plan, description="Draft the respite referral form", organization=org,
                      due_on=date(2026, 1, 15))
    cycle = PdsaCycle(plan=plan, title="Nurse calls shelter before discharge")
    db.session.add_all([plan, measure, item, cycle])
    db.session.commit()
    return {"plan": plan.id, "measure": measure.id, "item": item.id, "cycle": cycle.id}
