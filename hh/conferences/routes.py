"""By-Name List and case conferences: thin views. Who may see which household and which field
is decided in services.py; every page with client data is no-store and audited when it shows a
household. URLs carry internal ids only, never a name or an HMIS ID."""
from __future__ import annotations

from typing import Callable

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from hh.conferences import bp, services
from hh.conferences.forms import (
    AgendaAddForm,
    AttendeeForm,
    ConferenceForm,
    ContactForm,
    EntryForm,
    HousedForm,
    HouseholdForm,
    InactiveForm,
    ListFilterForm,
    SummaryForm,
    field_values,
)
from hh.conferences.interventions import recommendations
from hh.conferences.models import (
    BARRIER_CATEGORIES,
    CaseConference,
    ConferenceEntry,
    Household,
)
from hh.conferences.services import ConferenceError
from hh.extensions import db
from hh.forms import ButtonForm, choices
from hh.glossary.explain import explain
from hh.web import (
    COORDINATORS,
    STAFF,
    allow,
    audit,
    csv_response,
    is_partial,
    no_store,
    paginate,
    render,
)


def _client_page(template: str, fragment: str | None = None, status: int = 200, **context):
    """Every page with client data: never cached (and out of htmx's history, see the template)."""
    return no_store(render(template, fragment, status=status, identity=services.identity, **context))


_ID = 987654321  # stands in for a row's id in URLs built once per page


def _row_url(endpoint: str, **values) -> Callable[[int], str]:
    """url_for once per page instead of once per row (pass _ID for the row's id): the agenda's
    and the resources' rows each link and post to their own URL."""
    head, _, tail = url_for(endpoint, **values).partition(str(_ID))
    return lambda row_id: f"{head}{row_id}{tail}"


# --- The list -----------------------------------------------------------------------------------


def _filters():
    form = ListFilterForm(request.args)
    regions = services.region_choices(current_user)
    form.region.choices = choices([("", "all regions")] + regions)
    if not request.args.get("status"):
        form.status.data = "active"
    form.validate()
    try:
        region_id = int(form.region.data) if form.region.data else None
    except ValueError:
        region_id = None
    status = form.status.data if form.status.data in ("active", "housed", "inactive") else ""
    days = form.no_contact_days.data if not form.no_contact_days.errors else None
    filters = services.ListFilters(region_id=region_id, status=status, veteran=bool(form.veteran.data),
                                   chronic=bool(form.chronic.data),
                                   navigator=(form.navigator.data or "")[:200], no_contact_days=days)
    return form, filters


@bp.route("/")
@allow(*STAFF)
def households():
    """The By-Name List, most critical first; identifying fields masked where the reader may not
    see them."""
    form, filters = _filters()
    page = paginate(services.household_query(filters, current_user), per_page=50)
    return _client_page("conferences/households.html", "conferences/_households.html", form=form,
                        page=page)


@bp.route("/households.csv")
@allow(*COORDINATORS)
def households_csv():
    """The filtered list as a spreadsheet (audited; masked as on the page)."""
    _, filters = _filters()
    households = list(db.session.scalars(services.household_query(filters, current_user)))
    audit("bnl_exported", "household", "", detail=f"{len(households)} households")
    db.session.commit()
    rows = services.export_rows(households, current_user)
    return no_store(csv_response("by-name-list.csv", services.EXPORT_HEADER, rows))


def _household(household_id: int) -> Household:
    household = db.get_or_404(Household, household_id)
    if not services.can_view(current_user, household):
        abort(403)
    return household


def _household_page(household: Household, status: int = 200, **forms):
    entries = db.session.scalars(
        select(ConferenceEntry).join(CaseConference)
        .where(ConferenceEntry.household_id == household.id)
        .order_by(CaseConference.held_at.desc())).all()
    return _client_page(
        "conferences/household.html", status=status, household=household, entries=entries,
        recommendations=recommendations(household.housing_need, household.service_need,
                                        household.region_id),
        housed_form=forms.get("housed_form") or HousedForm(),
        inactive_form=forms.get("inactive_form") or InactiveForm(), button=ButtonForm())


