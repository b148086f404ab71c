"""An action item has an owner and a by-when date (the primer: "action items with an owner and a
by-when date"): an open item without a date is refused next to the date field, what was typed
stays; a finished one may keep no date."""
from __future__ import annotations

from sqlalchemy import select
from support import field_error, soup

from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan


def _plan() -> ActionPlan:
    plan = ActionPlan(title="Hospital discharge to medical respite", status="active")
    db.session.add(plan)
    db.session.commit()
    return plan


def test_an_open_item_without_a_date_is_refused(login_as, factory):
    plan = _plan()
    owner = factory.user("provider", name="Dana Ortiz")
    client = login_as("coordinator")
    response = client.post(f"/plans/{plan.id}/items/new", data={
        "description": "Call the VA liaison", "owner_id": str(owner.id), "status": "open"})
    assert response.status_code == 422
    assert field_error(response, "due_on") == "Give a date by when."
    assert not field_error(response, "owner_id")
    assert soup(response).select_one("#description").get_text().strip() == "Call the VA liaison"
    assert db.session.scalar(select(ActionItem)) is None
    response = client.post(f"/plans/{plan.id}/items/new", data={
        "description": "Call the VA liaison", "owner_id": str(owner.id), "status": "open",
        "due_on": "2026-07-01"})
    assert response.status_code == 303
    assert db.session.scalar(select(ActionItem)).due_on.isoformat() == "2026-07-01"


def test_a_finished_item_needs_no_date(login_as, factory):
    plan = _plan()
    owner = factory.user("provider")
    response = login_as("coordinator").post(f"/plans/{plan.id}/items/new", data={
        "description": "Old task, already done", "owner_id": str(owner.id), "status": "done"})
    assert response.status_code == 303
