"""Action items: who may update which, saving them and their status and thread, and the
conditions behind "my items", the all-items view and its spreadsheet (their rows: item_rows.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload, selectinload

from hh.auth.models import User
from hh.directory.models import Organization
from hh.errors import raise_if
from hh.extensions import db
from hh.needs.models import Need
from hh.notifications import events as notification_events
from hh.plans.common import PlanError, chosen, clean_text, is_overdue
from hh.plans.models import ITEM_STATUSES, OPEN_STATUSES, ActionItem, ActionPlan, ItemUpdate
from hh.timeutil import local_today, utcnow
from hh.web import audit, is_coordinator


def can_update_item(user, item: ActionItem) -> bool:
    """Coordinators and admins update every item; providers the items assigned to them or to
    their organization."""
    return item_updater(user)(item)


def item_updater(user):
    """can_update_item for one user, as a quick check for pages with hundreds of items."""
    if is_coordinator(user):
        return lambda item: True
    if not (user.is_authenticated and user.role == "provider"):
        return lambda item: False
    user_id, organization_id = user.id, user.organization_id
    return lambda item: item.owner_id == user_id or (
        organization_id is not None and item.organization_id == organization_id)



def _status_change(item: ActionItem, status: str, reason: str, errors: dict) -> str:
    """Apply a status; returns the words for the item's thread ('' when nothing changed)."""
    if status not in ITEM_STATUSES:
        errors["status"] = "Choose a status from the list."
        return ""
    if status == "blocked" and not reason:
        errors["blocked_reason"] = "Say what blocks it, so others can help."
        return ""
    before = (item.status, item.blocked_reason)
    item.status = status
    item.blocked_reason = reason if status == "blocked" else ""
    if status == "done" and before[0] != "done":
        item.done_at = utcnow()
    elif status != "done":
        item.done_at = None
    if (item.status, item.blocked_reason) == before:
        return ""
    words = f"Status: {ITEM_STATUSES[status]}"
    return words + (f" ({reason})" if status == "blocked" else "")


def save_item(item: ActionItem | None, plan: ActionPlan, data: dict, user,
              coordinator_fields: bool = True) -> ActionItem:
    """Create or edit an item. Providers (coordinator_fields=False) keep its owners and need."""
    errors: dict[str, str] = {}
    description = clean_text(data, "description", 1000)
    if not description:
        errors["description"] = "Say what needs doing."
    if coordinator_fields:
        owner = chosen(User, data.get("owner_id"), "owner_id", errors, "Choose a person from the list.")
        organization = chosen(Organization, data.get("organization_id"), "organization_id", errors,
                            "Choose an organization from the list.")
        need = chosen(Need, data.get("need_id"), "need_id", errors, "Choose a need from the list.")
        if owner is None and organization is None and "owner_id" not in errors \
                and "organization_id" not in errors:
            errors["owner_id"] = "Choose who owns it: a person, an organization or both."
    if data.get("due_on") is None and (data.get("status") or "open") in OPEN_STATUSES:
        errors["due_on"] = "Give a date by when."  # an action item has an owner and a by-when
    creating = item is None
    if creating:
        item = ActionItem(description=description, status="open")  # not in the session yet
    change = _status_change(item, data.get("status") or "open",
                            clean_text(data, "blocked_reason", 500), errors)
    if errors:
        db.session.rollback()  # an edited item goes back to what is saved
        raise_if(errors, PlanError)
    if creating:
        item.plan = plan
        db.session.add(item)
    item.description = description
    item.due_on = data.get("due_on")
    if coordinator_fields:
        item.owner, item.organization, item.need = owner, organization, need
    if change and not creating:
        item.updates.append(ItemUpdate(author_id=user.id, status_change=change))
    notification_events.item_assigned(item, user)
    db.session.flush()
    audit("item_created" if creating else "item_updated", "action_item", item.id,
          detail=f"plan {plan.id}")
    db.session.commit()
    return item


def status_unchanged(item: ActionItem, status: str, reason: str | None) -> bool:
    """Would this status leave the item as it is? (A reason counts only with Blocked.) Rows left
    so are skipped by a "Save all": no update in the thread, no audit event."""
    reason = (reason or "").strip()[:500]
    return status == item.status and (status != "blocked" or reason == (item.blocked_reason or ""))


