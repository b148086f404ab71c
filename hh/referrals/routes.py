"""Referrals and discharge hand-offs: thin views. Who may see and act on a referral is decided in
services.py; every page is no-store (it may name a household) and out of htmx's history, and
every view of a referral or a queue is audited. URLs carry internal ids only. The outcome pages
are in outcome_routes.py."""
from __future__ import annotations

import hashlib

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from hh.conferences.privacy import can_view as can_view_household
from hh.conferences.privacy import identity
from hh.extensions import db
from hh.forms import as_id, choices
from hh.referrals import bp, services
from hh.referrals.forms import (
    ChecklistForm,
    NoteForm,
    QueueFilterForm,
    ReferralForm,
    StatusForm,
)
from hh.referrals.models import CHECKLIST, DECLINE_REASONS, Referral
from hh.referrals.services import NeedsConfirmation, ReferralError, TransitionError
from hh.resources.models import Service
from hh.timeutil import local_today
from hh.web import (
    STAFF,
    allow,
    audit,
    form_status,
    is_coordinator,
    is_partial,
    no_store,
    paginate,
    render,
    safe_next,
    saved,
    submit,
)


def _who(reader, referral: Referral) -> Markup:
    """Who the referral is for: a household as this reader may see it, or a person's initials
    (a function, not an include: a queue page shows it on every row)."""
    household = referral.household
    if household is None:
        return Markup('{} <span class="muted">(not on the By-Name List)</span>').format(
            referral.person_initials)
    who = identity(reader, household)
    if who.shown:
        return Markup('{} <span class="muted">({})</span>').format(who.name, household.reference)
    return Markup('{} <span class="tag">identity hidden</span>').format(household.reference)


def respond(template: str, fragment: str | None = None, status: int = 200, **context):
    """Every referral page may name a household: never cached, never in htmx's history."""
    today = local_today()
    reader = current_user._get_current_object()
    side = context.get("side")
    back = request.full_path.rstrip("?") if request.method == "GET" else (
        url_for("referrals." + side) if side in ("incoming", "outgoing") else "")
    return no_store(render(template, fragment, status=status, identity=identity,
                           steps_for=lambda r: services.allowed_steps(reader, r),
                           csrf=generate_csrf(), back_url=back, who=lambda r: _who(reader, r),
                           actions=services.ACTIONS, is_overdue=services.is_overdue,
                           today=today, decline_reasons=DECLINE_REASONS, **context))


def _referral(referral_id: int) -> Referral:
    referral = services.referral_for_page(referral_id)
    if referral is None:
        abort(404)
    if not services.can_view(current_user, referral):
        abort(403)
    return referral


# --- The queues -----------------------------------------------------------------------------------


def _audit_queue(side: str, view: str, organization_id: int | None = None) -> None:
    """A queue names households (and HMIS ids): record who opened which one (filters only)."""
    detail = f"{side}, view {view}" + (f", organization {organization_id}" if organization_id else "")
    audit("referral_queue_viewed", "referral_queue", detail=detail)
    db.session.commit()


def _queue_view(views: dict[str, str]) -> str:
    """Expire what nobody answered, then the tab asked for (the first one by default)."""
    services.expire_unanswered()
    view = request.args.get("view", "")
    return view if view in views else next(iter(views))


def _receiving_organization(form: QueueFilterForm) -> int | None:
    """A coordinator's filter: a list to choose from in a CoC of a few dozen partners; a name to
    type beyond that."""
    options = services.receiving_organization_choices(limit=150)
    raw = (form.organization.data or "").strip()[:200]
    if options is not None:
        form.organization.choices = choices([("", "every organization")] + options)
        return _int(raw)
    return (services.organization_named(raw) or -1) if raw else None


@bp.route("/")
@allow(*STAFF)
def incoming():
    """The receiving organization's queue: new, awaiting action, overdue, upcoming discharges."""
    view = _queue_view(services.INCOMING_VIEWS)
    form = QueueFilterForm(request.args)
    organization_id = _receiving_organization(form) if is_coordinator(current_user) else None
    counts = services.incoming_counts(current_user, organization_id)
    _audit_queue("incoming", view, organization_id)  # committed before the rows are read
    page = paginate(services.incoming_query(current_user, view, organization_id), per_page=15)
    return respond("referrals/incoming.html", "referrals/_queue.html", view=view, counts=counts,
                   page=page, form=form, views=services.INCOMING_VIEWS, side="incoming",
                   list_endpoint="referrals.incoming")


@bp.route("/outgoing")
@allow(*STAFF)
def outgoing():
    """What my organization sent, and where each referral stands."""
    view = _queue_view(services.OUTGOING_VIEWS)
    _audit_queue("outgoing", view)  # committed before the rows are read
    page = paginate(services.outgoing_query(current_user, view), per_page=15)
    return respond("referrals/outgoing.html", "referrals/_queue.html", view=view, page=page,
                   views=services.OUTGOING_VIEWS, side="outgoing", list_endpoint="referrals.outgoing")


