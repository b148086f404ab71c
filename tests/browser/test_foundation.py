"""Foundation in a real browser, with JavaScript on and off: sign-in per role, navigation,
errors, accounts administration, audit log filters, password change, small screens."""
import re

import pytest
from browsing import DEMO, check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect

NAV_BY_ROLE = {
    "viewer": ({"Partner directory", "Glossary"}, {"Case conferencing", "Admin"}),
    "provider": ({"Case conferencing", "Referrals and hand-offs"}, {"Admin"}),
    "coordinator": ({"Case conferencing", "Action plans"}, {"Admin"}),
    "admin": ({"Admin", "Case conferencing"}, set()),
}


@pytest.mark.parametrize("role", ["viewer", "provider", "coordinator", "admin"])
def test_each_role_signs_in_and_sees_its_navigation(page, role):
    sign_in(page, role)
    expect(page.locator("main")).to_contain_text(re.compile(r"signed in as a", re.I))
    nav = page.get_by_role("navigation", name="Main")
    shown, hidden = NAV_BY_ROLE[role]
    for name in shown:
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    for name in hidden:
        expect(nav.get_by_role("link", name=name, exact=True)).to_have_count(0)


def test_wrong_password_message_and_demo_accounts(page):
    visit(page, "/auth/login")
    expect(page.get_by_role("heading", name="Demo accounts")).to_be_visible()
    page.get_by_label("Email").fill(DEMO["viewer"]["email"])
    page.get_by_label("Password").fill("not-the-right-password")
    submit(page, "Sign in")
    expect(page.locator("#password-error")).to_have_text("Email or password is not right.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Crosswalk")
    expect(page.get_by_label("Email")).to_have_value(DEMO["viewer"]["email"])


def test_sign_out_then_pages_need_sign_in(page):
    sign_in(page, "provider")
    submit(page, "Sign out")
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    visit(page, "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Crosswalk")
    assert "/auth/login" in page.url


