"""Item statuses on the pages with an item table (a plan, my items, all items): "Save all".

The table sits in no <form> (print.css hides forms, and an inline edit brings its own form into
a row); its rows' fields join the page's one form, `#item-statuses`, by their `form` attribute,
each named with its item's prefix (`i<id>-status`, `i<id>-blocked_reason`). A row's Set button
saves only that row with htmx (`item_status`); without JavaScript it, like "Save all", sends the
page's form to the page itself, which saves every row whose status changed, so nothing typed in
the other rows is lost (docs/ARCHITECTURE.md, "Several forms on one page")."""
from __future__ import annotations

import re
from collections.abc import Callable

from flask import Response, abort, flash, redirect, request
from flask_login import current_user
from sqlalchemy import select

from hh.extensions import db
from hh.plans import services
from hh.plans.forms import StatusForm
from hh.plans.models import ActionItem
from hh.web import submit

_ROW_FIELD = re.compile(r"i(\d{1,10})-status")


def status_form(item: ActionItem, **kwargs) -> StatusForm:
    """An item's status form, prefixed with its id (from the request unless formdata=None)."""
    return StatusForm(obj=item, prefix=f"i{item.id}", **kwargs)


def save_status(item: ActionItem, form: StatusForm) -> ActionItem | None:
    """Save one item's status form; None (with the messages on its fields) when refused."""
    return submit(form, lambda: services.change_item_status(
        item, form.status.data, form.blocked_reason.data, current_user))


def _posted_items() -> list[ActionItem]:
    ids = {int(found[1]) for key in request.form if (found := _ROW_FIELD.fullmatch(key))}
    ids = {item_id for item_id in ids if services.valid_id(item_id)}
    if not ids:
        return []
    return list(db.session.scalars(select(ActionItem).where(ActionItem.id.in_(ids))
                                   .order_by(ActionItem.id)))


def save_all(show_page: Callable[[dict], Response]) -> Response:
    """Save every posted row whose status changed; back to the page (at the row whose Set was
    pressed). A row refused keeps what was typed, with its message, and the page comes back
    (`show_page(forms)`, 422) with every posted row as typed; the other rows are saved all the
    same. A row the person may not update refuses the whole request (403)."""
    items = _posted_items()
    may_update = services.item_updater(current_user)
    if not all(may_update(item) for item in items):
        abort(403)
    forms, count, refused = {}, 0, False
    for item in items:
        form = forms[item.id] = status_form(item)
        if form.validate_on_submit() and services.status_unchanged(
                item, form.status.data, form.blocked_reason.data):
            continue
        done = save_status(item, form)
        count, refused = count + (done is not None), refused or done is None
    if count:
        flash(f"Saved the status of {count} item{'s' if count != 1 else ''}.", "success")
    if refused:
        return show_page(forms)
    if not count:
        flash("Nothing had changed.", "info")
    row = request.form.get("saved_row", "")
    anchor = f"#item-{row}" if row.isdigit() else ""
    return redirect(request.full_path.rstrip("?") + anchor, 303)
