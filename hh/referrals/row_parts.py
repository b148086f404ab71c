"""What the rows of a queue page share, worked out once per page (_rows.html draws up to 15),
and what each row needs beyond its referral, asked for in one call: its steps, its form (as
typed, or empty), its message, its links, and whom it is for."""
from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from flask import request
from flask_login import current_user
from markupsafe import Markup, escape

from hh.conferences.privacy import identity
from hh.referrals.forms import DeclineFields, RowStepForm, ScheduleFields
from hh.referrals.queues import is_overdue
from hh.referrals.steps import RowSteps, row_steps
from hh.timeutil import local_today
from hh.web import url_with_id

# A queue is one form around its rows (what is typed in one row survives a step taken in another
# without JavaScript); each row's fields carry its prefix, "r<referral id>-".
ROW_FIELD = re.compile(r"r(\d{1,9})-")

# A row's fields are shown, not checked: no token field of their own (the row carries the page's),
# one field fewer to build on every row.
SHOWN_ONLY = {"csrf": False}

class RowParts(NamedTuple):
    """One row's parts beyond its referral (`rows.parts(r)`)."""

    steps: RowSteps
    overdue: bool
    who: Markup
    referral_url: str
    status_url: str  # where its steps are posted
    error: str | None  # why its step was refused
    form: object | None  # the fields of the steps it unfolds: as typed, or empty
    note: str  # the reason for declining, as typed
    declining: bool  # its "Decline…" details are open: typed into, or refused
    scheduling: bool  # and its "Schedule…" details


class QueueRows:
    """The rows' shared parts (templates/referrals/_rows.html). Each row asks for its own in one
    call, `parts(r)`: a template's call costs a few µs, and a row made seven."""

    def __init__(self, reader, today: date, typed: dict | None = None,
                 errors: dict | None = None):
        self.reader, self.today = reader, today
        self.typed = typed or {}  # referral id → its fields as posted
        self.errors = errors or {}  # referral id → why its step was refused
        self.referral_url = url_with_id("referrals.referral", "referral_id")
        # With the queue's view, filter and page, so the same queue can be shown again.
        self.status_url = url_with_id("referrals.change_status", "referral_id", **queue_args())

    def parts(self, r) -> RowParts:
        steps = row_steps(self.reader, r)
        typed, error = self.typed.get(r.id), self.errors.get(r.id)
        form = (typed or self._empty(r, steps)) if steps.decline or steps.schedule else None
        return RowParts(steps, is_overdue(r, self.today), who(self.reader, r),
                        self.referral_url(r.id), self.status_url(r.id), error, form,
                        *_as_typed(typed, error))

    @staticmethod
    def _empty(r, steps: RowSteps):
        """Only the fields its steps draw (the reason for declining, the date)."""
        if steps.decline and steps.schedule:
            fields = RowStepForm
        else:
            fields = DeclineFields if steps.decline else ScheduleFields
        return fields(formdata=None, prefix=row_prefix(r.id), meta=SHOWN_ONLY)


def _as_typed(typed, error: str | None) -> tuple[str, bool, bool]:
    """What a row's fields hold as posted (a step refused, or another row's taken without
    JavaScript): its note, and whether its decline and schedule details stay open."""
    if typed is None:
        return "", False, False
    return (typed.note.data or "",
            bool(typed.reason.data or typed.note.data or (error and typed.to.data == "declined")),
            bool((typed.scheduled_on.raw_data or [""])[0] or
                 (error and typed.to.data == "scheduled")))


def queue_rows(typed: dict | None = None, errors: dict | None = None) -> QueueRows:
    """The page's rows' shared parts, for the signed-in reader (`rows` in the page's context)."""
    return QueueRows(current_user._get_current_object(), local_today(), typed, errors)


def who(reader, referral) -> Markup:
    """Who the referral is for (a Referral or a queue's row): a household as this reader may see
    it, or a person's initials. (Escaped into an f-string: Markup.format took three times as
    long, on every row of a queue.)"""
    household = referral.household
    if household is None:
        return Markup(f'{escape(referral.person_initials)} '
                      '<span class="muted">(not on the By-Name List)</span>')
    shown, reference = identity(reader, household), escape(household.reference)
    if shown.shown:
        return Markup(f'{escape(shown.name)} <span class="muted">({reference})</span>')
    return Markup(f'{reference} <span class="tag">identity hidden</span>')


def queue_args() -> dict:
    """The queue's view, filter and page as its URL has them: a row's step carries them along, so
    the same queue can be shown again after the step."""
    return {key: request.args[key] for key in ("view", "organization", "page")
            if request.args.get(key)}


def row_prefix(referral_id: int) -> str:
    return f"r{referral_id}"


def typed_rows(skip: int | None = None) -> dict:
    """Every row of the posted queue, as typed (but the row `skip`), by referral id."""
    ids = {int(match.group(1)) for key in request.form if (match := ROW_FIELD.match(key))}
    return {i: RowStepForm(prefix=row_prefix(i), meta=SHOWN_ONLY) for i in sorted(ids)
            if i != skip}
