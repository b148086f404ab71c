"""Coordinator role guide: the roles and where their work is done, admin edits, the competency
self-assessment (private unless shared), and the hand-over pack."""
from flask import abort, flash, request, url_for
from flask_login import current_user

from hh.auth.models import User
from hh.extensions import db
from hh.forms import ButtonForm, choices, optional_int
from hh.roleguide import assessment as self_assessment
from hh.roleguide import bp, guide
from hh.roleguide import handover as handovers
from hh.roleguide.forms import (
    CompetencyForm,
    HandoverForm,
    PersonForm,
    ResponsibilityForm,
    ShareForm,
    assessment_form,
)
from hh.roleguide.models import LEVELS, AssessmentShare, Competency
from hh.roleguide.worklinks import WORK_LINKS, work_place
from hh.timeutil import local_today
from hh.web import (
    ADMINS,
    COORDINATORS,
    SIGNED_IN,
    STAFF,
    allow,
    back_to_page,
    form_status,
    no_store,
    render,
    saved,
    submit,
)

# --- The guide ----------------------------------------------------------------------------------


@bp.route("/")
@allow(*SIGNED_IN)
def index():
    """The two coordinator roles and the competencies behind them."""
    return render("roleguide/index.html", guide=guide.guide_index())


@bp.route("/roles/<slug>")
@allow(*SIGNED_IN)
def role(slug: str):
    """One role: its responsibilities by stage of the theory of execution, the competencies each
    draws on, and where in Crosswalk that work is done, with live counts."""
    found = guide.role_pages().get(slug)
    if found is None:
        abort(404)
    counts: dict = {}
    places = {r.id: work_place(r.work_link, counts) for r in found.responsibilities}
    return render("roleguide/role.html", role=found, places=places)


@bp.route("/responsibilities/<int:responsibility_id>/edit", methods=["GET", "POST"])
@allow(*ADMINS)
def edit_responsibility(responsibility_id: int):
    """Adapt a responsibility to this CoC's version of the role."""
    responsibility = guide.responsibility_for_page(responsibility_id)
    if responsibility is None:
        abort(404)
    form = ResponsibilityForm(obj=responsibility)
    form.stage_id.choices = choices([(None, "— no stage —")]
                                    + [(s.id, s.name) for s in responsibility.role.stages])
    form.work_link.choices = choices([("", "— nowhere yet —")]
                                     + [(k, link.label) for k, link in WORK_LINKS.items()])
    if submit(form, lambda: guide.save_responsibility(responsibility, form.data)):
        return saved(f"Saved “{responsibility.title}”.", "roleguide.role",
                     slug=responsibility.role.slug, _anchor=f"responsibility-{responsibility.id}")
    return render("roleguide/responsibility_form.html", status=form_status(), form=form,
                  responsibility=guide.responsibility_for_page(responsibility_id))


@bp.route("/competencies/<int:competency_id>/edit", methods=["GET", "POST"])
@allow(*ADMINS)
def edit_competency(competency_id: int):
    """Reword a competency and what it looks like at each proficiency level."""
    competency = db.get_or_404(Competency, competency_id)
    form = CompetencyForm(obj=competency)
    if submit(form, lambda: guide.save_competency(competency, form.data)):
        return saved(f"Saved {competency.name}.", "roleguide.index",
                     _anchor=f"competency-{competency.id}")
    return render("roleguide/competency_form.html", status=form_status(), form=form,
                  competency=competency)


# --- Self-assessment ------------------------------------------------------------------------


def _focus():
    """The role the person is growing toward (?role=slug), or None for both."""
    return guide.role_by_slug((request.args.get("role") or "")[:60])


def _assessment_context(owner_id: int) -> dict:
    focus = _focus()
    role_id = focus.id if focus else None
    history = self_assessment.assessments(owner_id)
    rows = self_assessment.rating_rows(history, role_id)
    return {"history": history, "rows": rows, "focus": focus, "roles": guide.roles(),
            "suggestions": self_assessment.suggestion_rows(rows, role_id), "levels": LEVELS,
            "competencies": [row.competency for row in rows]}


def _latest(context: dict) -> dict:
    """What the self-assessment form is filled in with: each competency's latest rating."""
    return {f"{key}_{row.competency.id}": value for row in context["rows"]
            for key, value in (("level", row.level), ("note", row.note))}


