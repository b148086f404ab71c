"""The hand-over pack: what one person owns across Crosswalk (open action items, plans,
conferences to facilitate, liaison contacts, records to verify), and moving all of it to a
successor in one step.

It reads the other features' models one way, imported inside each gatherer: a feature that is
not in this installation leaves its list as None instead of failing."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable, NamedTuple

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import joinedload

from hh.auth.models import User
from hh.caching import remember
from hh.errors import raise_if
from hh.extensions import db
from hh.roleguide.guide import (
    RoleGuideError,
    active_coordinator,
    coordinator_choices,
    staff_choices,
)
from hh.timeutil import local_today, utc_midnight
from hh.web import audit


@dataclass
class HandoverPack:
    """What one person owns, gathered for whoever takes over. A list is None when its feature is
    not part of this installation."""

    person: User
    items: list | None = None
    plans: list | None = None
    overdue_reviews: list | None = None
    conferences: list | None = None
    contacts: list | None = None
    organizations: list | None = None
    services: list | None = None

    @property
    def total(self) -> int:
        return sum(len(x) for x in (self.items, self.plans, self.conferences, self.contacts,
                                    self.organizations, self.services) if x)


# --- Gathering: one statement per list, built once at import with bound values ----------------
# (building them took longer than running them). Each reads another feature's model, imported
# inside its builder: a feature that is not in this installation leaves its list as None.

_PERSON, _EMAIL = bindparam("person_id"), bindparam("email")


def _open_items() -> Select:
    from hh.plans.models import OPEN_STATUSES, ActionItem

    return (select(ActionItem).where(ActionItem.owner_id == _PERSON,
                                     ActionItem.status.in_(OPEN_STATUSES))
            .options(joinedload(ActionItem.plan))
            .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id))


def _unfinished_plans() -> Select:
    from hh.plans.models import ActionPlan

    return (select(ActionPlan).where(ActionPlan.owner_id == _PERSON,
                                     ActionPlan.status != "completed")
            .order_by(ActionPlan.next_review_on.is_(None), ActionPlan.next_review_on,
                      ActionPlan.id))


def _conferences_to_facilitate() -> Select:
    from hh.conferences.models import CaseConference

    return (select(CaseConference).where(CaseConference.facilitator_id == _PERSON,
                                         CaseConference.held_at >= bindparam("midnight"))
            .options(joinedload(CaseConference.region)).order_by(CaseConference.held_at))


def _liaison_contacts() -> Select:
    """Contacts recorded as the partnership liaison with this person's email: the directory has
    no user link on contacts, and the email is what identifies the same person in both."""
    from hh.directory.models import Contact

    return (select(Contact).where(Contact.partnership_role == "liaison",
                                  func.lower(Contact.email) == _EMAIL)
            .options(joinedload(Contact.organization)).order_by(Contact.name, Contact.id))


def _stale_verified(model, active) -> Select:
    """Records this person verified last, now due for verifying again."""
    return (select(model).where(func.lower(model.assurer_email) == _EMAIL, active,
                                model.assured_date < bindparam("stale_before"))
            .order_by(model.assured_date, model.id))


def _organizations_to_verify() -> Select:
    from hh.directory.models import Organization

    return _stale_verified(Organization, Organization.active.is_(True))


def _services_to_verify() -> Select:
    from hh.resources.models import Service

    return _stale_verified(Service, Service.status == "active")


def _stale_before():
    try:
        from hh.directory.services import stale_before
    except ImportError:  # no directory: no list reads it
        return None
    return stale_before()


def _built(build: Callable[[], Select]) -> Select | None:
    try:
        return build()
    except ImportError:  # the feature is not part of this installation
        return None


# The pack's lists: name → (its statement or None, whether it reads the person's email).
GATHERERS: dict[str, tuple[Select | None, bool]] = {
    "items": (_built(_open_items), False),
    "plans": (_built(_unfinished_plans), False),
    "conferences": (_built(_conferences_to_facilitate), False),
    "contacts": (_built(_liaison_contacts), True),
    "organizations": (_built(_organizations_to_verify), True),
    "services": (_built(_services_to_verify), True),
}


def _values(person: User, day: date) -> dict:
    return {"person_id": person.id, "email": (person.email or "").lower(),
            "midnight": utc_midnight(day), "stale_before": _stale_before()}


def handover_pack(person: User) -> HandoverPack:
    """The pack as records, to hand over (the page reads pack_view)."""
    pack = HandoverPack(person)
    day = local_today()
    values = _values(person, day)
    for name, (statement, by_email) in GATHERERS.items():
        if statement is None or (by_email and not person.email):
            setattr(pack, name, None if statement is None else [])
        else:
            setattr(pack, name, list(db.session.scalars(statement, values)))
    _mark_overdue_reviews(pack, day)
    return pack


def _mark_overdue_reviews(pack: HandoverPack, day: date) -> None:
    if pack.plans is not None:
        pack.overdue_reviews = [p for p in pack.plans if p.status in ("active", "draft")
                                and p.next_review_on is not None and p.next_review_on < day]


# --- The page: plain values -------------------------------------------------------------------


class PlanLine(NamedTuple):
    id: int
    title: str
    status: str
    status_label: str
    next_review_on: date | None


class ConferenceLine(NamedTuple):
    id: int
    held_at: datetime
    region_name: str
    format_label: str


class ContactLine(NamedTuple):
    organization_id: int
    organization_name: str
    name: str
    title: str | None
    phone: str | None


class RecordLine(NamedTuple):
    """An organization or a service to verify again."""

    id: int
    name: str
    assured_date: date | None


# What each cached list keeps of a record.
_LINES: dict[str, Callable] = {
    "plans": lambda p: PlanLine(p.id, p.title, p.status, p.status_label, p.next_review_on),
    "conferences": lambda c: ConferenceLine(c.id, c.held_at, c.region.name, c.format_label),
    "contacts": lambda c: ContactLine(c.organization_id, c.organization.name, c.name, c.title,
                                      c.phone),
    "organizations": lambda o: RecordLine(o.id, o.name, o.assured_date),
    "services": lambda s: RecordLine(s.id, s.name, s.assured_date),
}
# The tables those lists read (the conference's region and the contact's organization by name).
_LINE_TABLES = ("action_plan", "case_conference", "region", "contact", "organization", "service")


def _open_item_rows() -> Select:
    from hh.plans.item_rows import ITEM_ROWS, OPEN
    from hh.plans.models import ActionItem

    return ITEM_ROWS.where(ActionItem.owner_id == _PERSON, OPEN)  # in handover_pack's order


_ITEM_ROWS = _built(_open_item_rows)


def pack_view(person: User) -> HandoverPack:
    """The pack as its page shows it: the open items as plain rows, read on every view (their
    descriptions may name clients); the rest (plans, conferences, liaison contacts and directory
    records: the same for every reader of this person's pack) from the one cache until one of
    their tables is written, per day (what is upcoming and what is stale move with it)."""
    day = local_today()
    key = f"roleguide:handover:{person.id}:{person.email}:{day}"
    pack = HandoverPack(person, **remember(key, _LINE_TABLES, lambda: _lines(person, day)))
    pack.items = (None if _ITEM_ROWS is None
                  else list(db.session.scalars(_ITEM_ROWS, {"person_id": person.id})))
    _mark_overdue_reviews(pack, day)
    return pack


def _lines(person: User, day: date) -> dict[str, list | None]:
    values, lines = _values(person, day), {}
    for name, to_line in _LINES.items():
        statement, by_email = GATHERERS[name]
        if statement is None or (by_email and not person.email):
            lines[name] = None if statement is None else []
        else:
            lines[name] = [to_line(record) for record in db.session.scalars(statement, values)]
    return lines


# --- Handing over -------------------------------------------------------------------------------


def person_choices() -> list[tuple[int, str]]:
    """Whose pack a coordinator may show: every active person but viewers."""
    return [(user_id, label) for user_id, label, _ in staff_choices()]


def successor_choices(leaving_id: int) -> list[tuple[int, str]]:
    return coordinator_choices(exclude_id=leaving_id)


# (item type in the audit log, the pack's list, how to say one, how to say several)
HANDOVER_TYPES = (
    ("action_item", "items", "open action item", "open action items"),
    ("action_plan", "plans", "action plan", "action plans"),
    ("case_conference", "conferences", "conference to facilitate", "conferences to facilitate"),
    ("contact", "contacts", "liaison contact", "liaison contacts"),
    ("organization", "organizations", "organization to verify", "organizations to verify"),
    ("service", "services", "service to verify", "services to verify"),
)


def describe_moved(moved: dict[str, int]) -> str:
    """{"action_item": 2, ...} → "2 open action items, ..." in the pack's order."""
    return ", ".join(f"{moved[kind]} {one if moved[kind] == 1 else many}"
                     for kind, _, one, many in HANDOVER_TYPES if kind in moved)


def _successor(pack: HandoverPack, successor_id) -> User:
    successor = active_coordinator(successor_id)
    errors: dict[str, str] = {}
    if successor is None:
        errors["successor_id"] = "Choose the coordinator or admin who takes over."
    elif successor.id == pack.person.id:
        errors["successor_id"] = "Choose someone other than the person handing over."
    elif pack.total == 0:
        errors["successor_id"] = f"{pack.person.display_name} owns nothing to hand over."
    raise_if(errors, RoleGuideError)
    return successor


def reassign(pack: HandoverPack, successor_id, actor=None) -> dict[str, int]:
    """Move everything in the pack to a successor (an active coordinator or admin) in one
    transaction; one audit row per item type moved, with its count. Returns counts by type."""
    successor = _successor(pack, successor_id)
    for record in (pack.items or []) + (pack.plans or []):
        record.owner_id = successor.id
    for conference in pack.conferences or []:
        conference.facilitator_id = successor.id
    for contact in pack.contacts or []:
        # The liaison is now the successor: their name and email, not the leaver's phone.
        contact.name, contact.email, contact.phone = successor.display_name, successor.email, ""
    for record in (pack.organizations or []) + (pack.services or []):
        # Who is to verify it next; the date stays, so it stays in the verification queue.
        record.assurer_email = successor.email
    moved = {}
    for kind, attribute, _, _ in HANDOVER_TYPES:
        n = len(getattr(pack, attribute) or [])
        if n:
            moved[kind] = n
            audit("handover_reassigned", kind, pack.person.id, user=actor,
                  detail=f"{n} moved from user {pack.person.id} to user {successor.id}")
    db.session.commit()
    return moved
