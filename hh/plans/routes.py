"""Action plans: plans, measures and run charts, action items, my items, reviews, PDSA cycles."""
from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from hh.extensions import db
from hh.forms import ButtonForm, choices
from hh.plans import bp, services
from hh.plans.charts import number
from hh.plans.forms import (
    DataPointForm,
    ItemFilterForm,
    ItemForm,
    MeasureForm,
    PdsaForm,
    PlanForm,
    ReviewForm,
    StatusForm,
    UpdateForm,
)
from hh.plans.models import ITEM_STATUSES, ActionItem, ActionPlan, Measure, PdsaCycle
from hh.timeutil import local_today
from hh.web import (
    COORDINATORS,
    SIGNED_IN,
    STAFF,
    allow,
    csv_response,
    is_coordinator,
    is_partial,
    paginate,
    render,
    safe_next,
)

NONE_CHOICE = [(None, "— none —")]


@bp.app_template_filter("measure_number")
def measure_number(value) -> str:
    """A measure's value as people write it: 12, 12.5, -3."""
    return number(value)


def _context(**extra) -> dict:
    """What every page with item rows needs: today's date, the CSRF button, who may update."""
    return {"today": local_today(), "button": ButtonForm(),
            "is_overdue": services.is_overdue, "item_statuses": ITEM_STATUSES,
            "can_update": services.item_updater(current_user),
            # Where a plain (JavaScript-off) quick status change returns to.
            "next_url": request.full_path.rstrip("?") if request.method == "GET" else None,
            **extra}


def _form_page(form, save, on_success, template: str, fragment: str | None = None, **context):
    """Validate and save through `save()`, then `on_success(saved)`; otherwise the form again,
    with each error next to its field (422 after a POST)."""
    if form.validate_on_submit():
        try:
            saved = save()
        except services.PlanError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            return on_success(saved)
    return render(template, fragment, status=422 if request.method == "POST" else 200,
                  form=form, **context)


# --- Plans ---------------------------------------------------------------------------------------


@bp.route("/")
@allow(*SIGNED_IN)
def index():
    """Every action plan, active first, with its open and overdue items."""
    return render("plans/index.html", plans=services.plan_list(), today=local_today(),
                  counts=services.open_item_counts(), due=services.plans_due_for_review())


def _plan_form(plan: ActionPlan | None) -> PlanForm:
    form = PlanForm(obj=plan)
    orgs = services.organization_choices()
    form.lead_organization_id.choices = choices(NONE_CHOICE + orgs)
    form.partner_ids.choices = choices(orgs)
    form.owner_id.choices = choices(NONE_CHOICE + services.coordinator_choices())
    if isinstance(form.review_every_months.data, int):  # from the plan, not the request
        form.review_every_months.data = str(form.review_every_months.data)
    if request.method == "GET":
        if plan is not None:
            form.partner_ids.data = [o.id for o in plan.partners]
        else:
            form.owner_id.data = current_user.id if is_coordinator(current_user) else None
    return form


def _plan_saved(plan: ActionPlan):
    flash(f"Saved the plan {plan.title}.", "success")
    return redirect(url_for("plans.plan", plan_id=plan.id), 303)


@bp.route("/new", methods=["GET", "POST"])
@allow(*COORDINATORS)
def new_plan():
    """Start an action plan: the shared aim, who leads, who partners, when it is reviewed."""
    form = _plan_form(None)
    return _form_page(form, lambda: services.save_plan(None, form.data), _plan_saved,
                      "plans/plan_form.html", plan=None)


@bp.route("/<int:plan_id>/edit", methods=["GET", "POST"])
@allow(*COORDINATORS)
def edit_plan(plan_id: int):
    """Edit a plan's aim, partners, status, dates and review cadence."""
    plan = db.get_or_404(ActionPlan, plan_id)
    form = _plan_form(plan)
    return _form_page(form, lambda: services.save_plan(plan, form.data), _plan_saved,
                      "plans/plan_form.html", plan=plan)


