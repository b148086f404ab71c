"""The daily scan for what a date brings (run by `deliver-mail` on every pass): follow-ups due,
referrals about to expire, discharges due tomorrow, action items due in 3 days or overdue.

Each notice carries a key of kind, object and the date it is about, so scanning again (every
minute, or by two deliverers) adds nothing twice; a new date (a follow-up moved) is a new notice."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hh.extensions import db
from hh.notifications import events
from hh.notifications.models import Notification
from hh.notifications.outbox import notify, path_for
from hh.timeutil import local_today, utcnow

LOOK_BACK_DAYS = 7  # a scan that did not run for a while still catches up this far


def scan(today: date | None = None) -> int:
    """Add the notices today's dates call for; returns how many were added."""
    today = today or local_today()
    found = [*_follow_ups(today), *_expiring(), *_discharges(today), *_items(today)]
    keys = [candidate[0] for candidate in found]
    existing = set()
    for start in range(0, len(keys), 500):
        existing.update(db.session.scalars(select(Notification.dedupe_key).where(
            Notification.dedupe_key.in_(keys[start:start + 500]))))
    added = 0
    for key, build in found:
        if key not in existing:
            added += build(key)
    try:
        db.session.commit()
    except IntegrityError:  # another deliverer scanned at the same moment: it added them
        db.session.rollback()
        return 0
    return added


def _referrals():
    from hh.referrals.models import Referral

    return Referral


def _follow_ups(today: date):
    from hh.referrals.models import OPEN_STATUSES

    referral_model = _referrals()
    due = db.session.scalars(select(referral_model).where(
        referral_model.status.in_(OPEN_STATUSES), referral_model.follow_up_on <= today,
        referral_model.follow_up_on >= today - timedelta(days=LOOK_BACK_DAYS)))
    for referral in due:
        key = f"referral_follow_up:{referral.id}:{referral.follow_up_on}"
        yield key, lambda key, r=referral: _about_referral(
            r, key, "referral_follow_up", f"Follow-up due on a {events._what(r)}",
            "The follow-up date of a {what} for one household from {sender} to {receiver} is "
            f"{r.follow_up_on:%A %-d %B}.")


def _expiring():
    from hh.referrals.models import UNANSWERED
    from hh.referrals.steps import expiry_days

    referral_model = _referrals()
    cutoff = utcnow() - timedelta(days=max(expiry_days() - 2, 0))
    waiting = db.session.scalars(select(referral_model).where(
        referral_model.status.in_(UNANSWERED), referral_model.sent_at < cutoff))
    for referral in waiting:
        yield f"referral_expiring:{referral.id}", lambda key, r=referral: _about_referral(
            r, key, "referral_expiring", f"A {events._what(r)} expires in 2 days",
            "A {what} for one household from {sender} to {receiver} has had no answer and "
            "expires in 2 days. Accept or decline it.")


def _discharges(today: date):
    from hh.referrals.models import UNANSWERED

    referral_model = _referrals()
    tomorrow = today + timedelta(days=1)
    due = db.session.scalars(select(referral_model).where(
        referral_model.kind == "discharge", referral_model.status.in_(UNANSWERED),
        referral_model.expected_discharge_on == tomorrow))
    for referral in due:
        yield f"discharge_due:{referral.id}:{tomorrow}", lambda key, r=referral: _about_referral(
            r, key, "discharge_due", "A discharge is due tomorrow without acceptance",
            "A hand-off for one household from {sender} to {receiver} expects the discharge "
            "tomorrow and nobody has accepted it yet.", both_sides=True)


def _about_referral(referral, key: str, kind: str, subject: str, body: str,
                    both_sides: bool = False) -> int:
    sender, receiver = events._names(referral)
    people = events.organization_staff(referral.receiving_organization_id,
                                       referral.sender_organization_id if both_sides else None)
    return notify(people, kind, subject,
                  body.format(what=events._what(referral), sender=sender, receiver=receiver),
                  events._referral_link(referral), key=key)


def _items(today: date):
    from hh.plans.models import OPEN_STATUSES, ActionItem

    items = db.session.scalars(select(ActionItem).where(
        ActionItem.status.in_(OPEN_STATUSES),
        ActionItem.due_on >= today - timedelta(days=LOOK_BACK_DAYS),
        ActionItem.due_on <= today + timedelta(days=3)))
    for item in items:
        if item.due_on < today:
            kind, subject, words = "item_overdue", "An action item of yours is overdue", "was due"
        else:
            kind, subject, words = "item_due_soon", "An action item of yours is due soon", "is due"
        yield f"{kind}:{item.id}:{item.due_on}", lambda key, i=item, k=kind, s=subject, w=words: \
            notify(events._owners(i), k, s,
                   f"An action item on the plan “{i.plan.title}” {w} on {i.due_on:%A %-d %B %Y}.",
                   path_for("plans.item", item_id=i.id), key=key)
