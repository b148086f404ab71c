"""The learning loop: barriers by region over time, households conferenced, days on the list,
moves into housing on time; and a recurring barrier turned into a Need on the resource map."""
from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from hh.conferences.errors import ConferenceError
from hh.conferences.models import BARRIER_CATEGORIES, CaseConference, ConferenceEntry, Household
from hh.conferences.privacy import region_scope
from hh.directory.models import Region
from hh.extensions import db
from hh.timeutil import local_today
from hh.web import audit


@dataclass
class RegionLearning:
    region: Region
    barrier_months: dict[str, Counter] = field(default_factory=dict)  # "2026-11" → counts
    barrier_totals: Counter = field(default_factory=Counter)
    conferenced: int = 0
    median_days: float | None = None
    housed_on_time: int = 0
    housed_late: int = 0


def learning(user, today: date | None = None) -> list[RegionLearning]:
    today = today or local_today()
    regions = list(db.session.scalars(region_scope(select(Region), user, Region.id).order_by(Region.name)))
    by_id = {r.id: RegionLearning(r) for r in regions}
    rows = db.session.execute(
        select(CaseConference.region_id, CaseConference.held_at, ConferenceEntry.barrier_category,
               ConferenceEntry.household_id)
        .join(ConferenceEntry, ConferenceEntry.conference_id == CaseConference.id)
        .where(CaseConference.region_id.in_(list(by_id))))
    households: dict[int, set[int]] = defaultdict(set)
    for region_id, held_at, category, household_id in rows:
        stats = by_id[region_id]
        households[region_id].add(household_id)
        if category:
            stats.barrier_months.setdefault(f"{held_at:%Y-%m}", Counter())[category] += 1
            stats.barrier_totals[category] += 1
    for region_id, stats in by_id.items():
        stats.conferenced = len(households[region_id])
        stats.barrier_months = dict(sorted(stats.barrier_months.items()))
    active = db.session.execute(select(Household.region_id, Household.added_on)
                                .where(Household.status == "active",
                                       Household.region_id.in_(list(by_id))))
    days: dict[int, list[int]] = defaultdict(list)
    for region_id, added_on in active:
        days[region_id].append((today - added_on).days)
    for region_id, values in days.items():
        by_id[region_id].median_days = statistics.median(values)
    # Moves into housing against the last target date set at a conference.
    targets = db.session.execute(
        select(Household.region_id, Household.id, Household.move_in_on, ConferenceEntry.target_on,
               CaseConference.held_at)
        .join(ConferenceEntry, ConferenceEntry.household_id == Household.id)
        .join(CaseConference, CaseConference.id == ConferenceEntry.conference_id)
        .where(Household.status == "housed", Household.move_in_on.is_not(None),
               ConferenceEntry.target_on.is_not(None), Household.region_id.in_(list(by_id)))
        .order_by(CaseConference.held_at))
    last_target: dict[int, tuple[int, date, date]] = {}
    for region_id, household_id, move_in, target, _ in targets:
        last_target[household_id] = (region_id, move_in, target)
    for region_id, move_in, target in last_target.values():
        if move_in <= target:
            by_id[region_id].housed_on_time += 1
        else:
            by_id[region_id].housed_late += 1
    return list(by_id.values())


# The kind of service that would remove each system barrier, as service taxonomy codes (see
# hh/resources/taxonomy.py): the Need made from a barrier is filed there, so it counts on the gap
# map (county × category). The most specific code first, then its first-level category, for a
# taxonomy that lacks the sub-category. "other" names no kind of service: no category.
BARRIER_SERVICE_CODES: dict[str, tuple[str, ...]] = {
    "documents": ("documents.identification", "documents"),
    "income": ("income",),
    "unit_availability": ("housing",),
    "eligibility": ("housing",),
    "landlord": ("housing.landlord_engagement", "housing"),
    "transportation": ("transportation",),
    "health": ("health",),
    "lost_contact": ("housing.street_outreach", "housing"),
    "other": (),
}


def barrier_service_category(category: str):
    """The taxonomy term a barrier's Need is filed under, or None."""
    from hh.resources.models import TaxonomyTerm

    for code in BARRIER_SERVICE_CODES.get(category, ()):
        term = db.session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.code == code))
        if term is not None:
            return term
    return None


def barrier_to_need(region_id, category: str, user):
    """Turn a recurring barrier into a Need on the resource map, with the evidence attached
    (counts and dates only, no client data). The need is region-wide (the conference is the
    region's; on the gap map it counts in each of the region's counties) and filed under the
    kind of service that would remove the barrier."""
    from hh.needs.models import Need

    region = db.session.get(Region, region_id) if isinstance(region_id, int) else None
    if region is None or category not in BARRIER_CATEGORIES:
        raise ConferenceError("Choose a region and a barrier from the table.", "category")
    rows = db.session.execute(
        select(CaseConference.id, CaseConference.held_at, ConferenceEntry.household_id)
        .join(ConferenceEntry, ConferenceEntry.conference_id == CaseConference.id)
        .where(CaseConference.region_id == region.id,
               ConferenceEntry.barrier_category == category)).all()
    if not rows:
        raise ConferenceError("No conference recorded that barrier in this region.", "category")
    label = BARRIER_CATEGORIES[category]
    dates = sorted(held_at.date() for _, held_at, _ in rows)
    households = len({h for _, _, h in rows})
    need = Need(
        title=f"Recurring barrier: {label} ({region.name})"[:200], region_id=region.id,
        county_id=None, category=barrier_service_category(category), source="case_conference",
        status="open", households_affected=households,
        created_by_id=user.id if user else None,
        description=(f"Case conferences in {region.name} recorded the system barrier “{label}” "
                     f"{len(rows)} times for {households} households in "
                     f"{len({c for c, _, _ in rows})} conferences between {dates[0]} and "
                     f"{dates[-1]}."))
    db.session.add(need)
    db.session.flush()
    audit("need_from_barrier", "need", need.id, detail=f"region {region.id} {category}", user=user)
    db.session.commit()
    return need