@bp.route("/households/<int:household_id>")
@allow(*STAFF)
def household(household_id: int):
    """One household: identification, status, recommended interventions, conference history."""
    household = _household(household_id)
    audit("household_viewed", "household", household.id)
    db.session.commit()
    return _household_page(household)


@bp.route("/households/<int:household_id>/housed", methods=["POST"])
@allow(*STAFF)
def mark_housed(household_id: int):
    """The household moved in: it leaves the active list (its record stays)."""
    household = _household(household_id)
    form = HousedForm()
    if form.validate_on_submit():
        try:
            services.mark_housed(household, form.move_in_on.data, current_user)
        except ConferenceError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            flash(f"{household.reference} is marked housed.", "success")
            return redirect(url_for("conferences.household", household_id=household.id), 303)
    return _household_page(household, status=422, housed_form=form)


@bp.route("/households/<int:household_id>/inactive", methods=["POST"])
@allow(*STAFF)
def mark_inactive(household_id: int):
    """The household leaves the active list for a stated reason (its record stays)."""
    household = _household(household_id)
    form = InactiveForm()
    if form.validate_on_submit():
        try:
            services.mark_inactive(household, form.reason.data, current_user)
        except ConferenceError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            flash(f"{household.reference} is marked inactive.", "success")
            return redirect(url_for("conferences.household", household_id=household.id), 303)
    return _household_page(household, status=422, inactive_form=form)


@bp.route("/households/<int:household_id>/reactivate", methods=["POST"])
@allow(*COORDINATORS)
def reactivate(household_id: int):
    """Back onto the active list (a return to homelessness, or a mistake undone)."""
    household = _household(household_id)
    if ButtonForm().validate_on_submit():
        services.reactivate(household, current_user)
        flash(f"{household.reference} is back on the active list.", "success")
    return redirect(url_for("conferences.household", household_id=household.id), 303)


def _household_form(household: Household, form, full: bool):
    """The edit form (coordinators: every CoC-side field; providers: contact and navigator).
    POST answers 303 on success, 422 with the errors next to the fields otherwise."""
    form.navigator_organization_id.choices = choices(
        [(None, "— none —")] + services.organization_choices(household.navigator_organization_id))
    if form.validate_on_submit():
        save = services.update_household if full else services.record_contact
        try:
            changed = save(household, form.data, current_user)
        except ConferenceError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            flash(f"{household.reference} is updated." if changed else "Nothing changed.", "success")
            return redirect(url_for("conferences.household", household_id=household.id), 303)
    if request.method == "GET":
        audit("household_viewed", "household", household.id, detail="edit form")
        db.session.commit()
    return _client_page("conferences/household_form.html", status=422 if request.method == "POST" else 200,
                        household=household, form=form, full=full)


@bp.route("/households/<int:household_id>/edit", methods=["GET", "POST"])
@allow(*COORDINATORS)
def edit_household(household_id: int):
    """Change a household's CoC-side fields: release of information, safety flag, navigator,
    last contact, housing status and need levels (HMIS owns the rest)."""
    household = _household(household_id)
    return _household_form(household, HouseholdForm(obj=household), full=True)


@bp.route("/households/<int:household_id>/contact", methods=["GET", "POST"])
@allow(*STAFF)
def household_contact(household_id: int):
    """Providers of the region: record the last contact and the navigator."""
    household = _household(household_id)
    return _household_form(household, ContactForm(obj=household), full=False)


# --- Conferences ----------------------------------------------------------------------------------


# What a conference page reads besides the agenda (its households come joined to the entries).
_RESPONSIBLE = selectinload(CaseConference.entries).selectinload(ConferenceEntry.responsible)
_ATTENDEES = selectinload(CaseConference.attendees)
# The meeting page: its header and attendance in the conference's own query.
_MEETING = (joinedload(CaseConference.attendees), joinedload(CaseConference.region),
            joinedload(CaseConference.facilitator), joinedload(CaseConference.scribe))


def _conference(conference_id: int, load=(_RESPONSIBLE, _ATTENDEES)) -> CaseConference:
    """`load`: what else the page reads (default: the owners and the attendance; the meeting
    and work-the-list pages name theirs)."""
    conference = db.get_or_404(CaseConference, conference_id, options=[
        selectinload(CaseConference.entries).joinedload(ConferenceEntry.household, innerjoin=True),
        *load])
    if not services.can_view_conference(current_user, conference):
        abort(403)
    return conference


