"""Password rules, hashing, changing your own password, invitations."""
import re

import pytest
from sqlalchemy import select
from support import PASSWORD, field_error, login, soup, text

from hh.admin.models import AuditEvent
from hh.auth.passwords import hash_password, password_problem, verify_password
from hh.extensions import db


@pytest.mark.parametrize("password,reason", [
    ("short-one", "at least 12"),
    ("x" * 129, "at most 128"),
    ("qwerty123456", "too common"),
    ("password123456", "too common"),       # a common word with digits tacked on
    ("!!iloveyou2024!!", "too common"),
    ("aaaaaaaaaaaaaaa", "too common"),      # too few different characters
    ("robin-reyes-is-great", "name or email"),
])
def test_weak_passwords_are_refused_with_a_reason(password, reason):
    problem = password_problem(password, email="robin.reyes@example.org", name="Robin Reyes")
    assert problem and reason in problem


@pytest.mark.parametrize("password", ["correct-horse-battery-41", "Tr0ub4dor & 3 apples",
                                      "a" + "b7-" * 42, "ünïcödé pässphrase 2026"])
def test_good_passwords_are_accepted(password):
    assert password_problem(password, email="robin@example.org", name="Robin Reyes") is None


def test_hash_uses_a_modern_kdf_and_verifies():
    hashed = hash_password("correct-horse-battery-41")
    assert hashed.startswith(("scrypt:", "pbkdf2:sha256:600000", "argon2"))
    assert verify_password(hashed, "correct-horse-battery-41")
    assert not verify_password(hashed, "correct-horse-battery-42")
    assert not verify_password(None, "anything-at-all-123")


def test_change_password_requires_the_current_one(client, factory):
    user = factory.user("provider")
    login(client, user.email)
    response = client.post("/auth/password", data={
        "current_password": "not-my-password-at-all", "new_password": "another-fine-phrase-88",
        "confirm_password": "another-fine-phrase-88"})
    assert response.status_code == 422
    assert re.search(r'id="current_password-error">Your current password is not right',
                     response.get_data(as_text=True))
    db.session.refresh(user)
    assert verify_password(user.password_hash, PASSWORD)  # nothing changed


def test_change_password_checks_the_rules_and_the_repeat(client, factory):
    user = factory.user("provider")
    login(client, user.email)
    weak = client.post("/auth/password", data={"current_password": PASSWORD,
                                                "new_password": "qwerty123456",
                                                "confirm_password": "qwerty123456"})
    assert weak.status_code == 422 and "too common" in weak.get_data(as_text=True)
    differ = client.post("/auth/password", data={"current_password": PASSWORD,
                                                  "new_password": "another-fine-phrase-88",
                                                  "confirm_password": "another-fine-phrase-89"})
    assert differ.status_code == 422 and "The two passwords differ." in differ.get_data(as_text=True)


def test_change_password_works_and_is_audited(app, client, factory):
    user = factory.user("provider")
    login(client, user.email)
    response = client.post("/auth/password", data={
        "current_password": PASSWORD, "new_password": "another-fine-phrase-88",
        "confirm_password": "another-fine-phrase-88"})
    assert response.status_code == 303
    assert "Your password is changed" in client.get("/").get_data(as_text=True)
    fresh = app.test_client()
    assert login(fresh, user.email, PASSWORD).status_code == 422
    assert login(fresh, user.email, "another-fine-phrase-88").status_code == 303
    actions = list(db.session.scalars(select(AuditEvent.action)))
    assert "password_changed" in actions
    details = " ".join(db.session.scalars(select(AuditEvent.detail)))
    assert "another-fine-phrase-88" not in details


def test_password_fields_let_password_managers_work(client, factory):
    login(client, factory.user("viewer").email)
    text = client.get("/auth/password").get_data(as_text=True)
    assert 'autocomplete="current-password"' in text
    assert text.count('autocomplete="new-password"') == 2
    assert "onpaste" not in text
    login_page = client.get("/auth/login")  # redirects home when signed in
    assert login_page.status_code == 302


def _invite_link(admin_client, email="newcomer@example.org", role="provider"):
    response = admin_client.post("/admin/users/new", data={
        "email": email, "name": "New Comer", "role": role, "organization_id": "", "region_id": ""})
    assert response.status_code == 201, response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    link = soup(response).select_one("#invite-link")["value"]
    assert link.startswith("http://localhost/auth/invite?token=")
    return link.removeprefix("http://localhost")


def _open(client, link):
    """Follow an invitation link as a browser does: the token moves into the session and the
    page is at the plain /auth/invite."""
    first = client.get(link)
    assert first.status_code == 303 and first.headers["Location"] == "/auth/invite"
    return client.get("/auth/invite")


def test_invitation_sets_password_once(app, login_as):
    admin = login_as("admin")
    link = _invite_link(admin)
    token = link.split("token=", 1)[1]
    newcomer = app.test_client()
    page = _open(newcomer, link)
    assert page.status_code == 200 and "Choose a password for newcomer@example.org" in text(page)
    assert token not in page.get_data(as_text=True)  # nor in the form's address
    weak = newcomer.post("/auth/invite", data={"new_password": "short", "confirm_password": "short"})
    assert weak.status_code == 422 and "at least 12" in field_error(weak, "new_password")
    done = newcomer.post("/auth/invite", data={"new_password": "my-own-good-phrase-3",
                                               "confirm_password": "my-own-good-phrase-3"})
    assert done.status_code == 303 and done.headers["Location"] == "/auth/login"
    assert newcomer.get("/auth/invite").status_code == 404  # used up
    assert app.test_client().get(link, follow_redirects=True).status_code == 404
    assert login(newcomer, "newcomer@example.org", "my-own-good-phrase-3").status_code == 303
    assert "signed in as a provider" in text(newcomer.get("/"))


def test_a_link_from_before_with_the_token_in_its_path_still_works(app, login_as):
    link = _invite_link(login_as("admin"))
    old_style = link.replace("/auth/invite?token=", "/auth/invite/")
    newcomer = app.test_client()
    page = _open(newcomer, old_style)
    assert "Choose a password for newcomer@example.org" in text(page)


def test_the_invitation_page_without_a_link_says_it_does_not_work(client):
    response = client.get("/auth/invite")
    assert response.status_code == 404
    assert "This invitation link does not work" in text(response)


def test_invited_user_cannot_sign_in_before_setting_a_password(app, login_as):
    admin = login_as("admin")
    _invite_link(admin)
    response = login(app.test_client(), "newcomer@example.org", "")
    assert response.status_code == 422


def test_expired_invitation_does_not_work(app, login_as, monkeypatch):
    from datetime import timedelta

    from hh import timeutil

    admin = login_as("admin")
    link = _invite_link(admin)
    real = timeutil.utcnow
    monkeypatch.setattr("hh.auth.services.utcnow", lambda: real() + timedelta(days=8))
    response = app.test_client().get(link, follow_redirects=True)
    assert response.status_code == 404
    assert "This invitation link does not work" in text(response)
