"""The measures' charts (plan page, home page) and the plans due for review are read from the one
cache: a new value, an edited measure, a completed plan or a recorded review shows at once, and
a new day is a new chart. My items on the home page are counted in full. The all-items filter's
choices (owners, organizations, plans) follow a new owner or plan at once."""
from datetime import date, datetime, timedelta

from sqlalchemy import select
from support import statements_of, text, texts

from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan, DataPoint, Measure


def make_plan(**kwargs) -> ActionPlan:
    plan = ActionPlan(title=kwargs.pop("title", "Discharge to respite"),
                      status=kwargs.pop("status", "active"), **kwargs)
    db.session.add(plan)
    db.session.commit()
    return plan


def make_measure(plan, **kwargs) -> Measure:
    measure = Measure(plan=plan, name=kwargs.pop("name", "Veterans actively homeless"),
                      unit="veterans", **kwargs)
    db.session.add(measure)
    db.session.commit()
    return measure


def test_a_new_value_and_an_edited_measure_show_on_the_plan_page_at_once(login_as):
    plan = make_plan()
    measure = make_measure(plan, points=[DataPoint(observed_on=date(2026, 1, 1), value=18)])
    client = login_as("coordinator")
    assert "1 data points" in text(client.get(f"/plans/{plan.id}"))
    response = client.post(f"/plans/measures/{measure.id}/points",
                           data={"observed_on": "2026-02-01", "value": "15"})
    assert response.status_code == 303
    page = text(client.get(f"/plans/{plan.id}"))
    assert "2 data points" in page and "2026-02-01 15" in page
    response = client.post(f"/plans/measures/{measure.id}/edit", data={
        "name": "Veterans on the list", "direction": "down", "target_value": "3"})
    assert response.status_code == 303
    page = text(client.get(f"/plans/{plan.id}"))
    assert "Veterans on the list" in page and "Dotted: target 3" in page


def test_north_stars_follow_new_values_and_leave_the_home_page_with_a_completed_plan(login_as):
    plan = make_plan()
    measure = make_measure(plan, north_star=True,
                           points=[DataPoint(observed_on=date(2026, 1, 1), value=18)])
    client = login_as("coordinator")
    assert "18 veterans (2026-01-01)" in text(client.get("/"))
    client.post(f"/plans/measures/{measure.id}/points",
                data={"observed_on": "2026-02-01", "value": "15"})
    assert "15 veterans (2026-02-01)" in text(client.get("/"))
    plan.status = "completed"
    db.session.commit()
    assert "North-star measures" not in text(client.get("/"))


def test_the_month_so_far_is_told_from_the_day_the_chart_is_shown(login_as, clock):
    clock(datetime(2026, 6, 15, 12, 0))
    plan = make_plan()
    make_measure(plan, points=[DataPoint(observed_on=date(2026, m, 1), value=m) for m in range(1, 7)])
    client = login_as("viewer")
    assert "(month so far)" in text(client.get(f"/plans/{plan.id}"))
    clock(datetime(2026, 7, 2, 12, 0))
    assert "(month so far)" not in text(client.get(f"/plans/{plan.id}"))


def test_plans_due_for_review_leave_the_home_page_once_reviewed(login_as, clock):
    clock(datetime(2026, 6, 15, 12, 0))
    plan = make_plan(next_review_on=date(2026, 6, 20))
    client = login_as("coordinator")
    assert "Plans due for review" in text(client.get("/"))
    response = client.post(f"/plans/{plan.id}/review", data={
        "reviewed_on": "2026-06-15", "progress": "On track."})
    assert response.status_code == 303
    assert "Plans due for review" not in text(client.get("/"))


def test_the_home_page_counts_all_my_open_items_and_lists_the_first(login_as, factory, clock):
    clock(datetime(2026, 6, 15, 12, 0))
    harbor = factory.organization("Harbor House")
    plan = make_plan()
    for n in range(60):
        db.session.add(ActionItem(plan=plan, description=f"Task {n:02d}", organization=harbor,
                                  due_on=date(2026, 6, 10) + timedelta(days=n)))
    db.session.add(ActionItem(plan=plan, description="Done already", organization=harbor,
                              status="done", due_on=date(2026, 6, 1)))
    db.session.commit()
    client = login_as("provider", organization=harbor)
    page = text(client.get("/"))
    assert "60 open, 5 overdue ." in page
    assert "Task 00" in page and "Task 07" in page and "Task 08" not in page
    assert "Done already" not in page
    # The counts come from the cache (numbers only, per reader and day): a change shows at once.
    db.session.scalar(select(ActionItem).where(ActionItem.description == "Task 00")).status = "done"
    db.session.add(ActionItem(plan=plan, description="Late", organization=harbor,
                              due_on=date(2026, 6, 1)))
    db.session.add(ActionItem(plan=plan, description="Late too", organization=harbor,
                              due_on=date(2026, 6, 2)))
    db.session.commit()
    assert "61 open, 6 overdue ." in text(client.get("/"))