def _viewed(response, conference: CaseConference, detail: str = ""):
    """Audit a conference page once it is built: committing before would expire every loaded
    object, and the page would load the conference, its agenda and households all over again."""
    audit("conference_viewed", "conference", conference.id, detail=detail)
    db.session.commit()
    return response


def _recordable(conference: CaseConference) -> CaseConference:
    if not services.can_record(current_user, conference):
        abort(403)
    return conference


@bp.route("/meetings")
@allow(*STAFF)
def meetings():
    """Case conferences, the latest first (providers: their region's)."""
    page = paginate(services.conference_query(current_user), per_page=30)
    return render("conferences/meetings.html", page=page)


def _conference_form(conference: CaseConference | None) -> ConferenceForm:
    form = ConferenceForm(obj=conference)
    form.region_id.choices = choices([(None, "— choose —")] + services.region_choices())
    staff = choices([(None, "— nobody yet —")] + services.staff_choices())
    form.facilitator_id.choices = staff
    form.scribe_id.choices = staff
    if conference is not None and request.method == "GET":
        form.held_on.data = conference.held_at.date()
        form.held_time.data = conference.held_at.time()
    if conference is None and request.method == "GET":
        from hh.conferences.models import DEFAULT_AGREEMENTS

        form.group_agreements.data = DEFAULT_AGREEMENTS
    return form


def _save_conference(form: ConferenceForm, conference: CaseConference | None):
    if form.validate_on_submit():
        try:
            saved = services.save_conference(conference, form.data, current_user)
        except ConferenceError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            flash("Conference saved." if conference else
                  f"Conference planned with {len(saved.entries)} households proposed.", "success")
            return redirect(url_for("conferences.meeting", conference_id=saved.id), 303)
    return render("conferences/meeting_form.html", form=form, conference=conference,
                  status=422 if request.method == "POST" else 200)


@bp.route("/meetings/new", methods=["GET", "POST"])
@allow(*COORDINATORS)
def new_meeting():
    """Plan a conference; the agenda is proposed from the region's list."""
    return _save_conference(_conference_form(None), None)


@bp.route("/meetings/<int:conference_id>/edit", methods=["GET", "POST"])
@allow(*COORDINATORS)
def edit_meeting(conference_id: int):
    """Change a conference's date, roles, agreements or resources."""
    conference = _conference(conference_id)
    return _save_conference(_conference_form(conference), conference)


def _meeting_page(conference: CaseConference, status: int = 200, **forms):
    reader = current_user._get_current_object()
    add_form = forms.get("add_form") or AgendaAddForm()
    add_form.household_id.choices = choices(
        [(None, "— choose —")] + services.agenda_choices(conference, reader))
    return _client_page("conferences/meeting.html", status=status, conference=conference,
                        agenda=services.agenda_rows(conference, reader),
                        vacancies=services.vacancies(conference.region_id), add_form=add_form,
                        attendee_form=forms.get("attendee_form") or AttendeeForm(),
                        button=ButtonForm(), can_record=services.can_record(reader, conference),
                        household_url=_row_url("conferences.household", household_id=_ID),
                        move_url=_row_url("conferences.agenda_move", conference_id=conference.id,
                                          entry_id=_ID),
                        remove_url=_row_url("conferences.agenda_remove",
                                            conference_id=conference.id, entry_id=_ID),
                        service_url=_row_url("resources.service", service_id=_ID))


@bp.route("/meetings/<int:conference_id>")
@allow(*STAFF)
def meeting(conference_id: int):
    """A conference: agreements, who is here, resources available, and the agenda."""
    conference = _conference(conference_id, load=_MEETING)
    return _viewed(_meeting_page(conference), conference)


