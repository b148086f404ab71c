"""One referral's page and the steps taken on it. The page's parts (the discharge checklist, the
next step, a note on the timeline) are one form (docs/ARCHITECTURE.md, "Several forms on one
page"): each part's button posts the whole form to its own route, which reads only its own fields
(the note and the checklist prefixed, as their names would collide with the step's) and, once
saved, goes back to the page unless another part holds text typed but not sent. A step taken from
a queue's row comes here too, and goes back to its queue the same way."""
from __future__ import annotations

from flask import flash, request, url_for
from flask_login import current_user

from hh.conferences.privacy import can_view as can_view_household
from hh.extensions import db
from hh.referrals import bp, services
from hh.referrals.forms import ChecklistForm, NoteForm, StatusForm
from hh.referrals.models import CHECKLIST, Referral
from hh.referrals.routes import queue_page, respond
from hh.referrals.row_parts import queue_args, queue_rows, row_prefix, typed_rows
from hh.referrals.rows import queue_row
from hh.referrals.services import TransitionError
from hh.web import (
    STAFF,
    allow,
    audited,
    back_to_page,
    is_partial,
    safe_next,
    submit,
    visible,
)

PREFIXES = {"note": "timeline", "checklist": "checklist"}  # the step's fields keep their names


def _referral(referral_id: int) -> Referral:
    return visible(services.referral_for_page(referral_id), services.can_view)


def _checklist_values(referral: Referral) -> dict:
    values = {name: bool(getattr(referral, name)) for name, _ in CHECKLIST}
    values["warm_handoff"] = {True: "yes", False: "no"}.get(referral.warm_handoff, "")
    return values


def _form(part: str, referral: Referral, fresh: bool = False):
    """One part's form: as posted during a POST (Flask-WTF's default), or, `fresh`, as saved."""
    data = {"formdata": None} if fresh else {}
    if part == "checklist":
        return ChecklistForm(prefix=PREFIXES[part], data=_checklist_values(referral), **data)
    return (NoteForm if part == "note" else StatusForm)(prefix=PREFIXES.get(part, ""), **data)


def _shown(referral: Referral) -> list[str]:
    """The parts of the page this reader is shown (the others need no form)."""
    mine = services.sides(current_user, referral)
    shown = []
    if mine and referral.is_discharge and (referral.is_open or referral.status == "connected"):
        shown.append("checklist")
    if services.allowed_steps(current_user, referral):
        shown.append("status")
    if mine:
        shown.append("note")
    return shown


def _parts(referral: Referral) -> dict:
    """The parts this reader is shown, each with its form as posted (built before anything is
    saved, so each knows what the page showed)."""
    return {part: _form(part, referral) for part in _shown(referral)}


def _referral_page(referral: Referral, status: int = 200, forms: dict | None = None,
                   error: str | None = None, reload: bool = True):
    """The page; a part without a form in `forms` is shown as saved. `reload`: read the referral
    again, as saved, with what the page shows (after a step; a GET has it so already)."""
    if reload:
        referral = services.referral_for_page(referral.id)
    forms = {part: (forms or {}).get(part) or _form(part, referral, fresh=True)
             for part in _shown(referral)}
    return respond("referrals/referral.html", status=status, referral=referral,
                   sides=services.sides(current_user, referral), form=forms.get("status"),
                   note_form=forms.get("note"), checklist_form=forms.get("checklist"), error=error,
                   household_visible=referral.household is not None and
                   can_view_household(current_user, referral.household),
                   duplicates=services.duplicate_warnings(referral.household, referral.category_id,
                                                          exclude_id=referral.id)
                   if referral.household is not None and referral.is_open else [])


def _saved(referral: Referral, forms: dict, part: str, url: str):
    """After one part saved: the page again, that part fresh, the others as typed (if any
    was typed into), else a 303 to `url`."""
    others = {name: form for name, form in forms.items() if name != part}
    return back_to_page(url, others.values(), lambda: _referral_page(referral, forms=others))


@bp.route("/<int:referral_id>")
@allow(*STAFF)
def referral(referral_id: int):
    """One referral: who, what, where it stands, the shared timeline, and the next steps."""
    services.expire_unanswered()
    referral = _referral(referral_id)
    arrived = services.mark_received(referral, current_user)
    if arrived:
        db.session.commit()  # the page shows it received, read again as saved
    return audited(_referral_page(referral, reload=arrived), "referral_viewed", "referral",
                   referral.id)


def _first_problem(form) -> str:
    """What the page says above a refused step: the first field's message."""
    for field in form:
        if field.errors and field.short_name != "csrf_token":
            return field.errors[0]
    return "Check the details below and try again."


