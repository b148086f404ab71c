"""A page's one POST form as a browser without JavaScript sends it: every field with the value
the page shows (as typed over by the test), and the pressed button's own route (`formaction`)
and value. For the pages whose parts share one form (docs/ARCHITECTURE.md, "Several forms")."""
from __future__ import annotations

from support import form_values as shown_values
from support import soup


def _words(element) -> str:
    return " ".join(element.get_text(" ").split())


def page_form(page):
    """The page's one form that posts (in <main>); the test fails if there are several."""
    forms = soup(page).select("main form[method=post]")
    assert len(forms) == 1, f"{len(forms)} POST forms in the page's content"
    return forms[0]


def press(page, button: str, **typed: str) -> tuple[str, dict[str, str]]:
    """The URL and data a browser posts when `button` (its words, hidden ones included) is
    pressed after typing `typed` (field name → value) into the page's form."""
    form = page_form(page)
    pressed = [b for b in form.select("button") if _words(b) == button]
    assert len(pressed) == 1, f"{len(pressed)} buttons named {button!r}"
    unknown = set(typed) - set(shown_values(form))
    assert not unknown, f"no such fields on the page: {unknown}"
    data = shown_values(form) | typed
    if pressed[0].get("name"):
        data[pressed[0]["name"]] = pressed[0].get("value", "")
    return pressed[0].get("formaction") or form["action"], data