@bp.route("/meetings/<int:conference_id>/attendees", methods=["POST"])
@allow(*STAFF)
def add_attendee(conference_id: int):
    """Add a person to the conference's attendance."""
    conference = _recordable(_conference(conference_id))
    form = AttendeeForm()
    if form.validate_on_submit():
        try:
            services.add_attendee(conference, form.data, current_user)
        except ConferenceError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            return redirect(url_for("conferences.meeting", conference_id=conference.id) + "#attendees", 303)
    return _meeting_page(conference, status=422, attendee_form=form)


@bp.route("/meetings/<int:conference_id>/agenda", methods=["POST"])
@allow(*COORDINATORS)
def agenda_add(conference_id: int):
    """Add a household to the agenda."""
    conference = _conference(conference_id)
    form = AgendaAddForm()
    form.household_id.choices = []
    if form.validate_on_submit():
        try:
            services.add_household(conference, form.household_id.data, current_user)
        except ConferenceError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            flash("Added to the agenda.", "success")
            return redirect(url_for("conferences.meeting", conference_id=conference.id) + "#agenda", 303)
    return _meeting_page(conference, status=422, add_form=form)


def _entry(conference: CaseConference, entry_id: int) -> ConferenceEntry:
    entry = db.get_or_404(ConferenceEntry, entry_id)
    if entry.conference_id != conference.id:
        abort(404)
    return entry


@bp.route("/meetings/<int:conference_id>/agenda/<int:entry_id>/remove", methods=["POST"])
@allow(*COORDINATORS)
def agenda_remove(conference_id: int, entry_id: int):
    """Take a household off this conference's agenda (it stays on the list)."""
    conference = _conference(conference_id)
    entry = _entry(conference, entry_id)
    if ButtonForm().validate_on_submit():
        services.remove_entry(entry, current_user)
        flash("Removed from the agenda.", "success")
    return redirect(url_for("conferences.meeting", conference_id=conference.id) + "#agenda", 303)


@bp.route("/meetings/<int:conference_id>/agenda/<int:entry_id>/move", methods=["POST"])
@allow(*COORDINATORS)
def agenda_move(conference_id: int, entry_id: int):
    """Move a household up or down the agenda."""
    conference = _conference(conference_id)
    entry = _entry(conference, entry_id)
    if ButtonForm().validate_on_submit():
        services.move_entry(entry, request.form.get("direction", ""), current_user)
    return redirect(url_for("conferences.meeting", conference_id=conference.id) + "#agenda", 303)


def _work_context(conference: CaseConference, posted: ConferenceEntry | None = None,
                  posted_form: EntryForm | None = None) -> dict:
    """What work.html and its household partial read: the agenda, one EntryForm for every
    household's labels, hints and choices, and each household's values in it. The posted
    household's values are the caller's to add once its form is validated (they keep what was
    typed, with the errors)."""
    reader = current_user._get_current_object()
    form = EntryForm(formdata=None)
    form.responsible_id.choices = choices([(None, "— choose —")] + services.staff_choices())
    if posted_form is not None:
        posted_form.responsible_id.choices = form.responsible_id.choices
    values, options = {}, {}
    for entry in conference.entries:
        if entry is not posted:
            form.process(formdata=None, obj=entry)
            values[entry.id] = field_values(form, prefix=f"e{entry.id}", options=options)
    return {
        "conference": conference, "agenda": services.agenda_rows(conference, reader),
        "fields": form, "values": values, "posted": posted, "form": posted_form,
        # The same in every household's form: built once (no token where CSRF is off).
        "csrf": form.csrf_token._value() if form.meta.csrf else None,
        "save_url": _row_url("conferences.save_entry", conference_id=conference.id, entry_id=_ID),
        "hmis_id_term": explain("HMIS ID"),
    }


@bp.route("/meetings/<int:conference_id>/work")
@allow(*STAFF)
def work(conference_id: int):
    """Work the list: one household at a time, each saved on its own."""
    # The heading's region comes with the conference; the owners' names (read-only view) from
    # the staff list the form loads anyway.
    conference = _conference(conference_id, load=(joinedload(CaseConference.region),))
    return _viewed(_client_page("conferences/work.html", **_work_context(conference),
                                can_record=services.can_record(current_user, conference)),
                   conference, "work the list")


