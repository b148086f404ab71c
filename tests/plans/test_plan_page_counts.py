"""The plan page's counts: a plan whose items all fit is counted from the rows shown; a fuller
one is counted apart, and the two agree (open, overdue, done or dropped)."""
from datetime import timedelta

from sqlalchemy import select
from support import text

from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan
from hh.plans.plans import CLOSED_SHOWN, PLAN_PAGE_ITEMS
from hh.timeutil import local_today


def plan_with(open_items: int, overdue: int, closed: int) -> ActionPlan:
    today = local_today()
    plan = ActionPlan(title="Counted plan", status="active")
    db.session.add(plan)
    for number in range(open_items):
        due = today - timedelta(days=1) if number < overdue else today + timedelta(days=number)
        db.session.add(ActionItem(plan=plan, description=f"Open {number}", status="open",
                                  due_on=due))
    for number in range(closed):
        db.session.add(ActionItem(plan=plan, description=f"Closed {number}", status="done",
                                  due_on=today - timedelta(days=3)))
    db.session.commit()
    return plan


def glance(client, plan) -> str:
    return text(client.get(f"/plans/{plan.id}"))


def test_a_small_plan_is_counted_from_its_rows(login_as):
    plan = plan_with(open_items=3, overdue=2, closed=1)
    page = glance(login_as("coordinator"), plan)
    assert "Open items 3" in page and "2 overdue" in page
    assert "All 3 open items" in page and "1 done or dropped" in page


def test_a_full_page_is_counted_in_full(login_as):
    plan = plan_with(open_items=PLAN_PAGE_ITEMS + 5, overdue=PLAN_PAGE_ITEMS + 2,
                     closed=CLOSED_SHOWN + 3)
    client = login_as("coordinator")
    page = glance(client, plan)
    assert f"Open items {PLAN_PAGE_ITEMS + 5}" in page and f"{PLAN_PAGE_ITEMS + 2} overdue" in page
    assert f"The {PLAN_PAGE_ITEMS} open items due first, of {PLAN_PAGE_ITEMS + 5}" in page
    assert f"{CLOSED_SHOWN + 3} done or dropped (the latest {CLOSED_SHOWN} below)" in page
    everything = text(client.get(f"/plans/{plan.id}?items=all"))
    assert f"All {PLAN_PAGE_ITEMS + 5} open items" in everything
    assert f"{PLAN_PAGE_ITEMS + 2} overdue" in everything


def test_a_full_pages_counts_follow_each_change_at_once(login_as):
    """A full page's counts come from the one cache (numbers only, per plan and day): an item
    closed, added or come due shows in them on the next view."""
    plan = plan_with(open_items=PLAN_PAGE_ITEMS + 2, overdue=3, closed=0)
    client = login_as("viewer")
    page = glance(client, plan)
    assert f"Open items {PLAN_PAGE_ITEMS + 2}" in page and "3 overdue" in page
    first = db.session.scalar(select(ActionItem).where(ActionItem.plan_id == plan.id,
                                                       ActionItem.description == "Open 0"))
    first.status = "done"
    db.session.commit()
    page = glance(client, plan)
    assert f"Open items {PLAN_PAGE_ITEMS + 1}" in page and "2 overdue" in page
    db.session.add(ActionItem(plan=plan, description="Late one", status="open",
                              due_on=local_today() - timedelta(days=5)))
    db.session.commit()
    page = glance(client, plan)
    assert f"Open items {PLAN_PAGE_ITEMS + 2}" in page and "3 overdue" in page
