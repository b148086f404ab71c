"""Session lifetime: replayed cookies, idle and absolute limits, cookie flags."""

import pytest
from support import PASSWORD, login

from hh.auth import services
from hh.extensions import db


def cookie_value(client):
    return client.get_cookie("crosswalk_session").value


def replay(app, value):
    other = app.test_client()
    other.set_cookie("crosswalk_session", value)
    return other


def test_replayed_cookie_after_logout_gets_the_login_page(app, client, factory):
    user = factory.user("coordinator")
    login(client, user.email)
    stolen = cookie_value(client)
    assert replay(app, stolen).get("/").status_code == 200  # the copy works while signed in
    client.post("/auth/logout")
    response = replay(app, stolen).get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_logout_ends_sessions_in_every_browser(app, factory):
    user = factory.user("provider")
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, user.email)
    login(phone, user.email)
    laptop.post("/auth/logout")
    assert phone.get("/").status_code == 302


def test_deactivation_ends_existing_sessions(app, factory, login_as):
    admin = login_as("admin")
    user = factory.user("provider")
    theirs = app.test_client()
    login(theirs, user.email)
    assert theirs.get("/").status_code == 200
    admin.post(f"/admin/users/{user.id}/deactivate")
    assert theirs.get("/").status_code == 302


def test_password_change_ends_other_sessions_but_keeps_this_one(app, factory):
    user = factory.user("viewer")
    here, elsewhere = app.test_client(), app.test_client()
    login(here, user.email)
    login(elsewhere, user.email)
    stolen = cookie_value(here)
    response = here.post("/auth/password", data={
        "current_password": PASSWORD, "new_password": "a-brand-new-passphrase-7",
        "confirm_password": "a-brand-new-passphrase-7"})
    assert response.status_code == 303
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302
    assert replay(app, stolen).get("/").status_code == 302


def test_role_change_ends_sessions(app, factory, login_as):
    admin = login_as("admin")
    user = factory.user("provider")
    theirs = app.test_client()
    login(theirs, user.email)
    admin.post(f"/admin/users/{user.id}", data={"email": user.email, "name": user.name,
                                                 "role": "viewer", "organization_id": "",
                                                 "region_id": ""})
    assert theirs.get("/").status_code == 302


class Clock:
    def __init__(self, start=1_800_000_000.0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, minutes=0, hours=0):
        self.now += minutes * 60 + hours * 3600


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr("hh.web.epoch", clock)
    monkeypatch.setattr("hh.auth.services.epoch", clock)
    return clock


def test_idle_timeout_with_a_moved_clock(client, factory, clock):
    login(client, factory.user("provider").email)
    clock.advance(minutes=29)
    assert client.get("/").status_code == 200  # activity resets the idle clock
    clock.advance(minutes=29)
    assert client.get("/").status_code == 200
    clock.advance(minutes=31)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "signed out after a period without activity" in page
    assert client.get("/").status_code == 302  # and it stays signed out


def test_activity_is_noted_at_most_once_a_minute_and_the_idle_limit_still_holds(
        client, factory, clock):
    login(client, factory.user("provider").email)
    client.get("/")  # shows (and so removes) the sign-in message
    clock.advance(minutes=0.5)
    assert not any(h.startswith("crosswalk_session=")  # nothing to rewrite yet
                   for h in client.get("/").headers.getlist("Set-Cookie"))
    clock.advance(minutes=1)
    assert any(h.startswith("crosswalk_session=")  # noted: the cookie is signed again
               for h in client.get("/").headers.getlist("Set-Cookie"))
    clock.advance(minutes=29.9)  # 29.9 minutes after the activity last noted
    assert client.get("/").status_code == 200
    clock.advance(minutes=30.1)
    assert client.get("/").status_code == 302


def test_idle_timeout_is_configurable(make_app, factory, clock):
    app = make_app(IDLE_TIMEOUT_MINUTES=5)
    with app.app_context():
        client = app.test_client()
        login(client, factory.user("viewer").email)
        clock.advance(minutes=6)
        assert client.get("/").status_code == 302


def test_absolute_limit_even_with_activity(client, factory, clock):
    login(client, factory.user("coordinator").email)
    for _ in range(12 * 4):  # active every 15 minutes for 12 hours
        clock.advance(minutes=15)
        client.get("/healthz")
    clock.advance(minutes=15)
    response = client.get("/")
    assert response.status_code == 302
    assert "reached its time limit" in client.get("/auth/login").get_data(as_text=True)


def test_extend_link_keeps_the_session(client, factory, clock):
    login(client, factory.user("provider").email)
    clock.advance(minutes=28)
    response = client.get("/session/extend?next=/coming/glossary")
    assert response.status_code == 303 and response.headers["Location"] == "/coming/glossary"
    assert "You stay signed in" in client.get("/coming/glossary", follow_redirects=True).get_data(as_text=True)
    clock.advance(minutes=28)
    assert client.get("/").status_code == 200


def test_every_page_offers_the_plain_stay_signed_in_link(client, factory):
    login(client, factory.user("viewer").email)
    text = client.get("/").get_data(as_text=True)
    assert 'id="extend-link"' in text and "Stay signed in" in text
    assert 'data-idle-seconds="1800"' in text and 'data-warn-seconds="120"' in text


def _set_cookie_header(response):
    return [h for h in response.headers.getlist("Set-Cookie") if h.startswith("crosswalk_session=")][0]


def test_cookie_flags_and_no_remember_me(client, factory):
    user = factory.user("viewer")
    response = login(client, user.email)
    header = _set_cookie_header(response)
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert "Secure" not in header  # plain http in development
    assert "Expires" not in header  # ends with the browser; no persistent cookie
    assert not any(h.startswith("remember_token") for h in response.headers.getlist("Set-Cookie"))


def test_cookie_secure_over_https(client, factory):
    user = factory.user("viewer")
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD},
                           base_url="https://localhost")
    assert "Secure" in _set_cookie_header(response)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_tampered_cookie_is_ignored(app, client, factory):
    login(client, factory.user("admin").email)
    value = cookie_value(client)
    forged = replay(app, value[:-3] + ("aaa" if not value.endswith("aaa") else "bbb"))
    assert forged.get("/admin/users").status_code == 302


def test_session_loader_rejects_malformed_ids(app, factory):
    user = factory.user("viewer")
    assert services.load_session_user(f"{user.id}:{user.session_token}") == user
    for bad in ("", "x", f"{user.id}", f"{user.id}:", f"{user.id}:wrong", "abc:def"):
        assert services.load_session_user(bad) is None
    user.active = False
    db.session.commit()
    assert services.load_session_user(f"{user.id}:{user.session_token}") is None
