"""Helpers tests import by name (`from support import login`); fixtures live in conftest.py.

They are kept out of conftest.py because tests/browser/ has a conftest.py of its own, and two
modules both named `conftest` cannot be imported by name side by side."""
from __future__ import annotations

import os
import re

from bs4 import BeautifulSoup

PASSWORD = "correct-horse-battery-41"
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()


def login(client, email: str, password: str = PASSWORD, **extra):
    return client.post("/auth/login", data={"email": email, "password": password, **extra})


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'"X-CSRFToken": "([^"]+)"', html)
    assert match, "no CSRF token in page"
    return match.group(1)


# --- Reading pages as a user does ------------------------------------------------------------
# Tests assert what a person sees: the words on the page (or in one part of it), a field's
# message, a link's target, not exact HTML substrings that change with every markup tweak.


def soup(page) -> BeautifulSoup:
    """A response or an HTML string, parsed."""
    html = page if isinstance(page, str) else page.get_data(as_text=True)
    return BeautifulSoup(html, "html.parser")


def _words(element) -> str:
    return " ".join(element.get_text(" ").split())


def text(page, selector: str | None = None) -> str:
    """The visible words of the page, or of every element matching a CSS selector, with runs
    of spaces and line breaks made one space ("" when nothing matches)."""
    parsed = soup(page)
    for hidden in parsed.select("script, style, template"):
        hidden.decompose()
    if selector is None:
        return _words(parsed)
    return " ".join(_words(element) for element in parsed.select(selector))


def texts(page, selector: str) -> list[str]:
    """The words of each element matching the selector, in page order (rows, items, options)."""
    return [_words(element) for element in soup(page).select(selector)]


def field_error(page, field_id: str) -> str:
    """The message shown next to a form field (its id), "" when it has none."""
    return text(page, f"#{field_id}-error")


def links(page, selector: str = "a") -> dict[str, str]:
    """Link text → href for the links matching the selector."""
    return {_words(a): a.get("href", "") for a in soup(page).select(selector)}


def form_values(form, joined=()) -> dict[str, str]:
    """What a browser sends for a form's fields left as the page shows them (no button pressed):
    the controls inside the form and `joined`, those outside it that name it (form="...")."""
    data: dict[str, str] = {}
    for control in [*form.select("input[name], select[name], textarea[name]"), *joined]:
        kind, name = control.get("type"), control.get("name")
        if not name or control.has_attr("disabled") or control.name == "button":
            continue
        if control.name == "textarea":  # a browser drops the newline that opens the content
            data[name] = control.get_text().removeprefix("\r\n").removeprefix("\n")
        elif control.name == "select":
            options = control.select("option")
            chosen = next((o for o in options if o.has_attr("selected")), None) or \
                (options[0] if options else None)
            data[name] = chosen.get("value", chosen.get_text()) if chosen else ""
        elif kind in ("checkbox", "radio"):
            if control.has_attr("checked"):
                data[name] = control.get("value", "on")
        elif kind not in ("submit", "button", "reset", "image"):
            data[name] = control.get("value", "")
    return data


def statements_of(action) -> tuple[object, list[str]]:
    """What `action()` returns, and the SQL statements the database was sent while it ran (e.g.
    a page's second view: the first fills the caches and notes the session's activity)."""
    from sqlalchemy import event

    from hh.extensions import db

    seen: list[str] = []

    def note(conn, cursor, statement, *rest):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        result = action()
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return result, seen


def page_reads(statements: list[str]) -> list[str]:
    """The statements a page sent for itself: not the signed-in user's, nor the unread notices'
    count that every page's layout reads."""
    return [s for s in statements if not s.startswith("SELECT user_account")
            and "FROM notification" not in s]


def reads_when_seen_again(client, page: str) -> tuple[object, list[str]]:
    """Open `page` twice: the first response, and what the second sent for itself (page_reads).
    The second must show the same content as the first (a cache may not change what is seen)."""
    first = client.get(page)
    again, statements = statements_of(lambda: client.get(page))
    assert text(again, "main") == text(first, "main")
    return first, page_reads(statements)



def rows_counted(table: str) -> int | None:
    """A table's row count as SQLite's query planner knows it (None: never measured)."""
    from sqlalchemy import text

    from hh.extensions import db

    stat = None
    if db.session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).first():
        stat = db.session.execute(text("SELECT stat FROM sqlite_stat1 WHERE tbl = :t"),
                                  {"t": table}).scalars().first()
    db.session.commit()
    return int(stat.split()[0]) if stat else None
