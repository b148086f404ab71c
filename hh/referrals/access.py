"""Who may see which referral, and for which side (receiver, sender) they act."""
from __future__ import annotations

from sqlalchemy import Select, bindparam, false, or_, select
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
    kind = scope_kind(user)
    if kind in ("every", "nobody"):
        return query if kind == "every" else query.where(false())
    return query.where(_visible(user.id, user.organization_id))


def _visible(user_id, organization_id):
    """What a provider sees (their ids, or parameters bound to them): what they sent, and what
    their organization sent or receives."""
    conditions = [Referral.sender_id == user_id]
    if organization_id is not None:
        conditions += [Referral.sender_organization_id == organization_id,
                       Referral.receiving_organization_id == organization_id]
    return or_(*conditions)


def scope_kind(user) -> str:
    """Which of bound_scopes' statements holds what this person may see."""
    if is_coordinator(user):
        return "every"
    if user.role != "provider":
        return "nobody"
    return "own" if user.organization_id is None else "organization"


def scope_values(user) -> dict:
    return {"scope_user_id": user.id, "scope_organization_id": user.organization_id}


def bound_scopes(query: Select) -> dict[str, Select]:
    """scope(query) for each kind of reader (scope_kind), the person bound when read
    (scope_values): for a statement read on every view, built once."""
    user, organization = bindparam("scope_user_id"), bindparam("scope_organization_id")
    return {"every": query, "nobody": query.where(false()),
            "own": query.where(_visible(user, None)),
            "organization": query.where(_visible(user, organization))}


# Built once (building a statement with its loader options costs more than running it); the
# referral's id is bound when read.
_FOR_PAGE = (select(Referral).where(Referral.id == bindparam("referral_id")).options(
    joinedload(Referral.service), joinedload(Referral.receiving_organization),
    joinedload(Referral.sender), joinedload(Referral.sender_organization),
    joinedload(Referral.household),
    joinedload(Referral.category).joinedload(TaxonomyTerm.parent),  # its label names both
    selectinload(Referral.events).options(joinedload(ReferralEvent.user),
                                          joinedload(ReferralEvent.organization)))
    .execution_options(populate_existing=True))


def referral_for_page(referral_id: int) -> Referral | None:
    """The referral with everything its page shows, in two statements (re-read after a step was
    saved, so the page never loads a relationship row by row while it renders)."""
    return db.session.scalars(_FOR_PAGE, {"referral_id": referral_id}).unique().first()
