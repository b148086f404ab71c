"""Helpers the browser tests share: visit a page, submit a form, sign in, and check each page
with axe-core (zero violations)."""
from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route

from hh.demo import DEMO_USERS

DEMO = {user["role"]: user for user in DEMO_USERS}
# axe-core's script (650 KB; vendor/README.md says which release): sent to a page only when its
# document has none yet. After an htmx swap the document, and the axe it was given, stay.
_AXE_SCRIPT = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
# Only the violations are wanted: axe then skips collecting the rest.
AXE_OPTIONS = {"resultTypes": ["violations"]}

# Markup axe already passed in this worker (see _markup_key): identical markup at the same width
# gives identical results, so a page a test looks at again costs nothing.
_passed: set[str] = set()
# The CSRF token differs per request and is no content: a hidden input's value and htmx's header.
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"|X-CSRFToken&quot;: &quot;([^&]+)&quot;')


# With JavaScript, axe runs on the live page, whose look also follows what is hovered or focused.
_POINTED = """() => [...document.querySelectorAll(':hover, :focus')].map(element => {
  const path = [];
  for (let e = element; e.parentElement; e = e.parentElement) {
    path.push([...e.parentElement.children].indexOf(e));
  }
  return path.join('.');
}).join(' ')"""


def _markup_key(page: Page, html: str) -> str:
    """What axe's verdict depends on: the markup (but the CSRF token), the width, the address's
    #fragment (:target) and, with JavaScript, the hovered and focused elements."""
    tokens = {token for pair in _CSRF.findall(html) for token in pair if token}
    for token in tokens:
        html = html.replace(token, "")
    width = (page.viewport_size or {}).get("width")
    pointed = page.evaluate(_POINTED) if page.js else ""
    fragment = urlsplit(page.url).fragment
    return hashlib.sha256(f"{page.js} {width} #{fragment} {pointed}\n{html}".encode()).hexdigest()


def check_accessibility(page: Page) -> None:
    """axe-core on the page as it is now: zero violations.

    axe needs JavaScript, and never finishes in a context that has it off; there the same HTML
    (as the browser has it now, with its styles) is checked in a JavaScript context whose own
    scripts are blocked, so it looks as the person without JavaScript sees it."""
    html = page.content()
    key = _markup_key(page, html)
    if key in _passed:
        return
    if page.js:
        if page.evaluate("typeof axe === 'undefined'"):
            page.evaluate(_AXE_SCRIPT)
        violations = page.evaluate("options => axe.run(document, options)",
                                   AXE_OPTIONS)["violations"]
    else:
        violations = _Checker.of(page.context.browser).run(page, html)
    if violations:
        lines = [f"{v['id']} ({v['impact']}): {v['help']} -> "
                 + ", ".join(str(n["target"]) for n in v["nodes"][:5]) for v in violations]
        pytest.fail(f"axe found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(lines))
    _passed.add(key)


class _Checker:
    """One long-lived JavaScript page per browser in which the HTML of a page without JavaScript
    is checked: parsed as a browser without scripts parses it (DOMParser: no script runs,
    <noscript> shows) and put in place of the last page's, at the checked page's address and
    width, its stylesheets loaded before axe runs. The axe it was given once stays, warm.
    Static files are fetched once (routing turns the browser cache off); scripts never load."""

    @classmethod
    def of(cls, browser: Browser) -> _Checker:
        checker = _checkers.get(id(browser))
        if checker is None or checker.page.is_closed():
            checker = _checkers[id(browser)] = cls(browser)
        return checker

    def __init__(self, browser: Browser):
        self.page = browser.new_context(java_script_enabled=True).new_page()
        self.static: dict[str, tuple[int, dict, bytes]] = {}
        self.page.route("**/*", self._serve)

    def _serve(self, route: Route) -> None:
        request = route.request
        if request.resource_type == "script":
            route.abort()
        elif request.is_navigation_request():  # the empty document the pages are put into
            route.fulfill(body=_EMPTY, content_type="text/html; charset=utf-8")
        elif "/static/" in request.url and request.method == "GET":
            if request.url not in self.static:
                response = route.fetch()
                self.static[request.url] = (response.status, response.headers, response.body())
            status, headers, body = self.static[request.url]
            route.fulfill(status=status, headers=headers, body=body)
        else:
            route.continue_()

    def run(self, page: Page, html: str) -> list[dict]:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
        if not self.page.url.startswith(origin + "/"):
            self.page.goto(origin + "/")
            self.page.evaluate(_AXE_SCRIPT)
        if page.viewport_size and page.viewport_size != self.page.viewport_size:
            self.page.set_viewport_size(page.viewport_size)
        return self.page.evaluate(_SHOW_AND_CHECK, [html, page.url, AXE_OPTIONS])


_EMPTY = "<!doctype html><html><head></head><body></body></html>"
# The page's HTML in place of the last one's, at its address (its #fragment a real jump, for
# :target); then axe, once every stylesheet has loaded.
_SHOW_AND_CHECK = """async ([html, url, options]) => {
  const [address, fragment] = url.split('#');
  history.replaceState(null, '', address);
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.replaceChild(document.adoptNode(parsed.documentElement), document.documentElement);
  await Promise.all([...document.querySelectorAll('link[rel~=stylesheet]')].map(link =>
    link.sheet ? null : new Promise(done => { link.onload = link.onerror = done; })));
  if (fragment) location.hash = fragment;
  return (await axe.run(document, options)).violations;
}"""

_checkers: dict[int, _Checker] = {}


# Loaded, and no htmx request under way.
_SETTLED = "() => document.readyState === 'complete' && !document.querySelector('.htmx-request')"


def settle(page: Page) -> None:
    """Wait for the page (and, with JavaScript, htmx's swaps) to be done. With JavaScript it
    usually is already: one question answers that (waiting for the next frame to ask costs a
    browser test about a fifth of its page loads' time)."""
    if page.js and page.evaluate(_SETTLED):
        return
    page.wait_for_load_state("load")
    if page.js:
        page.wait_for_function(_SETTLED)


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


# A role's session cookie from its first sign-in through the form in this worker, reused while
# well inside the idle limit (30 minutes): the form, its password hashing and its page cost once.
_SESSION_COOKIE = "crosswalk_session"
_REUSE_SECONDS = 20 * 60
_sessions: dict[str, tuple[float, dict]] = {}


def sign_in(page: Page, role: str) -> Page:
    """The role's home page, signed in: with the session this worker's first sign-in through the
    form got, or through the form (when there is none yet, or it ended: signed out, expired)."""
    user = DEMO[role]
    welcome = page.get_by_role("heading", level=1, name=f"Welcome, {user['name']}")
    saved = _sessions.get(role)
    if saved and time.monotonic() - saved[0] < _REUSE_SECONDS:
        page.context.add_cookies([saved[1]])
        page.goto("/")
        settle(page)
        if welcome.count():
            check_accessibility(page)
            return page
        _sessions.pop(role, None)
    visit(page, "/auth/login")
    page.get_by_label("Email").fill(user["email"])
    page.get_by_label("Password").fill(user["password"])
    submit(page, "Sign in")
    welcome.wait_for()
    cookie = next((c for c in page.context.cookies(page.url) if c["name"] == _SESSION_COOKIE), None)
    if cookie:
        _sessions[role] = (time.monotonic(), cookie)
    return page
