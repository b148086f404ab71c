"""Action plans: plans, measures and data points, items and who may update them, overdue logic,
my items, the all-items view and its CSV, reviews, PDSA cycles, and the home page."""
import csv
import io
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select
from support import field_error, soup, text

from hh.admin.models import AuditEvent
from hh.extensions import db
from hh.plans import services
from hh.plans.models import (
    ActionItem,
    ActionPlan,
    DataPoint,
    ItemUpdate,
    Measure,
    PdsaCycle,
    PlanReview,
)
from hh.timeutil import local_today

HTMX = {"HX-Request": "true"}


def html(response) -> str:
    """The raw page, for what only the markup shows (escaping, the chart, a swapped row)."""
    return response.get_data(as_text=True)


@pytest.fixture
def today(clock):
    """Freeze the clock at noon UTC on 2026-06-15 (07:00 in the CoC's default time zone)."""
    clock(datetime(2026, 6, 15, 12, 0))
    return date(2026, 6, 15)


def make_plan(title="Discharge to respite", **kwargs) -> ActionPlan:
    plan = ActionPlan(title=title, status=kwargs.pop("status", "active"), **kwargs)
    db.session.add(plan)
    db.session.commit()
    return plan


def make_item(plan, description="Train discharge nurses", **kwargs) -> ActionItem:
    item = ActionItem(plan=plan, description=description, **kwargs)
    db.session.add(item)
    db.session.commit()
    return item


# --- Plans ------------------------------------------------------------------------------------


def test_a_coordinator_starts_a_plan_with_partners_and_a_review_date(login_as, factory, today):
    lead, partner = factory.organization("Cedar Valley Regional Hospital"), factory.organization("Harbor House")
    client = login_as("coordinator")
    response = client.post("/plans/new", data={
        "title": "Hospital discharge to medical respite", "aim": "No discharges to the street.",
        "population_focus": "People leaving hospital", "lead_organization_id": str(lead.id),
        "partner_ids": [str(partner.id)], "owner_id": str(client.user.id), "status": "active",
        "start_on": "2026-01-01", "end_on": "2026-12-31", "review_every_months": "3"})
    assert response.status_code == 303
    plan = db.session.scalar(select(ActionPlan))
    assert plan.title == "Hospital discharge to medical respite"
    assert plan.lead_organization == lead and plan.partners == [partner]
    assert plan.next_review_on == date(2026, 9, 15)  # one quarter from today
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "plan_created"))
    page = text(client.get(response.headers["Location"]))
    assert "No discharges to the street." in page and "Harbor House" in page
    assert "Hospital discharge to medical respite" in text(client.get("/plans/"))


def test_with_many_organizations_their_names_are_typed(login_as, factory, today, monkeypatch):
    """Beyond a list's worth of organizations the plan form asks for names (a select and a
    checkbox per organization weighed megabytes); what is typed is looked up, in any case."""
    from hh.directory import services as directory

    monkeypatch.setattr(directory, "ORGANIZATIONS_LISTED", 1)
    lead, partner = factory.organization("Cedar Valley Regional Hospital"), factory.organization("Harbor House")
    client = login_as("coordinator")
    form = soup(client.get("/plans/new"))
    assert form.select_one("#lead_organization_id")["type"] == "text"
    assert form.select_one("textarea#partner_ids") is not None
    assert text(str(form.select_one("#lead_organization_id-hint"))) == (
        "Type the organization's name as the directory has it.")
    data = {"title": "Respite", "status": "active", "review_every_months": "3",
            "lead_organization_id": "cedar valley regional hospital",
            "partner_ids": "Harbor House\n\nNowhere Shelter\n"}
    refused = client.post("/plans/new", data=data)
    assert refused.status_code == 422 and db.session.scalar(select(ActionPlan)) is None
    assert field_error(refused, "partner_ids") == (
        "No organization is named “Nowhere Shelter”: type its name as the directory has it.")
    assert soup(refused).select_one("textarea#partner_ids").get_text().strip() == (
        "Harbor House\n\nNowhere Shelter")  # as typed
    data["partner_ids"] = "Harbor House\n"
    assert client.post("/plans/new", data=data).status_code == 303
    plan = db.session.scalar(select(ActionPlan))
    assert plan.lead_organization == lead and plan.partners == [partner]
    edit = soup(client.get(f"/plans/{plan.id}/edit"))
    assert edit.select_one("#lead_organization_id")["value"] == "Cedar Valley Regional Hospital"
    assert edit.select_one("textarea#partner_ids").get_text().strip() == "Harbor House"


