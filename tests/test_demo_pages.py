"""Every page of the demo CoC, as each role reaches it by following links from the home page:
none fails, and none loads rows one by one while it renders (tests/lazy_loads.py). Unit tests
build small worlds; this walks the demo's full one (plans with items, referrals with categories,
households with history) where a lazy load shows up."""
from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import lazy_loads
import pytest

from hh.demo import DEMO_USERS

SKIP = ("/static/", "/auth/logout", "/healthz")
DOWNLOADS = (".csv", ".zip", ".json", ".svg", "/export")
PAGES_PER_ROLE = 300
# Pages of one kind (/referrals/4, /referrals/14?tab=x...): the first two are enough to show how
# that kind of page loads what it shows.
VARIANTS_PER_KIND = 2


class _Hrefs(HTMLParser):
    """The href of every link, in page order (the walk reads hundreds of pages: a parser that
    keeps only these, not a whole tree)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href is not None:
                self.found.append(href)


def _links(html: str) -> list[str]:
    found = []
    for href in _Hrefs(html).found:
        href = urldefrag(href)[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(SKIP) or parts.path.endswith(DOWNLOADS) or "download" in href:
            continue
        found.append(href)
    return found


def walk(client) -> tuple[list[str], list[str]]:
    """Follow every link from the home page (breadth first). Returns the pages seen and the
    problems (a 5xx, or a link the role was shown but may not open)."""
    seen, problems, per_path = set(), [], {}
    queue = deque(["/"])
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.popleft()
        kind = re.sub(r"\d+", "N", urlsplit(url).path)
        if url in seen or per_path.get(kind, 0) >= VARIANTS_PER_KIND:
            continue
        seen.add(url)
        per_path[kind] = per_path.get(kind, 0) + 1
        response = client.get(url)
        if response.status_code >= 500 or response.status_code == 403:
            problems.append(f"{url}: {response.status_code}")
        if response.status_code == 200 and response.mimetype == "text/html":
            queue.extend(link for link in _links(response.get_data(as_text=True))
                         if link not in seen)
    return sorted(seen), problems


@pytest.mark.parametrize("user", DEMO_USERS, ids=[user["email"].split("@")[0] for user in DEMO_USERS])
def test_every_page_each_role_reaches_renders_without_failing_or_lazy_loads(
        user, demo, app, monkeypatch):
    """One role's walk of the demo CoC (each starts from a copy of it, loaded once: see the
    `demo` fixture), so the four walks can run side by side."""
    monkeypatch.setattr(lazy_loads, "STRICT", True)
    client = app.test_client()
    client.post("/auth/login", data={"email": user["email"], "password": user["password"]})
    pages, failed = walk(client)
    assert len(pages) > 15, (user["role"], pages)  # signed in; went beyond the home page
    problems = [f"{user['role']} {problem}" for problem in failed]
    lazy = list(dict.fromkeys(lazy_loads.found))
    lazy_loads.found.clear()
    assert not problems and not lazy, "\n".join(problems + lazy)