# --- Sending -----------------------------------------------------------------------------------


def _referral_form() -> ReferralForm:
    form = ReferralForm()
    form.service_id.choices = choices([("", "choose a service…")] + services.service_choices())
    form.category_id.choices = choices([("", "the service's category")] + services.category_choices())
    form.sender_organization_id.choices = choices(
        [("", "my organization" if current_user.organization_id else "choose…")] +
        services.sender_organization_choices())
    return form


def _form_data(form: ReferralForm) -> dict:
    data = dict(form.data)
    for name, _ in CHECKLIST:
        data[name] = bool(form[name].data)
    return data


def _signature(warnings) -> str:
    """What the sender confirmed: these exact warnings (a new warning asks again)."""
    text = "\n".join(w.message for w in warnings)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _new_page(form, status: int = 200, warnings=None):
    service = _chosen_service(form.service_id.data)
    household = services.find_household(form.household_id.data, current_user) \
        if form.household_id.data else None
    if warnings is None and request.method == "GET":
        warnings = services.warnings_for(service, household, _int(form.category_id.data))
    return respond("referrals/new.html", status=status, form=form, warnings=warnings or [],
                   household=household, service=service, discharge_open=_discharge_open(form))


DISCHARGE_FIELDS = ("discharging_facility", "expected_discharge_on", "receiving_program",
                    *(name for name, _ in CHECKLIST))


def _discharge_open(form: ReferralForm) -> bool:
    """The discharge section is folded away for an ordinary referral (nine fewer tab stops), and
    open for a hand-off or whenever it holds something typed or a message."""
    return form.kind.data == "discharge" or any(
        form[name].data or form[name].errors or (form[name].raw_data or [""])[0]
        for name in DISCHARGE_FIELDS)


def _int(value) -> int | None:
    return as_id(value)


def _chosen_service(value) -> Service | None:
    service_id = _int(value)
    return db.session.get(Service, service_id) if service_id else None


@bp.route("/new")
@allow(*STAFF)
def new():
    """Start a referral (prefilled from a service or a household page)."""
    form = _referral_form()
    if not form.is_submitted():
        form.service_id.data = request.args.get("service", "")
        form.household_id.data = request.args.get("household", "")
        if request.args.get("kind") in ("referral", "discharge"):
            form.kind.data = request.args["kind"]
    return _new_page(form)


@bp.route("/new", methods=["POST"])
@allow(*STAFF)
def send():
    """Send a referral. Warnings (no availability, a duplicate, a navigator) are shown first and
    need a second, confirming submit."""
    form = _referral_form()
    try:
        referral = submit(form, lambda: _send(form))
    except NeedsConfirmation as pending:
        form.confirmed.data = _signature(pending.warnings)
        return _new_page(form, 200, warnings=pending.warnings)
    if referral is not None:
        return saved(f"{referral.reference} sent to {referral.service.name}.", "referrals.referral",
                     referral_id=referral.id)
    _show_every_problem(form)
    return _new_page(form, form_status())


def _send(form: ReferralForm):
    """Send, confirmed when the sender has seen exactly the warnings that apply now."""
    service = _chosen_service(form.service_id.data)
    household = services.find_household(form.household_id.data, current_user) \
        if form.household_id.data else None
    current = services.warnings_for(service, household, _int(form.category_id.data))
    confirmed = bool(current) and (form.confirmed.data or "") == _signature(current)
    return services.send_referral(_form_data(form), current_user, confirmed=confirmed)


def _show_every_problem(form: ReferralForm) -> None:
    """A date that is not a date stops the form early: show every other problem too."""
    try:
        services.send_referral(_form_data(form), current_user, check_only=True)
    except ReferralError as error:
        for name, message in error.errors.items():
            if not form[name].errors:
                form[name].errors = [message]


@bp.route("/check")
@allow(*STAFF)
def check():
    """The warnings for what the form says so far (htmx, as the sender fills it in). Without
    htmx it is the new-referral page with those choices."""
    if not is_partial():
        return redirect(url_for("referrals.new", service=request.args.get("service_id") or None,
                                household=request.args.get("household_id") or None), 303)
    service = _chosen_service(request.args.get("service_id"))
    household = services.find_household(request.args.get("household_id"), current_user) \
        if request.args.get("household_id") else None
    warnings = services.warnings_for(service, household, _int(request.args.get("category_id")))
    return respond("referrals/new.html", "referrals/_warnings.html", warnings=warnings,
                   form=None, household=household, service=service)


# --- One referral ---------------------------------------------------------------------------------