def test_the_plans_record_follows_edits_reviews_tests_of_change_and_renamed_people(
        login_as, factory):
    harbor, cedar = factory.organization("Harbor House"), factory.organization("Cedar Valley")
    client = login_as("coordinator", name="Dana Lee")
    plan = make_plan(owner=client.user, lead_organization=harbor)
    viewer = login_as("viewer")
    page = text(viewer.get(f"/plans/{plan.id}"))
    assert "Owner: Dana Lee" in page and "Harbor House" in page and "Not reviewed yet." in page
    response = client.post(f"/plans/{plan.id}/edit", data={
        "title": plan.title, "status": "active", "lead_organization_id": str(harbor.id),
        "partner_ids": [str(cedar.id)], "owner_id": str(client.user.id),
        "review_every_months": "3"})
    assert response.status_code == 303
    assert "Partners Cedar Valley" in text(viewer.get(f"/plans/{plan.id}"))
    client.post(f"/plans/{plan.id}/review", data={"reviewed_on": "2026-06-15",
                                                  "progress": "Placements up."})
    client.post(f"/plans/{plan.id}/pdsa/new", data={"title": "Friday discharge call", "act": ""})
    page = text(viewer.get(f"/plans/{plan.id}"))
    assert "Placements up." in page and "by Dana Lee" in page and "last 2026-06-15" in page
    assert "Friday discharge call" in page
    client.user.name = "Dana Okafor"
    cedar.name = "Cedar Valley Health"
    db.session.commit()
    page = text(viewer.get(f"/plans/{plan.id}"))
    assert "Owner: Dana Okafor" in page and "by Dana Okafor" in page
    assert "Partners Cedar Valley Health" in page


def test_the_all_items_filter_choices_follow_a_new_owner_or_plan_at_once(login_as, factory):
    plan = make_plan(title="Discharge to respite")
    harbor, nia = factory.organization("Harbor House"), factory.user("provider", name="Nia Owner")
    db.session.add(ActionItem(plan=plan, description="Call", owner_id=nia.id, due_on=date(2026, 1, 1)))
    db.session.commit()
    client = login_as("coordinator")

    def choices(field_id: str) -> list[str]:
        return texts(client.get("/plans/items"), f"#{field_id} option")

    assert choices("owner") == ["anyone", "Nia Owner"]
    assert choices("organization") == ["any organization"]
    _, seen = statements_of(lambda: client.get("/plans/items"))
    assert not any("DISTINCT" in s or s.startswith("SELECT action_plan.") for s in seen)  # cached
    db.session.add(ActionItem(plan=make_plan(title="Youth beds"), description="Ask",
                              organization_id=harbor.id, due_on=date(2026, 1, 1)))
    db.session.commit()
    assert choices("organization") == ["any organization", "Harbor House"]
    assert choices("plan") == ["any plan", "Discharge to respite", "Youth beds"]
    nia.name = "Nia Renamed"
    db.session.commit()
    assert choices("owner") == ["anyone", "Nia Renamed"]


def test_the_plans_own_columns_come_with_its_cached_record_and_follow_an_edit(login_as):
    plan = make_plan(title="Discharge to respite", aim="Fewer exits to the street")
    url = f"/plans/{plan.id}"
    client = login_as("coordinator")
    assert text(client.get(url), "h1") == "Discharge to respite"
    _, seen = statements_of(lambda: client.get(url))
    assert not any(s.startswith("SELECT action_plan.") for s in seen)  # the record has them
    plan.title, plan.target_population = "Respite first", 40
    db.session.commit()
    page = client.get(url)
    assert text(page, "h1") == "Respite first" and "Target population: 40" in text(page)
    db.session.delete(plan)
    db.session.commit()
    assert client.get(url).status_code == 404


def test_the_all_items_count_follows_each_change_at_once(login_as, clock):
    """Past a full page the all-items view's count comes from the cache (a number, per filters
    and day): an item closed or come due shows in it on the next view, and a new day moves
    what is overdue."""
    clock(datetime(2026, 6, 15, 12, 0))
    plan = make_plan()
    items = [ActionItem(plan=plan, description=f"Task {n:02d}", due_on=date(2026, 6, 1))
             for n in range(52)]
    db.session.add_all(items + [ActionItem(plan=plan, description="Due tomorrow",
                                           due_on=date(2026, 6, 16))])
    db.session.commit()
    client = login_as("coordinator")

    def caption() -> str:
        return text(client.get("/plans/items?due=overdue"), "#items-table caption")

    assert caption() == "52 items"
    items[0].status = "done"
    db.session.commit()
    assert caption() == "51 items"
    db.session.add(ActionItem(plan=plan, description="Late", due_on=date(2026, 6, 2)))
    db.session.commit()
    assert caption() == "52 items"
    clock(datetime(2026, 6, 17, 12, 0))
    assert caption() == "53 items"
