"""Action plans: plans, measures and run charts, reviews, PDSA cycles (action items and my items:
item_routes.py). Thin views: parse, authorize, call services, render."""
from flask import abort, request
from flask_login import current_user

from hh.charts import number
from hh.directory.services import offer_organizations
from hh.extensions import db
from hh.forms import choices
from hh.plans import bp, services
from hh.plans.engagement import engagement
from hh.plans.feeds import feed_choices, find
from hh.plans.forms import (
    DataPointForm,
    MeasureForm,
    PdsaForm,
    PlanForm,
    ReviewForm,
)
from hh.plans.item_table import ItemTable
from hh.plans.models import ActionPlan, Measure, PdsaCycle
from hh.plans.status_rows import save_all
from hh.timeutil import local_today
from hh.web import (
    COORDINATORS,
    SIGNED_IN,
    allow,
    form_status,
    is_coordinator,
    render,
    saved,
    submit,
)

NONE_CHOICE = [(None, "— none —")]


@bp.app_template_filter("measure_number")
def measure_number(value) -> str:
    """A measure's value as people write it: 12, 12.5, -3."""
    return number(value)


def page_context(status_forms: dict | None = None, **extra) -> dict:
    """What every page with item rows needs: today's date, who may update, the rows' status
    forms as posted (item id → its form: after a refused save), and what the rows share."""
    today, may_update = local_today(), services.item_updater(current_user)
    status_forms = status_forms or {}
    return {"today": today, "is_overdue": services.is_overdue, "can_update": may_update,
            "status_forms": status_forms,
            "item_table": ItemTable(today, may_update, status_forms), **extra}


# --- Plans ---------------------------------------------------------------------------------------


@bp.route("/")
@allow(*SIGNED_IN)
def index():
    """Every action plan, active first, with its open and overdue items."""
    return render("plans/index.html", plans=services.plan_list(), today=local_today(),
                  counts=services.open_item_counts(), due=services.plans_due_for_review())


def _plan_form(plan: ActionPlan | None) -> PlanForm:
    form = PlanForm(obj=plan)
    offer_organizations(form.lead_organization_id, services.organization_options(), "— none —")
    offer_organizations(form.partner_ids, services.organization_options())
    form.owner_id.choices = choices(NONE_CHOICE + services.coordinator_choices())
    if isinstance(form.review_every_months.data, int):  # from the plan, not the request
        form.review_every_months.data = str(form.review_every_months.data)
    if request.method == "GET":
        if plan is not None:
            form.partner_ids.data = [o.id for o in plan.partners]
        else:
            form.owner_id.data = current_user.id if is_coordinator(current_user) else None
    return form


@bp.route("/new", methods=["GET", "POST"])
@allow(*COORDINATORS)
def new_plan():
    """Start an action plan: the shared aim, who leads, who partners, when it is reviewed."""
    return _save_plan(None)


@bp.route("/<int:plan_id>/edit", methods=["GET", "POST"])
@allow(*COORDINATORS)
def edit_plan(plan_id: int):
    """Edit a plan's aim, partners, status, dates and review cadence."""
    return _save_plan(db.get_or_404(ActionPlan, plan_id))


def _save_plan(plan: ActionPlan | None):
    form = _plan_form(plan)
    plan_saved = submit(form, lambda: services.save_plan(plan, form.data))
    if plan_saved is not None:
        return saved(f"Saved the plan {plan_saved.title}.", "plans.plan", plan_id=plan_saved.id)
    return render("plans/plan_form.html", status=form_status(), form=form, plan=plan)


@bp.route("/<int:plan_id>", methods=["GET", "POST"])
@allow(*SIGNED_IN)
def plan(plan_id: int):
    """A plan at a glance: aim, measures with run charts, open and overdue items, updates (POST:
    "Save all" of its items' statuses, status_rows.py)."""
    if request.method == "POST":
        db.get_or_404(ActionPlan, plan_id)
        return save_all(lambda status_forms: _plan_page(plan_id, status_forms))
    return _plan_page(plan_id)


def _plan_page(plan_id: int, status_forms: dict | None = None):
    page = services.plan_page(plan_id, all_items=request.args.get("items") == "all")
    if page is None:
        abort(404)
    return render("plans/plan.html", status=form_status(), **page_context(
        page=page, plan=page.plan, updates=services.recent_updates(page.plan),
        engagement=engagement(page.plan, current_user), status_forms=status_forms))


# --- Measures ------------------------------------------------------------------------------------