@pytest.mark.parametrize("field,value,message", [
    ("title", "", "Enter the plan's title."),
    ("title", "x" * 201, "Field cannot be longer than 200 characters."),
    ("review_every_months", "often", "Enter a whole number of months from 1 to 12."),
    ("review_every_months", "0", "Enter a whole number of months from 1 to 12."),
    ("lead_organization_id", "999999", "Choose an organization from the list."),
    ("lead_organization_id", "abc", "Choose an organization from the list."),
    ("partner_ids", "not-a-number", "Invalid choice(s)"),
    ("partner_ids", "99999999999999999999999", "Choose partners from the list."),
    ("owner_id", "99999999999999999999999", "Choose a person from the list."),
    ("status", "finished", "Not a valid choice."),
    ("start_on", "next tuesday", "Not a valid date value."),
    ("end_on", "2020-01-01", "The end date cannot be before the start date."),
])
def test_bad_plan_input_is_refused_next_to_its_field(login_as, field, value, message):
    client = login_as("coordinator")
    data = {"title": "Veterans", "status": "draft", "review_every_months": "3", "start_on": "2026-01-01"}
    data[field] = value
    response = client.post("/plans/new", data=data)
    assert response.status_code == 422
    assert message in text(response)
    assert db.session.scalar(select(ActionPlan)) is None


def test_editing_a_plan_with_bad_input_keeps_what_was_saved(login_as):
    plan = make_plan(aim="Keep me")
    client = login_as("coordinator")
    response = client.post(f"/plans/{plan.id}/edit", data={"title": "", "aim": "changed"})
    assert response.status_code == 422
    db.session.refresh(plan)
    assert plan.title == "Discharge to respite" and plan.aim == "Keep me"


