"""The item page without JavaScript: one form holds its two parts (the status and a new update),
each button sending it to its own route, so what was typed in the part not sent stays on the page,
not saved yet, instead of being lost."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from support import field_error, form_values, soup, text

from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan, ItemUpdate

NOT_SAVED_YET = "What you typed in the page's other forms is still there, not saved yet."


def _item() -> ActionItem:
    plan = ActionPlan(title="Discharge to respite", status="active")
    item = ActionItem(plan=plan, description="Train discharge nurses", due_on=date(2026, 7, 1))
    db.session.add_all([plan, item])
    db.session.commit()
    return item


def page_form(page) -> dict:
    """The item page's one form as a browser sends it, before anything is typed."""
    return form_values(soup(page).select_one("main form[method=post]"))


def test_the_page_is_one_form_whose_buttons_send_it_to_their_own_routes(login_as):
    item = _item()
    page = soup(login_as("coordinator").get(f"/plans/items/{item.id}"))
    forms = page.select("main form[method=post]")
    assert len(forms) == 1
    buttons = {b.get_text(" ", strip=True): b["formaction"] for b in forms[0].select("button")}
    assert buttons == {"Set status": f"/plans/items/{item.id}/status",
                       "Add the update": f"/plans/items/{item.id}/updates"}
    # Each part's fields have their own names and ids (one unprefixed CSRF token only).
    names = [c["name"] for c in forms[0].select("[name]")]
    assert {f"i{item.id}-status", f"i{item.id}-blocked_reason", "body"} <= set(names)
    assert names.count("csrf_token") <= 1
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))
    # The thread is outside the form (paper leaves forms out, not the updates).
    assert not forms[0].select("#thread-section")


def test_setting_the_status_keeps_an_update_typed_but_not_added(login_as):
    item = _item()
    client = login_as("coordinator")
    data = page_form(client.get(f"/plans/items/{item.id}"))
    data.update({f"i{item.id}-status": "in_progress", "body": "Called the nursing lead twice."})
    response = client.post(f"/plans/items/{item.id}/status", data=data)  # "Set status" pressed
    assert response.status_code == 200
    assert db.session.get(ActionItem, item.id).status == "in_progress"
    assert db.session.scalar(select(ItemUpdate).where(ItemUpdate.body != "")) is None
    assert text(response, "#body") == "Called the nursing lead twice."
    assert NOT_SAVED_YET in text(response, "#status") and "Status: In progress." in text(response, "#status")
    # The part that was saved shows what is saved now.
    assert soup(response).select_one(f"#i{item.id}-status option[selected]")["value"] == "in_progress"
    assert "In progress" in text(response, ".facts")


def test_adding_an_update_keeps_a_status_chosen_but_not_set(login_as):
    item = _item()
    client = login_as("coordinator")
    data = page_form(client.get(f"/plans/items/{item.id}"))
    data.update({f"i{item.id}-status": "blocked", f"i{item.id}-blocked_reason": "Waiting for the MOU",
                 "body": "Met the hospital's discharge team."})
    response = client.post(f"/plans/items/{item.id}/updates", data=data)  # "Add the update" pressed
    assert response.status_code == 200
    assert db.session.scalar(select(ItemUpdate.body)) == "Met the hospital's discharge team."
    assert db.session.get(ActionItem, item.id).status == "open"  # not set
    page = soup(response)
    assert page.select_one(f"#i{item.id}-status option[selected]")["value"] == "blocked"
    assert page.select_one(f"#i{item.id}-blocked_reason")["value"] == "Waiting for the MOU"
    assert text(response, "#body") == ""  # the update was added: its box is empty again
    assert "Met the hospital's discharge team." in text(response, "#thread-section")
    assert NOT_SAVED_YET in text(response, "#status")


def test_with_nothing_typed_elsewhere_it_goes_back_to_the_page(login_as):
    item = _item()
    client = login_as("coordinator")
    data = page_form(client.get(f"/plans/items/{item.id}"))
    response = client.post(f"/plans/items/{item.id}/updates", data=data | {"body": "Booked a room."})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/plans/items/{item.id}#thread")
    response = client.post(f"/plans/items/{item.id}/status",
                           data=data | {f"i{item.id}-status": "done"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/plans/items/{item.id}")
    page = client.get(response.headers["Location"])
    assert NOT_SAVED_YET not in text(page) and "Status: Done." in text(page, "#status")


def test_a_refused_part_comes_back_with_both_parts_as_typed(login_as):
    item = _item()
    client = login_as("coordinator")
    data = page_form(client.get(f"/plans/items/{item.id}"))
    data.update({f"i{item.id}-status": "blocked", "body": "Draft sent to the hospital."})
    response = client.post(f"/plans/items/{item.id}/status", data=data)
    assert response.status_code == 422
    assert "Say what blocks it" in field_error(response, f"i{item.id}-blocked_reason")
    assert soup(response).select_one("#error-summary a")["href"] == f"#i{item.id}-blocked_reason"
    assert text(response, "#body") == "Draft sent to the hospital."
    assert soup(response).select_one(f"#i{item.id}-status option[selected]")["value"] == "blocked"
    assert db.session.get(ActionItem, item.id).status == "open"
    assert db.session.scalar(select(ItemUpdate)) is None

    data[f"i{item.id}-blocked_reason"] = "Waiting for the MOU"
    response = client.post(f"/plans/items/{item.id}/updates", data=data | {"body": "   "})
    assert response.status_code == 422
    assert field_error(response, "body") == "Write the update first."
    assert soup(response).select_one(f"#i{item.id}-blocked_reason")["value"] == "Waiting for the MOU"
