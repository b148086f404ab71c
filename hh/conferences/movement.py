"""What the deck asks at every case conference: "What movement have we seen on our By-Name
List?" (new, returned, housed, inactive since the region's previous conference, from the status
history) and whether the right people are at the table (the sectors the deck names, from the
attendance and the directory)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import load_only

from hh.conferences.models import CaseConference, Household, StatusChange
from hh.conferences.privacy import IDENTITY_COLUMNS, Identity, identity
from hh.directory.models import Organization
from hh.extensions import db

GROUPS = {
    "new": ("Newly identified", ("identified",)),
    "returned": ("Returned to the list", ("returned_from_housed", "returned_from_inactive")),
    "housed": ("Housed", ("housed",)),
    "inactive": ("Moved to inactive", ("inactive",)),
}


# Households named in each group; the others are counted ("and 120 more"). The first conference
# of a region looks back over the whole list: thousands of names would bury the meeting page.
NAMED = 25
_WHO = load_only(*IDENTITY_COLUMNS)  # a named household: only what identity() reads


@dataclass
class Movement:
    since: date | None  # the previous conference's date; None: no earlier conference
    until: date
    groups: dict[str, list[Identity]] = field(default_factory=dict)  # the first NAMED of each
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, key: str) -> int:
        return self.counts.get(key, 0)

    def more(self, key: str) -> int:
        """How many of the group are counted but not named."""
        return self.count(key) - len(self.groups.get(key, []))


def previous_conference(conference: CaseConference) -> CaseConference | None:
    return db.session.scalar(select(CaseConference).where(
        CaseConference.region_id == conference.region_id,
        CaseConference.held_at < conference.held_at).order_by(CaseConference.held_at.desc()).limit(1))


def movement_since_last(conference: CaseConference, user, today: date) -> Movement:
    """Changes in the region's list after the previous conference's day, up to this one's (or
    today, for a conference still to come): each group counted, and its first NAMED households
    (in the order they moved) named."""
    previous = previous_conference(conference)
    since = previous.held_at.date() if previous else None
    until = min(conference.held_at.date(), today)
    changes = [Household.region_id == conference.region_id, StatusChange.effective_on <= until]
    if since is not None:
        changes.append(StatusChange.effective_on > since)
    movement = Movement(since=since, until=until)
    by_kind = dict(db.session.execute(
        select(StatusChange.kind, func.count()).join(StatusChange.household).where(*changes)
        .group_by(StatusChange.kind)).all())
    for key, (_, kinds) in GROUPS.items():
        movement.counts[key] = sum(by_kind.get(kind, 0) for kind in kinds)
        if movement.counts[key]:
            # The households, in the order they moved (the changes themselves are counted).
            named = db.session.scalars(
                select(Household).join(StatusChange, StatusChange.household_id == Household.id)
                .where(*changes, StatusChange.kind.in_(kinds))
                .options(_WHO)
                .order_by(StatusChange.effective_on, StatusChange.id).limit(NAMED))
            movement.groups[key] = [identity(user, household) for household in named]
    return movement


# The deck's "right people at the table": who should be there, by the directory's sectors.
TABLE = (
    ("CoC and ESG providers, street outreach", ("homeless_response",)),
    ("Housing authority (VASH and other vouchers)", ("housing_authority",)),
    ("Victim-service providers", ("victim_services",)),
    ("Health partners (hospital, behavioral health, health plan)",
     ("health_care", "behavioral_health", "managed_care_plan")),
)


@dataclass(frozen=True)
class Seat:
    label: str
    present: list[str]  # the attendees' organizations that fill it


def right_people(conference: CaseConference) -> tuple[list[Seat], list[str]]:
    """Each seat the deck names and who fills it, from the attendees' organizations as the
    directory knows them; and the attendees' organizations the directory does not know."""
    names = {a.organization.strip().lower(): a.organization.strip()
             for a in conference.attendees if a.organization.strip()}
    sectors = dict(db.session.execute(select(func.lower(Organization.name), Organization.sector)
                                      .where(func.lower(Organization.name).in_(list(names)))).all()) \
        if names else {}
    seats = [Seat(label, sorted(names[n] for n, sector in sectors.items() if sector in wanted))
             for label, wanted in TABLE]
    unknown = sorted(names[n] for n in names if n not in sectors)
    return seats, unknown
