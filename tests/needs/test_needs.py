"""Needs: recording and editing, status changes, permissions, bad input, the list's filters
and export, and the demo's needs."""
import csv
import io
from datetime import date

import pytest
from need_records import make_need
from service_records import make_service, term
from sqlalchemy import func, select
from support import csrf_token_from, login

from hh.admin.models import AuditEvent
from hh.directory.models import County
from hh.extensions import db
from hh.needs.gaps import gap_map
from hh.needs.models import Need

# --- Recording, editing, status -----------------------------------------------------------------


def need_form(known, **changes):
    data = {"title": "No detox in Alder", "place": f"c{known['alder'].id}",
            "category_id": str(term("health.substance_use").id), "households_affected": "5",
            "source": "case_conference", "status": "open", "noted_on": "2026-01-15",
            "description": "People wait a week for a bed."}
    data.update(changes)
    return data



def test_provider_records_a_need_that_shows_on_the_gap_map(place, login_as):
    client = login_as("provider", organization=place["org"])
    response = client.post("/needs/new", data=need_form(place))
    assert response.status_code == 303
    need = db.session.scalar(select(Need))
    assert (need.title, need.county, need.households_affected) == ("No detox in Alder", place["alder"], 5)
    assert need.created_by_id == client.user.id and need.noted_on == date(2026, 1, 15)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "No detox in Alder" in page and "Case-conference barriers" in page
    assert "People wait a week for a bed." in page
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "need_created")).object_id == str(need.id)
    cell = gap_map().cell(place["alder"].id, term("health").id)
    assert (cell.needs, cell.households, cell.gap) == (1, 5, "no_service")


def test_region_wide_need_and_form_prefilled_from_a_cell(place, login_as):
    client = login_as("coordinator")
    form = client.get(f"/needs/new?county={place['birch'].id}&category={term('food').id}").get_data(as_text=True)
    assert f'<option selected value="c{place["birch"].id}">' in form
    assert f'<option selected value="{term("food").id}">Food (general)</option>' in form
    response = client.post("/needs/new", data=need_form(place, place=f"r{place['upper'].id}"))
    assert response.status_code == 303
    need = db.session.scalar(select(Need))
    assert need.county is None and need.region == place["upper"]
    assert "Upper region" in client.get(response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("changes,field,message", [
    ({"title": ""}, "title", "Enter a short title"),
    ({"title": "x" * 201}, "title", "longer than 200"),
    ({"place": ""}, "place", "Choose the county"),
    ({"place": "c99999"}, "place", "Choose the county"),
    ({"place": "x1; drop table need"}, "place", "Choose the county"),
    ({"category_id": ""}, "category_id", "Choose the kind of service"),
    ({"category_id": "99999"}, "category_id", "Choose a category from the list."),
    ({"category_id": "soup"}, "category_id", "Choose a category from the list."),
    ({"category_id": "99999999999999999999"}, "category_id", "Choose a category from the list."),
    ({"place": "c99999999999999999999"}, "place", "Choose the county"),
    ({"place": "c²"}, "place", "Choose the county"),
    ({"households_affected": "lots"}, "households_affected", "Enter a whole number"),
    ({"households_affected": "-4"}, "households_affected", "from 0 to 100000"),
    ({"households_affected": "12345678"}, "households_affected", "longer than 7"),
    ({"source": "rumour"}, "source", "Choose where this need was reported"),
    ({"status": "solved"}, "need_status", "Choose a status"),
    ({"noted_on": "31/31/2026"}, "noted_on", "Not a valid date"),
    ({"noted_on": "2999-01-01"}, "noted_on", "cannot be in the future"),
    ({"description": "y" * 5001}, "description", "longer than 5000"),
])
def test_bad_input_is_refused_next_to_the_field_and_nothing_is_saved(place, login_as, changes,
                                                                     field, message):
    client = login_as("coordinator")
    response = client.post("/needs/new", data=need_form(place, **changes))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    error = text.split(f'id="{field}-error">', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert db.session.scalar(select(func.count(Need.id))) == 0
    # What was typed stays in the form.
    assert "People wait a week for a bed." in text or field == "description"


def test_a_bad_edit_keeps_the_saved_need(place, login_as):
    client = login_as("coordinator")
    need = make_need("Beds", place["alder"], households=3, by=client.user)
    response = client.post(f"/needs/{need.id}/edit", data=need_form(place, title="", households_affected="x"))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert 'id="title-error"' in text and 'id="households_affected-error"' in text
    db.session.refresh(need)
    assert (need.title, need.households_affected) == ("Beds", 3)


def test_viewer_reads_but_cannot_record_or_change_a_need(place, login_as):
    need = make_need("Beds", place["alder"])
    viewer = login_as("viewer")
    page = viewer.get("/needs/").get_data(as_text=True)
    assert "Beds" in page and "Record a need" not in page and "Mark met" not in page
    assert viewer.post("/needs/new", data=need_form(place)).status_code == 403
    assert viewer.post(f"/needs/{need.id}/status", data={"status": "met"}).status_code == 403
    assert db.session.scalar(select(func.count(Need.id))) == 1
    db.session.refresh(need)
    assert need.status == "open"


def test_provider_edits_own_needs_only(place, login_as, factory):
    other = factory.user("provider")
    theirs = make_need("Someone else's", place["alder"], by=other)
    client = login_as("provider", organization=place["org"])
    mine = make_need("Mine", place["alder"], by=client.user)
    assert client.get(f"/needs/{theirs.id}/edit").status_code == 403
    assert client.post(f"/needs/{theirs.id}/edit", data=need_form(place)).status_code == 403
    assert client.post(f"/needs/{theirs.id}/status", data={"status": "met"}).status_code == 403
    page = client.get(f"/needs/{theirs.id}").get_data(as_text=True)
    assert "Mark met" not in page and f"/needs/{theirs.id}/edit" not in page
    response = client.post(f"/needs/{mine.id}/edit", data=need_form(place, title="Mine, renamed"))
    assert response.status_code == 303
    db.session.refresh(theirs)
    db.session.refresh(mine)
    assert theirs.title == "Someone else's" and theirs.status == "open"
    assert mine.title == "Mine, renamed"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "need_updated"))
    assert "title" in event.detail and "renamed" not in event.detail
    # Coordinators edit any need.
    coordinator = login_as("coordinator")
    assert coordinator.post(f"/needs/{theirs.id}/status", data={"status": "met"}).status_code == 303


