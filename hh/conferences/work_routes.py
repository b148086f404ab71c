"""Work the list, the scribe's page in the meeting: one household at a time. Every household
shows what was recorded; the one being worked shows its form. The page is one form:
- a household's Save sends it and opens the next household (with htmx: saves that one alone);
- a household's Record (or Change) sends it too, so what was typed is saved, not lost, and
  opens that household (with htmx: swaps its form in place);
- Save all saves every household whose form was open (several, with htmx)."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user

from hh.conferences import bp, worklist
from hh.conferences import meetings as conferencing
from hh.conferences.agenda_rows import meeting_agenda
from hh.conferences.conference_loading import (
    HEADER,
    WORK,
    WORK_READ,
    audit_view,
    conference_entry,
    load_conference,
    recordable,
)
from hh.conferences.forms import EntryForm
from hh.conferences.households import RepeatedMarks
from hh.conferences.models import CaseConference, ConferenceEntry
from hh.conferences.privacy import can_record
from hh.conferences.routes import client_page
from hh.forms import choices
from hh.web import STAFF, allow, is_partial, submit


def _entry_form(entry: ConferenceEntry, staff: list, formdata=None) -> EntryForm:
    """One household's form, its fields prefixed with the entry's id."""
    form = EntryForm(formdata=formdata, obj=entry, prefix=f"e{entry.id}")
    form.responsible_id.choices = staff
    return form


def _asked_to_open(agenda: list) -> set[int]:
    """The households whose form the page draws: those the address names (?household=), else
    the first one still without an action step, an owner or a date (none when all have them)."""
    asked = {int(value) for value in request.args.getlist("household") if value.isdigit()}
    if asked:
        return asked
    return {next((row.entry.id for row in agenda if row.entry.missing), None)} - {None}


def _posted() -> set[int]:
    """The households whose fields the page's form sent: those that were open."""
    return {int(key[1:].partition("-")[0]) for key in request.form
            if key.startswith("e") and key[1:].partition("-")[0].isdigit()}


def _work_context(conference: CaseConference, posted: ConferenceEntry | bool = False,
                  recording: bool = True, opening: set[int] | None = None) -> dict:
    """What work.html and its household partial read: the agenda, the forms of the households
    being worked (for whoever records) and the names of the steps' owners. Nothing posted: the
    agenda as plain rows (the conference loaded without it), a form for each household to open
    (`opening`, else as the address asks), filled from its row; posted: the records being saved,
    and the posted household's form, or (posted=True) every posted one's, as typed."""
    reader = current_user._get_current_object()
    if not recording:  # what was recorded, each step's owner loaded with it
        agenda = conferencing.agenda_rows(conference, reader)
        return _context(conference, agenda, {}, {e.responsible_id: e.responsible.display_name
                                                 for e in conference.entries if e.responsible})
    if posted is False:
        agenda = meeting_agenda(conference, reader)
        working = opening or _asked_to_open(agenda)
    else:
        agenda = conferencing.agenda_rows(conference, reader, keep=posted)
        working = _posted() if posted is True else {posted.id}
    staff = conferencing.staff_choices()
    listed = choices([(None, "— choose —")] + staff)
    formdata = request.form if posted is not False else None
    forms = {row.entry.id: _entry_form(row.entry, listed, formdata)
             for row in agenda if row.entry.id in working}
    return _context(conference, agenda, forms, dict(staff))


def _context(conference: CaseConference, agenda: list, forms: dict, owners: dict) -> dict:
    return {"conference": conference, "agenda": agenda, "forms": forms, "owners": owners,
            "explain_repeated": RepeatedMarks()}


@bp.route("/meetings/<int:conference_id>/work", methods=["GET", "POST"])
@allow(*STAFF)
def work(conference_id: int):
    """Work the list (POST: the page's form, from Save all, a household's Save or Record)."""
    if request.method == "POST":
        return _save_all(recordable(load_conference(conference_id, load=WORK)))
    conference = load_conference(conference_id, load=HEADER)
    recording = can_record(current_user, conference)
    if not recording:  # the page shows what was recorded, each step's owner by name
        conference = load_conference(conference_id, load=WORK_READ)
    context = _work_context(conference, recording=recording)
    return audit_view(client_page("conferences/work.html", **context, can_record=recording),
                   conference, "work the list")


