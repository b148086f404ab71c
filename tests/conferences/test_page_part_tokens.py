"""The conference pages with CSRF protection on, as in production: each page's one form carries one
token (not one per household or part), and every way of saving needs it."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from support import csrf_token_from, form_values, login, soup, text

from hh.conferences.models import CaseConference, ConferenceEntry, Household
from hh.extensions import db
from hh.timeutil import local_today


def _signed_in_with_a_conference(csrf_app, factory):
    north = factory.region("North", counties=("Alder County",))
    for number, (first, last) in enumerate((("Zed", "Quill"), ("Yara", "Plume"))):
        db.session.add(Household(
            hmis_id=f"H-{number}", first_name=first, last_name=last, ssn4="1234",
            county=north.counties[0], region=north, consent=True, priority_score=19 - number,
            added_on=local_today() - timedelta(days=30)))
    db.session.commit()
    client = csrf_app.test_client()
    login(client, factory.user("coordinator").email,
          csrf_token=csrf_token_from(client.get("/auth/login").get_data(as_text=True)))
    token = csrf_token_from(client.get("/conferences/meetings/new").get_data(as_text=True))
    planned = client.post("/conferences/meetings/new", data={
        "csrf_token": token, "region_id": north.id, "held_on": local_today().isoformat(),
        "held_time": "10:00", "format": "hybrid", "focus": "highest_priority",
        "agenda_size": "2", "group_agreements": "Respect."})
    assert planned.status_code == 303
    conference = db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))
    assert len(conference.entries) == 2
    return client, conference


def _follow_ups(conference) -> list[str]:
    db.session.expire_all()
    return [e.follow_up for e in db.session.scalars(
        select(ConferenceEntry).where(ConferenceEntry.conference_id == conference.id)
        .order_by(ConferenceEntry.id))]


def test_the_work_page_carries_one_token_and_saving_needs_it(csrf_app, factory):
    client, conference = _signed_in_with_a_conference(csrf_app, factory)
    url = f"/conferences/meetings/{conference.id}/work"
    form = soup(client.get(url)).select_one("main form[method=post]")
    assert [i["name"] for i in form.select("input[name$=csrf_token]")] == ["csrf_token"]
    first, second = conference.entries
    typed = form_values(form)
    typed[f"e{first.id}-follow_up"] = "Called the housing authority about the voucher"
    typed[f"e{second.id}-follow_up"] = "ID appointment booked"

    without = {name: value for name, value in typed.items() if name != "csrf_token"}
    assert client.post(url, data=without).status_code == 400
    assert _follow_ups(conference) == ["", ""]

    saved = client.post(url, data=typed)
    assert saved.status_code == 303
    assert _follow_ups(conference) == ["Called the housing authority about the voucher",
                                       "ID appointment booked"]


def test_one_household_saved_with_htmx_sends_the_pages_token(csrf_app, factory):
    client, conference = _signed_in_with_a_conference(csrf_app, factory)
    page = client.get(f"/conferences/meetings/{conference.id}/work").get_data(as_text=True)
    entry = conference.entries[0]
    save = f"/conferences/meetings/{conference.id}/entries/{entry.id}"
    fields = {f"e{entry.id}-follow_up": "Application walked to the PHA", "saved_row": entry.id}
    htmx = {"HX-Request": "true"}
    assert client.post(save, data=fields, headers=htmx).status_code == 400
    assert _follow_ups(conference)[0] == ""
    # htmx sends the enclosing form's fields (the page's token) and the page's header token.
    answer = client.post(save, data=fields, headers={**htmx, "X-CSRFToken": csrf_token_from(page)})
    assert answer.status_code == 200 and "Saved." in answer.get_data(as_text=True)
    assert _follow_ups(conference)[0] == "Application walked to the PHA"


def test_the_meeting_page_carries_one_token_for_attendance_and_agenda(csrf_app, factory):
    client, conference = _signed_in_with_a_conference(csrf_app, factory)
    url = f"/conferences/meetings/{conference.id}"
    form = soup(client.get(url)).select_one("main form[method=post]")
    assert [i["name"] for i in form.select("input[name$=csrf_token]")] == ["csrf_token"]
    typed = {**form_values(form), "name": "Sam Ortiz", "organization": "Harbor House"}
    add = f"{url}/attendees"
    without = {name: value for name, value in typed.items() if name != "csrf_token"}
    assert client.post(add, data=without).status_code == 400
    assert "Sam Ortiz" not in client.get(url).get_data(as_text=True)
    assert client.post(add, data=typed).status_code == 303
    assert "Sam Ortiz" in text(client.get(url), "section[aria-labelledby=attendees] table")