def test_status_changes_in_one_step_with_and_without_htmx(place, login_as):
    client = login_as("coordinator")
    need = make_need("Beds", place["alder"], by=client.user)
    plain = client.post(f"/needs/{need.id}/status", data={"status": "in_progress", "next": "/needs/?status=open"})
    assert plain.status_code == 303 and plain.headers["Location"] == "/needs/?status=open"
    db.session.refresh(need)
    assert need.status == "in_progress"
    htmx = client.post(f"/needs/{need.id}/status", data={"status": "met"}, headers={"HX-Request": "true"})
    text = htmx.get_data(as_text=True)
    assert htmx.status_code == 200 and "<html" not in text
    assert f'id="need-{need.id}-status"' in text and "Met" in text and "Reopen" in text
    assert "is now met" in text  # announced through the status region
    db.session.refresh(need)
    assert need.status == "met"
    events = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "need_status_changed")).all()
    assert events == ["status open → in_progress", "status in_progress → met"]
    bad = client.post(f"/needs/{need.id}/status", data={"status": "done"}, headers={"HX-Request": "true"})
    assert bad.status_code == 422 and "Choose a status from the list." in bad.get_data(as_text=True)
    bad_plain = client.post(f"/needs/{need.id}/status", data={"status": "done"})
    assert bad_plain.status_code == 422 and "<h1>Beds</h1>" in bad_plain.get_data(as_text=True)
    db.session.refresh(need)
    assert need.status == "met"
    assert client.post("/needs/99999/status", data={"status": "met"}).status_code == 404


def test_status_change_refused_without_csrf_token(place, csrf_app, factory):
    user = factory.user("coordinator")
    need = make_need("Beds", None, region=None, by=user)
    client = csrf_app.test_client()
    login_page = client.get("/auth/login").get_data(as_text=True)
    login(client, user.email, csrf_token=csrf_token_from(login_page))
    response = client.post(f"/needs/{need.id}/status", data={"status": "met"})
    assert response.status_code in (400, 422)
    db.session.refresh(need)
    assert need.status == "open"


# --- The needs list ------------------------------------------------------------------------------