def change_item_status(item: ActionItem, status: str, reason: str, user) -> ActionItem:
    errors: dict[str, str] = {}
    change = _status_change(item, status, (reason or "").strip()[:500], errors)
    if errors:
        db.session.rollback()
        raise_if(errors, PlanError)
    if change:
        item.updates.append(ItemUpdate(author_id=user.id, status_change=change))
        audit("item_status_changed", "action_item", item.id, detail=status)
    db.session.commit()
    return item


def add_item_update(item: ActionItem, body: str, user) -> ItemUpdate:
    body = (body or "").strip()
    if not body:
        raise PlanError("Write the update first.", "body")
    if len(body) > 4000:
        raise PlanError("Keep the update under 4,000 characters.", "body")
    update = ItemUpdate(item=item, author_id=user.id, body=body)
    db.session.add(update)
    item.updated_at = utcnow()
    db.session.flush()
    audit("item_update_added", "action_item", item.id)
    db.session.commit()
    return update


def item_options():
    return (joinedload(ActionItem.owner), joinedload(ActionItem.organization),
            joinedload(ActionItem.plan))


def item_for_page(item_id: int) -> ActionItem | None:
    """The item with what its page shows: plan, owner, organization, need and its thread of
    updates with their authors. Re-read after a save, so the page never loads them one by one
    while it renders (its row alone is item_rows.item_row)."""
    return db.session.get(ActionItem, item_id, populate_existing=True, options=[
        *item_options(), joinedload(ActionItem.need),
        selectinload(ActionItem.updates).joinedload(ItemUpdate.author)])


def due_order():
    # Items without a due date last, on SQLite and PostgreSQL alike.
    return (ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)


@dataclass
class ItemFilters:
    owner_id: int | None = None
    organization_id: int | None = None
    plan_id: int | None = None
    status: str = ""        # "" = still open, "all", or one status
    due: str = ""           # "", "overdue", "7", "30", "none"


def item_conditions(filters: ItemFilters, today: date | None = None) -> list:
    """The all-items view's filters as conditions on ActionItem."""
    today = today or local_today()
    conditions = []
    if filters.owner_id:
        conditions.append(ActionItem.owner_id == filters.owner_id)
    if filters.organization_id:
        conditions.append(ActionItem.organization_id == filters.organization_id)
    if filters.plan_id:
        conditions.append(ActionItem.plan_id == filters.plan_id)
    if filters.status in ITEM_STATUSES:
        conditions.append(ActionItem.status == filters.status)
    elif filters.status != "all":
        conditions.append(ActionItem.status.in_(OPEN_STATUSES))
    if filters.due == "overdue":
        conditions += [ActionItem.due_on < today, ActionItem.status.in_(OPEN_STATUSES)]
    elif filters.due in ("7", "30"):
        conditions += [ActionItem.due_on >= today,
                       ActionItem.due_on <= today + timedelta(days=int(filters.due))]
    elif filters.due == "none":
        conditions.append(ActionItem.due_on.is_(None))
    return conditions


def items_query(filters: ItemFilters, today: date | None = None) -> Select:
    """The filtered items as records (the spreadsheet; the view reads item_rows)."""
    return (select(ActionItem).options(*item_options()).where(*item_conditions(filters, today))
            .order_by(*due_order()))


ITEM_CSV_HEADER = ["id", "plan", "description", "owner", "organization", "due_on", "status",
                   "blocked_reason", "overdue", "need", "last_update"]


def item_csv_rows(query: Select):
    today = local_today()
    query = query.options(selectinload(ActionItem.need), selectinload(ActionItem.updates))
    for item in db.session.scalars(query):
        last = item.updates[-1] if item.updates else None
        yield [item.id, item.plan.title, item.description,
               item.owner.display_name if item.owner else "",
               item.organization.name if item.organization else "",
               item.due_on.isoformat() if item.due_on else "", item.status_label,
               item.blocked_reason, "yes" if is_overdue(item, today) else "no",
               item.need.title if item.need else "",
               last.created_at.date().isoformat() if last else ""]