@bp.route("/<int:plan_id>")
@allow(*SIGNED_IN)
def plan(plan_id: int):
    """A plan at a glance: aim, measures with run charts, open and overdue items, updates."""
    page = services.plan_page(plan_id, all_items=request.args.get("items") == "all")
    if page is None:
        abort(404)
    return render("plans/plan.html", **_context(
        page=page, plan=page.plan, updates=services.recent_updates(page.plan),
        last_review=services.last_review(page.plan)))


# --- Measures ------------------------------------------------------------------------------------


def _measure_saved(measure: Measure):
    flash(f"Saved the measure {measure.name}.", "success")
    return redirect(url_for("plans.measure", measure_id=measure.id), 303)


def _measure_form(measure: Measure | None) -> MeasureForm:
    from hh.referrals.outcomes import FEEDS

    form = MeasureForm(obj=measure)
    form.feed.choices = choices([("", "Entered by hand")] + [(k, v[0]) for k, v in FEEDS.items()])
    for field in (form.baseline_value, form.target_value):
        if isinstance(field.data, float):  # from the measure, not the request
            field.data = number(field.data)
    return form


@bp.route("/<int:plan_id>/measures/new", methods=["GET", "POST"])
@allow(*COORDINATORS)
def new_measure(plan_id: int):
    """Add a measure: how it is counted, which way is better, baseline and target."""
    plan = db.get_or_404(ActionPlan, plan_id)
    form = _measure_form(None)
    return _form_page(form, lambda: services.save_measure(None, plan, form.data), _measure_saved,
                      "plans/measure_form.html", plan=plan, measure=None)


@bp.route("/measures/<int:measure_id>/edit", methods=["GET", "POST"])
@allow(*COORDINATORS)
def edit_measure(measure_id: int):
    """Edit a measure's definition, baseline, target or north-star flag."""
    measure = db.get_or_404(Measure, measure_id)
    form = _measure_form(measure)
    return _form_page(form, lambda: services.save_measure(measure, measure.plan, form.data),
                      _measure_saved, "plans/measure_form.html", plan=measure.plan,
                      measure=measure)


@bp.route("/measures/<int:measure_id>")
@allow(*SIGNED_IN)
def measure(measure_id: int):
    """A measure's run chart, the rules it meets, and every number in a table."""
    measure = db.get_or_404(Measure, measure_id)
    return render("plans/measure.html", measure=measure, view=services.measure_view(measure),
                  form=DataPointForm(formdata=None))


@bp.route("/measures/<int:measure_id>/points", methods=["POST"])
@allow(*COORDINATORS)
def add_point(measure_id: int):
    """Record a value for a date (a second value for the same date corrects the first)."""
    measure = db.get_or_404(Measure, measure_id)
    form = DataPointForm()

    def saved(point):
        flash(f"Recorded {point.observed_on.isoformat()}.", "success")
        return redirect(url_for("plans.measure", measure_id=measure.id), 303)

    return _form_page(form, lambda: services.record_data_point(measure, form.data, current_user),
                      saved, "plans/measure.html", measure=measure,
                      view=services.measure_view(measure))


# --- Action items --------------------------------------------------------------------------------


def _item_for_update(item_id: int) -> ActionItem:
    item = db.get_or_404(ActionItem, item_id)
    if not services.can_update_item(current_user, item):
        abort(403)
    return item


def _item_form(item: ActionItem | None) -> ItemForm:
    form = ItemForm(obj=item)
    if is_coordinator(current_user):
        form.owner_id.choices = choices(NONE_CHOICE + services.user_choices())
        form.organization_id.choices = choices(NONE_CHOICE + services.organization_choices())
        form.need_id.choices = choices(NONE_CHOICE + services.need_choices())
    else:  # providers update their items; who owns them is the coordinators' call
        del form.owner_id, form.organization_id, form.need_id
    return form


