"""What the deck asks at every case conference: "What movement have we seen on our By-Name
List?" (new, returned, housed, inactive since the region's previous conference, from the status
history) and whether the right people are at the table (the sectors the deck names, from the
attendance and the directory)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sqlalchemy import bindparam, case, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased, with_expression

from hh.conferences.models import CaseConference, Household, StatusChange
from hh.conferences.privacy import IDENTITY_COLUMNS, Identity, IdentityRow, identity
from hh.directory.models import Organization
from hh.extensions import db

GROUPS = {
    "new": ("Newly identified", ("identified",)),
    "returned": ("Returned to the list", ("returned_from_housed", "returned_from_inactive")),
    "housed": ("Housed", ("housed",)),
    "inactive": ("Moved to inactive", ("inactive",)),
}


# Households named in each group; the others are counted ("and 120 more"). The first conference
# of a region looks back over the whole list: thousands of names would bury the meeting page, and
# a sentence of more than ten names is hard to follow when it is read out in the meeting (most
# weeks move fewer than ten households in a group).
NAMED = 10


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


def _previous_held_at():
    earlier = aliased(CaseConference)
    return (select(func.max(earlier.held_at))
            .where(earlier.region_id == CaseConference.region_id,
                   earlier.held_at < CaseConference.held_at).scalar_subquery())


# Load it with the conference: `options=[PREVIOUS_HELD_AT]` (movement_since_last reads it).
PREVIOUS_HELD_AT = with_expression(CaseConference.previous_held_at, _previous_held_at())


def _kind_is(kinds: tuple[str, ...]):
    """The change is one of these kinds, written as comparisons: an IN of literal values is
    rendered again into the statement's text on every run (SQLAlchemy's "expanding" values)."""
    return or_(*(StatusChange.kind == kind for kind in kinds))


def _first_named(key: str, kinds: tuple[str, ...], changes: list):
    """The group's first NAMED households, in the order they moved: what identity() reads."""
    return select(*IDENTITY_COLUMNS, literal(key).label("grp"),
                  StatusChange.effective_on.label("moved_on"),
                  StatusChange.id.label("change_id")).join(StatusChange.household).where(
        *changes, _kind_is(kinds)).order_by(
        StatusChange.effective_on, StatusChange.id).limit(NAMED).subquery()


@cache
def _movement_query(bounded: bool):
    """One statement: each group's first NAMED households (a UNION of one indexed, limited
    select per group), with the group's size (one count of the period's changes, by group).
    Parameters: region_id, until and (`bounded`) since. Built once: building it costs more than
    running it. (A window ranking every change instead would sort them all: slower still.)"""
    changes = [Household.region_id == bindparam("region_id"),
               StatusChange.effective_on <= bindparam("until")]
    if bounded:
        changes.append(StatusChange.effective_on > bindparam("since"))
    group = case(*((_kind_is(kinds), key) for key, (_, kinds) in GROUPS.items()))
    counts = (select(group.label("grp"), func.count().label("total"))
              .join(StatusChange.household).where(*changes).group_by(group).subquery())
    named = union_all(*(select(_first_named(key, kinds, changes))
                        for key, (_, kinds) in GROUPS.items())).subquery()
    # Each household named is read as plain values (IdentityFields), not as a record.
    who = IdentityRow("who", *(named.c[column.key] for column in IDENTITY_COLUMNS))
    return (select(who, counts.c.grp, counts.c.total)
            .join(counts, counts.c.grp == named.c.grp)
            .order_by(named.c.grp, named.c.moved_on, named.c.change_id))


def movement_since_last(conference: CaseConference, user, today: date) -> Movement:
    """Changes in the region's list after the previous conference's day, up to this one's (or
    today, for a conference still to come): each group counted, and its first NAMED households
    (in the order they moved) named."""
    previous = conference.previous_held_at  # loaded with PREVIOUS_HELD_AT
    since = previous.date() if previous else None
    movement = Movement(since=since, until=min(conference.held_at.date(), today))
    rows = db.session.execute(_movement_query(since is not None), {
        "region_id": conference.region_id, "until": movement.until, "since": since})
    for household, key, total in rows:
        movement.counts[key] = total
        movement.groups.setdefault(key, []).append(identity(user, household))
    return movement


# The deck's "right people at the table": who should be there, by the directory's sectors.
TABLE = (
    ("CoC and ESG providers, street outreach", ("homeless_response",)),
    ("Housing authority (VASH and other vouchers)", ("housing_authority",)),
    ("Victim-service providers", ("victim_services",)),
    ("Health partners (hospital, behavioral health, health plan)",
     ("health_care", "behavioral_health", "managed_care_plan")),
)


# The sectors of organizations named (lower case): built once, the names bound.
_SECTORS = (select(func.lower(Organization.name), Organization.sector)
            .where(func.lower(Organization.name).in_(bindparam("names", expanding=True))))


@dataclass(frozen=True)
class Seat:
    label: str
    present: list[str]  # the attendees' organizations that fill it


def right_people(conference: CaseConference) -> tuple[list[Seat], list[str]]:
    """Each seat the deck names and who fills it, from the attendees' organizations as the
    directory knows them; and the attendees' organizations the directory does not know."""
    names = {a.organization.strip().lower(): a.organization.strip()
             for a in conference.attendees if a.organization.strip()}
    sectors = dict(db.session.execute(_SECTORS, {"names": list(names)}).all()) if names else {}
    seats = [Seat(label, sorted(names[n] for n, sector in sectors.items() if sector in wanted))
             for label, wanted in TABLE]
    unknown = sorted(names[n] for n in names if n not in sectors)
    return seats, unknown