def test_user_text_is_escaped_through_the_explain_filter(login_as):
    plan = make_plan(aim="<script>alert(1)</script> shared aim")
    page = html(login_as("viewer").get(f"/plans/{plan.id}"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; shared aim" in page


# --- Measures and run charts --------------------------------------------------------------------


def test_measure_with_data_points_shows_its_run_chart_signal_and_numbers(login_as):
    plan = make_plan()
    measure = Measure(plan=plan, name="Discharges to the street", unit="people", baseline_value=14,
                      target_value=2, direction="down")
    values = [14, 13, 15, 14, 13, 14, 6, 5, 6, 4, 5, 3]
    measure.points = [DataPoint(observed_on=date(2025, m, 1), value=v) for m, v in zip(range(1, 13), values)]
    db.session.add(measure)
    db.session.commit()
    client = login_as("viewer")
    for url in (f"/plans/{plan.id}", f"/plans/measures/{measure.id}"):
        page = html(client.get(url))
        assert "<svg" in page and 'role="img"' in page
        assert "Shift: 6 points in a row below the median, Jul 2025 to Dec 2025" in page
        assert "<caption>Discharges to the street (people): 12 data points</caption>" in page
        assert "<th scope=\"row\">2025-03-01</th><td>15</td>" in page
        assert "Dotted: target 2" in page and "Long dashes: baseline 14" in page
    assert "Record a value" not in page  # viewers read only


def test_a_coordinator_records_and_corrects_data_points(login_as):
    plan = make_plan()
    measure = Measure(plan=plan, name="Placements")
    db.session.add(measure)
    db.session.commit()
    client = login_as("coordinator")
    url = f"/plans/measures/{measure.id}/points"
    assert client.post(url, data={"observed_on": "2026-01-01", "value": "4"}).status_code == 303
    assert client.post(url, data={"observed_on": "2026-01-01", "value": "5.5", "note": "recount"}).status_code == 303
    points = db.session.scalars(select(DataPoint)).all()
    assert [(p.observed_on, p.value, p.note) for p in points] == [(date(2026, 1, 1), 5.5, "recount")]
    assert points[0].entered_by_id == client.user.id


@pytest.mark.parametrize("data,message", [
    ({"observed_on": "2026-02-01", "value": "lots"}, "Enter a number, like 12 or 4.5."),
    ({"observed_on": "2026-02-01", "value": "nan"}, "Enter a number between"),
    ({"observed_on": "2026-02-01", "value": "1e400"}, "Enter a number between"),
    ({"observed_on": "2026-02-01", "value": ""}, "Enter the value."),
    ({"observed_on": "", "value": "3"}, "Enter the date the value is for."),
    ({"observed_on": "31/02/2026", "value": "3"}, "Not a valid date value."),
    ({"observed_on": "2026-02-01", "value": "3", "note": "n" * 501}, "Field cannot be longer than 500 characters."),
])
def test_bad_data_points_are_refused_and_nothing_is_lost(login_as, data, message):
    plan = make_plan()
    measure = Measure(plan=plan, name="Placements", points=[DataPoint(observed_on=date(2026, 1, 1), value=4)])
    db.session.add(measure)
    db.session.commit()
    response = login_as("coordinator").post(f"/plans/measures/{measure.id}/points", data=data)
    assert response.status_code == 422
    assert message in text(response)
    assert [(p.observed_on, p.value) for p in db.session.scalars(select(DataPoint))] == [(date(2026, 1, 1), 4)]


def test_measure_form_refuses_bad_numbers_and_saves_north_star(login_as):
    plan = make_plan()
    client = login_as("coordinator")
    bad = client.post(f"/plans/{plan.id}/measures/new", data={"name": "Active", "baseline_value": "ten",
                                                               "direction": "down"})
    assert bad.status_code == 422 and "Enter a number, like 12 or 4.5." in text(bad)
    good = client.post(f"/plans/{plan.id}/measures/new", data={
        "name": "Veterans actively homeless", "direction": "down", "baseline_value": "31",
        "target_value": "-0", "north_star": "y"})
    assert good.status_code == 303
    measure = db.session.scalar(select(Measure))
    assert measure.north_star and measure.baseline_value == 31 and measure.target_value == 0


# --- Items, permissions, overdue -----------------------------------------------------------------


def test_a_provider_cannot_update_someone_elses_item(login_as, factory):
    plan = make_plan()
    item = make_item(plan, organization=factory.organization("Other agency"))
    client = login_as("provider", organization=factory.organization("Harbor House"))
    assert client.post(f"/plans/items/{item.id}/status", data={f"i{item.id}-status": "done"}).status_code == 403
    assert client.post(f"/plans/items/{item.id}/updates", data={"body": "Done!"}).status_code == 403
    assert client.get(f"/plans/items/{item.id}/edit").status_code == 403
    assert client.post(f"/plans/items/{item.id}/edit", data={"description": "mine now"}).status_code == 403
    db.session.refresh(item)
    assert item.status == "open" and item.description == "Train discharge nurses" and not item.updates
    page = text(client.get(f"/plans/items/{item.id}"))
    assert "Change the status" not in page and "Add the update" not in page


def test_a_provider_updates_their_own_and_their_organizations_items(login_as, factory):
    harbor = factory.organization("Harbor House")
    plan = make_plan()
    client = login_as("provider", organization=harbor)
    own = make_item(plan, "Keep bed counts current", owner_id=client.user.id)
    org_item = make_item(plan, "Hire a respite nurse", organization=harbor)
    response = client.post(f"/plans/items/{own.id}/status", data={f"i{own.id}-status": "in_progress"})
    assert response.status_code == 303
    response = client.post(f"/plans/items/{org_item.id}/updates", data={"body": "Posted the job."})
    assert response.status_code == 303
    db.session.refresh(own)
    assert own.status == "in_progress"
    assert own.updates[0].status_change == "Status: In progress" and own.updates[0].author_id == client.user.id
    page = text(client.get(f"/plans/items/{org_item.id}"))
    assert "Posted the job." in page


def test_a_provider_edits_an_item_but_cannot_reassign_it(login_as, factory):
    harbor, other = factory.organization("Harbor House"), factory.organization("Other")
    plan = make_plan()
    client = login_as("provider", organization=harbor)
    item = make_item(plan, organization=harbor)
    form = html(client.get(f"/plans/items/{item.id}/edit"))
    assert 'name="organization_id"' not in form and 'name="due_on"' in form
    response = client.post(f"/plans/items/{item.id}/edit", data={
        "description": "Train all discharge nurses", "due_on": "2026-07-01", "status": "open",
        "organization_id": str(other.id)})
    assert response.status_code == 303
    db.session.refresh(item)
    assert item.description == "Train all discharge nurses" and item.due_on == date(2026, 7, 1)
    assert item.organization_id == harbor.id


def test_blocked_needs_a_reason_and_an_unknown_status_is_refused(login_as):
    item = make_item(make_plan())
    client = login_as("coordinator")
    status, reason = f"i{item.id}-status", f"i{item.id}-blocked_reason"
    response = client.post(f"/plans/items/{item.id}/status", data={status: "blocked"})
    assert response.status_code == 422 and "Say what blocks it" in text(response)
    assert "Say what blocks it" in field_error(response, reason)
    response = client.post(f"/plans/items/{item.id}/status", data={status: "exploded"}, headers=HTMX)
    assert response.status_code == 422 and "Choose a status from the list." in field_error(response, status)
    response = client.post(f"/plans/items/{item.id}/status",
                           data={status: "blocked", reason: "Waiting for the MOU"}, headers=HTMX)
    assert response.status_code == 200
    row = html(response)
    assert row.lstrip().startswith(f'<tr id="item-{item.id}"') and "Blocked: Waiting for the MOU" in row
    db.session.refresh(item)
    assert item.status == "blocked" and item.blocked_reason == "Waiting for the MOU"


def test_new_item_needs_a_description_and_an_owner(login_as, factory):
    plan = make_plan()
    client = login_as("coordinator")
    response = client.post(f"/plans/{plan.id}/items/new", data={"description": "", "status": "open"})
    assert response.status_code == 422 and "Say what needs doing." in text(response)
    response = client.post(f"/plans/{plan.id}/items/new", data={"description": "Call the VA", "status": "open"})
    assert response.status_code == 422 and "Choose who owns it" in text(response)
    response = client.post(f"/plans/{plan.id}/items/new", data={
        "description": "Call the VA", "status": "open", "owner_id": "12345678"})
    assert response.status_code == 422 and "Choose a person from the list." in text(response)
    org = factory.organization("VA clinic")
    response = client.post(f"/plans/{plan.id}/items/new", data={
        "description": "Call the VA", "status": "open", "organization_id": str(org.id),
        "due_on": "2026-07-01"})
    assert response.status_code == 303
    item = db.session.scalar(select(ActionItem))
    assert (item.description, item.organization_id, item.due_on) == ("Call the VA", org.id, date(2026, 7, 1))


def test_inline_edit_with_htmx_swaps_the_row(login_as, factory):
    org = factory.organization("Harbor House")
    item = make_item(make_plan(), organization=org)
    client = login_as("coordinator")
    form = html(client.get(f"/plans/items/{item.id}/edit", headers=HTMX))
    assert form.lstrip().startswith(f'<tr id="item-{item.id}"') and "<form" in form and "<html" not in form
    bad = client.post(f"/plans/items/{item.id}/edit", data={"description": "", "organization_id": str(org.id)},
                      headers=HTMX)
    assert bad.status_code == 422 and "Say what needs doing." in text(bad)
    good = client.post(f"/plans/items/{item.id}/edit", headers=HTMX, data={
        "description": "Train every nurse", "organization_id": str(org.id), "status": "open",
        "due_on": "2026-07-01"})
    assert good.status_code == 200 and "Train every nurse" in text(good)
    assert 'hx-post="/plans/items/%d/status"' % item.id in html(good)
    cancel = client.get(f"/plans/items/{item.id}", headers=HTMX)
    assert html(cancel).lstrip().startswith(f'<tr id="item-{item.id}"')


def test_overdue_uses_dates_in_the_cocs_time_zone(app, clock):
    plan = make_plan()
    item = make_item(plan, due_on=date(2026, 3, 10))
    # 02:00 UTC on the 11th is still the evening of the 10th in Chicago: not overdue yet.
    clock(datetime(2026, 3, 11, 2, 0))
    assert local_today() == date(2026, 3, 10)
    assert not services.is_overdue(item)
    clock(datetime(2026, 3, 11, 7, 0))
    assert services.is_overdue(item)
    app.config["TIMEZONE"] = "Pacific/Kiritimati"  # UTC+14: already the 11th at 10:00 UTC on the 10th
    clock(datetime(2026, 3, 10, 10, 0))
    assert local_today() == date(2026, 3, 11) and services.is_overdue(item)
    item.status = "done"
    assert not services.is_overdue(item)  # done items are never overdue
    assert not services.is_overdue(ActionItem(status="open", due_on=None))


def test_overdue_items_stand_out_with_words_not_only_colour(login_as, today):
    plan = make_plan()
    make_item(plan, "Late one", due_on=today - timedelta(days=1))
    make_item(plan, "Due today", due_on=today)
    page = html(login_as("viewer").get(f"/plans/{plan.id}"))
    late_row = page[page.index("Late one"):page.index("</tr>", page.index("Late one"))]
    today_row = page[page.index("Due today"):page.index("</tr>", page.index("Due today"))]
    assert "Overdue" in late_row and "Overdue" not in today_row
    assert "1 overdue" in page


# --- My items, all items, CSV -------------------------------------------------------------------


def test_my_items_lists_mine_and_my_organizations_open_items(login_as, factory, today):
    harbor = factory.organization("Harbor House")
    plan = make_plan()
    client = login_as("provider", organization=harbor)
    make_item(plan, "Mine", owner_id=client.user.id, due_on=today + timedelta(days=3))
    make_item(plan, "Ours", organization=harbor, due_on=today - timedelta(days=2))
    make_item(plan, "Theirs", organization=factory.organization("Other"))
    make_item(plan, "Finished", owner_id=client.user.id, status="done")
    page = text(client.get("/plans/my-items"))
    assert "Mine" in page and "Ours" in page and "Theirs" not in page and "Finished" not in page
    assert page.index("Ours") < page.index("Mine")  # earliest due first
    assert "2 items still open" in page
    assert "Finished" in text(client.get("/plans/my-items?closed=1"))
    assert "0 items still open" in text(login_as("viewer").get("/plans/my-items"))


def test_all_items_filters_and_exports_csv(login_as, factory, today):
    harbor, va = factory.organization("Harbor House"), factory.organization("VA clinic")
    respite, veterans = make_plan("Respite"), make_plan("Veterans")
    make_item(respite, "=HYPERLINK(\"http://evil\")", organization=harbor, due_on=today - timedelta(days=5))
    make_item(respite, "Due soon", organization=harbor, due_on=today + timedelta(days=3))
    make_item(veterans, "Veteran task", organization=va, due_on=today + timedelta(days=20))
    make_item(veterans, "Closed task", organization=va, status="done")
    client = login_as("coordinator")
    page = text(client.get(f"/plans/items?organization={harbor.id}"))
    assert "Due soon" in page and "Veteran task" not in page
    page = text(client.get("/plans/items?due=overdue"))
    assert "HYPERLINK" in page and "Due soon" not in page
    page = text(client.get("/plans/items?due=7"))
    assert "Due soon" in page and "Veteran task" not in page
    page = text(client.get(f"/plans/items?plan={veterans.id}&status=all"))
    assert "Closed task" in page and "Due soon" not in page
    partial = text(client.get(f"/plans/items?plan={veterans.id}", headers=HTMX))
    assert "<html" not in partial and "Veteran task" in partial
    hostile = client.get("/plans/items?owner=abc&organization=-4&plan=99999999999999999999&due=soon&status=x")
    assert hostile.status_code == 200

    response = client.get(f"/plans/items.csv?plan={respite.id}")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == services.ITEM_CSV_HEADER
    by_description = {row[2]: row for row in rows[1:]}
    assert set(by_description) == {"'=HYPERLINK(\"http://evil\")", "Due soon"}
    late = by_description["'=HYPERLINK(\"http://evil\")"]
    assert late[1] == "Respite" and late[4] == "Harbor House"
    assert late[5] == (today - timedelta(days=5)).isoformat() and late[8] == "yes"
    assert by_description["Due soon"][8] == "no"


# --- Reviews and PDSA ------------------------------------------------------------------------------


def test_review_gathers_what_changed_since_the_last_review(login_as, today, monkeypatch):
    plan = make_plan(review_every_months=3, next_review_on=today)
    plan.reviews.append(PlanReview(reviewed_on=date(2026, 3, 1), progress="Earlier"))
    measure = Measure(plan=plan, name="Placements")
    measure.points = [DataPoint(observed_on=date(2026, 1, 1), value=2, entered_at=datetime(2026, 2, 1)),
                      DataPoint(observed_on=date(2026, 5, 1), value=5, entered_at=datetime(2026, 5, 3))]
    db.session.add(measure)
    old = ActionItem(plan=plan, description="Old and done", status="done", created_at=datetime(2026, 1, 5),
                     done_at=datetime(2026, 2, 1))
    fresh = ActionItem(plan=plan, description="Done since", status="done", created_at=datetime(2026, 1, 5),
                       done_at=datetime(2026, 4, 2))
    added = ActionItem(plan=plan, description="Added since", created_at=datetime(2026, 4, 20),
                       due_on=date(2026, 5, 1))
    db.session.add_all([old, fresh, added])
    db.session.commit()
    facts = services.review_facts(plan)
    assert facts.since == date(2026, 3, 1)
    assert [p.value for p in facts.new_points] == [5]
    assert facts.items_done == [fresh] and facts.items_added == [added] and facts.items_overdue == [added]

    client = login_as("coordinator")
    page = text(client.get(f"/plans/{plan.id}/review"))
    assert "Done since" in page and "Old and done" not in page and "Added since" in page
    bad = client.post(f"/plans/{plan.id}/review", data={"reviewed_on": "2026-06-15", "progress": ""})
    assert bad.status_code == 422 and "Summarise the progress" in text(bad)
    bad = client.post(f"/plans/{plan.id}/review", data={"reviewed_on": "2026-06-15", "progress": "ok",
                                                         "next_review_on": "2026-06-01"})
    assert bad.status_code == 422 and "must come after" in text(bad)
    response = client.post(f"/plans/{plan.id}/review", data={
        "reviewed_on": "2026-06-15", "progress": "Placements up.", "changes": "Pivoted to landlords.",
        "next_steps": "Ask for incentive fund."})
    assert response.status_code == 303
    db.session.refresh(plan)
    assert plan.next_review_on == date(2026, 9, 15)
    assert services.last_review(plan).progress == "Placements up."
    page = text(client.get(f"/plans/{plan.id}"))
    assert "Pivoted to landlords." in page and "2026-09-15" in page
    # After this review, the facts start afresh from it.
    assert services.review_facts(plan).since == date(2026, 6, 15)


def test_pdsa_cycle_is_planned_then_studied(login_as):
    plan = make_plan()
    client = login_as("coordinator")
    bad = client.post(f"/plans/{plan.id}/pdsa/new", data={"title": "", "act": ""})
    assert bad.status_code == 422 and "Name the test of change." in text(bad)
    bad = client.post(f"/plans/{plan.id}/pdsa/new", data={"title": "Call", "act": "maybe"})
    assert bad.status_code == 422 and "Not a valid choice." in text(bad)
    response = client.post(f"/plans/{plan.id}/pdsa/new", data={
        "title": "Friday discharge call", "plan_text": "Nurse calls the shelter",
        "prediction": "Fewer Friday street discharges", "started_on": "2026-05-01", "act": ""})
    assert response.status_code == 303
    cycle = db.session.scalar(select(PdsaCycle))
    response = client.post(f"/plans/pdsa/{cycle.id}/edit", data={
        "title": cycle.title, "plan_text": cycle.plan_text, "prediction": cycle.prediction,
        "started_on": "2026-05-01", "ended_on": "2026-05-29", "study_text": "One instead of three",
        "act": "adopt"})
    assert response.status_code == 303
    db.session.refresh(cycle)
    assert cycle.act == "adopt" and cycle.ended_on == date(2026, 5, 29)
    page = html(login_as("viewer").get(f"/plans/{plan.id}"))
    assert "Friday discharge call" in page and "One instead of three" in page and "Adopt" in page


# --- Home page ------------------------------------------------------------------------------------


def test_home_page_shows_my_items_north_stars_and_reviews_due(login_as, factory, today):
    harbor = factory.organization("Harbor House")
    plan = make_plan(next_review_on=today + timedelta(days=3))
    measure = Measure(plan=plan, name="Veterans actively homeless", unit="veterans", north_star=True,
                      points=[DataPoint(observed_on=date(2026, 5, 1), value=18)])
    db.session.add(measure)
    db.session.commit()
    provider = login_as("provider", organization=harbor)
    make_item(plan, "Update the bed count", organization=harbor, due_on=today - timedelta(days=1))
    page = html(provider.get("/"))
    assert "Veterans actively homeless" in page and "<strong>18</strong> veterans" in page
    assert "Update the bed count" in page and "1 overdue" in page
    assert "Plans due for review" not in page
    page = html(login_as("coordinator").get("/"))
    assert "Plans due for review" in page and "Discharge to respite" in page


def test_updates_are_audited_without_their_text(login_as, factory):
    harbor = factory.organization("Harbor House")
    item = make_item(make_plan(), organization=harbor)
    client = login_as("provider", organization=harbor)
    client.post(f"/plans/items/{item.id}/updates", data={"body": "Client J.D. moved in"})
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "item_update_added"))
    assert event is not None and "J.D." not in event.detail
    assert db.session.scalar(select(ItemUpdate)).body == "Client J.D. moved in"
    empty = client.post(f"/plans/items/{item.id}/updates", data={"body": "   "})
    assert empty.status_code == 422 and "Write the update first." in text(empty)
    long = client.post(f"/plans/items/{item.id}/updates", data={"body": "x" * 4001})
    assert long.status_code == 422


