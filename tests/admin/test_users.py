"""Admin: invite/create users, change roles, deactivate, and the audit trail of each."""
import re

from sqlalchemy import select
from support import field_error, text

from hh.admin.models import AuditEvent
from hh.auth.models import User
from hh.extensions import db


def events(action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_users_page_lists_accounts_with_status(login_as, factory):
    admin = login_as("admin")
    org = factory.organization("Harbor House")
    factory.user("provider", email="pat@harbor.example", organization=org)
    factory.user("viewer", email="gone@example.org", active=False)
    factory.user("viewer", email="invited@example.org", password=None)
    text = admin.get("/admin/users").get_data(as_text=True)
    assert "pat@harbor.example" in text and "Harbor House" in text
    assert re.search(r"gone@example.org.*?deactivated", text, re.S)
    assert re.search(r"invited@example.org.*?invited", text, re.S)
    assert "What each role may do" in text


def test_create_user_with_organization_and_region(login_as, factory):
    admin = login_as("admin")
    org = factory.organization("Cedar Valley Regional Hospital", sector="health_care")
    region = factory.region("Upper Valley")
    response = admin.post("/admin/users/new", data={
        "email": "Nurse.Navigator@Cedar.example ", "name": "Nia Navigator", "role": "provider",
        "organization_id": str(org.id), "region_id": str(region.id)})
    assert response.status_code == 201
    user = db.session.scalar(select(User).where(User.email == "nurse.navigator@cedar.example"))
    assert user.role == "provider" and user.organization == org and user.region == region
    assert user.password_hash is None and user.invite_token_hash
    created = events("user_created")[0]
    assert created.object_id == str(user.id) and created.actor == admin.user.email


def test_create_user_bad_input_keeps_what_was_typed(login_as, factory):
    admin = login_as("admin")
    factory.user("viewer", email="taken@example.org")
    response = admin.post("/admin/users/new", data={
        "email": "taken@example.org", "name": "Someone Else", "role": "viewer",
        "organization_id": "", "region_id": ""})
    assert response.status_code == 422
    assert field_error(response, "email") == "Someone already has an account with this email."
    assert 'value="Someone Else"' in response.get_data(as_text=True)
    bad = admin.post("/admin/users/new", data={"email": "x@y.org", "role": "superuser",
                                               "organization_id": "9999", "region_id": "abc"})
    assert bad.status_code == 422
    assert db.session.scalar(select(User).where(User.email == "x@y.org")) is None


def test_change_role_is_audited(login_as, factory):
    admin = login_as("admin")
    user = factory.user("provider")
    response = admin.post(f"/admin/users/{user.id}", data={
        "email": user.email, "name": "Renamed", "role": "coordinator",
        "organization_id": "", "region_id": ""})
    assert response.status_code == 303
    assert "Saved " + user.email + ": role provider → coordinator, name." in text(admin.get("/admin/users"))
    db.session.refresh(user)
    assert user.role == "coordinator" and user.name == "Renamed"
    change = events("role_changed")[0]
    assert change.detail == "provider -> coordinator" and change.object_id == str(user.id)
    assert events("user_updated")[0].detail == "changed name"


def test_deactivate_and_reactivate(app, login_as, factory):
    admin = login_as("admin")
    user = factory.user("provider")
    admin.post(f"/admin/users/{user.id}/deactivate")
    db.session.refresh(user)
    assert not user.active
    assert f"{user.email} is deactivated and signed out." in text(admin.get("/admin/users"))
    admin.post(f"/admin/users/{user.id}/activate")
    db.session.refresh(user)
    assert user.active
    assert [e.action for e in events("user_deactivated") + events("user_activated")] == [
        "user_deactivated", "user_activated"]


def test_the_last_admin_cannot_be_removed(login_as):
    admin = login_as("admin")
    me = admin.user
    demote = admin.post(f"/admin/users/{me.id}", data={
        "email": me.email, "name": me.name, "role": "viewer", "organization_id": "", "region_id": ""})
    assert demote.status_code == 422
    assert "last active admin" in field_error(demote, "role")
    admin.post(f"/admin/users/{me.id}/deactivate")
    db.session.refresh(me)
    assert me.active and me.role == "admin"


def test_new_invitation_resets_password_and_sessions(app, login_as, factory):
    admin = login_as("admin")
    user = factory.user("viewer")
    theirs = app.test_client()
    from support import login

    login(theirs, user.email)
    response = admin.post(f"/admin/users/{user.id}/invite")
    assert response.status_code == 200 and "/auth/invite?token=" in response.get_data(as_text=True)
    assert theirs.get("/").status_code == 302
    db.session.refresh(user)
    assert user.password_hash is None
    assert events("invite_issued")


def test_unknown_user_is_404(login_as):
    assert login_as("admin").get("/admin/users/4242").status_code == 404
