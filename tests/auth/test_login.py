"""Signing in and out, and what the audit log records about it."""
import pytest
from sqlalchemy import select
from support import PASSWORD, login

from hh.admin.models import AuditEvent
from hh.extensions import db


def audit_actions():
    return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_sign_in_greets_by_role_and_audits(client, factory):
    user = factory.user("coordinator", name="Robin Reyes")
    response = login(client, user.email.upper() + "  ")  # case and spaces do not matter
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    home = client.get("/")
    text = home.get_data(as_text=True)
    assert "Welcome, Robin Reyes" in text
    assert "signed in as a <strong>coordinator</strong>" in text
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "sign_in")).one()
    assert event.user_id == user.id and event.actor == user.email and event.remote_addr
    assert PASSWORD not in event.detail


def _error_paragraph(response):
    import re

    return re.search(r'<p class="error" id="password-error">(.*?)</p>', response.get_data(as_text=True)).group(1)


def test_same_message_for_unknown_email_and_wrong_password(client, factory):
    user = factory.user("provider")
    unknown = login(client, "nobody@example.org", PASSWORD)
    wrong = login(client, user.email, "wrong-password-entirely")
    assert unknown.status_code == wrong.status_code == 422
    assert _error_paragraph(unknown) == _error_paragraph(wrong) == "Email or password is not right."
    assert audit_actions() == ["sign_in_failed", "sign_in_failed"]
    assert client.get("/").status_code == 302  # still signed out


def test_deactivated_user_cannot_sign_in(client, factory):
    user = factory.user("provider", active=False)
    response = login(client, user.email)
    assert response.status_code == 422
    assert "Email or password is not right." in response.get_data(as_text=True)


def test_empty_form_shows_messages_next_to_fields(client):
    response = client.post("/auth/login", data={"email": "", "password": ""})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert 'id="email-error"' in text and "Enter your email." in text
    assert 'id="password-error"' in text and "Enter your password." in text


def test_next_goes_back_to_the_page_asked_for(client, factory):
    user = factory.user("admin")
    first = client.get("/admin/users")
    assert first.status_code == 302
    assert first.headers["Location"] == "/auth/login?next=/admin/users"
    response = login(client, user.email, next="/admin/users")
    assert response.headers["Location"] == "/admin/users"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                    "javascript:alert(1)"])
def test_next_never_leaves_the_site(client, factory, target):
    user = factory.user("viewer")
    response = login(client, user.email, next=target)
    assert response.headers["Location"] == "/"


def test_sign_out_audits_and_returns_to_login(client, factory):
    user = factory.user("viewer")
    login(client, user.email)
    response = client.post("/auth/logout")
    assert response.status_code == 303 and response.headers["Location"] == "/auth/login"
    assert "You are signed out." in client.get("/auth/login").get_data(as_text=True)
    assert client.get("/").status_code == 302
    assert audit_actions() == ["sign_in", "sign_out"]


def test_signed_in_user_visiting_login_goes_home(client, factory):
    login(client, factory.user("viewer").email)
    assert client.get("/auth/login").headers["Location"] == "/"


def test_demo_accounts_shown_only_in_demo_mode(make_app):
    plain = make_app().test_client().get("/auth/login").get_data(as_text=True)
    assert "Demo accounts" not in plain and "granite-owl-thistle-27" not in plain
    demo = make_app(DEMO_MODE=True).test_client().get("/auth/login").get_data(as_text=True)
    assert "Demo accounts" in demo and "granite-owl-thistle-27" in demo