def test_every_area_in_the_navigation_and_the_404_page(page):
    sign_in(page, "provider")  # referrals are for staff roles
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Referrals and hand-offs").click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Incoming referrals")
    visit(page, "/coming/referrals")  # an old placeholder link lands on the area
    expect(page.get_by_role("heading", level=1)).to_have_text("Incoming referrals")
    visit(page, "/no/such/page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def test_admin_invites_a_person_who_sets_a_password_and_signs_in(page, browser, live_server):
    email = f"new.partner.{'js' if page.js else 'nojs'}@example.org"
    sign_in(page, "admin")
    visit(page, "/admin/users")
    page.get_by_role("link", name="Invite a person").click()
    settle(page)
    check_accessibility(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Full name").fill("Nia Partner")
    page.get_by_label("Role", exact=True).select_option("provider")
    page.get_by_label("Organization").select_option(label="Harbor House Shelter & Outreach")
    submit(page, "Create and get invitation link")
    link = page.get_by_label("Invitation link").input_value()
    assert "/auth/invite?token=" in link  # not in the path, which logs keep

    other = browser.new_context(java_script_enabled=page.js)
    newcomer = other.new_page()
    newcomer.js = page.js
    try:
        newcomer.goto(link)
        settle(newcomer)
        assert newcomer.url.endswith("/auth/invite")  # the token left the address bar
        check_accessibility(newcomer)
        newcomer.get_by_label("New password", exact=True).fill("short")
        newcomer.get_by_label("Repeat the new password").fill("short")
        submit(newcomer, "Set password")
        expect(newcomer.locator("#new_password-error")).to_contain_text("at least 12")
        newcomer.get_by_label("New password", exact=True).fill("harbor-lights-at-dawn-7")
        newcomer.get_by_label("Repeat the new password").fill("harbor-lights-at-dawn-7")
        submit(newcomer, "Set password")
        expect(newcomer.get_by_text("Your password is set")).to_be_visible()
        newcomer.get_by_label("Email").fill(email)
        newcomer.get_by_label("Password").fill("harbor-lights-at-dawn-7")
        submit(newcomer, "Sign in")
        expect(newcomer.get_by_role("heading", level=1)).to_have_text("Welcome, Nia Partner")
    finally:
        other.close()


def test_admin_changes_a_role_and_filters_the_audit_log(page):
    sign_in(page, "admin")
    visit(page, "/admin/users")
    page.get_by_role("link", name=DEMO["viewer"]["email"]).click()
    settle(page)
    check_accessibility(page)
    role = page.get_by_label("Role", exact=True)
    original = role.input_value()
    role.select_option("provider" if original != "provider" else "viewer")
    submit(page, "Save")
    expect(page.get_by_text(re.compile(r"role \w+ → \w+"))).to_be_visible()
    # put it back for the other tests
    page.get_by_role("link", name=DEMO["viewer"]["email"]).click()
    settle(page)
    page.get_by_label("Role", exact=True).select_option(original)
    submit(page, "Save")

    visit(page, "/admin/audit")
    page.get_by_label("Action").select_option("role_changed")
    if not page.js:
        submit(page, "Filter")
    else:
        page.wait_for_url(re.compile(r"action=role_changed"))
        settle(page)
        check_accessibility(page)
    rows = page.locator("#audit-rows tbody tr")
    expect(rows.first).to_contain_text("role_changed")
    assert all("role_changed" in text for text in rows.all_inner_texts())
    assert "action=role_changed" in page.url


def test_change_own_password_shows_errors_next_to_fields(page):
    sign_in(page, "coordinator")
    page.get_by_role("link", name="Password").click()
    settle(page)
    check_accessibility(page)
    page.get_by_label("Current password").fill("certainly-not-it-000")
    page.get_by_label("New password", exact=True).fill("a-new-long-passphrase-1")
    page.get_by_label("Repeat the new password").fill("a-new-long-passphrase-1")
    submit(page, "Change password")
    expect(page.locator("#current_password-error")).to_have_text("Your current password is not right.")


def test_stay_signed_in_link_and_idle_warning(page):
    sign_in(page, "viewer")
    note = page.locator("#session-note")
    expect(note.get_by_role("link", name="Stay signed in")).to_be_visible()
    if page.js:
        # Move the page's clock to two minutes before the idle sign-out: the warning appears.
        page.clock.install()
        page.reload()
        settle(page)
        page.clock.fast_forward("28:30")
        expect(note).to_have_class(re.compile("warning"))
        expect(note).to_have_attribute("role", "alert")
        expect(note).to_contain_text("You will be signed out in 2 minute(s)")
        check_accessibility(page)
    note.get_by_role("link", name="Stay signed in").click()
    settle(page)
    expect(page.get_by_text("You stay signed in")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {DEMO['viewer']['name']}")


def test_home_fits_a_320px_screen(page):
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, "admin")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"page is {width}px wide at a 320px viewport"


PROBE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Probe</title></head>'
         '<body><main><h1>Probe</h1><label>Named <input type="text"></label></main></body></html>')


def test_the_accessibility_check_fails_a_page_that_breaks_a_rule(page):
    """The harness's own check: axe's verdict reaches the test, with JavaScript on (where axe is
    given to a document once and stays across htmx swaps) and off."""
    page.route("**/accessibility-probe", lambda route: route.fulfill(body=PROBE, content_type="text/html"))
    page.goto("/accessibility-probe")
    settle(page)
    check_accessibility(page)  # a page that breaks no rule passes
    page.route("**/accessibility-probe-2", lambda route: route.fulfill(
        body=PROBE.replace("<label>Named <input", "<input"), content_type="text/html"))
    page.goto("/accessibility-probe-2")
    settle(page)
    with pytest.raises(pytest.fail.Exception, match="label"):
        check_accessibility(page)
    if page.js:  # the same document again: axe is already in it
        page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                      "'<img src=\"data:,\">')")
        with pytest.raises(pytest.fail.Exception, match="image-alt"):
            check_accessibility(page)


def test_the_accessibility_check_sees_the_page_with_its_styles(page):
    """axe runs once the page's stylesheets apply (without JavaScript too, where the HTML is
    checked in another page): text too faint to read fails, unless the stylesheet hides it."""
    faint = '<p class="print-only" style="color:#eee">Printed only</p>'
    styled = PROBE.replace("</head>", '<link rel="stylesheet" href="/static/css/app.css"></head>')
    for path, body in (("styled", styled), ("plain", PROBE)):
        page.route(f"**/probe-{path}", _serving(body.replace("</main>", faint + "</main>")))
    page.goto("/probe-styled")
    settle(page)
    check_accessibility(page)  # hidden by app.css's .print-only: nothing to read
    page.goto("/probe-plain")
    settle(page)
    with pytest.raises(pytest.fail.Exception, match="color-contrast"):
        check_accessibility(page)


def _serving(body: str):
    return lambda route: route.fulfill(body=body, content_type="text/html")
