"""Action items: adding and editing them (inline with htmx), quick status changes, their thread
of updates, "my items" and the all-items view with its spreadsheet."""
from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from hh.extensions import db
from hh.forms import choices
from hh.plans import bp, services
from hh.plans.forms import ItemFilterForm, ItemForm, StatusForm, UpdateForm
from hh.plans.models import ITEM_STATUSES, ActionItem, ActionPlan
from hh.plans.routes import NONE_CHOICE, page_context
from hh.web import (
    COORDINATORS,
    SIGNED_IN,
    STAFF,
    allow,
    csv_response,
    form_status,
    is_coordinator,
    is_partial,
    paginate,
    render,
    safe_next,
    saved,
    submit,
)

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
    item = submit(form, lambda: services.save_item(None, plan, form.data, current_user))
    if item is not None:
        return saved("Added the action item.", "plans.plan", plan_id=plan.id, _anchor=f"item-{item.id}")
    return render("plans/item_form.html", status=form_status(), form=form, plan=plan, item=None)


@bp.route("/items/<int:item_id>")
@allow(*SIGNED_IN)
def item(item_id: int):
    """An item with its thread of updates (htmx: its row, e.g. after a cancelled inline edit)."""
    item = services.item_for_page(item_id, thread=not is_partial())
    if item is None:
        abort(404)
    return render("plans/item.html", "plans/_item_row.html", **page_context(
        item=item, update_form=UpdateForm(formdata=None), status_form=StatusForm(obj=item)))


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@allow(*STAFF)
def edit_item(item_id: int):
    """Edit an item (htmx: inline, in place of its row)."""
    item = _item_for_update(item_id)
    form = _item_form(item)
    coordinator = is_coordinator(current_user)
    if submit(form, lambda: services.save_item(item, item.plan, form.data, current_user,
                                               coordinator_fields=coordinator)) is None:
        return render("plans/item_form.html", "plans/_item_edit.html", status=form_status(),
                      form=form, plan=item.plan, item=item)
    if is_partial():
        item = services.item_for_page(item.id, thread=False)
        return render("plans/item.html", "plans/_item_row.html", **page_context(item=item))
    flash("Saved the action item.", "success")
    return redirect(safe_next(request.form.get("next"), url_for("plans.item", item_id=item.id)), 303)


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
    item = services.item_for_page(item_id, thread=not is_partial())
    if is_partial():
        return render("plans/item.html", "plans/_item_row.html", status=422 if error else 200,
                      **page_context(item=item, row_error=error))
    if error:
        return render("plans/item.html", status=422, **page_context(
            item=item, update_form=UpdateForm(formdata=None), status_form=form, status_error=error))
    return redirect(safe_next(request.form.get("next"), url_for("plans.item", item_id=item.id)), 303)


@bp.route("/items/<int:item_id>/updates", methods=["POST"])
@allow(*STAFF)
def add_update(item_id: int):
    """Add a note to the item's thread."""
    item = _item_for_update(item_id)
    form = UpdateForm()
    if submit(form, lambda: services.add_item_update(item, form.body.data, current_user)) is not None:
        return saved("Added your update.", "plans.item", item_id=item.id, _anchor="thread")
    item = services.item_for_page(item_id)
    return render("plans/item.html", status=422, **page_context(
        item=item, update_form=form, status_form=StatusForm(obj=item)))


@bp.route("/my-items")
@allow(*SIGNED_IN)
def my_items():
    """Items assigned to me or to my organization; overdue first by due date."""
    include_closed = request.args.get("closed") == "1"
    page = paginate(services.my_items_query(current_user, include_closed), per_page=50)
    return render("plans/my_items.html", **page_context(page=page, include_closed=include_closed))


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
                  **page_context(form=form, page=page))


@bp.route("/items.csv")
@allow(*COORDINATORS)
def items_csv():
    """The filtered items as a spreadsheet (all pages)."""
    _, filters = _item_filters()
    return csv_response("crosswalk-action-items.csv", services.ITEM_CSV_HEADER,
                        services.item_csv_rows(services.items_query(filters)))