@bp.route("/<int:plan_id>/items/new", methods=["GET", "POST"])
@allow(*COORDINATORS)
def new_item(plan_id: int):
    """Add an action item: what, who (a person and/or an organization), by when."""
    plan = db.get_or_404(ActionPlan, plan_id)
    form = _item_form(None)

    def saved(item):
        flash("Added the action item.", "success")
        return redirect(url_for("plans.plan", plan_id=plan.id) + f"#item-{item.id}", 303)

    return _form_page(form, lambda: services.save_item(None, plan, form.data, current_user), saved,
                      "plans/item_form.html", plan=plan, item=None)


@bp.route("/items/<int:item_id>")
@allow(*SIGNED_IN)
def item(item_id: int):
    """An item with its thread of updates (htmx: its row, e.g. after a cancelled inline edit)."""
    item = db.get_or_404(ActionItem, item_id)
    return render("plans/item.html", "plans/_item_row.html", **_context(
        item=item, update_form=UpdateForm(formdata=None), status_form=StatusForm(obj=item)))


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@allow(*STAFF)
def edit_item(item_id: int):
    """Edit an item (htmx: inline, in place of its row)."""
    item = _item_for_update(item_id)
    form = _item_form(item)
    coordinator = is_coordinator(current_user)

    def saved(item):
        if is_partial():
            return render("plans/item.html", "plans/_item_row.html", **_context(item=item))
        flash("Saved the action item.", "success")
        return redirect(safe_next(request.form.get("next"),
                                  url_for("plans.item", item_id=item.id)), 303)

    return _form_page(form, lambda: services.save_item(item, item.plan, form.data, current_user,
                                                       coordinator_fields=coordinator), saved,
                      "plans/item_form.html", "plans/_item_edit.html", plan=item.plan, item=item)


@bp.route("/items/<int:item_id>/status", methods=["POST"])
@allow(*STAFF)
def item_status(item_id: int):
    """Quick status change (htmx: the row is replaced; without JavaScript: back to the page)."""
    item = _item_for_update(item_id)
    form = StatusForm()
    error = None
    if not form.validate_on_submit():
        error = ("The form expired; reload the page." if "csrf_token" in form.errors
                 else "Choose a status from the list.")
    else:
        try:
            services.change_item_status(item, form.status.data, form.blocked_reason.data,
                                        current_user)
        except services.PlanError as problem:
            error = str(problem)
        else:
            flash(f"Status: {item.status_label}.", "success")
    item = db.session.get(ActionItem, item_id)
    if is_partial():
        return render("plans/item.html", "plans/_item_row.html", status=422 if error else 200,
                      **_context(item=item, row_error=error))
    if error:
        return render("plans/item.html", status=422, **_context(
            item=item, update_form=UpdateForm(formdata=None), status_form=form, status_error=error))
    return redirect(safe_next(request.form.get("next"), url_for("plans.item", item_id=item.id)), 303)


@bp.route("/items/<int:item_id>/updates", methods=["POST"])
@allow(*STAFF)
def add_update(item_id: int):
    """Add a note to the item's thread."""
    item = _item_for_update(item_id)
    form = UpdateForm()
    if form.validate_on_submit():
        try:
            services.add_item_update(item, form.body.data, current_user)
        except services.PlanError as error:
            db.session.rollback()
            error.attach_to(form)
        else:
            flash("Added your update.", "success")
            return redirect(url_for("plans.item", item_id=item.id) + "#thread", 303)
    item = db.session.get(ActionItem, item_id)
    return render("plans/item.html", status=422, **_context(
        item=item, update_form=form, status_form=StatusForm(obj=item)))


@bp.route("/my-items")
@allow(*SIGNED_IN)
def my_items():
    """Items assigned to me or to my organization; overdue first by due date."""
    include_closed = request.args.get("closed") == "1"
    page = paginate(services.my_items_query(current_user, include_closed), per_page=50)
    return render("plans/my_items.html", **_context(page=page, include_closed=include_closed))


