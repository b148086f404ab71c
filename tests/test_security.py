"""CSRF, login throttling, security headers, size limits, trusted hosts, error pages, health."""
import re
import runpy
from pathlib import Path

import pytest
from support import PASSWORD, csrf_token_from, login, soup, text


def test_post_without_csrf_token_gets_a_friendly_400(csrf_app, factory):
    user = factory.user("viewer")
    client = csrf_app.test_client()
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "This form has expired" in text and "Traceback" not in text
    assert client.get("/").status_code == 302  # not signed in


def test_csrf_token_in_form_and_in_htmx_header(csrf_app, factory):
    user = factory.user("viewer")
    client = csrf_app.test_client()
    token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD,
                                                "csrf_token": token})
    assert response.status_code == 303
    home = client.get("/").get_data(as_text=True)
    header_token = csrf_token_from(home.split("hx-headers", 1)[1])
    # htmx sends the token as a header; no form field needed
    assert client.post("/auth/logout", headers={"X-CSRFToken": header_token}).status_code == 303
    assert client.get("/").status_code == 302


def test_logout_without_token_does_not_sign_out(csrf_app, factory):
    user = factory.user("viewer")
    client = csrf_app.test_client()
    token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    client.post("/auth/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert client.post("/auth/logout").status_code == 400
    assert client.get("/").status_code == 200


@pytest.fixture
def limited_app(make_app):
    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        yield app


def test_login_throttled_per_address(limited_app, factory):
    client = limited_app.test_client()
    for n in range(5):
        assert login(client, f"someone{n}@example.org", "wrong-password-here").status_code == 422
    response = login(client, "another@example.org", "wrong-password-here")
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_login_throttled_per_account_across_addresses(limited_app, factory):
    user = factory.user("admin")
    for n in range(5):
        client = limited_app.test_client()
        response = client.post("/auth/login", data={"email": user.email, "password": "nope-nope-nope"},
                                environ_base={"REMOTE_ADDR": f"10.0.0.{n + 1}"})
        assert response.status_code == 422
    blocked = limited_app.test_client().post(
        "/auth/login", data={"email": user.email, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.0.0.99"})
    assert blocked.status_code == 429  # even the right password waits


def test_successful_sign_ins_do_not_count_towards_the_limit(limited_app, factory):
    user = factory.user("viewer")
    for _ in range(7):
        client = limited_app.test_client()
        assert login(client, user.email).status_code == 303


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def _check_headers(response):
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, name
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "HX-Request" in response.headers.get("Vary", "")


def test_headers_on_pages_and_a_404(client, factory):
    _check_headers(client.get("/auth/login"))
    missing = client.get("/no/such/page")
    assert missing.status_code == 404
    _check_headers(missing)
    assert "Page not found" in missing.get_data(as_text=True)


def test_no_inline_script_in_pages(client, factory):
    login(client, factory.user("admin").email)
    for url in ("/", "/auth/login", "/admin/users", "/admin/audit", "/auth/password"):
        text = client.get(url).get_data(as_text=True)
        for chunk in text.split("<script")[1:]:
            assert chunk.lstrip().startswith("src="), f"inline script on {url}"
        assert " onclick=" not in text and " onload=" not in text


def test_500_page_is_friendly_with_headers(make_app, factory):
    app = make_app()
    from hh.web import PUBLIC, allow

    @allow(PUBLIC)
    def broken():
        raise RuntimeError("database exploded with secret details")

    app.add_url_rule("/broken", "broken", broken)
    response = app.test_client().get("/broken")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Something went wrong on our side" in text
    assert "secret details" not in text and "Traceback" not in text
    _check_headers(response)


def test_request_too_large_gets_413(make_app):
    app = make_app(MAX_CONTENT_LENGTH=1024)
    response = app.test_client().post("/auth/login", data={"email": "x" * 5000, "password": "y"})
    assert response.status_code == 413
    assert "That was too large" in response.get_data(as_text=True)


def test_trusted_hosts(make_app):
    app = make_app(TRUSTED_HOSTS=["crosswalk.example.org"])
    client = app.test_client()
    assert client.get("/healthz", base_url="http://crosswalk.example.org").status_code == 200
    assert client.get("/healthz", base_url="http://attacker.example").status_code == 400


def test_405_is_friendly(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert "That action is not possible here" in response.get_data(as_text=True)


def test_healthz_ok_without_sign_in(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_503_when_database_is_unusable(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing-dir/x/db.sqlite")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"


def test_bad_page_numbers_and_filters_never_500(login_as):
    admin = login_as("admin")
    for url in ("/admin/users?page=abc", "/admin/users?page=-5", "/admin/audit?since=notadate",
                "/admin/audit?until=2026-13-45&action=%00", "/admin/users/999999",
                "/admin/audit.csv?since=x", "/coming/nothing-here"):
        response = admin.get(url)
        assert response.status_code < 500, url


def test_nul_characters_are_refused_not_stored(login_as):
    """PostgreSQL cannot store NUL in text; every request carrying one gets a clear 400."""
    admin = login_as("admin")
    for url in ("/admin/audit?action=%00", "/resources/?q=shel%00ter", "/directory/?q%00=x"):
        response = admin.get(url)
        assert response.status_code == 400, url
        assert b"<h1>" in response.data
    response = admin.post("/directory/organizations/new", data={"name": "Nul\x00 House"})
    assert response.status_code == 400
    assert b"Nul" not in response.data


# --- Ids larger than the database can hold ------------------------------------------------------

HUGE = "99999999999999999999999"  # beyond 2**63 - 1: SQLite cannot even bind it


def test_a_huge_id_in_the_address_is_not_found(app, login_as):
    coordinator = login_as("coordinator")
    checked = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or "<int:" not in rule.rule:
            continue
        url = re.sub(r"<int:\w+>", HUGE, rule.rule)
        url = re.sub(r"<(\w+:)?\w+>", "x", url)  # any other segment: a plain word
        response = coordinator.get(url)
        checked.append((url, response.status_code))
    assert len(checked) > 20
    assert [(url, status) for url, status in checked if status != 404] == []


@pytest.mark.parametrize("url", [
    f"/conferences/?region={HUGE}",
    f"/resources/?county={HUGE}",
    f"/directory/?county={HUGE}",
    f"/needs/?place={HUGE}",
    f"/needs/?category={HUGE}",
    f"/needs/new?county={HUGE}",
    f"/referrals/new?service={HUGE}&household={HUGE}",
    f"/admin/users/new?region={HUGE}",
])
def test_a_huge_id_in_the_query_string_answers_a_page_not_a_500(login_as, url):
    response = login_as("coordinator" if "/admin/" not in url else "admin").get(url)
    assert 200 <= response.status_code < 500, url
    assert "<h1>" in response.get_data(as_text=True)


# --- Invitation tokens are kept out of addresses and logs --------------------------------------


def test_access_log_keeps_paths_without_query_strings():
    settings = runpy.run_path(str(Path(__file__).parent.parent / "gunicorn.conf.py"))
    log_format = settings["access_log_format"]
    assert "%(U)s" in log_format
    assert "%(r)s" not in log_format and "%(q)s" not in log_format and "%(f)s" not in log_format


def test_an_invitation_link_ends_at_an_address_without_its_token(app, login_as):
    admin = login_as("admin")
    shown = admin.post("/admin/users/new", data={
        "email": "new.partner@example.org", "name": "Nia Partner", "role": "viewer",
        "organization_id": "", "region_id": ""})
    link = soup(shown).select_one("#invite-link")["value"]
    token = link.split("token=", 1)[1]
    assert f"/invite/{token}" not in link  # not in the path, which every log keeps
    newcomer = app.test_client()
    page = newcomer.get(link, follow_redirects=True)
    assert page.request.url == "http://localhost/auth/invite"
    assert token not in page.get_data(as_text=True)
    done = newcomer.post("/auth/invite", data={"new_password": "harbor-lights-at-dawn-7",
                                               "confirm_password": "harbor-lights-at-dawn-7"},
                         follow_redirects=True)
    assert "Your password is set" in text(done)
    assert login(newcomer, "new.partner@example.org", "harbor-lights-at-dawn-7").status_code == 303
