"""Helpers the browser tests share: visit a page, submit a form, sign in, and check each page
with axe-core (zero violations)."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from hh.demo import DEMO_USERS

DEMO = {user["role"]: user for user in DEMO_USERS}
_axe = Axe()


def check_accessibility(page: Page) -> None:
    """axe-core on the page as it is now: zero violations.

    axe needs JavaScript, and never finishes in a context that has it off; there the same HTML
    (as the browser has it now, with its styles) is checked in a JavaScript context whose own
    scripts are blocked, so it looks as the person without JavaScript sees it."""
    if page.js:
        results = _axe.run(page)
    else:
        html, url = page.content(), page.url
        checker = page.context.browser.new_page()
        try:
            checker.route("**/*.js", lambda route: route.abort())
            checker.route(lambda u: u == url, lambda route: route.fulfill(body=html, content_type="text/html"))
            checker.goto(url)
            results = _axe.run(checker)
        finally:
            checker.context.close()
    violations = results.response["violations"]
    if violations:
        lines = [f"{v['id']} ({v['impact']}): {v['help']} -> "
                 + ", ".join(str(n["target"]) for n in v["nodes"][:5]) for v in violations]
        pytest.fail(f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(lines))


def settle(page: Page) -> None:
    """Wait for the page (and, with JavaScript, htmx's swaps) to be done."""
    page.wait_for_load_state("load")
    if page.js:
        page.wait_for_function("() => !document.querySelector('.htmx-request')")


def visit(page: Page, path: str) -> Page:
    page.goto(path)
    settle(page)
    check_accessibility(page)
    return page


def submit(page: Page, button_name: str) -> Page:
    """Click a submit button and check the page that results."""
    page.get_by_role("button", name=button_name).first.click()
    settle(page)
    check_accessibility(page)
    return page


def sign_in(page: Page, role: str) -> Page:
    user = DEMO[role]
    visit(page, "/auth/login")
    page.get_by_label("Email").fill(user["email"])
    page.get_by_label("Password").fill(user["password"])
    submit(page, "Sign in")
    page.get_by_role("heading", level=1, name=f"Welcome, {user['name']}").wait_for()
    return page
