"""Helpers tests import by name (`from support import login`); fixtures live in conftest.py.

They are kept out of conftest.py because tests/browser/ has a conftest.py of its own, and two
modules both named `conftest` cannot be imported by name side by side."""
from __future__ import annotations

import os
import re

PASSWORD = "correct-horse-battery-41"
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()


def login(client, email: str, password: str = PASSWORD, **extra):
    return client.post("/auth/login", data={"email": email, "password": password, **extra})


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'"X-CSRFToken": "([^"]+)"', html)
    assert match, "no CSRF token in page"
    return match.group(1)