def _typed_assessment():
    """The self-assessment part as posted, built on what the page filled in (so `changed()` tells
    whether it was typed into)."""
    context = _assessment_context(current_user.id)
    return assessment_form(context["competencies"], data=_latest(context))


def _assessment_page(form=None, share_form=None, status: int | None = None):
    """The page: one form around its parts (the self-assessment, sharing). `form`, `share_form`:
    the parts as posted; None: fresh (the self-assessment filled from the latest ratings)."""
    context = _assessment_context(current_user.id)
    if form is None:
        form = assessment_form(context["competencies"], formdata=None, data=_latest(context))
    share_form = share_form or ShareForm(formdata=None)
    share_form.reader_id.choices = choices(
        [(None, "— choose a person —")] + guide.coordinator_choices(exclude_id=current_user.id))
    response = render("roleguide/assessment.html", "roleguide/_growth.html",
                      status=form_status() if status is None else status,
                      form=form, share_form=share_form,
                      shares=self_assessment.shares_of(current_user.id),
                      shared_with_me=self_assessment.shared_with(current_user), button=ButtonForm(),
                      owner=current_user, **context)
    return no_store(response)


def _back_to_assessment(saved_part: str | None, anchor: str | None = None):
    """After one part saved (`saved_part`: "form", "share_form", or None for a Stop sharing
    button): back to the page, unless another part holds what was typed but not sent; then the
    page again with it, not saved yet, and the saved part fresh."""
    others = {}
    if saved_part != "form":
        others["form"] = _typed_assessment()
    if saved_part != "share_form":
        others["share_form"] = ShareForm()
    return back_to_page(url_for("roleguide.assessment", _anchor=anchor), others.values(),
                        lambda: _assessment_page(status=200, **others))


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
    competencies = guide.competencies()
    form = assessment_form(competencies)
    if submit(form, lambda: self_assessment.record_assessment(
            current_user, form.assessed_on.data, form.ratings(competencies))):
        flash("Saved your self-assessment.", "success")
        return _back_to_assessment("form")
    return _assessment_page(form=form, share_form=ShareForm())


@bp.route("/assessment/share", methods=["POST"])
@allow(*SIGNED_IN)
def share_assessment():
    """Let one named coordinator or admin read my self-assessments."""
    form = ShareForm()
    share = submit(form, lambda: self_assessment.share_assessment(current_user, form.reader_id.data))
    if share is not None:
        flash(f"{share.reader.display_name} can now read your self-assessment.", "success")
        return _back_to_assessment("share_form", "sharing")
    return _assessment_page(form=_typed_assessment(), share_form=form)


@bp.route("/assessment/shares/<int:share_id>/remove", methods=["POST"])
@allow(*SIGNED_IN)
def stop_sharing(share_id: int):
    """Stop letting someone read my self-assessments."""
    share = db.get_or_404(AssessmentShare, share_id)
    if share.owner_id != current_user.id:
        abort(403)
    if ButtonForm().validate_on_submit():
        name = share.reader.display_name
        self_assessment.stop_sharing(share)
        flash(f"{name} can no longer read your self-assessment.", "success")
    return _back_to_assessment(None, "sharing")


@bp.route("/assessment/people/<int:user_id>")
@allow(*SIGNED_IN)
def shared_assessment(user_id: int):
    """Someone's self-assessment, read-only, for the coordinator or admin they shared it with."""
    if not self_assessment.can_read_assessment(current_user, user_id):
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


def _handover_page(person: User, form: HandoverForm | None = None):
    coordinator = current_user.role in COORDINATORS
    person_form = PersonForm(data={"person": person.id})
    person_form.person.choices = choices(handovers.person_choices())
    form = form or HandoverForm()
    form.successor_id.choices = choices([(None, "— choose the successor —")]
                                        + handovers.successor_choices(person.id))
    return render("roleguide/handover.html", status=form_status(), person=person,
                  pack=handovers.pack_view(person), today=local_today(), form=form,
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
    moved = submit(form, lambda: handovers.reassign(handovers.handover_pack(person),
                                                   form.successor_id.data))
    if moved is not None:
        successor = db.session.get(User, form.successor_id.data)
        return saved(f"Handed over to {successor.display_name}: {handovers.describe_moved(moved)}.",
                     "roleguide.handover", person=person.id)
    return _handover_page(person, form=form)
