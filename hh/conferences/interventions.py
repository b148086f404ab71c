"""The prioritization matrix from the case-conferencing training: housing need × service need →
the lightest-touch interventions that fit, so the most expensive ones (PSH) go to those who need
them most. Each intervention names the directory categories (taxonomy codes) that provide it."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import selectinload

from hh.caching import remember
from hh.directory.models import County
from hh.extensions import db
from hh.resources.models import CapacityUnit, Service, ServiceArea, TaxonomyTerm
from hh.resources.services import HIDDEN_STATUSES, availability_cutoff


@dataclass(frozen=True)
class Intervention:
    slug: str
    label: str
    categories: tuple[str, ...]  # taxonomy codes of directory services that provide it


_I = {i.slug: i for i in (
    Intervention("community", "Community supports", ("food.meals", "food.food_pantry",
                                                      "transportation.rides")),
    Intervention("prevention", "Homelessness prevention", ("housing.prevention",
                                                           "legal.eviction_defense")),
    Intervention("diversion", "Diversion / Housing Problem Solving", ("housing.diversion",)),
    Intervention("income", "Income supports", ("income.employment", "income.cash_assistance",
                                               "benefits.disability_benefits", "benefits.snap")),
    Intervention("affordable", "Affordable housing", ("housing.housing_vouchers",
                                                      "housing.landlord_engagement")),
    Intervention("pha", "LIHTC/EHV/HCV or other PHA resources", ("housing.housing_vouchers",)),
    Intervention("pha_supported", "LIHTC/EHV/HCV with supportive services",
                 ("housing.housing_vouchers", "health.care_management")),
    Intervention("rrh", "Rapid Rehousing", ("housing.rapid_rehousing",)),
    Intervention("potential_psh", "Potential PSH if barriers increase",
                 ("housing.permanent_supportive_housing",)),
    Intervention("psh", "Permanent Supportive Housing", ("housing.permanent_supportive_housing",)),
    Intervention("long_term", "Long-term living", ("housing.permanent_supportive_housing",)),
    Intervention("mainstream", "Mainstream services and case management",
                 ("health.care_management", "health.behavioral_health", "health.primary_care")),
    Intervention("search", "Housing search and location services",
                 ("housing.housing_navigation", "housing.landlord_engagement")),
)}

# (housing need, service need) → interventions, in the training's order.
MATRIX: dict[tuple[str, str], tuple[str, ...]] = {
    ("low", "low"): ("community", "prevention", "diversion", "income"),
    ("moderate", "low"): ("community", "diversion", "income", "affordable"),
    ("high", "low"): ("income", "affordable", "pha"),
    ("low", "moderate"): ("community", "diversion", "income", "affordable"),
    ("moderate", "moderate"): ("community", "rrh", "diversion", "income", "affordable"),
    ("high", "moderate"): ("income", "affordable", "pha", "potential_psh"),
    ("low", "high"): ("community", "income", "mainstream", "search", "affordable"),
    ("moderate", "high"): ("community", "rrh", "diversion", "income", "affordable"),
    ("high", "high"): ("psh", "long_term", "pha_supported"),
}


def recommended(housing_need: str, service_need: str) -> list[Intervention]:
    """The matrix cell's interventions; an unknown level gets none rather than a guess."""
    return [_I[slug] for slug in MATRIX.get((housing_need, service_need), ())]


# Services named under each intervention: the first few with room, by name (a region of a large
# CoC has hundreds; the resource search lists them all).
SHOWN = 10


def services_with_room(region_id: int | None, codes: set[str], limit: int | None = None) -> list[Service]:
    """Active directory services in these categories that serve a county of the region and have
    fresh availability (a free unit, updated recently: stale numbers are unknown, not free); the
    first `limit` by name. The read starts from the categories' services; the region and the
    room are checked on each (their lists of ids are long: building them cost more than the
    few services shown)."""
    if region_id is None or not codes:
        return []
    fresh_room = exists().where(CapacityUnit.service_id == Service.id, CapacityUnit.available > 0,
                                CapacityUnit.updated_at >= availability_cutoff())
    in_region = exists().where(ServiceArea.service_id == Service.id,
                               ServiceArea.county_id.in_(select(County.id)
                                                         .where(County.region_id == region_id)))
    query = (select(Service)
             .where(Service.category_id.in_(select(TaxonomyTerm.id)
                                            .where(TaxonomyTerm.code.in_(sorted(codes)))),
                    Service.status.not_in(HIDDEN_STATUSES), in_region, fresh_room)
             .options(selectinload(Service.capacity), selectinload(Service.organization),
                      selectinload(Service.category))
             .order_by(Service.name, Service.id).limit(limit))
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class Offer:
    """A service named under an intervention, as the household's page shows it."""

    service_id: int
    name: str
    organization: str
    free: tuple[tuple[int, str], ...]  # (units free, unit label) of each kind with room


@dataclass(frozen=True)
class Recommendation:
    intervention: Intervention
    services: list[Offer]
    more: bool = False  # more services have room than are named


# Directory data only (the same for every reader of the region, nothing about the household
# but its need levels): kept in the one cache until these tables change.
RECOMMENDATION_TABLES = ("service", "capacity_unit", "service_area", "organization", "county",
                         "taxonomy_term")


def recommendations(housing_need: str, service_need: str, region_id: int | None) -> list[Recommendation]:
    """Each recommended intervention with the first SHOWN directory services that have room for
    it now. Cached for a minute at most: freshness moves with time."""
    return remember(f"recommendations:{region_id}:{housing_need}:{service_need}",
                    RECOMMENDATION_TABLES,
                    lambda: _recommendations(housing_need, service_need, region_id), timeout=60)


def _recommendations(housing_need: str, service_need: str, region_id: int | None) -> list[Recommendation]:
    found = []
    for pick in recommended(housing_need, service_need):
        services = services_with_room(region_id, set(pick.categories), limit=SHOWN + 1)
        offers = [Offer(s.id, s.name, s.organization.name,
                        tuple((u.available, u.unit_label) for u in s.capacity if u.available))
                  for s in services[:SHOWN]]
        found.append(Recommendation(pick, offers, more=len(services) > SHOWN))
    return found
