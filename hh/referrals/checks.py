"""The warnings a sender sees (and confirms) before a referral goes: no availability, a duplicate
open referral, a household that already has a navigator."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hh.conferences.models import Household
from hh.extensions import db
from hh.referrals.models import OPEN_STATUSES, Referral
from hh.resources.models import Service
from hh.resources.services import is_fresh


@dataclass(frozen=True)
class Warning:
    kind: str  # availability | duplicate | navigator
    message: str


def availability_warning(service: Service) -> Warning | None:
    """No fresh availability: warn before sending (the sender may still send)."""
    units = service.capacity
    if not units:
        return None
    fresh = [u for u in units if is_fresh(u)]
    if fresh and all((u.available or 0) <= 0 for u in fresh) and len(fresh) == len(units):
        return Warning("availability", f"{service.name} shows no availability right now "
                       f"({', '.join(f'0 of {u.total} {u.unit_label.lower()}' for u in fresh)}). "
                       "Send anyway only if the program expects you to, or choose another service.")
    if not fresh:
        return Warning("availability", f"{service.name}'s availability is unknown: nobody has "
                       "updated it recently. Call ahead before sending if it is urgent.")
    return None


def duplicate_warnings(household: Household, category_id: int | None,
                       exclude_id: int | None = None) -> list[Warning]:
    """One navigator per client: say so when the household already has one, or already has an
    open referral of the same category."""
    warnings = []
    if category_id:
        query = (select(Referral).where(Referral.household_id == household.id,
                                        Referral.category_id == category_id,
                                        Referral.status.in_(OPEN_STATUSES))
                 .options(selectinload(Referral.service)))
        if exclude_id:
            query = query.where(Referral.id != exclude_id)
        for other in db.session.scalars(query):
            warnings.append(Warning(
                "duplicate", f"This household already has an open referral of the same category: "
                f"{other.reference} to {other.service.name} ({other.status_label.lower()})."))
    if household.navigator_name or household.navigator_organization_id:
        who = household.navigator_name or "a navigator"
        where = f" at {household.navigator_organization.name}" if household.navigator_organization else ""
        warnings.append(Warning(
            "navigator", f"This household already has an assigned navigator: {who}{where}. "
            "One navigator per client: coordinate with them."))
    return warnings


def warnings_for(service: Service | None, household: Household | None,
                 category_id: int | None) -> list[Warning]:
    warnings = []
    if service is not None:
        warning = availability_warning(service)
        if warning:
            warnings.append(warning)
    if household is not None:
        warnings.extend(duplicate_warnings(household, category_id or (service.category_id if service else None)))
    return warnings


class NeedsConfirmation(Exception):
    """Warnings the sender has not yet seen and confirmed."""

    def __init__(self, warnings: list[Warning]):
        super().__init__("; ".join(w.message for w in warnings))
        self.warnings = warnings
