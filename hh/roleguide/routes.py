"""Coordinator role guide: the roles and where their work is done, admin edits, the competency
self-assessment (private unless shared), and the hand-over pack."""
from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from hh.auth.models import User
from hh.extensions import db
from hh.forms import ButtonForm, choices, optional_int
from hh.roleguide import bp, services
from hh.roleguide.forms import (
    AssessmentForm,
    CompetencyForm,
    HandoverForm,
    PersonForm,
    ResponsibilityForm,
    ShareForm,
)
from hh.roleguide.models import LEVELS, AssessmentShare, Competency, Responsibility
from hh.timeutil import local_today
from hh.web import ADMINS, COORDINATORS, SIGNED_IN, STAFF, allow, no_store, render


def _form_page(form, save, on_success, template: str, **context):
    """Validate and save through `save()`; otherwise the form again with each error next to its
    field (422 after a POST)."""
    if form.validate_on_submit():
        try:
            saved = save()
        except services.RoleGuideError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            return on_success(saved)
    return render(template, status=422 if request.method == "POST" else 200, form=form, **context)


# --- The guide ----------------------------------------------------------------------------------


@bp.route("/")
@allow(*SIGNED_IN)
def index():
    """The two coordinator roles and the competencies behind them."""
    return render("roleguide/index.html", roles=services.roles(),
                  competencies=services.competencies(), supports=services.support_counts())


@bp.route("/roles/<slug>")
@allow(*SIGNED_IN)
def role(slug: str):
    """One role: its responsibilities by stage of the theory of execution, the competencies each
    draws on, and where in Crosswalk that work is done, with live counts."""
    found = services.role_by_slug(slug[:60])
    if found is None:
        abort(404)
    counts: dict = {}
    places = {r.id: services.work_place(r.work_link, counts) for r in found.responsibilities}
    return render("roleguide/role.html", role=found, places=places)


@bp.route("/responsibilities/<int:responsibility_id>/edit", methods=["GET", "POST"])
@allow(*ADMINS)
def edit_responsibility(responsibility_id: int):
    """Adapt a responsibility to this CoC's version of the role."""
    responsibility = db.get_or_404(Responsibility, responsibility_id)
    form = ResponsibilityForm(obj=responsibility)
    form.stage_id.choices = choices([(None, "— no stage —")]
                                    + [(s.id, s.name) for s in responsibility.role.stages])
    form.work_link.choices = choices([("", "— nowhere yet —")]
                                     + [(k, link.label) for k, link in services.WORK_LINKS.items()])

    def saved(_):
        flash(f"Saved “{responsibility.title}”.", "success")
        return redirect(url_for("roleguide.role", slug=responsibility.role.slug)
                        + f"#responsibility-{responsibility.id}", 303)

    return _form_page(form, lambda: services.save_responsibility(responsibility, form.data), saved,
                      "roleguide/responsibility_form.html", responsibility=responsibility)


@bp.route("/competencies/<int:competency_id>/edit", methods=["GET", "POST"])
@allow(*ADMINS)
def edit_competency(competency_id: int):
    """Reword a competency and what it looks like at each proficiency level."""
    competency = db.get_or_404(Competency, competency_id)
    form = CompetencyForm(obj=competency)

    def saved(_):
        flash(f"Saved {competency.name}.", "success")
        return redirect(url_for("roleguide.index") + f"#competency-{competency.id}", 303)

    return _form_page(form, lambda: services.save_competency(competency, form.data), saved,
                      "roleguide/competency_form.html", competency=competency)


# --- Self-assessment ------------------------------------------------------------------------


def _focus():
    """The role the person is growing toward (?role=slug), or None for both."""
    return services.role_by_slug((request.args.get("role") or "")[:60])


def _assessment_context(owner_id: int) -> dict:
    focus = _focus()
    role_id = focus.id if focus else None
    history = services.assessments(owner_id)
    rows = services.rating_rows(history, role_id)
    return {"history": history, "rows": rows, "focus": focus, "roles": services.roles(),
            "suggestions": services.suggestion_rows(rows, role_id), "levels": LEVELS,
            "competencies": [row.competency for row in rows]}


def _assessment_page(form=None, share_form=None, status: int = 200):
    context = _assessment_context(current_user.id)
    share_form = share_form or ShareForm()
    share_form.reader_id.choices = choices(
        [(None, "— choose a person —")] + services.coordinator_choices(exclude_id=current_user.id))
    posted = request.form if request.method == "POST" and form is not None else None
    response = render("roleguide/assessment.html", "roleguide/_growth.html", status=status,
                      form=form or AssessmentForm(), share_form=share_form, posted=posted,
                      shares=services.shares_of(current_user.id),
                      shared_with_me=services.shared_with(current_user), button=ButtonForm(),
                      owner=current_user, **context)
    return no_store(response)


@bp.route("/assessment")
@allow(*SIGNED_IN)
def assessment():
    """My competency self-assessment: latest ratings and their change, where to grow first,
    history, and who I share it with."""
    return _assessment_page()


