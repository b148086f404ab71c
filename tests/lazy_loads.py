"""A lazy load while a template renders is a statement per row the page shows: the suite fails on
one, naming the template and the relationship, so a page loads what it shows up front (eager
loading in the service) instead of one query per item from the template.

Set LAZY_LOADS_REPORT=FILE to append them all to FILE (one line each) instead of failing."""
from __future__ import annotations

import contextvars
import os

from flask import before_render_template, template_rendered
from sqlalchemy import event
from sqlalchemy.orm import Session

REPORT = os.environ.get("LAZY_LOADS_REPORT")
# tests/test_demo_pages.py walks every page of the demo as each role, where the lazy loads that
# small test worlds miss show up.
STRICT = True
found: list[str] = []  # since the last check(), across threads (the browser tests' live server)
_rendering: contextvars.ContextVar[str | None] = contextvars.ContextVar("rendering", default=None)


class LazyLoadWhileRendering(AssertionError):
    pass


def _started(sender, template, context, **extra):
    context["_lazy_load_token"] = _rendering.set(template.name)


def _finished(sender, template, context, **extra):
    token = context.get("_lazy_load_token")
    if token is not None:
        _rendering.reset(token)


def _on_execute(state):
    template = _rendering.get()
    if template is None or state.lazy_loaded_from is None:
        return
    owner = state.lazy_loaded_from.class_.__name__
    what = f"{owner}: {state.statement.get_final_froms()[0]}"
    if REPORT:
        with open(REPORT, "a") as report:
            report.write(f"{template}\t{what}\n")
        return
    if not STRICT:
        return
    message = f"lazy load ({what}) while rendering {template}: load it eagerly"
    found.append(message)
    raise LazyLoadWhileRendering(message)


def check() -> None:
    """Fail the test that caused one, even where the app's error handler turned it into a 500
    page (or a live server's thread swallowed it)."""
    if found:
        messages = list(dict.fromkeys(found))
        found.clear()
        raise LazyLoadWhileRendering("; ".join(messages))


def install() -> None:
    before_render_template.connect(_started)
    template_rendered.connect(_finished)
    event.listen(Session, "do_orm_execute", _on_execute)
