"""A household's status changes are parts of one page form, each button sending it to its own
route: without JavaScript, what was typed in one part is still there (not saved) after another
part is saved or refused, instead of being lost in the redirect."""
from __future__ import annotations

from datetime import timedelta

from conference_page_form import page_form, press
from support import field_error, soup, text

from hh.conferences.models import Household
from hh.extensions import db

NOT_SAVED = "What you typed in the page's other forms is still there, not saved yet."


def _page(client, household):
    return client.get(f"/conferences/households/{household.id}")


def test_the_status_changes_are_one_form_each_button_to_its_own_route(bnl, login_as):
    page = _page(login_as("coordinator"), bnl.consented)
    form = page_form(page)
    url = f"/conferences/households/{bnl.consented.id}"
    assert {b.get_text(" ", strip=True): b.get("formaction") for b in form.select("button")} == {
        "Nothing": None, "Mark housed": url + "/housed", "Make inactive": url + "/inactive",
        "Set the priority": url + "/priority", "Pause": url + "/pause"}
    # Enter in a field presses the form's first button: a disabled one, never "Mark housed".
    first = form.select_one("button")
    assert first.has_attr("disabled") and first.has_attr("hidden")
    ids = [tag["id"] for tag in soup(page).select("[id]")]
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_pausing_keeps_the_priority_typed_but_not_set(bnl, login_as):
    client = login_as("coordinator")
    revisit = (bnl.today + timedelta(days=30)).isoformat()
    url, data = press(_page(client, bnl.consented), "Pause", pause_reason="In treatment until March",
                      revisit_on=revisit, priority_override="900",
                      priority_reason="Medically fragile after discharge")
    response = client.post(url, data=data)
    # The pause is saved...
    assert response.status_code == 200
    household = db.session.get(Household, bnl.consented.id)
    assert (household.pause_reason, household.revisit_on.isoformat()) == (
        "In treatment until March", revisit)
    assert f"Household #{bnl.consented.id} is paused." in text(response, "#status")
    assert "Back on the agenda now" in text(response, "main")
    # ...and the priority typed in its own part is on the page, as typed, not saved.
    assert household.priority_override is None
    assert soup(response).select_one("#priority_override")["value"] == "900"
    assert soup(response).select_one("#priority_reason")["value"] == \
        "Medically fragile after discharge"
    assert NOT_SAVED in text(response, "#status")


def test_setting_the_priority_keeps_a_typed_reason_to_leave_the_list(bnl, login_as):
    client = login_as("coordinator")
    url, data = press(_page(client, bnl.consented), "Set the priority", priority_override="900",
                      priority_reason="Medically fragile", reason="Moved out of the CoC")
    response = client.post(url, data=data)
    assert response.status_code == 200
    household = db.session.get(Household, bnl.consented.id)
    assert (household.priority_override, household.status) == (900, "active")
    assert soup(response).select_one("#reason")["value"] == "Moved out of the CoC"
    # The part just saved shows what is stored now.
    assert soup(response).select_one("#priority_override")["value"] == "900"
    assert NOT_SAVED in text(response, "#status")


def test_with_nothing_typed_elsewhere_it_goes_back_to_the_page(bnl, login_as):
    client = login_as("coordinator")
    household = db.session.get(Household, bnl.consented.id)
    household.priority_override, household.priority_reason = 700, "Known to the group"
    db.session.commit()
    # The priority part comes filled in with what is stored: sent as shown, it was not typed in.
    url, data = press(_page(client, bnl.consented), "Pause", pause_reason="In treatment",
                      revisit_on=(bnl.today + timedelta(days=30)).isoformat())
    response = client.post(url, data=data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/conferences/households/{bnl.consented.id}")
    page = client.get(response.headers["Location"])
    assert f"Household #{bnl.consented.id} is paused." in text(page, "#status") and NOT_SAVED not in text(page)
    url, data = press(page, "Back on the agenda now")
    assert client.post(url, data=data).status_code == 303
    assert db.session.get(Household, bnl.consented.id).paused_on is None


def test_off_the_active_list_the_other_parts_are_gone_so_back_to_the_page(bnl, login_as):
    client = login_as("coordinator")
    url, data = press(_page(client, bnl.consented), "Make inactive", reason="Moved away",
                      pause_reason="Not to be used")
    response = client.post(url, data=data)
    assert response.status_code == 303
    assert db.session.get(Household, bnl.consented.id).status == "inactive"
    url, data = press(client.get(response.headers["Location"]), "Put back on the active list")
    assert client.post(url, data=data).status_code == 303
    assert db.session.get(Household, bnl.consented.id).status == "active"


def test_a_refused_part_comes_back_with_every_part_as_typed(bnl, login_as):
    client = login_as("provider", region=bnl.north)
    url, data = press(_page(client, bnl.consented), "Mark housed", move_in_on="",
                      reason="Moved out of the CoC", pause_reason="In treatment")
    response = client.post(url, data=data)
    assert response.status_code == 422
    assert field_error(response, "move_in_on") == "Enter the move-in date."
    assert soup(response).select_one("#error-summary a")["href"] == "#move_in_on"
    assert soup(response).select_one("#reason")["value"] == "Moved out of the CoC"
    assert soup(response).select_one("#pause_reason")["value"] == "In treatment"
    household = db.session.get(Household, bnl.consented.id)
    assert (household.status, household.inactive_reason, household.paused_on) == ("active", "", None)
