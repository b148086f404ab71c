"""The verification queue: what is due, verifying, marking inactive, and their audit events."""
from datetime import timedelta

from service_records import audit_rows, make_service
from sqlalchemy import select
from support import text, texts

from hh.admin.models import AuditEvent
from hh.extensions import db
from hh.resources.taxonomy import ensure_taxonomy
from hh.timeutil import local_today


def test_verification_queue_verify_and_mark_inactive(place, login_as):
    stale = make_service(place["org"], "Stale program")
    stale.assured_date = local_today() - timedelta(days=400)
    fresh = make_service(place["org"], "Fresh program")
    fresh.assured_date = local_today() - timedelta(days=10)
    place["org"].assured_date = local_today()
    db.session.commit()
    client = login_as("coordinator")
    queue = client.get("/resources/verification").get_data(as_text=True)
    assert "Stale program" in queue and "Fresh program" not in queue
    assert "All organizations are up to date." in queue
    response = client.post(f"/resources/services/{stale.id}/verify", data={"next": "/resources/verification"})
    assert response.headers["Location"] == "/resources/verification"
    after = client.get("/resources/verification").get_data(as_text=True)
    assert "Marked Stale program as verified today." in after
    assert f"/resources/services/{stale.id}/verify" not in after
    client.post(f"/resources/services/{fresh.id}/inactive")
    db.session.refresh(fresh)
    assert fresh.status == "inactive"
    client.get("/")  # the status message is shown once
    assert ">Fresh program</a>" not in client.get("/resources/?q=program").get_data(as_text=True)


def test_verification_queue_shows_the_oldest_and_says_more_are_due(place, login_as, monkeypatch):
    from hh.resources import routes

    monkeypatch.setattr(routes, "VERIFY_SHOWN", 2)
    place["org"].assured_date = local_today()
    for days, name in ((300, "Middle program"), (500, "Oldest program"), (200, "Newest program")):
        make_service(place["org"], name).assured_date = local_today() - timedelta(days=days)
    db.session.commit()
    page = login_as("coordinator").get("/resources/verification")
    assert text(page, "#services-due") == "Services (the oldest 2)"
    assert texts(page, "section[aria-labelledby=services-due] td[data-label=Service] a") == [
        "Oldest program", "Middle program"]
    assert "More are due: the next ones show as these are verified." in text(page)


def test_verification_age_is_configurable(make_app, factory):
    app = make_app(VERIFY_AFTER_DAYS=5)
    with app.app_context():
        ensure_taxonomy()
        org = factory.organization("Harbor House")
        service = make_service(org, "Week-old program")
        service.assured_date = local_today() - timedelta(days=7)
        db.session.commit()
        from hh.resources.services import verification_queue

        assert [s.name for s in verification_queue()[1]] == ["Week-old program"]


def test_verification_queue_marks_an_organization_inactive_in_one_step(place, login_as, factory):
    closed = factory.organization("Closed Agency")
    program = make_service(closed, "Closed agency program", counties=[place["alder"]])
    place["org"].assured_date = local_today()
    db.session.commit()
    client = login_as("coordinator")
    queue = client.get("/resources/verification").get_data(as_text=True)
    action = f'action="/directory/organizations/{closed.id}/inactive"'
    assert action in queue and "Mark inactive<span class=\"visually-hidden\"> Closed Agency</span>" in queue
    assert f"/directory/organizations/{place['org'].id}/inactive" not in queue  # verified: not queued
    # A plain form post (htmx boosts the same form): back to the queue with a message.
    response = client.post(f"/directory/organizations/{closed.id}/inactive",
                           data={"next": "/resources/verification"})
    assert response.status_code == 303 and response.headers["Location"] == "/resources/verification"
    after = client.get("/resources/verification").get_data(as_text=True)
    assert "Closed Agency is marked inactive" in after
    assert action not in after and ">Closed agency program</a>" not in after  # nor its services
    db.session.refresh(closed)
    assert not closed.active
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "organization_updated")).one()
    assert (event.object_type, event.object_id, event.detail) == ("organization", str(closed.id),
                                                                  "status inactive")
    assert event.actor == client.user.email
    # Gone from the directory and from search, with its services.
    assert "Closed Agency" not in client.get("/directory/").get_data(as_text=True)
    assert ">Closed agency program</a>" not in client.get("/resources/?q=program").get_data(as_text=True)
    assert program.status == "active"  # the service's own record is left as it was
    # Repeating it changes nothing and writes no second audit row.
    client.post(f"/directory/organizations/{closed.id}/inactive")
    assert len(db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "organization_updated")).all()) == 1


def test_only_coordinators_mark_an_organization_inactive(place, login_as):
    own = login_as("provider", organization=place["org"])
    assert own.post(f"/directory/organizations/{place['org'].id}/inactive").status_code == 403
    assert login_as("viewer").post(f"/directory/organizations/{place['org'].id}/inactive").status_code == 403
    db.session.refresh(place["org"])
    assert place["org"].active


def test_marking_an_organization_inactive_needs_the_csrf_token(csrf_app, factory):
    from support import csrf_token_from, login

    org = factory.organization("Harbor House")
    coordinator = factory.user("coordinator")
    client = csrf_app.test_client()
    login(client, coordinator.email,
          csrf_token=csrf_token_from(client.get("/auth/login").get_data(as_text=True)))
    assert client.post(f"/directory/organizations/{org.id}/inactive").status_code == 400
    db.session.refresh(org)
    assert org.active
    token = csrf_token_from(client.get("/resources/verification").get_data(as_text=True))
    response = client.post(f"/directory/organizations/{org.id}/inactive",
                           data={"csrf_token": token}, headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert response.status_code == 303
    db.session.refresh(org)
    assert not org.active


def test_verifying_a_service_is_audited_with_who_and_when(place, login_as):
    service = make_service(place["org"], "Night shelter")
    service.assured_date = local_today() - timedelta(days=400)
    db.session.commit()
    client = login_as("coordinator")
    client.post(f"/resources/services/{service.id}/verify", data={"next": "/resources/verification"})
    db.session.refresh(service)
    assert service.assured_date == local_today() and service.assurer_email == client.user.email
    (event,) = audit_rows("service_verified")
    assert (event.object_type, event.object_id, event.actor) == ("service", str(service.id),
                                                                 client.user.email)
    page = client.get(f"/resources/services/{service.id}").get_data(as_text=True)
    assert local_today().isoformat() in page


def test_marking_a_service_inactive_is_audited(place, login_as):
    service = make_service(place["org"], "Old program", counties=[place["alder"]])
    client = login_as("coordinator")
    response = client.post(f"/resources/services/{service.id}/inactive",
                           data={"next": "/resources/verification"})
    assert response.status_code == 303 and response.headers["Location"] == "/resources/verification"
    db.session.refresh(service)
    assert service.status == "inactive"
    (event,) = audit_rows("service_updated")
    assert (event.object_type, event.object_id, event.detail) == ("service", str(service.id),
                                                                  "status inactive")
    assert event.actor == client.user.email
    # Providers and viewers cannot; nothing more is written.
    for role in ("provider", "viewer"):
        assert login_as(role, organization=place["org"] if role == "provider" else None).post(
            f"/resources/services/{service.id}/inactive").status_code == 403
    assert len(audit_rows("service_updated")) == 1
