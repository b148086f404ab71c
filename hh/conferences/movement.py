"""What the deck asks at every case conference: "What movement have we seen on our By-Name
List?" (new, returned, housed, inactive since the region's previous conference, from the status
history) and whether the right people are at the table (the sectors the deck names, from the
attendance and the directory)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from hh.conferences.models import CaseConference, Household, StatusChange
from hh.conferences.privacy import Identity, identity
from hh.directory.models import Organization
from hh.extensions import db

GROUPS = {
    "new": ("Newly identified", ("identified",)),
    "returned": ("Returned to the list", ("returned_from_housed", "returned_from_inactive")),
    "housed": ("Housed", ("housed",)),
    "inactive": ("Moved to inactive", ("inactive",)),
}


@dataclass
class Movement:
    since: date | None  # the previous conference's date; None: no earlier conference
    until: date
    groups: dict[str, list[Identity]] = field(default_factory=dict)

    def count(self, key: str) -> int:
        return len(self.groups.get(key, []))


def previous_conference(conference: CaseConference) -> CaseConference | None:
    return db.session.scalar(select(CaseConference).where(
        CaseConference.region_id == conference.region_id,
        CaseConference.held_at < conference.held_at).order_by(CaseConference.held_at.desc()).limit(1))


def movement_since_last(conference: CaseConference, user, today: date) -> Movement:
    """Changes in the region's list after the previous conference's day, up to this one's (or
    today, for a conference still to come)."""
    previous = previous_conference(conference)
    since = previous.held_at.date() if previous else None
    until = min(conference.held_at.date(), today)
    query = (select(StatusChange).join(StatusChange.household)
             .where(Household.region_id == conference.region_id, StatusChange.effective_on <= until)
             .options(contains_eager(StatusChange.household))  # the join names each household
             .order_by(StatusChange.effective_on, StatusChange.id))
    if since is not None:
        query = query.where(StatusChange.effective_on > since)
    movement = Movement(since=since, until=until)
    kinds = {kind: key for key, (_, group_kinds) in GROUPS.items() for kind in group_kinds}
    for change in db.session.scalars(query):
        key = kinds.get(change.kind)
        if key is not None:
            movement.groups.setdefault(key, []).append(identity(user, change.household))
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
