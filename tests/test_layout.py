"""The base page: landmarks, one h1, skip link, navigation by role, htmx wiring, placeholders."""
import re

import pytest

ROLE_GREETING = {
    "viewer": "a good place\nto start is the glossary",
    "provider": "work the By-Name List of your region",
    "coordinator": "run action plans and case conferences",
    "admin": "manage accounts, roles and the audit log",
}


@pytest.mark.parametrize("role", sorted(ROLE_GREETING))
def test_home_greets_by_role_with_accessible_layout(login_as, role):
    client = login_as(role)
    text = client.get("/").get_data(as_text=True)
    assert len(re.findall(r"<h1[ >]", text)) == 1
    assert f"Welcome, {client.user.name}" in text
    assert ROLE_GREETING[role].split("\n")[-1] in text
    assert '<a class="skip-link" href="#main">' in text and '<main id="main"' in text
    assert '<nav aria-label="Main">' in text and "<header" in text and "<footer" in text
    assert 'role="status" aria-live="polite"' in text
    assert 'hx-boost="true"' in text and "vendor/htmx.min.js" in text
    assert '<html lang="en">' in text and 'name="viewport"' in text


def test_navigation_shows_only_what_the_role_may_use(login_as):
    viewer = login_as("viewer").get("/").get_data(as_text=True)
    provider = login_as("provider").get("/").get_data(as_text=True)
    admin = login_as("admin").get("/").get_data(as_text=True)
    assert "Glossary" in viewer and "Case conferencing" not in viewer and ">Admin<" not in viewer
    assert "Case conferencing" in provider and ">Admin<" not in provider
    assert ">Admin<" in admin


def test_placeholder_pages_say_coming(login_as):
    viewer = login_as("viewer")
    # Every area is built now: an old placeholder link goes to the area itself.
    response = viewer.get("/coming/glossary")
    assert response.status_code == 302 and response.headers["Location"] == "/glossary/"
    assert viewer.get("/coming/conferences").status_code == 404  # not for viewers
    assert login_as("provider").get("/coming/referrals").headers["Location"] == "/referrals/"
    # An area still to come says so (and what it will do).
    from hh.main.areas import AREAS

    AREAS["future"] = {"slug": "future", "title": "Future area", "summary": "Something useful.",
                       "roles": ("viewer",)}
    try:
        page = viewer.get("/coming/future").get_data(as_text=True)
    finally:
        del AREAS["future"]
    assert "Future area" in page and "is coming" in page


def test_htmx_config_swaps_validation_errors_and_sends_csrf(login_as):
    text = login_as("viewer").get("/").get_data(as_text=True)
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', text).group(1)
    assert '"[45]..", "swap": true' in config and '"includeIndicatorStyles": false' in config
    assert 'hx-headers=\'{"X-CSRFToken": "' in text


def test_vendored_htmx_matches_its_recorded_checksum(app):
    import hashlib
    from pathlib import Path

    root = Path(app.static_folder)
    recorded = re.search(r"htmx.min.js \| htmx.org \(npm\) \| (2\.\d+\.\d+) \| ([0-9a-f]{64})",
                         (root / "vendor" / "README.md").read_text())
    assert recorded, "version and sha256 of htmx recorded in static/vendor/README.md"
    assert hashlib.sha256((root / "vendor" / "htmx.min.js").read_bytes()).hexdigest() == recorded.group(2)


def test_print_and_small_screen_styles_exist(app):
    from pathlib import Path

    css = (Path(app.static_folder) / "css" / "app.css").read_text()
    assert "@media print" in css and "max-width: 480px" in css and ":focus-visible" in css


def test_pages_are_not_cached_by_shared_caches(login_as):
    response = login_as("viewer").get("/")
    assert response.headers["Cache-Control"] == "private, no-cache"


def test_status_messages_reach_the_live_region_after_an_htmx_swap(login_as):
    admin = login_as("admin")
    with admin.session_transaction() as session:
        session["_flashes"] = [("success", "Saved the thing.")]
    response = admin.get("/admin/audit", headers={"HX-Request": "true"})
    text = response.get_data(as_text=True)
    assert "<html" not in text
    assert re.search(r'<div id="status" hx-swap-oob="innerHTML">\s*<p class="flash flash-success">'
                     r"Saved the thing.</p>", text)


def test_navigation_marks_the_area_of_the_page_being_shown(login_as):
    """The needs pages belong to the resource map area; the role guide's blueprint name differs
    from its area's slug: each still marks its own area as the current page."""
    client = login_as("coordinator")
    for url, area in (("/needs/gaps", "Resource and needs map"), ("/resources/", "Resource and needs map"),
                      ("/role-guide/", "Coordinator role guide"), ("/glossary/", "Glossary")):
        html = client.get(url).get_data(as_text=True)
        nav = html[html.index('aria-label="Main"'):html.index("</nav>", html.index('aria-label="Main"'))]
        current = [line for line in nav.splitlines() if 'aria-current="page"' in line]
        assert len(current) == 1 and f">{area}</a>" in current[0], (url, current)
