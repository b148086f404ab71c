"""A case conference's action steps as action items on the region's case-conferencing plan:
made when a step has its owner, moved with the owner and date, dropped when the step is cleared,
reopened by a new step. Every change audited as the plans pages audit theirs."""
from __future__ import annotations

from sqlalchemy import select

from hh.conferences.models import CaseConference, ConferenceEntry
from hh.extensions import db
from hh.notifications import events as notification_events
from hh.web import audit

ACTION_PLAN_TITLE = "Case-conference action steps: {region}"


def action_item_description(entry: ConferenceEntry) -> str:
    """What the action item says: where to find the step, never the step itself.

    Action plans are read by every role (viewers, providers of every region), while the
    conference is not: the scribe's free text may name the client or carry health or housing
    details, so it stays with the conference and the item points there by internal numbers only.
    """
    conference = entry.conference
    return (f"Case-conference action step for {entry.household.reference}, agreed at the "
            f"{conference.region.name} case conference of {conference.held_at:%Y-%m-%d} "
            f"(conference #{conference.id}). The step itself is on the conference's "
            "“Work the list” page, for those who may see the household.")[:1000]


def sync_action_item(entry: ConferenceEntry, user=None, step_changed: bool = False) -> None:
    """An action step with an owner is an action item on the region's case-conferencing plan,
    so it shows in the owner's "my items" and in the plan's follow-up. Plans are read by every
    partner, so the item carries no free text from the meeting: only the household's internal
    number, the conference's date and number, the owner and the target date. A cleared step
    drops its item (nobody keeps a job that no longer exists); a new step reopens it."""
    from hh.plans.models import ActionItem

    item = db.session.get(ActionItem, entry.action_item_id) if entry.action_item_id else None
    if not entry.action_step or entry.responsible_id is None:
        if item is not None and item.is_open:
            _set_item_status(item, "dropped", "The action step was cleared at the case conference.",
                             user)
        return
    if item is None:
        item = ActionItem(plan=_action_plan(entry.conference), status="open",
                          description=action_item_description(entry))
        db.session.add(item)
        db.session.flush()
        audit("item_created", "action_item", item.id, detail=f"plan {item.plan_id}, "
              f"conference {entry.conference_id}", user=user)
    elif not item.is_open and step_changed:  # a step saved again as it was stays finished
        _set_item_status(item, "open", "A new action step was agreed at the case conference.", user)
    before = (item.owner_id, item.due_on, item.description)
    item.description = action_item_description(entry)
    item.owner_id = entry.responsible_id
    item.due_on = entry.target_on
    if (item.owner_id, item.due_on, item.description) != before and before[0] is not None:
        audit("item_updated", "action_item", item.id, detail=f"plan {item.plan_id}, "
              f"conference {entry.conference_id}", user=user)
    notification_events.item_assigned(item, user)
    db.session.flush()
    entry.action_item_id = item.id


def _action_plan(conference: CaseConference):
    """The region's case-conferencing plan, made the first time a step needs it."""
    from hh.plans.models import ActionPlan

    title = ACTION_PLAN_TITLE.format(region=conference.region.name)[:200]
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.title == title))
    if plan is None:
        plan = ActionPlan(title=title, status="active",
                          aim="Every household worked at a case conference leaves with an action "
                              "step, a person responsible and a target date.")
        db.session.add(plan)
        db.session.flush()
    return plan


def _set_item_status(item, status: str, why: str, user) -> None:
    """Change an item's status the way the plans pages do: a line in its thread, audited."""
    from hh.plans.models import ITEM_STATUSES, ItemUpdate

    item.status = status
    item.blocked_reason = ""
    item.done_at = None
    item.updates.append(ItemUpdate(author_id=user.id if user else None, body=why,
                                   status_change=f"Status: {ITEM_STATUSES[status]}"))
    audit("item_status_changed", "action_item", item.id, detail=status, user=user)
