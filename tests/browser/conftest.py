"""Browser harness: the app on a live server, real Chromium (Debian's) through Playwright, every
test run with JavaScript on and off, and axe-core on every page a test looks at.

Playwright never downloads a browser here: it launches CHROMIUM_PATH, by default Debian's
headless-only build of its Chromium (package chromium-headless-shell), as Playwright itself runs
headless tests: the same Blink and V8 as /usr/bin/chromium, a third less CPU per test.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from werkzeug.serving import make_server

from hh import create_app
from hh.demo import load_demo
from hh.extensions import db

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, instance_dir):
    """The app with demo data, served on a free loopback port for the whole session."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `python3 dev.py test`, which installs it")
    path = tmp_path_factory.mktemp("browser") / "browser.db"
    app = create_app({
        "HH_ENV": "testing", "SECRET_KEY": "browser-tests", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
        "RATELIMIT_ENABLED": False, "DEMO_MODE": True, "WTF_CSRF_ENABLED": True,
    })
    with app.app_context():
        from hh.cli import upgrade_database

        upgrade_database()
        load_demo()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.app = app
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def page(request, browser, live_server) -> Page:
    """A fresh browser context (no cookies), with JavaScript on or off."""
    context = browser.new_context(java_script_enabled=request.param, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.js = request.param
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
    assert not page.errors, f"JavaScript errors: {page.errors}"
