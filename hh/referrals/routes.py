"""Referrals and discharge hand-offs: thin views. Who may see and act on a referral is decided in
services.py; every page is no-store (it may name a household) and out of htmx's history, and
every view of a referral or a queue is audited. URLs carry internal ids only. Here: the queues
and sending; one referral's page and its steps are in referral_routes.py, the outcome pages in
outcome_routes.py."""
from __future__ import annotations

import hashlib

from flask import redirect, request, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from hh.conferences.privacy import identity
from hh.directory.services import offer_organizations
from hh.extensions import db
from hh.forms import as_id, choices
from hh.referrals import bp, services
from hh.referrals.forms import QueueFilterForm, ReferralForm
from hh.referrals.models import CHECKLIST, DECLINE_REASONS
from hh.referrals.row_parts import queue_args, queue_rows, who
from hh.referrals.rows import with_households
from hh.referrals.services import NeedsConfirmation, ReferralError
from hh.resources.models import Service
from hh.timeutil import local_today
from hh.web import (
    STAFF,
    allow,
    audited,
    form_status,
    is_coordinator,
    is_partial,
    no_store,
    paginate,
    render,
    saved,
    submit,
)


def respond(template: str, fragment: str | None = None, status: int = 200, **context):
    """Every referral page may name a household: never cached, never in htmx's history."""
    today = local_today()
    reader = current_user._get_current_object()
    side = context.get("side")
    back = request.full_path.rstrip("?") if request.method == "GET" else (
        url_for("referrals." + side, **queue_args()) if side in ("incoming", "outgoing") else "")
    return no_store(render(template, fragment, status=status, identity=identity,
                           steps_for=lambda r: services.allowed_steps(reader, r),
                           csrf=generate_csrf(), back_url=back, who=lambda r: who(reader, r),
                           actions=services.ACTIONS, is_overdue=services.is_overdue,
                           today=today, decline_reasons=DECLINE_REASONS, **context))


# --- The queues -----------------------------------------------------------------------------------


def _audited(response, side: str, view: str, organization_id: int | None = None):
    """A queue names households (and HMIS ids): record who opened which one (filters only)."""
    detail = f"{side}, view {view}" + (f", organization {organization_id}" if organization_id else "")
    return audited(response, "referral_queue_viewed", "referral_queue", detail=detail)


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


def _incoming_page(status: int = 200, typed: dict | None = None, errors: dict | None = None):
    view = _queue_view(services.INCOMING_VIEWS)
    form = organization_id = None  # the organization filter: a coordinator's only
    if is_coordinator(current_user):
        form = QueueFilterForm(request.args)
        organization_id = _receiving_organization(form)
    counts = services.incoming_counts(current_user, organization_id, limit=services.COUNT_LIMIT)
    total = counts.get(view)
    if total is None:  # "All": counted for its heading, not on its tab
        total = services.incoming_counts(current_user, organization_id,
                                         limit=services.COUNT_LIMIT, views=(view,))[view]
    page = services.incoming_page(current_user, view, organization_id, total,
                                  count_limit=services.COUNT_LIMIT)
    return _audited(respond(
        "referrals/incoming.html", "referrals/_queue.html", status=status, view=view,
        counts=counts, count_limit=services.COUNT_LIMIT, page=page, form=form,
        views=services.INCOMING_VIEWS, side="incoming", list_endpoint="referrals.incoming",
        rows=queue_rows(typed, errors)), "incoming", view, organization_id)


def _outgoing_page(status: int = 200, typed: dict | None = None, errors: dict | None = None):
    view = _queue_view(services.OUTGOING_VIEWS)
    page = paginate(services.outgoing_query(current_user, view), per_page=15,
                    count_limit=services.COUNT_LIMIT)
    page.items = with_households(page.items)
    return _audited(respond(
        "referrals/outgoing.html", "referrals/_queue.html", status=status, view=view, page=page,
        views=services.OUTGOING_VIEWS, side="outgoing", list_endpoint="referrals.outgoing",
        rows=queue_rows(typed, errors)), "outgoing", view)


@bp.route("/")
@allow(*STAFF)
def incoming():
    """The receiving organization's queue: new, awaiting action, overdue, upcoming discharges."""
    return _incoming_page()


@bp.route("/outgoing")
@allow(*STAFF)
def outgoing():
    """What my organization sent, and where each referral stands."""
    return _outgoing_page()


def queue_page(side: str, status: int = 200, typed: dict | None = None,
               errors: dict | None = None):
    """A queue shown again in answer to a row's step (without JavaScript), its rows as typed.
    Its view, filter and page come along in the step's URL (see `queue_args`)."""
    show = _incoming_page if side == "incoming" else _outgoing_page
    return show(status, typed, errors)


# --- Sending -----------------------------------------------------------------------------------


def _referral_form() -> ReferralForm:
    form = ReferralForm()
    form.category_id.choices = choices([("", "the service's category")] + services.category_choices())
    offer_organizations(form.sender_organization_id, services.sender_organization_options(),
                        "my organization" if current_user.organization_id else "choose…")
    return form


# The services a sender chooses from while the directory has at most this many that take
# referrals; beyond that, the chosen service's organization's, and the others are found in the
# resource search (a list of tens of thousands weighed megabytes).
SERVICES_LISTED = 150


def _offer_services(form: ReferralForm) -> bool:
    """Fill the service list, once the service chosen is known; True when it is not every
    service (the page then points to the resource search)."""
    options = services.service_choices(limit=SERVICES_LISTED)
    many = options is None
    if many:
        chosen = _chosen_service(form.service_id.data)
        options = services.service_choices(organization_id=chosen.organization_id) \
            if chosen else []
        form.service_id.description = (
            "The services of the chosen service's organization. To refer elsewhere, find the "
            "service in the resource search and choose “Refer someone here” on its page.")
    form.service_id.choices = choices([("", "choose a service…")] + options)
    return many


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
    search_for_services = _offer_services(form)
    service = _chosen_service(form.service_id.data)
    household = services.find_household(form.household_id.data, current_user) \
        if form.household_id.data else None
    if warnings is None and request.method == "GET":
        warnings = services.warnings_for(service, household, _int(form.category_id.data))
    return respond("referrals/new.html", status=status, form=form, warnings=warnings or [],
                   household=household, service=service, discharge_open=_discharge_open(form),
                   search_for_services=search_for_services)


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


# For the household page (conferences), which lists the household's referrals.
bp.add_app_template_global(
    lambda household: services.household_referrals(household, current_user), "household_referrals")
