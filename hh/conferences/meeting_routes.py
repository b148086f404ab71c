"""Case conferences: thin views (the learning loop's are in learning_routes.py, work the list's
in work_routes.py). A conference's pages show households as privacy.py allows, are no-store, and
are audited once built (ids only)."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user

from hh.conferences import bp
from hh.conferences import meetings as conferencing
from hh.conferences.agenda_rows import meeting_agenda
from hh.conferences.conference_loading import (
    HEADER,
    MEETING,
    MINUTES,
    audit_view,
    conference_entry,
    load_conference,
    recordable,
)
from hh.conferences.forms import (
    AgendaAddForm,
    AttendeeForm,
    ConferenceForm,
    SummaryForm,
)
from hh.conferences.households import region_choices
from hh.conferences.models import (
    BARRIER_CATEGORIES,
    DEFAULT_AGREEMENTS,
    CaseConference,
)
from hh.conferences.movement import GROUPS as MOVEMENT_GROUPS
from hh.conferences.movement import movement_since_last, right_people
from hh.conferences.privacy import can_record
from hh.conferences.routes import client_page
from hh.conferences.vacancies import vacancies
from hh.forms import ButtonForm, choices
from hh.timeutil import local_today
from hh.web import (
    COORDINATORS,
    STAFF,
    allow,
    back_to_page,
    form_status,
    paginate,
    render,
    saved,
    submit,
)


def _to_meeting(conference: CaseConference, anchor: str):
    return redirect(url_for("conferences.meeting", conference_id=conference.id) + anchor, 303)


@bp.route("/meetings")
@allow(*STAFF)
def meetings():
    """Case conferences, the latest first (providers: their region's)."""
    page = paginate(conferencing.conference_query(current_user), per_page=30)
    return render("conferences/meetings.html", page=page)


def _conference_form(conference: CaseConference | None) -> ConferenceForm:
    form = ConferenceForm(obj=conference)
    form.region_id.choices = choices([(None, "— choose —")] + region_choices())
    staff = choices([(None, "— nobody yet —")] + conferencing.staff_choices())
    form.facilitator_id.choices = staff
    form.scribe_id.choices = staff
    if conference is not None and request.method == "GET":
        form.held_on.data = conference.held_at.date()
        form.held_time.data = conference.held_at.time()
    if conference is None and request.method == "GET":
        form.group_agreements.data = DEFAULT_AGREEMENTS
    return form


def _save_conference(form: ConferenceForm, conference: CaseConference | None):
    planned = submit(form, lambda: conferencing.save_conference(conference, form.data, current_user))
    if planned is not None:
        return saved("Conference saved." if conference else
                     f"Conference planned with {len(planned.entries)} households proposed.",
                     "conferences.meeting", conference_id=planned.id)
    if conference is not None and request.method == "POST":
        conference = load_conference(conference.id)  # a refusal rolled back: reload what it shows
    return render("conferences/meeting_form.html", form=form, conference=conference,
                  status=form_status())


@bp.route("/meetings/new", methods=["GET", "POST"])
@allow(*COORDINATORS)
def new_meeting():
    """Plan a conference; the agenda is proposed from the region's list."""
    return _save_conference(_conference_form(None), None)


@bp.route("/meetings/<int:conference_id>/edit", methods=["GET", "POST"])
@allow(*COORDINATORS)
def edit_meeting(conference_id: int):
    """Change a conference's date, roles, agreements or resources."""
    conference = load_conference(conference_id)
    return _save_conference(_conference_form(conference), conference)


def _meeting_page(conference: CaseConference, status: int = 200, attendee_form=None):
    reader = current_user._get_current_object()
    seats, unknown_agencies = right_people(conference)
    return client_page("conferences/meeting.html", status=status, conference=conference,
                       agenda=meeting_agenda(conference, reader),
                       movement=movement_since_last(conference, reader, local_today()),
                       movement_groups=MOVEMENT_GROUPS, seats=seats,
                       unknown_agencies=unknown_agencies, vacancies=vacancies(conference.region_id),
                       attendee_form=attendee_form or AttendeeForm(),
                       button=ButtonForm(), can_record=can_record(reader, conference))


@bp.route("/meetings/<int:conference_id>")
@allow(*STAFF)
def meeting(conference_id: int):
    """A conference: agreements, who is here, resources available, and the agenda."""
    conference = load_conference(conference_id, load=MEETING)
    return audit_view(_meeting_page(conference), conference)


def _back_to_meeting(conference: CaseConference, anchor: str):
    """After an agenda button of the meeting page (its parts are one page form, see
    docs/ARCHITECTURE.md, "Several forms on one page"): back to the page, or, when an attendee
    was typed but not added, the page again with it in place."""
    typed = AttendeeForm()  # as posted

    def show_page():
        shown = load_conference(conference.id, load=MEETING)
        return audit_view(_meeting_page(shown, attendee_form=typed), shown)

    return back_to_page(url_for("conferences.meeting", conference_id=conference.id) + anchor,
                        [typed], show_page)


@bp.route("/meetings/<int:conference_id>/attendees", methods=["POST"])
@allow(*STAFF)
def add_attendee(conference_id: int):
    """Add a person to the conference's attendance."""
    conference = recordable(load_conference(conference_id))
    form = AttendeeForm()
    if submit(form, lambda: conferencing.add_attendee(conference, form.data, current_user)):
        return _to_meeting(conference, "#attendees")
    conference = load_conference(conference_id, load=MEETING)  # as it was before the refusal
    return _meeting_page(conference, status=422, attendee_form=form)


def _add_page(conference: CaseConference, form: AgendaAddForm | None = None, status: int = 200):
    candidates = conferencing.agenda_choices(conference, current_user._get_current_object())
    return client_page("conferences/agenda_add.html", status=status, conference=conference,
                       candidates=candidates, form=form or AgendaAddForm())


@bp.route("/meetings/<int:conference_id>/agenda")
@allow(*COORDINATORS)
def agenda_choose(conference_id: int):
    """The region's next most critical households not on the agenda, each with an Add button."""
    conference = load_conference(conference_id, load=HEADER)
    return audit_view(_add_page(conference), conference, "add to the agenda")


@bp.route("/meetings/<int:conference_id>/agenda", methods=["POST"])
@allow(*COORDINATORS)
def agenda_add(conference_id: int):
    """Add a household to the agenda."""
    conference = load_conference(conference_id)
    form = AgendaAddForm()
    if submit(form, lambda: conferencing.add_household(conference, form.household_id.data,
                                                   current_user)):
        flash("Added to the agenda.", "success")
        return _to_meeting(conference, "#agenda")
    return audit_view(_add_page(load_conference(conference_id, load=HEADER), form, status=422),
                   conference, "add to the agenda")


@bp.route("/meetings/<int:conference_id>/agenda/<int:entry_id>/remove", methods=["POST"])
@allow(*COORDINATORS)
def agenda_remove(conference_id: int, entry_id: int):
    """Take a household off this conference's agenda (it stays on the list)."""
    conference = load_conference(conference_id)
    entry = conference_entry(conference, entry_id)
    if not ButtonForm().validate_on_submit():
        return _to_meeting(conference, "#agenda")
    conferencing.remove_entry(entry, current_user)
    flash("Removed from the agenda.", "success")
    return _back_to_meeting(conference, "#agenda")


@bp.route("/meetings/<int:conference_id>/agenda/<int:entry_id>/move", methods=["POST"])
@allow(*COORDINATORS)
def agenda_move(conference_id: int, entry_id: int):
    """Move a household up or down the agenda."""
    conference = load_conference(conference_id)
    entry = conference_entry(conference, entry_id)
    if not ButtonForm().validate_on_submit():
        return _to_meeting(conference, "#agenda")
    conferencing.move_entry(entry, request.form.get("direction", ""), current_user)
    return _back_to_meeting(conference, "#agenda")


def _summary_page(conference: CaseConference, form: SummaryForm | None = None, status: int = 200):
    return client_page("conferences/summary.html", status=status, conference=conference,
                       gaps=conferencing.missing_check(conference),
                       form=form or SummaryForm(obj=conference), button=ButtonForm(),
                       barriers=BARRIER_CATEGORIES)


@bp.route("/meetings/<int:conference_id>/summary")
@allow(*STAFF)
def summary(conference_id: int):
    """After the meeting: what was decided, and who was left without action, owner or date."""
    conference = load_conference(conference_id)
    return audit_view(_summary_page(conference), conference, "summary")


@bp.route("/meetings/<int:conference_id>/summary", methods=["POST"])
@allow(*COORDINATORS)
def save_summary(conference_id: int):
    """Save the meeting's summary text."""
    conference = load_conference(conference_id)
    form = SummaryForm()
    if submit(form, lambda: conferencing.save_summary(conference, form.summary.data,
                                                      current_user)):
        return saved("Summary saved.", "conferences.summary", conference_id=conference.id)
    return _summary_page(load_conference(conference_id), form, status=422)


@bp.route("/meetings/<int:conference_id>/minutes")
@allow(*STAFF)
def minutes(conference_id: int):
    """Printable minutes: households named only where the reader may see who they are."""
    conference = load_conference(conference_id, load=MINUTES)
    return audit_view(client_page("conferences/minutes.html", conference=conference), conference,
                   "minutes")


@bp.route("/meetings/<int:conference_id>/next", methods=["POST"])
@allow(*COORDINATORS)
def plan_next(conference_id: int):
    """Plan next week's conference: this meeting's active households carry forward."""
    conference = load_conference(conference_id)
    if not ButtonForm().validate_on_submit():
        flash("The form expired; try again.", "error")
        return redirect(url_for("conferences.summary", conference_id=conference.id), 303)
    following = conferencing.plan_next(conference, current_user)
    return saved(f"Next conference planned with {len(following.entries)} households.",
                 "conferences.meeting", conference_id=following.id)