def _referral_page(referral: Referral, status: int = 200, **forms):
    referral = services.referral_for_page(referral.id)  # as saved, with what the page shows
    checklist = forms.get("checklist_form") or ChecklistForm(formdata=None, obj=referral)
    if "checklist_form" not in forms:
        checklist.warm_handoff.data = {True: "yes", False: "no"}.get(referral.warm_handoff, "")
    return respond("referrals/referral.html", status=status, referral=referral,
                   sides=services.sides(current_user, referral),
                   form=forms.get("status_form") or StatusForm(formdata=None),
                   note_form=forms.get("note_form") or NoteForm(formdata=None),
                   checklist_form=checklist, error=forms.get("error"),
                   household_visible=referral.household is not None and
                   can_view_household(current_user, referral.household),
                   duplicates=services.duplicate_warnings(referral.household, referral.category_id,
                                                          exclude_id=referral.id)
                   if referral.household is not None and referral.is_open else [])


@bp.route("/<int:referral_id>")
@allow(*STAFF)
def referral(referral_id: int):
    """One referral: who, what, where it stands, the shared timeline, and the next steps."""
    services.expire_unanswered()
    referral = _referral(referral_id)
    services.mark_received(referral, current_user)
    audit("referral_viewed", "referral", referral.id)
    db.session.commit()
    return _referral_page(referral)


def _first_problem(form) -> str:
    """What the page says above a refused step: the first field's message."""
    for field in form:
        if field.errors and field.name != "csrf_token":
            return field.errors[0]
    return "Check the details below and try again."


def _warm(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


@bp.route("/<int:referral_id>/status", methods=["POST"])
@allow(*STAFF)
def change_status(referral_id: int):
    """One step along the referral's way (accept, decline with a reason, schedule, connected...).
    A step that is not possible from where it stands answers 409 with the reason."""
    referral = _referral(referral_id)
    form = StatusForm()
    from_queue = request.form.get("from") in ("incoming", "outgoing")
    back = safe_next(request.form.get("next"), url_for("referrals.referral", referral_id=referral.id))
    try:
        changed = submit(form, lambda: services.change_status(
            referral, form.to.data, current_user, note=form.note.data or "",
            reason=form.reason.data or "", scheduled_on=form.scheduled_on.data,
            follow_up_on=form.follow_up_on.data, warm_handoff=_warm(form.warm_handoff.data)))
    except TransitionError as problem:
        db.session.rollback()
        changed, error, status = None, str(problem), 409
    else:
        error, status = (None, 200) if changed is not None else (_first_problem(form), 422)
    if from_queue and is_partial():  # its row, as saved, with what the row shows
        referral = services.referral_for_page(referral.id)
    if error is None:
        message = f"{referral.reference} is now {referral.status_label.lower()}."
        if from_queue and is_partial():
            flash(message, "success")
            return respond("referrals/incoming.html", "referrals/_row.html", r=referral,
                           side=request.form.get("from"), row_error=None, row_form=None)
        flash(message, "success")
        return redirect(back, 303)
    if from_queue and is_partial():
        return respond("referrals/incoming.html", "referrals/_row.html", status=status, r=referral,
                       side=request.form.get("from"), row_error=error, row_form=form)
    return _referral_page(referral, status=status, status_form=form, error=error)


@bp.route("/<int:referral_id>/notes", methods=["POST"])
@allow(*STAFF)
def add_note(referral_id: int):
    """A note on the shared timeline, and/or a new follow-up date."""
    referral = _referral(referral_id)
    form = NoteForm()
    if submit(form, lambda: services.add_note(referral, current_user, form.note.data or "",
                                              form.follow_up_on.data)) is not None:
        return saved("Added to the timeline.", "referrals.referral", referral_id=referral.id,
                     _anchor="timeline")
    return _referral_page(referral, status=422, note_form=form)


@bp.route("/<int:referral_id>/checklist", methods=["POST"])
@allow(*STAFF)
def save_checklist(referral_id: int):
    """The discharge checklist, ticked off by either side as the hand-off comes together."""
    referral = _referral(referral_id)
    if not referral.is_open and referral.status != "connected":
        return _referral_page(referral, status=409,
                              error="This hand-off is finished; its checklist is closed.")
    form = ChecklistForm()
    try:
        done = submit(form, lambda: services.save_checklist(
            referral, current_user, {name for name, _ in CHECKLIST if form[name].data},
            _warm(form.warm_handoff.data)))
    except TransitionError as problem:
        db.session.rollback()
        return _referral_page(referral, status=409, error=str(problem))
    if done is not None:
        return saved("Checklist saved.", "referrals.referral", referral_id=referral.id,
                     _anchor="checklist")
    return _referral_page(referral, status=422, checklist_form=form)


# For the household page (conferences), which lists the household's referrals.
bp.add_app_template_global(
    lambda household: services.household_referrals(household, current_user), "household_referrals")