def _measure_form(measure: Measure | None) -> MeasureForm:
    form = MeasureForm(obj=measure)
    form.feed.choices = choices([("", "Entered by hand")] + feed_choices())
    for field in (form.baseline_value, form.target_value):
        if isinstance(field.data, float):  # from the measure, not the request
            field.data = number(field.data)
    return form


@bp.route("/<int:plan_id>/measures/new", methods=["GET", "POST"])
@allow(*COORDINATORS)
def new_measure(plan_id: int):
    """Add a measure: how it is counted, which way is better, baseline and target."""
    return _save_measure(None, db.get_or_404(ActionPlan, plan_id))


@bp.route("/measures/<int:measure_id>/edit", methods=["GET", "POST"])
@allow(*COORDINATORS)
def edit_measure(measure_id: int):
    """Edit a measure's definition, baseline, target or north-star flag."""
    measure = db.get_or_404(Measure, measure_id)
    return _save_measure(measure, measure.plan)


def _save_measure(measure: Measure | None, plan: ActionPlan):
    form = _measure_form(measure)
    measure_saved = submit(form, lambda: services.save_measure(measure, plan, form.data))
    if measure_saved is not None:
        return saved(f"Saved the measure {measure_saved.name}.", "plans.measure",
                     measure_id=measure_saved.id)
    return render("plans/measure_form.html", status=form_status(), form=form, plan=plan,
                  measure=measure)


@bp.route("/measures/<int:measure_id>")
@allow(*SIGNED_IN)
def measure(measure_id: int):
    """A measure's run chart, the rules it meets, and every number in a table."""
    measure = services.measure_for_page(measure_id)
    if measure is None:
        abort(404)
    return _measure_page(measure, DataPointForm(formdata=None))


def _measure_page(measure: Measure, form: DataPointForm):
    return render("plans/measure.html", status=form_status(), measure=measure, form=form,
                  view=services.measure_view(measure), feed=find(measure.feed)[0])


@bp.route("/measures/<int:measure_id>/points", methods=["POST"])
@allow(*COORDINATORS)
def add_point(measure_id: int):
    """Record a value for a date (a second value for the same date corrects the first)."""
    measure = db.get_or_404(Measure, measure_id)
    form = DataPointForm()
    point = submit(form, lambda: services.record_data_point(measure, form.data, current_user))
    if point is not None:
        return saved(f"Recorded {point.observed_on.isoformat()}.", "plans.measure",
                     measure_id=measure.id)
    return _measure_page(services.measure_for_page(measure.id), form)


# --- Reviews and tests of change -------------------------------------------------------------------


@bp.route("/<int:plan_id>/review", methods=["GET", "POST"])
@allow(*COORDINATORS)
def review(plan_id: int):
    """What changed since the last review, and the form to record this one."""
    plan = db.get_or_404(ActionPlan, plan_id)
    form = ReviewForm()
    if request.method == "GET":
        form.reviewed_on.data = local_today()
    review = submit(form, lambda: services.save_review(plan, form.data, current_user))
    if review is not None:
        return saved(f"Review recorded. Next review: {review.next_review_on.isoformat()}.",
                     "plans.plan", plan_id=plan.id)
    return render("plans/review.html", status=form_status(), **page_context(
        form=form, plan=plan, facts=services.review_facts(plan)))


def _cycle_form(cycle: PdsaCycle | None) -> PdsaForm:
    form = PdsaForm(obj=cycle)
    form.owner_id.choices = choices(NONE_CHOICE + services.user_choices())
    return form


@bp.route("/<int:plan_id>/pdsa/new", methods=["GET", "POST"])
@allow(*COORDINATORS)
def new_cycle(plan_id: int):
    """Start a PDSA cycle: a small test of change with a prediction."""
    return _save_cycle(None, db.get_or_404(ActionPlan, plan_id))


@bp.route("/pdsa/<int:cycle_id>/edit", methods=["GET", "POST"])
@allow(*COORDINATORS)
def edit_cycle(cycle_id: int):
    """Record what happened, the result, and whether to adopt, adapt or abandon."""
    cycle = db.get_or_404(PdsaCycle, cycle_id)
    return _save_cycle(cycle, cycle.plan)


def _save_cycle(cycle: PdsaCycle | None, plan: ActionPlan):
    form = _cycle_form(cycle)
    cycle_saved = submit(form, lambda: services.save_cycle(cycle, plan, form.data))
    if cycle_saved is not None:
        return saved(f"Saved the test of change {cycle_saved.title}.", "plans.plan",
                     plan_id=plan.id, _anchor=f"pdsa-{cycle_saved.id}")
    return render("plans/pdsa_form.html", status=form_status(), form=form, plan=plan, cycle=cycle)