@bp.route("/assessment", methods=["POST"])
@allow(*SIGNED_IN)
def record_assessment():
    """Save today's (or a given day's) rating of every competency as a new dated record."""
    form = AssessmentForm()
    if form.validate_on_submit():
        ratings = {c.id: (request.form.get(f"level_{c.id}", ""),
                          request.form.get(f"note_{c.id}", "")) for c in services.competencies()}
        try:
            services.record_assessment(current_user, form.assessed_on.data, ratings)
        except services.RoleGuideError as error:
            db.session.rollback()
            _attach(form, error)
            return _assessment_page(form=form, status=422)
        flash("Saved your self-assessment.", "success")
        return redirect(url_for("roleguide.assessment"), 303)
    return _assessment_page(form=form, status=422)


def _attach(form, error) -> None:
    """Errors of the date go on its field; each competency's errors are shown by its fieldset."""
    form.rating_errors = {k: v for k, v in error.errors.items() if k != "assessed_on"}
    if "assessed_on" in error.errors:
        form.assessed_on.errors = list(form.assessed_on.errors) + [error.errors["assessed_on"]]


@bp.route("/assessment/share", methods=["POST"])
@allow(*SIGNED_IN)
def share_assessment():
    """Let one named coordinator or admin read my self-assessments."""
    form = ShareForm()
    if form.validate_on_submit():
        try:
            share = services.share_assessment(current_user, form.reader_id.data)
        except services.RoleGuideError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            flash(f"{share.reader.display_name} can now read your self-assessment.", "success")
            return redirect(url_for("roleguide.assessment") + "#sharing", 303)
    return _assessment_page(share_form=form, status=422)


@bp.route("/assessment/shares/<int:share_id>/remove", methods=["POST"])
@allow(*SIGNED_IN)
def stop_sharing(share_id: int):
    """Stop letting someone read my self-assessments."""
    share = db.get_or_404(AssessmentShare, share_id)
    if share.owner_id != current_user.id:
        abort(403)
    if ButtonForm().validate_on_submit():
        name = share.reader.display_name
        services.stop_sharing(share)
        flash(f"{name} can no longer read your self-assessment.", "success")
    return redirect(url_for("roleguide.assessment") + "#sharing", 303)


@bp.route("/assessment/people/<int:user_id>")
@allow(*SIGNED_IN)
def shared_assessment(user_id: int):
    """Someone's self-assessment, read-only, for the coordinator or admin they shared it with."""
    if not services.can_read_assessment(current_user, user_id):
        abort(403)
    owner = db.get_or_404(User, user_id)
    response = render("roleguide/shared_assessment.html", "roleguide/_growth.html", owner=owner,
                      **_assessment_context(owner.id))
    return no_store(response)


# --- Hand-over pack -----------------------------------------------------------------------------


def _handover_person() -> User:
    """Whose pack: my own, or (coordinators and admins) anyone's through ?person=."""
    raw = request.args.get("person")
    if raw in (None, ""):
        return current_user._get_current_object()
    person_id = optional_int(raw)
    if person_id != current_user.id and current_user.role not in COORDINATORS:
        abort(403)
    person = db.session.get(User, person_id) if person_id and 0 < person_id < 2**31 else None
    if person is None:
        abort(404)
    return person


def _handover_page(person: User, form: HandoverForm | None = None, status: int = 200):
    coordinator = current_user.role in COORDINATORS
    person_form = PersonForm(data={"person": person.id})
    people = db.session.scalars(db.select(User).where(User.active.is_(True), User.role != "viewer")
                                .order_by(db.func.lower(User.name), User.email))
    person_form.person.choices = choices([(u.id, f"{u.display_name} ({u.role})") for u in people])
    form = form or HandoverForm()
    form.successor_id.choices = choices([(None, "— choose the successor —")]
                                        + services.successor_choices(person.id))
    return render("roleguide/handover.html", status=status, person=person,
                  pack=services.handover_pack(person), today=local_today(), form=form,
                  person_form=person_form, coordinator=coordinator)


@bp.route("/handover")
@allow(*STAFF)
def handover():
    """One printable page of what a person owns, for whoever covers for them or succeeds them."""
    return _handover_page(_handover_person())


@bp.route("/handover/<int:user_id>/reassign", methods=["POST"])
@allow(*COORDINATORS)
def reassign(user_id: int):
    """Move everything in a person's hand-over pack to a successor in one step."""
    person = db.get_or_404(User, user_id)
    form = HandoverForm()
    if form.validate_on_submit():
        try:
            moved = services.reassign(services.handover_pack(person), form.successor_id.data)
        except services.RoleGuideError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            successor = db.session.get(User, form.successor_id.data)
            flash(f"Handed over to {successor.display_name}: {services.describe_moved(moved)}.",
                  "success")
            return redirect(url_for("roleguide.handover", person=person.id), 303)
    return _handover_page(person, form=form, status=422)
