"""Who may see which referral, and for which side (receiver, sender) they act."""
from __future__ import annotations

from sqlalchemy import Select, false, or_, select
from sqlalchemy.orm import joinedload, selectinload

from hh.extensions import db
from hh.referrals.models import Referral, ReferralEvent
from hh.resources.models import TaxonomyTerm
from hh.web import is_coordinator


def can_view(user, referral: Referral) -> bool:
    """Coordinators and admins: every referral. Providers: those their organization sent or
    receives, and those they sent themselves."""
    if is_coordinator(user):
        return True
    if not (user.is_authenticated and user.role == "provider"):
        return False
    if referral.sender_id == user.id:
        return True
    return user.organization_id is not None and user.organization_id in (
        referral.sender_organization_id, referral.receiving_organization_id)


def sides(user, referral: Referral) -> set[str]:
    """Which side(s) this person acts for: 'receiver', 'sender' (coordinators act for both)."""
    if is_coordinator(user):
        return {"receiver", "sender"}
    result = set()
    if user.organization_id is not None and user.organization_id == referral.receiving_organization_id:
        result.add("receiver")
    if referral.sender_id == user.id or (
            user.organization_id is not None and user.organization_id == referral.sender_organization_id):
        result.add("sender")
    return result


def scope(query: Select, user) -> Select:
    """Referrals this person may see."""
    if is_coordinator(user):
        return query
    if user.role != "provider":
        return query.where(false())
    conditions = [Referral.sender_id == user.id]
    if user.organization_id is not None:
        conditions += [Referral.sender_organization_id == user.organization_id,
                       Referral.receiving_organization_id == user.organization_id]
    return query.where(or_(*conditions))


def referral_for_page(referral_id: int) -> Referral | None:
    """The referral with everything its page shows, in two statements (re-read after a step was
    saved, so the page never loads a relationship row by row while it renders)."""
    statement = select(Referral).where(Referral.id == referral_id).options(
        joinedload(Referral.service), joinedload(Referral.receiving_organization),
        joinedload(Referral.sender), joinedload(Referral.sender_organization),
        joinedload(Referral.household),
        joinedload(Referral.category).joinedload(TaxonomyTerm.parent),  # its label names both
        selectinload(Referral.events).options(joinedload(ReferralEvent.user),
                                              joinedload(ReferralEvent.organization)))
    return db.session.scalars(statement.execution_options(populate_existing=True)).unique().first()