def _warm(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _take_step(referral: Referral, form: StatusForm, from_queue: bool = False):
    """The step the form asks for: (None, 200) once saved, else (why not, 409 or 422). A queue's
    row has a note only for declining (typed under "Decline", it belongs to no other step)."""
    note = (form.note.data or "") if not from_queue or form.to.data == "declined" else ""
    try:
        done = submit(form, lambda: services.change_status(
            referral, form.to.data, current_user, note=note,
            reason=form.reason.data or "", scheduled_on=form.scheduled_on.data,
            follow_up_on=form.follow_up_on.data, warm_handoff=_warm(form.warm_handoff.data)))
    except TransitionError as problem:
        db.session.rollback()
        return str(problem), 409
    return (None, 200) if done is not None else (_first_problem(form), 422)


def _now(referral: Referral) -> str:
    return f"{referral.reference} is now {referral.status_label.lower()}."


@bp.route("/<int:referral_id>/status", methods=["POST"])
@allow(*STAFF)
def change_status(referral_id: int):
    """One step along the referral's way (accept, decline with a reason, schedule, connected...).
    A step that is not possible from where it stands answers 409 with the reason."""
    referral = _referral(referral_id)
    side = request.form.get("from")
    if side in ("incoming", "outgoing"):
        return _step_from_queue(referral, side)
    forms = _parts(referral)
    form = forms.get("status") or _form("status", referral)
    error, status = _take_step(referral, form)
    if error is not None:
        return _referral_page(referral, status, forms, error)
    flash(_now(referral), "success")
    page = url_for("referrals.referral", referral_id=referral.id)
    return _saved(referral, forms, "status", safe_next(request.form.get("next"), page))


def _step_from_queue(referral: Referral, side: str):
    """A step from a queue's row (fields prefixed r<id>-). With htmx: that row, swapped. Without:
    the queue again, as it was (its other rows as typed) or, if nothing else was typed, a 303."""
    form = StatusForm(prefix=row_prefix(referral.id))
    error, status = _take_step(referral, form, from_queue=True)
    if is_partial():  # its row, as saved, with what the row shows
        row = queue_row(referral.id)
        if error is None:
            flash(_now(row), "success")
        return respond("referrals/incoming.html", "referrals/_row.html", status=status,
                       r=row, side=side, rows=queue_rows({row.id: form} if error else None,
                                                         {row.id: error} if error else None))
    others = typed_rows(skip=referral.id)
    if error is not None:
        return queue_page(side, status, others | {referral.id: form}, {referral.id: error})
    flash(_now(referral), "success")
    back = safe_next(request.form.get("next"), url_for("referrals." + side, **queue_args()))
    return back_to_page(back, others.values(), lambda: queue_page(side, typed=others))


@bp.route("/<int:referral_id>/notes", methods=["POST"])
@allow(*STAFF)
def add_note(referral_id: int):
    """A note on the shared timeline, and/or a new follow-up date."""
    referral = _referral(referral_id)
    forms = _parts(referral)
    form = forms.get("note") or _form("note", referral)
    if submit(form, lambda: services.add_note(referral, current_user, form.note.data or "",
                                              form.follow_up_on.data)) is None:
        return _referral_page(referral, 422, forms | {"note": form})
    flash("Added to the timeline.", "success")
    return _saved(referral, forms, "note",
                  url_for("referrals.referral", referral_id=referral.id, _anchor="timeline"))


@bp.route("/<int:referral_id>/checklist", methods=["POST"])
@allow(*STAFF)
def save_checklist(referral_id: int):
    """The discharge checklist, ticked off by either side as the hand-off comes together."""
    referral = _referral(referral_id)
    forms = _parts(referral)
    if not referral.is_open and referral.status != "connected":
        return _referral_page(referral, 409, forms,
                              "This hand-off is finished; its checklist is closed.")
    form = forms.get("checklist") or _form("checklist", referral)
    try:
        done = submit(form, lambda: services.save_checklist(
            referral, current_user, {name for name, _ in CHECKLIST if form[name].data},
            _warm(form.warm_handoff.data)))
    except TransitionError as problem:
        db.session.rollback()
        return _referral_page(referral, 409, forms, str(problem))
    if done is None:
        return _referral_page(referral, 422, forms | {"checklist": form})
    flash("Checklist saved.", "success")
    return _saved(referral, forms, "checklist",
                  url_for("referrals.referral", referral_id=referral.id, _anchor="checklist"))
