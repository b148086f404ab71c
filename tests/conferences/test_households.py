"""The By-Name List and a household's page: scoping by region, masking by role and consent, the
safety flag, audit, no-store, export, and status changes that never delete."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from support import text, texts

from hh.admin.models import AuditEvent
from hh.conferences.models import Household
from hh.extensions import db
from hh.timeutil import local_today


def _audit(action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_coordinator_sees_every_region_in_priority_order(bnl, login_as):
    client = login_as("coordinator")
    html = client.get("/conferences/").get_data(as_text=True)
    # Active only by default: the housed household (score 30) is not on the active list.
    assert "Vale Moss" not in html
    order = [html.index(name) for name in ("Uma Fern", "Zed Quill", "Yara Plume", "Xavi Stone")]
    assert order == sorted(order)
    assert "Wren" not in html  # safety flag: not even coordinators see the name
    assert f"Household #{bnl.survivor.id}" in html


def test_provider_sees_only_their_region_and_names_only_with_consent(bnl, login_as):
    client = login_as("provider", region=bnl.north, organization=bnl.shelter)
    response = client.get("/conferences/")
    html = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert "Zed Quill" in html and "H-100" in html
    assert "Uma Fern" not in html and f"Household #{bnl.southern.id}" not in html
    assert "Yara" not in html and "H-101" not in html  # no release of information
    assert f"Household #{bnl.no_consent.id}" in html
    assert "Xavi" not in html  # the release expired
    assert "Wren" not in html


def test_the_region_filter_offers_the_regions_the_reader_may_see(bnl, login_as):
    coordinator = login_as("coordinator")
    assert texts(coordinator.get("/conferences/"), "#region option") == [
        "all regions", "North", "South"]
    provider = login_as("provider", region=bnl.south)
    assert texts(provider.get("/conferences/"), "#region option") == ["all regions", "South"]
    assert texts(provider.get("/conferences/flow"), "#region option")[-1:] == ["South"]


def test_the_entering_agency_and_admins_see_a_survivor(bnl, login_as):
    agency = login_as("provider", region=bnl.north, organization=bnl.safe)
    assert "Wren Hollow" in agency.get(f"/conferences/households/{bnl.survivor.id}").get_data(as_text=True)
    admin = login_as("admin")
    assert "Wren Hollow" in admin.get(f"/conferences/households/{bnl.survivor.id}").get_data(as_text=True)
    coordinator = login_as("coordinator")
    html = coordinator.get(f"/conferences/households/{bnl.survivor.id}").get_data(as_text=True)
    assert "Wren" not in html and "H-103" not in html and "1234" not in html
    assert "safety flag" in html


def test_household_page_is_audited_and_never_cached(bnl, login_as):
    client = login_as("coordinator")
    response = client.get(f"/conferences/households/{bnl.consented.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert 'hx-history="false"' in html
    assert "Zed Quill" in html and "H-100" in html
    assert "<title>Household #" in html  # the name stays out of the browser's history
    events = _audit("household_viewed")
    assert [(e.object_id, e.user_id) for e in events] == [(str(bnl.consented.id), client.user.id)]
    assert "Zed" not in events[0].detail and "H-100" not in events[0].detail


def test_provider_of_another_region_and_viewer_get_403(bnl, login_as):
    south = login_as("provider", region=bnl.south)
    response = south.get(f"/conferences/households/{bnl.consented.id}")
    assert response.status_code == 403 and b"Zed" not in response.data
    assert south.post(f"/conferences/households/{bnl.consented.id}/inactive",
                      data={"reason": "x"}).status_code == 403
    viewer = login_as("viewer")
    for url in ("/conferences/", f"/conferences/households/{bnl.consented.id}",
                "/conferences/meetings", "/conferences/households.csv"):
        assert viewer.get(url).status_code == 403
    assert db.session.get(Household, bnl.consented.id).status == "active"


def test_filters(bnl, login_as):
    db.session.get(Household, bnl.consented.id).veteran = True
    db.session.get(Household, bnl.no_consent.id).last_contact_on = local_today()
    db.session.get(Household, bnl.expired.id).navigator_name = "Robin Navigator"
    db.session.commit()
    client = login_as("coordinator")
    html = client.get("/conferences/?veteran=y").get_data(as_text=True)
    assert "Zed Quill" in html and "Uma Fern" not in html
    html = client.get(f"/conferences/?region={bnl.south.id}").get_data(as_text=True)
    assert "Uma Fern" in html and "Zed Quill" not in html
    html = client.get("/conferences/?navigator=robin").get_data(as_text=True)
    assert "Xavi Stone" in html and "Zed Quill" not in html
    html = client.get("/conferences/?no_contact_days=7").get_data(as_text=True)
    assert "Zed Quill" in html and "Yara Plume" not in html
    html = client.get("/conferences/?status=housed").get_data(as_text=True)
    assert "Vale Moss" in html and "Zed Quill" not in html
    # Part of a name, in any case, finds every navigator whose name holds it; % is plain text.
    db.session.get(Household, bnl.consented.id).navigator_name = "Lake Robina"
    db.session.get(Household, bnl.no_consent.id).navigator_name = "Robin 100% Navigator"
    db.session.commit()
    html = client.get("/conferences/?navigator=ROBIN").get_data(as_text=True)
    assert "Xavi Stone" in html and "Zed Quill" in html and "Yara Plume" in html
    html = client.get("/conferences/?navigator=100%25").get_data(as_text=True)
    assert "Yara Plume" in html and "Xavi Stone" not in html
    assert "Xavi Stone" not in client.get("/conferences/?navigator=nobody").get_data(as_text=True)
    # Hostile filter values: ignored, never a 500.
    for query in ("region=abc", "no_contact_days=-5", "no_contact_days=zz", "status=<script>",
                  "navigator=" + "%" * 300, "page=-1"):
        assert client.get(f"/conferences/?{query}").status_code == 200


def test_export_is_role_gated_audited_masked_and_formula_safe(bnl, login_as):
    household = db.session.get(Household, bnl.consented.id)
    household.navigator_name = "=HYPERLINK(\"http://x\")"
    db.session.commit()
    assert login_as("provider", region=bnl.north).get("/conferences/households.csv").status_code == 403
    client = login_as("coordinator")
    response = client.get("/conferences/households.csv")
    body = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert "Zed,Quill" in body
    assert "'=HYPERLINK" in body
    survivor_line = next(line for line in body.splitlines() if line.startswith(f"{bnl.survivor.id},"))
    assert "Wren" not in survivor_line and "H-103" not in survivor_line and "•••" in survivor_line
    events = _audit("bnl_exported")
    assert len(events) == 1 and events[0].user_id == client.user.id


def test_opening_the_list_is_audited_with_the_filter_only(bnl, login_as):
    client = login_as("coordinator")
    page = client.get(f"/conferences/?region={bnl.north.id}")
    assert page.status_code == 200 and "Zed Quill" in text(page)
    events = _audit("bnl_viewed")
    assert [(e.object_type, e.user_id, e.detail) for e in events] == [
        ("household_list", client.user.id, f"region {bnl.north.id}")]
    client.get("/conferences/households.csv")
    (exported,) = _audit("bnl_exported")
    assert exported.detail == "5 households, all regions"  # the active list, every region
    for event in events + [exported]:
        assert "Zed" not in event.detail and "H-100" not in event.detail

def test_housed_needs_a_move_in_date_and_inactive_a_reason(bnl, login_as):
    client = login_as("provider", region=bnl.north)
    url = f"/conferences/households/{bnl.consented.id}"
    response = client.post(url + "/housed", data={"move_in_on": ""})
    assert response.status_code == 422 and "Enter the move-in date" in response.get_data(as_text=True)
    response = client.post(url + "/housed", data={"move_in_on": "not a date"})
    assert response.status_code == 422
    response = client.post(url + "/inactive", data={"reason": "   "})
    assert response.status_code == 422 and "Say why" in response.get_data(as_text=True)
    assert client.post(url + "/inactive", data={"reason": "x" * 301}).status_code == 422
    assert db.session.get(Household, bnl.consented.id).status == "active"

    response = client.post(url + "/housed", data={"move_in_on": local_today().isoformat()})
    assert response.status_code == 303
    household = db.session.get(Household, bnl.consented.id)
    assert (household.status, household.move_in_on) == ("housed", local_today())
    assert "Zed Quill" not in client.get("/conferences/").get_data(as_text=True)
    assert "Zed Quill" in client.get("/conferences/?status=housed").get_data(as_text=True)
    assert _audit("household_housed")

    client.post(f"/conferences/households/{bnl.no_consent.id}/inactive",
                data={"reason": "Moved out of the CoC"})
    household = db.session.get(Household, bnl.no_consent.id)
    assert (household.status, household.inactive_reason) == ("inactive", "Moved out of the CoC")
    # Only a coordinator puts a household back; nothing is ever deleted.
    assert client.post(f"/conferences/households/{bnl.no_consent.id}/reactivate").status_code == 403
    coordinator = login_as("coordinator")
    assert coordinator.post(f"/conferences/households/{bnl.no_consent.id}/reactivate").status_code == 303
    assert db.session.get(Household, bnl.no_consent.id).status == "active"
    assert db.session.scalar(select(db.func.count(Household.id))) == 6


def test_move_in_before_joining_the_list_is_refused(bnl, login_as):
    client = login_as("coordinator")
    early = (bnl.today - timedelta(days=400)).isoformat()
    response = client.post(f"/conferences/households/{bnl.consented.id}/housed", data={"move_in_on": early})
    assert response.status_code == 422
    assert "before the household joined" in response.get_data(as_text=True)


def test_unknown_household_is_404(bnl, login_as):
    assert login_as("coordinator").get("/conferences/households/999999").status_code == 404
