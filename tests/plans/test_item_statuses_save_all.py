"""The item tables (a plan's open items, my items, all items) without JavaScript: every row's status
fields belong to the page's one form, so pressing one row's Set (or "Save all") saves every row
whose status changed, and a row refused keeps what was typed in it, and in the others. With htmx a
row's Set saves only that row."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from support import field_error, form_values, soup, text

from hh.admin.models import AuditEvent
from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan, ItemUpdate

HTMX = {"HX-Request": "true"}


def _plan_with_items(count: int = 3, **item_kwargs) -> tuple[ActionPlan, list[ActionItem]]:
    plan = ActionPlan(title="Discharge to respite", status="active")
    items = [ActionItem(plan=plan, description=f"Task {n}", due_on=date(2026, 7, n + 1),
                        **item_kwargs) for n in range(count)]
    db.session.add_all([plan, *items])
    db.session.commit()
    return plan, items


def page_form(page, form_id: str = "item-statuses") -> dict:
    """The page's form as a browser sends it: the controls inside it and those joined to it by
    their form attribute (a row's button is added by whoever presses it)."""
    parsed = soup(page)
    return form_values(parsed.select_one(f"form#{form_id}"), parsed.select(f"[form={form_id}]"))


def _status(item: ActionItem) -> tuple[str, str]:
    item = db.session.get(ActionItem, item.id)
    return item.status, item.blocked_reason or ""


def test_the_rows_join_one_page_form_with_save_all_and_a_set_per_row(login_as):
    plan, items = _plan_with_items()
    page = soup(login_as("coordinator").get(f"/plans/{plan.id}"))
    form = page.select_one("main form#item-statuses")
    assert form["method"] == "post" and form["action"] == f"/plans/{plan.id}"
    assert not page.select("form table, form form")  # the table stays outside any form
    for item in items:
        row = page.select_one(f"#item-{item.id}")
        assert {c["name"] for c in row.select("[form=item-statuses]")} >= {
            f"i{item.id}-status", f"i{item.id}-blocked_reason", "saved_row"}
        button = row.select_one("button")
        assert (button["name"], button["value"]) == ("saved_row", str(item.id))
        assert button["hx-post"] == f"/plans/items/{item.id}/status"
        assert button["hx-target"] == f"#item-{item.id}"
    assert [b.get_text() for b in page.select("button.save-all")] == ["Save all"]
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_a_rows_set_without_javascript_saves_every_changed_row(login_as):
    plan, (first, second, third) = _plan_with_items()
    client = login_as("coordinator")
    data = page_form(client.get(f"/plans/{plan.id}"))
    data.update({f"i{first.id}-status": "in_progress",
                 f"i{second.id}-status": "blocked",
                 f"i{second.id}-blocked_reason": "Waiting for the MOU",
                 "saved_row": str(second.id)})  # the second row's Set was pressed
    response = client.post(f"/plans/{plan.id}", data=data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/plans/{plan.id}#item-{second.id}")
    assert _status(first) == ("in_progress", "")
    assert _status(second) == ("blocked", "Waiting for the MOU")
    assert _status(third) == ("open", "")
    assert db.session.scalar(select(func.count(ItemUpdate.id))) == 2  # one line in each thread
    page = client.get(response.headers["Location"])
    assert "Saved the status of 2 items." in text(page, "#status")
    assert soup(page).select_one(f"#i{first.id}-status option[selected]")["value"] == "in_progress"


def test_save_all_refuses_a_bad_row_keeps_every_typed_value_and_saves_the_rest(login_as):
    plan, (first, second, third) = _plan_with_items()
    client = login_as("coordinator")
    data = page_form(client.get(f"/plans/{plan.id}"))
    data.update({f"i{first.id}-status": "blocked",  # no reason: refused
                 f"i{second.id}-status": "done",
                 f"i{third.id}-blocked_reason": "typed, status left open"})
    response = client.post(f"/plans/{plan.id}", data=data)  # "Save all"
    assert response.status_code == 422
    assert soup(response).title.get_text().startswith("Error: ")
    assert "Say what blocks it" in field_error(response, f"i{first.id}-blocked_reason")
    summary = soup(response).select_one("#error-summary [role=alert]")
    assert [a["href"] for a in summary.select("a")] == [f"#i{first.id}-blocked_reason"]
    # Every row as typed.
    page = soup(response)
    assert page.select_one(f"#i{first.id}-status option[selected]")["value"] == "blocked"
    assert page.select_one(f"#i{third.id}-blocked_reason")["value"] == "typed, status left open"
    # The good row was saved, the refused one not.
    assert "Saved the status of 1 item." in text(response, "#status")
    assert _status(second) == ("done", "")
    assert _status(first) == ("open", "")
    # Fixed and sent again: saved.
    data = page_form(response) | {f"i{first.id}-blocked_reason": "Waiting for the MOU"}
    assert client.post(f"/plans/{plan.id}", data=data).status_code == 303
    assert _status(first) == ("blocked", "Waiting for the MOU")


def test_unchanged_rows_are_not_touched(login_as):
    plan, _ = _plan_with_items()
    client = login_as("coordinator")
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    response = client.post(f"/plans/{plan.id}", data=page_form(client.get(f"/plans/{plan.id}")))
    assert response.status_code == 303
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before
    assert db.session.scalar(select(ItemUpdate)) is None
    assert "Nothing had changed." in text(client.get(response.headers["Location"]), "#status")


def test_my_items_and_all_items_save_all_and_come_back_to_the_same_list(login_as, factory):
    harbor = factory.organization("Harbor House")
    plan, (mine, other) = _plan_with_items(2, organization=harbor)
    provider = login_as("provider", organization=harbor)
    data = page_form(provider.get("/plans/my-items?closed=1"))
    data.update({f"i{mine.id}-status": "done", f"i{other.id}-status": "in_progress"})
    response = provider.post("/plans/my-items?closed=1", data=data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/plans/my-items?closed=1")
    assert (_status(mine), _status(other)) == (("done", ""), ("in_progress", ""))

    coordinator = login_as("coordinator")
    url = f"/plans/items?plan={plan.id}&status=all"
    data = page_form(coordinator.get(url)) | {f"i{other.id}-status": "blocked"}
    response = coordinator.post(url, data=data)
    assert response.status_code == 422  # no reason given
    assert "Say what blocks it" in field_error(response, f"i{other.id}-blocked_reason")
    assert soup(response).select_one("form#item-statuses")["action"] == url


def test_a_row_the_person_may_not_update_refuses_the_whole_save(login_as, factory):
    plan, (theirs,) = _plan_with_items(1, organization=factory.organization("Other agency"))
    provider = login_as("provider", organization=factory.organization("Harbor House"))
    response = provider.post(f"/plans/{plan.id}", data={f"i{theirs.id}-status": "done"})
    assert response.status_code == 403
    assert _status(theirs) == ("open", "")
    viewer = login_as("viewer")
    assert viewer.post("/plans/my-items", data={f"i{theirs.id}-status": "done"}).status_code == 403
    assert not soup(viewer.get(f"/plans/{plan.id}")).select("main form#item-statuses, main button")


def test_with_htmx_a_rows_set_saves_only_that_row(login_as):
    plan, (first, second, _) = _plan_with_items()
    client = login_as("coordinator")
    data = page_form(client.get(f"/plans/{plan.id}"))
    data.update({f"i{first.id}-status": "in_progress", f"i{second.id}-status": "done",
                 "saved_row": str(second.id)})
    response = client.post(f"/plans/items/{second.id}/status", data=data, headers=HTMX)
    assert response.status_code == 200
    row = soup(response).select_one("tr")
    assert row["id"] == f"item-{second.id}" and soup(response).title is None
    assert _status(second) == ("done", "") and _status(first) == ("open", "")  # still in its select
    refused = client.post(f"/plans/items/{first.id}/status", headers=HTMX,
                          data=data | {f"i{first.id}-status": "blocked",
                                       f"i{first.id}-blocked_reason": ""})
    assert refused.status_code == 422
    assert "Say what blocks it" in field_error(refused, f"i{first.id}-blocked_reason")
    assert soup(refused).select_one(f"#i{first.id}-status option[selected]")["value"] == "blocked"


def test_a_refused_row_the_list_no_longer_shows_still_says_why(login_as):
    plan, (first, *_) = _plan_with_items()
    coordinator = login_as("coordinator")
    data = page_form(coordinator.get(f"/plans/{plan.id}"))
    db.session.get(ActionItem, first.id).status = "dropped"  # closed meanwhile, off the open list
    db.session.commit()
    response = coordinator.post(f"/plans/{plan.id}", data=data | {f"i{first.id}-status": "blocked"})
    assert response.status_code == 422
    assert f"Item {first.id}, not saved: Say what blocks it" in text(response, "#error-summary")
