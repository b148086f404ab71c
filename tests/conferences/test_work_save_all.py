"""Work the list without JavaScript: one form around every household, so saving or opening one
never drops what was typed for another; "Save all" validates every household that was open (one,
or several opened with htmx), saves those that changed and are right, and shows the others again
as typed with their messages."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from support import field_error, soup, text

from hh.admin.models import AuditEvent
from hh.conferences.models import CaseConference, ConferenceEntry
from hh.extensions import db


def _conference(client, bnl) -> CaseConference:
    client.post("/conferences/meetings/new", data={
        "region_id": bnl.north.id, "held_on": bnl.today.isoformat(), "held_time": "10:00",
        "format": "hybrid", "focus": "highest_priority", "agenda_size": "3",
        "group_agreements": "Respect."})
    return db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))


def _typed(entry: ConferenceEntry, **values) -> dict:
    """The whole page's form as a browser sends it: every household's fields, each prefixed."""
    return {f"e{entry.id}-{name}": value for name, value in values.items()}


def _all_fields(conference: CaseConference) -> dict:
    data = {}
    for entry in conference.entries:
        data.update(_typed(entry, follow_up="", barrier_category="", barrier_note="",
                           action_step="", responsible_id="", target_on=""))
    return data


def test_the_page_is_one_form_with_save_all_and_one_household_open(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    url = f"/conferences/meetings/{conference.id}/work"
    page = soup(coordinator.get(url))
    forms = page.select("main form[method=post]")
    assert len(forms) == 1 and forms[0]["action"] == url
    assert forms[0].select_one("button:not([hx-post]):not([hx-get])").get_text() == "Save all"
    # Enter in any field presses the form's first button: a hidden "Save all", not the open
    # household's Save (which with htmx would save that household only).
    first = forms[0].select("button")[0]
    assert first.has_attr("hidden") and first.get_text() == "Save all" and not first.get("name")
    rows = forms[0].select("section.entry")
    assert len(rows) == len(conference.entries) >= 2
    # The first household is open: its fields and its Save. The others show what was recorded
    # and a Record button that sends the page's form (htmx: fetches that household's form).
    opened, *closed = zip(conference.entries, rows, strict=True)
    entry, row = opened
    button = row.select_one("button[hx-post]")
    assert button["hx-post"] == f"/conferences/meetings/{conference.id}/entries/{entry.id}"
    assert button["name"] == "saved_row" and button["value"] == str(entry.id)
    assert row.select_one(f"#e{entry.id}-action_step") is not None
    for entry, row in closed:
        assert row.select("textarea, input, select") == [] and row.select_one("dl.facts")
        button = row.select_one("button")
        assert button["name"] == "open" and button["value"] == str(entry.id)
        assert button["hx-get"] == f"/conferences/meetings/{conference.id}/entries/{entry.id}"
        assert button.get_text().startswith("Record")


def test_saving_the_open_household_and_others_opened_with_htmx_saves_them_all(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    first, second = conference.entries[:2]
    data = _all_fields(conference)
    data.update(_typed(first, action_step="Request ID documents", barrier_category="documents",
                       responsible_id=str(coordinator.user.id), target_on=bnl.today.isoformat()))
    data.update(_typed(second, follow_up="Met at the day centre"))
    data["saved_row"] = str(first.id)  # the first household's own Save button was pressed
    response = coordinator.post(f"/conferences/meetings/{conference.id}/work", data=data)
    assert response.status_code == 303  # the page again, the next household open
    assert response.headers["Location"].endswith(f"/work?household={second.id}#entry-{second.id}")
    first, second = (db.session.get(ConferenceEntry, e.id) for e in (first, second))
    assert (first.action_step, first.barrier_category) == ("Request ID documents", "documents")
    assert second.follow_up == "Met at the day centre"
    page = coordinator.get(response.headers["Location"])
    assert "Saved 2 households." in text(page, "#status")
    assert "Action step Request ID documents" in text(page, f"#entry-{first.id} dl.facts")
    assert text(page, f"#e{second.id}-follow_up") == "Met at the day centre"
    assert soup(page).select_one(f"#e{first.id}-follow_up") is None


def test_save_all_refuses_a_bad_household_keeps_every_typed_value_and_saves_the_rest(
        bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    first, second = conference.entries[:2]
    data = _all_fields(conference)
    owner = str(coordinator.user.id)
    data.update(_typed(first, action_step="Call the landlord", responsible_id=owner,
                       target_on=bnl.today.isoformat()))
    data.update(_typed(second, action_step="Find a voucher", target_on="next Tuesday",
                       responsible_id=owner, follow_up="Still at the shelter"))
    response = coordinator.post(f"/conferences/meetings/{conference.id}/work", data=data)
    assert response.status_code == 422
    # Its message is next to the second household's date, linked from the summary.
    assert field_error(response, f"e{second.id}-target_on")
    assert not field_error(response, f"e{first.id}-target_on")
    summary = soup(response).select_one("#error-summary [role=alert]")
    assert [a["href"] for a in summary.select("a")] == [f"#e{second.id}-target_on"]
    assert soup(response).title.get_text().startswith("Error: ")
    # Everything typed is still there, for both households.
    assert text(response, f"#e{second.id}-follow_up") == "Still at the shelter"
    assert text(response, f"#e{second.id}-action_step") == "Find a voucher"
    assert soup(response).select_one(f"#e{second.id}-target_on")["value"] == "next Tuesday"
    assert text(response, f"#e{first.id}-action_step") == "Call the landlord"
    assert "Saved 1 household." in text(response, "#status")
    # The right household was saved; the refused one was not.
    assert db.session.get(ConferenceEntry, first.id).action_step == "Call the landlord"
    assert db.session.get(ConferenceEntry, second.id).saved_at is None


def test_a_domain_rule_refusal_shows_next_to_its_household(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    first = conference.entries[0]
    data = _all_fields(conference)
    data.update(_typed(first, action_step="Apply for housing", responsible_id=str(coordinator.user.id),
                       target_on=(bnl.today - timedelta(days=30)).isoformat()))
    response = coordinator.post(f"/conferences/meetings/{conference.id}/work", data=data)
    assert response.status_code == 422
    assert "before the meeting" in field_error(response, f"e{first.id}-target_on")
    assert text(response, "#error-summary a") == field_error(response, f"e{first.id}-target_on")
    assert text(response, f"#e{first.id}-action_step") == "Apply for housing"


def test_unchanged_households_are_not_touched(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    before = db.session.scalar(select(db.func.count(AuditEvent.id)))
    response = coordinator.post(f"/conferences/meetings/{conference.id}/work",
                                data=_all_fields(conference))
    assert response.status_code == 303
    assert all(db.session.get(ConferenceEntry, e.id).saved_at is None for e in conference.entries)
    assert db.session.scalar(select(db.func.count(AuditEvent.id))) == before
    assert "Nothing had changed." in text(coordinator.get(response.headers["Location"]), "#status")


def test_only_those_who_may_record_can_save_all(bnl, login_as):
    coordinator = login_as("coordinator")
    conference = _conference(coordinator, bnl)
    viewer_of_region = login_as("provider", region=bnl.north)  # may view, not the scribe
    data = _all_fields(conference)
    data.update(_typed(conference.entries[0], action_step="Not mine to write"))
    response = viewer_of_region.post(f"/conferences/meetings/{conference.id}/work", data=data)
    assert response.status_code == 403
    assert db.session.get(ConferenceEntry, conference.entries[0].id).saved_at is None