@bp.route("/meetings/<int:conference_id>/entries/<int:entry_id>", methods=["POST"])
@allow(*STAFF)
def save_entry(conference_id: int, entry_id: int):
    """Save one household's barrier, action step, owner and date (htmx: that household only)."""
    conference = _recordable(_conference(conference_id))
    entry = _entry(conference, entry_id)
    form = EntryForm(formdata=request.form, obj=entry, prefix=f"e{entry.id}")
    context = _work_context(conference, entry, form)
    saved = False
    if form.validate_on_submit():
        try:
            services.save_entry(entry, form.data, current_user)
        except ConferenceError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            saved = True
            flash(f"Saved {entry.household.reference}.", "success")
    if saved and not is_partial():
        return redirect(url_for("conferences.work", conference_id=conference.id) + f"#entry-{entry.id}", 303)
    context["values"][entry.id] = field_values(form)  # as typed, with the errors found now
    row = next(row for row in context["agenda"] if row.entry is entry)
    return _client_page("conferences/work.html", "conferences/_entry.html",
                        status=200 if saved else 422, **context, row=row, can_record=True,
                        saved=saved)


@bp.route("/meetings/<int:conference_id>/summary")
@allow(*STAFF)
def summary(conference_id: int):
    """After the meeting: what was decided, and who was left without action, owner or date."""
    conference = _conference(conference_id)
    return _viewed(_summary_page(conference), conference, "summary")


def _summary_page(conference: CaseConference, form: SummaryForm | None = None, status: int = 200):
    return _client_page("conferences/summary.html", status=status, conference=conference,
                        gaps=services.missing_check(conference),
                        form=form or SummaryForm(obj=conference), button=ButtonForm(),
                        barriers=BARRIER_CATEGORIES)


@bp.route("/meetings/<int:conference_id>/summary", methods=["POST"])
@allow(*COORDINATORS)
def save_summary(conference_id: int):
    """Save the meeting's summary text."""
    conference = _conference(conference_id)
    form = SummaryForm()
    if form.validate_on_submit():
        try:
            services.save_summary(conference, form.summary.data, current_user)
        except ConferenceError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            flash("Summary saved.", "success")
            return redirect(url_for("conferences.summary", conference_id=conference.id), 303)
    return _summary_page(conference, form, status=422)


@bp.route("/meetings/<int:conference_id>/minutes")
@allow(*STAFF)
def minutes(conference_id: int):
    """Printable minutes: households named only where the reader may see who they are."""
    conference = _conference(conference_id)
    return _viewed(_client_page("conferences/minutes.html", conference=conference), conference,
                   "minutes")


@bp.route("/meetings/<int:conference_id>/next", methods=["POST"])
@allow(*COORDINATORS)
def plan_next(conference_id: int):
    """Plan next week's conference: this meeting's active households carry forward."""
    conference = _conference(conference_id)
    if not ButtonForm().validate_on_submit():
        flash("The form expired; try again.", "error")
        return redirect(url_for("conferences.summary", conference_id=conference.id), 303)
    following = services.plan_next(conference, current_user)
    flash(f"Next conference planned with {len(following.entries)} households.", "success")
    return redirect(url_for("conferences.meeting", conference_id=following.id), 303)


# --- Learning loop ------------------------------------------------------------------------------


@bp.route("/learning")
@allow(*STAFF)
def learning():
    """Barriers by region over time, households conferenced, days on list, moves in on time."""
    return render("conferences/learning.html", regions=services.learning(current_user),
                  barriers=BARRIER_CATEGORIES, button=ButtonForm())


@bp.route("/learning/need", methods=["POST"])
@allow(*COORDINATORS)
def barrier_need():
    """Turn a recurring barrier into a Need on the resource map, with the evidence."""
    if not ButtonForm().validate_on_submit():
        flash("The form expired; try again.", "error")
        return redirect(url_for("conferences.learning"), 303)
    try:
        region_id = int(request.form.get("region_id", ""))
    except ValueError:
        region_id = None
    try:
        need = services.barrier_to_need(region_id, request.form.get("category", ""), current_user)
    except ConferenceError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("conferences.learning"), 303)
    flash("The barrier is now a need on the resource map.", "success")
    return redirect(url_for("needs.need", need_id=need.id), 303)