def _item_filters():
    form = ItemFilterForm(request.args)
    people, organizations = services.item_owner_choices()
    form.owner.choices = choices([("", "anyone")] + people)
    form.organization.choices = choices([("", "any organization")] + organizations)
    form.plan.choices = choices([("", "any plan")] + [(p.id, p.title) for p in services.plan_list()])
    as_id = services.valid_id
    due = form.due.data if form.due.data in ("overdue", "7", "30", "none") else ""
    status = form.status.data if form.status.data in ITEM_STATUSES or form.status.data == "all" else ""
    filters = services.ItemFilters(owner_id=as_id(form.owner.data),
                                   organization_id=as_id(form.organization.data),
                                   plan_id=as_id(form.plan.data), status=status, due=due)
    return form, filters


@bp.route("/items")
@allow(*COORDINATORS)
def all_items():
    """Every item across plans, filtered by owner, organization, plan, status and due window."""
    form, filters = _item_filters()
    page = paginate(services.items_query(filters), per_page=50)
    return render("plans/items.html", "plans/_items_table.html",
                  **_context(form=form, page=page))


@bp.route("/items.csv")
@allow(*COORDINATORS)
def items_csv():
    """The filtered items as a spreadsheet (all pages)."""
    _, filters = _item_filters()
    return csv_response("crosswalk-action-items.csv", services.ITEM_CSV_HEADER,
                        services.item_csv_rows(services.items_query(filters)))


# --- Reviews and tests of change -------------------------------------------------------------------


@bp.route("/<int:plan_id>/review", methods=["GET", "POST"])
@allow(*COORDINATORS)
def review(plan_id: int):
    """What changed since the last review, and the form to record this one."""
    plan = db.get_or_404(ActionPlan, plan_id)
    form = ReviewForm()
    if request.method == "GET":
        form.reviewed_on.data = local_today()

    def saved(review):
        flash(f"Review recorded. Next review: {review.next_review_on.isoformat()}.", "success")
        return redirect(url_for("plans.plan", plan_id=plan.id), 303)

    return _form_page(form, lambda: services.save_review(plan, form.data, current_user), saved,
                      "plans/review.html", plan=plan, facts=services.review_facts(plan),
                      **_context())


def _cycle_form(cycle: PdsaCycle | None) -> PdsaForm:
    form = PdsaForm(obj=cycle)
    form.owner_id.choices = choices(NONE_CHOICE + services.user_choices())
    return form


def _cycle_saved(cycle: PdsaCycle):
    flash(f"Saved the test of change {cycle.title}.", "success")
    return redirect(url_for("plans.plan", plan_id=cycle.plan_id) + f"#pdsa-{cycle.id}", 303)


@bp.route("/<int:plan_id>/pdsa/new", methods=["GET", "POST"])
@allow(*COORDINATORS)
def new_cycle(plan_id: int):
    """Start a PDSA cycle: a small test of change with a prediction."""
    plan = db.get_or_404(ActionPlan, plan_id)
    form = _cycle_form(None)
    return _form_page(form, lambda: services.save_cycle(None, plan, form.data), _cycle_saved,
                      "plans/pdsa_form.html", plan=plan, cycle=None)


@bp.route("/pdsa/<int:cycle_id>/edit", methods=["GET", "POST"])
@allow(*COORDINATORS)
def edit_cycle(cycle_id: int):
    """Record what happened, the result, and whether to adopt, adapt or abandon."""
    cycle = db.get_or_404(PdsaCycle, cycle_id)
    form = _cycle_form(cycle)
    return _form_page(form, lambda: services.save_cycle(cycle, cycle.plan, form.data),
                      _cycle_saved, "plans/pdsa_form.html", plan=cycle.plan, cycle=cycle)
