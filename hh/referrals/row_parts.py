"""What the rows of a queue page share, worked out once per page (_rows.html draws up to 15):
each row's form (as typed, or empty), its message, and its links."""
from __future__ import annotations

import re
from collections.abc import Callable

from flask import request, url_for

from hh.referrals.forms import DeclineFields, RowStepForm, ScheduleFields

# A queue is one form around its rows (what is typed in one row survives a step taken in another
# without JavaScript); each row's fields carry its prefix, "r<referral id>-".
ROW_FIELD = re.compile(r"r(\d{1,9})-")

# A row's fields are shown, not checked: no token field of their own (the row carries the page's),
# one field fewer to build on every row.
SHOWN_ONLY = {"csrf": False}

# Where each row's id goes in a URL built once for the page (the largest id PostgreSQL holds;
# a row's URL names its id in the path, before any query argument).
_ROW_ID = 2**31 - 1


def row_parts(typed: dict | None = None, errors: dict | None = None) -> dict:
    """The rows' shared parts, for the page's context: `row_form(r, steps)`, `row_errors`,
    `row_url(id)` (the referral's page) and `step_url(id)` (where its steps are posted, with the
    queue's view, filter and page, so the same queue can be shown again)."""
    return {"row_form": row_forms(typed), "row_errors": errors or {},
            "row_url": url_with_id("referrals.referral"),
            "step_url": url_with_id("referrals.change_status", **queue_args())}


def url_with_id(endpoint: str, **args) -> Callable[[int], str]:
    """url_for(endpoint, referral_id=…, **args) for every row of a page: built once, each row's
    id put in its place (a row has two links, and url_for costs 5 to 10 µs)."""
    head, _, tail = url_for(endpoint, referral_id=_ROW_ID, **args).partition(str(_ROW_ID))
    return lambda referral_id: f"{head}{referral_id}{tail}"


def queue_args() -> dict:
    """The queue's view, filter and page as its URL has them: a row's step carries them along, so
    the same queue can be shown again after the step."""
    return {key: request.args[key] for key in ("view", "organization", "page")
            if request.args.get(key)}


def row_prefix(referral_id: int) -> str:
    return f"r{referral_id}"


def row_forms(typed: dict | None = None):
    """The form of each row a queue shows (`row_form(r, steps)`, for a row that unfolds a step's
    details): as typed where given, else empty, with only the fields its steps show."""
    typed = typed or {}
    return lambda r, steps: typed.get(r.id) or _empty_row_form(steps)(
        formdata=None, prefix=row_prefix(r.id), meta=SHOWN_ONLY)


def _empty_row_form(steps) -> type:
    if steps.decline and steps.schedule:
        return RowStepForm
    return DeclineFields if steps.decline else ScheduleFields


def typed_rows(skip: int | None = None) -> dict:
    """Every row of the posted queue, as typed (but the row `skip`), by referral id."""
    ids = {int(match.group(1)) for key in request.form if (match := ROW_FIELD.match(key))}
    return {i: RowStepForm(prefix=row_prefix(i), meta=SHOWN_ONLY) for i in sorted(ids)
            if i != skip}