def test_unknown_ids_are_404_not_500(login_as):
    client = login_as("coordinator")
    for url in ("/plans/999", "/plans/measures/999", "/plans/items/999", "/plans/999/review",
                "/plans/pdsa/999/edit"):
        assert client.get(url).status_code == 404
    assert client.post("/plans/items/999/status", data={"i999-status": "done"}).status_code == 404


def test_plan_page_lists_the_first_open_items_and_links_to_all(login_as, today):
    plan = make_plan()
    for n in range(services.PLAN_PAGE_ITEMS + 5):
        db.session.add(ActionItem(plan=plan, description=f"Task number {n:02d}",
                                  due_on=today + timedelta(days=n - 3)))
    db.session.add(ActionItem(plan=plan, description="Closed long ago", status="dropped"))
    db.session.commit()
    client = login_as("viewer")
    page = text(client.get(f"/plans/{plan.id}"))
    shown = services.PLAN_PAGE_ITEMS
    assert f"The {shown} open items due first, of {shown + 5}" in page
    assert "Task number 00" in page and f"Task number {shown + 4}" not in page
    assert f"Show all {shown + 5} open items" in page and "3 overdue" in page
    assert "1 done or dropped" in page and "Closed long ago" in page
    page = text(client.get(f"/plans/{plan.id}?items=all"))
    assert f"All {shown + 5} open items" in page and f"Task number {shown + 4}" in page


def test_changes_need_the_csrf_token(csrf_app, factory):
    from support import csrf_token_from, login

    user = factory.user("coordinator")
    client = csrf_app.test_client()
    token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    assert login(client, user.email, csrf_token=token).status_code == 303
    item = make_item(make_plan())
    response = client.post(f"/plans/items/{item.id}/status", data={f"i{item.id}-status": "done"})
    assert response.status_code == 400
    db.session.refresh(item)
    assert item.status == "open"
    page = client.get(f"/plans/items/{item.id}").get_data(as_text=True)
    token = csrf_token_from(page)  # the page's form carries it for each of its parts
    response = client.post(f"/plans/items/{item.id}/status", data={
        f"i{item.id}-status": "done", f"i{item.id}-csrf_token": token, "csrf_token": token})
    assert response.status_code == 303
    db.session.refresh(item)
    assert item.status == "done"