def _save_all(conference: CaseConference):
    """Save every household sent whose fields changed, then open the one asked for (Record), or
    the next after the one whose Save was pressed. A household refused (shape or rule) keeps what
    was typed, with its messages; the others are saved all the same."""
    context = _work_context(conference, posted=True)
    count, refused = 0, False
    for entry in list(conference.entries):
        form = context["forms"].get(entry.id)
        if form is None or (form.validate_on_submit() and worklist.unchanged(entry, form.data)):
            continue
        done = submit(form, lambda entry=entry, form=form:
                      conferencing.save_entry(entry, form.data, current_user))
        count, refused = count + (done is not None), refused or done is None
    if count:
        flash(f"Saved {count} household{'s' if count != 1 else ''}.", "success")
    if not refused:
        opening = _opening_next(context["agenda"])
        if not count and opening is None:
            flash("Nothing had changed.", "info")
        return _to_work(conference, opening)
    load_conference(conference.id, load=WORK)  # a refusal rolled back: reload what it shows
    return client_page("conferences/work.html", status=422, **context, can_record=True)


def _opening_next(agenda: list) -> int | None:
    """The household to open after the page's form was sent: the one whose Record was pressed,
    or the one after the household whose Save was pressed (None: the page's own choice)."""
    asked, saved_row = request.form.get("open", ""), request.form.get("saved_row", "")
    if asked.isdigit() and any(row.entry.id == int(asked) for row in agenda):
        return int(asked)
    return _next_after(agenda, int(saved_row)) if saved_row.isdigit() else None


def _next_after(agenda: list, entry_id: int) -> int | None:
    """The household after this one on the agenda (None after the last)."""
    ids = [row.entry.id for row in agenda]
    return ids[ids.index(entry_id) + 1] if entry_id in ids[:-1] else None


def _to_work(conference: CaseConference, opening: int | None):
    """The page, with this household open and in view (None: the page's own choice)."""
    url = url_for("conferences.work", conference_id=conference.id, household=opening)
    return redirect(url + (f"#entry-{opening}" if opening else ""), 303)


@bp.route("/meetings/<int:conference_id>/entries/<int:entry_id>")
@allow(*STAFF)
def open_entry(conference_id: int, entry_id: int):
    """One household's form (htmx: swapped in place of what it shows); otherwise the page with
    that household open."""
    conference = recordable(load_conference(conference_id, load=HEADER))
    entry = conference_entry(conference, entry_id)
    context = _work_context(conference, opening={entry.id})
    row = next((row for row in context["agenda"] if row.entry.id == entry.id), None)
    if not is_partial() or row is None:  # (None: no longer on the agenda, e.g. housed since)
        return _to_work(conference, entry.id if row else None)
    return audit_view(client_page("conferences/work.html", "conferences/_entry.html", **context,
                               row=row, can_record=True, saved=False, focus=True),
                   conference, "work the list")


@bp.route("/meetings/<int:conference_id>/entries/<int:entry_id>", methods=["POST"])
@allow(*STAFF)
def save_entry(conference_id: int, entry_id: int):
    """Save one household (htmx: shown again, closed, with what was saved; otherwise the page
    with the next household open)."""
    conference = recordable(load_conference(conference_id, load=WORK))
    entry = conference_entry(conference, entry_id)
    context = _work_context(conference, posted=entry)
    form = context["forms"][entry.id]
    done = submit(form, lambda: conferencing.save_entry(entry, form.data, current_user))
    if done:
        flash(f"Saved {entry.household.reference}.", "success")
        if not is_partial():
            return _to_work(conference, _next_after(context["agenda"], entry.id))
        context["forms"] = {}  # saved: shown as recorded
    load_conference(conference_id, load=WORK)  # saved or rolled back: reload what the page shows
    row = next(row for row in context["agenda"] if row.entry is entry)
    return client_page("conferences/work.html", "conferences/_entry.html",
                       status=200 if done else 422, **context, row=row, can_record=True,
                       saved=bool(done), focus=True)