def test_needs_list_filters_pages_and_exports(place, login_as, app):
    alder, dunmore = place["alder"], place["dunmore"]
    make_need("Alder beds", alder, households=3)
    make_need("Upper-wide respite", region=place["upper"], category="health.medical_respite")
    make_need("Dunmore food", dunmore, category="food.meals", status="met")
    need = make_need("@SUM(1)", dunmore, category="food.meals")
    need.source = "community"
    db.session.commit()
    client = login_as("viewer")

    def titles(query):
        text = client.get(f"/needs/?{query}").get_data(as_text=True)
        return {t for t in ("Alder beds", "Upper-wide respite", "Dunmore food", "@SUM(1)") if f">{t}</a>" in text}

    assert titles("") == {"Alder beds", "Upper-wide respite", "Dunmore food", "@SUM(1)"}
    # The status filter must not take the id of the page's status-message region.
    assert client.get("/needs/").get_data(as_text=True).count('id="status"') == 1
    assert titles(f"place=c{alder.id}") == {"Alder beds", "Upper-wide respite"}
    assert titles(f"place=r{place['south'].id}") == {"Dunmore food", "@SUM(1)"}
    assert titles(f"category={term('food').id}") == {"Dunmore food", "@SUM(1)"}
    assert titles("status=met") == {"Dunmore food"}
    assert titles("source=community") == {"@SUM(1)"}
    assert titles("place=zzz&category=abc&status=nope&page=x") == titles("")
    partial = client.get("/needs/?status=met", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in partial and "1 need</caption>" in partial

    exported = client.get(f"/needs/needs.csv?place=r{place['south'].id}")
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True))))
    assert rows[0][:3] == ["title", "county", "region"]
    assert sorted(r[0] for r in rows[1:]) == ["'@SUM(1)", "Dunmore food"]  # formula-safe
    assert rows[1][2] == "South"

    app.config["PAGE_SIZE"] = 2
    first = client.get("/needs/").get_data(as_text=True)
    assert "Page 1 of 2" in first and 'rel="next"' in first
    app.config["PAGE_SIZE"] = 3
    last = client.get("/needs/?page=2").get_data(as_text=True)  # counted from its own row
    assert "Page 2 of 2" in last and 'rel="prev"' in last and 'rel="next"' not in last
    assert "4 needs</caption>" in last
    app.config["PAGE_SIZE"] = 2
    past = client.get("/needs/?page=9&status=open").get_data(as_text=True)  # an old link
    assert "There is no page 9: the last is page 2." in past and "Page 9 of" not in past
    assert 'href="/needs/?page=2&amp;status=open">Go to page 2</a>' in past


def test_need_page_shows_description_through_explain_escaped(place, login_as):
    need = make_need("Beds", place["alder"], description="<script>alert(1)</script> PSH waitlist")
    page = login_as("viewer").get(f"/needs/{need.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; PSH waitlist" in page
    assert "<script>alert" not in page
    assert login_as("viewer").get("/needs/99999").status_code == 404


# --- Demo data ---------------------------------------------------------------------------------------


def test_demo_needs_leave_visible_gaps_and_reload_changes_nothing(demo):
    from hh.demo import load_demo

    first = demo.filled  # what the first loading counted
    assert 12 <= first["needs"] <= 20
    before = db.session.scalar(select(func.count(Need.id)))
    assert load_demo()["needs"] == first["needs"]
    assert db.session.scalar(select(func.count(Need.id))) == before
    gaps = gap_map()
    fremont = db.session.scalar(select(County).where(County.name == "Fremont County"))
    assert gaps.cell(fremont.id, term("food").id).gap == "no_service"
    assert gaps.gap_count >= 4
    counties = {n.county_id for n in db.session.scalars(select(Need)) if n.county_id}
    assert len(counties) >= 5


def test_the_map_counts_again_as_soon_as_the_data_changes(place, login_as):
    alder, housing = place["alder"], term("housing")
    shelter = make_service(place["org"], "Shelter", counties=(alder,), beds=10, free=0)
    client = login_as("coordinator")
    assert "0 gaps</strong>" in client.get("/needs/gaps").get_data(as_text=True)
    client.post("/needs/new", data={"title": "Beds", "place": f"c{alder.id}",
                                    "category_id": str(housing.id), "source": "data", "status": "open"})
    page = client.get("/needs/gaps").get_data(as_text=True)
    assert "1 gap</strong>" in page and "no free capacity</strong>" in page
    client.post(f"/resources/services/{shelter.id}/availability",
                data={f"unit_{shelter.capacity[0].id}": "4"})
    assert gap_map().cell(alder.id, housing.id).free == 4
    assert "0 gaps</strong>" in client.get("/needs/gaps").get_data(as_text=True)
