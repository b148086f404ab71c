"""Action items: adding and editing them (inline with htmx), quick status changes, their thread
of updates, "my items" and the all-items view with its spreadsheet."""
from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from hh.directory.services import offer_organizations
from hh.extensions import db
from hh.forms import choices, page_size
from hh.plans import bp, services
from hh.plans.forms import ItemFilterForm, ItemForm, UpdateForm
from hh.plans.models import ITEM_STATUSES, ActionItem, ActionPlan
from hh.plans.routes import NONE_CHOICE, page_context
from hh.plans.status_rows import save_all, save_status, status_form
from hh.web import (
    COORDINATORS,
    SIGNED_IN,
    STAFF,
    allow,
    back_to_page,
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
        offer_organizations(form.organization_id, services.organization_options(), "— none —")
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


def _item_page(item_id: int, status: int = 200, **forms):
    """The item page (htmx: its row, e.g. after a cancelled inline edit). `forms`: its parts
    (`status_form`, `update_form`) as posted; a part not given is shown fresh."""
    item = services.item_row(item_id) if is_partial() else services.item_for_page(item_id)
    if item is None:
        abort(404)
    forms.setdefault("update_form", UpdateForm(formdata=None))
    forms.setdefault("status_form", status_form(item, formdata=None))
    return render("plans/item.html", "plans/_item_row.html", status=status,
                  **page_context(item=item, **forms))


@bp.route("/items/<int:item_id>")
@allow(*SIGNED_IN)
def item(item_id: int):
    """An item with its thread of updates, and (for who may update it) one form to change its
    status or add an update."""
    return _item_page(item_id)


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
        return render("plans/item.html", "plans/_item_row.html",
                      **page_context(item=services.item_row(item.id)))
    flash("Saved the action item.", "success")
    return redirect(safe_next(request.form.get("next"), url_for("plans.item", item_id=item.id)), 303)


@bp.route("/items/<int:item_id>/status", methods=["POST"])
@allow(*STAFF)
def item_status(item_id: int):
    """Set an item's status: from its row in a table (htmx: only the row is swapped), or from the
    item page (back to it, keeping an update typed but not added)."""
    item = _item_for_update(item_id)
    form = status_form(item)
    done = save_status(item, form)
    if done is not None:
        flash(f"Status: {done.status_label}.", "success")
    if is_partial():
        return render("plans/item.html", "plans/_item_row.html", status=200 if done else 422,
                      **page_context(item=services.item_row(item_id),
                                     status_forms=None if done else {item_id: form}))
    update_form = UpdateForm()
    if done is None:
        return _item_page(item_id, 422, status_form=form, update_form=update_form)
    return back_to_page(url_for("plans.item", item_id=item_id), [update_form],
                        lambda: _item_page(item_id, update_form=update_form))


@bp.route("/items/<int:item_id>/updates", methods=["POST"])
@allow(*STAFF)
def add_update(item_id: int):
    """Add a note to the item's thread (back to the page, keeping a status chosen but not set)."""
    item = _item_for_update(item_id)
    form, typed_status = UpdateForm(), status_form(item)
    if submit(form, lambda: services.add_item_update(item, form.body.data, current_user)) is None:
        return _item_page(item_id, 422, update_form=form, status_form=typed_status)
    flash("Added your update.", "success")
    return back_to_page(url_for("plans.item", item_id=item_id, _anchor="thread"), [typed_status],
                        lambda: _item_page(item_id, status_form=typed_status))


@bp.route("/my-items", methods=["GET", "POST"])
@allow(*SIGNED_IN)
def my_items():
    """Items assigned to me or to my organization; overdue first by due date (POST: "Save all"
    of their statuses)."""
    if request.method == "POST":
        return save_all(_my_items_page)
    return _my_items_page()


def _my_items_page(status_forms: dict | None = None):
    include_closed = request.args.get("closed") == "1"
    page = paginate(services.my_item_rows(current_user, include_closed), per_page=25)
    return render("plans/my_items.html", status=form_status(), **page_context(
        page=page, include_closed=include_closed, status_forms=status_forms))


def _item_filters():
    form = ItemFilterForm(request.args)
    people, organizations = services.item_owner_choices()
    form.owner.choices = choices([("", "anyone")] + people)
    form.organization.choices = choices([("", "any organization")] + organizations)
    form.plan.choices = choices([("", "any plan")] + services.plan_choices())
    as_id = services.valid_id
    due = form.due.data if form.due.data in ("overdue", "7", "30", "none") else ""
    status = form.status.data if form.status.data in ITEM_STATUSES or form.status.data == "all" else ""
    filters = services.ItemFilters(owner_id=as_id(form.owner.data),
                                   organization_id=as_id(form.organization.data),
                                   plan_id=as_id(form.plan.data), status=status, due=due)
    return form, filters


@bp.route("/items", methods=["GET", "POST"])
@allow(*COORDINATORS)
def all_items():
    """Every item across plans, filtered by owner, organization, plan, status and due window
    (POST: "Save all" of the shown items' statuses)."""
    if request.method == "POST":
        return save_all(_all_items_page)
    return _all_items_page()


def _all_items_page(status_forms: dict | None = None):
    form, filters = _item_filters()
    page = paginate(services.item_rows(filters), per_page=page_size(form.per_page),
                    total=services.item_count(filters))
    return render("plans/items.html", "plans/_items_table.html", status=form_status(),
                  **page_context(form=form, page=page, status_forms=status_forms))


@bp.route("/items.csv")
@allow(*COORDINATORS)
def items_csv():
    """The filtered items as a spreadsheet (all pages)."""
    _, filters = _item_filters()
    return csv_response("crosswalk-action-items.csv", services.ITEM_CSV_HEADER,
                        services.item_csv_rows(services.items_query(filters)))
