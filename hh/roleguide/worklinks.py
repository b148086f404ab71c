"""Where in Crosswalk each responsibility's work is done, with a live count of that work.

Counts come from small queries against the other features' models (read one way), imported
inside each counter: a feature that is not in this installation gives no count, not an error."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from flask import current_app, url_for
from flask_login import current_user
from sqlalchemy import func, or_, select

from hh.caching import remember
from hh.extensions import db
from hh.timeutil import local_today, utc_midnight
from hh.web import may


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


# --- Counters, one per place ------------------------------------------------------------------


def count_organizations() -> str | None:
    from hh.directory.models import Organization

    return _plural(_count(Organization, Organization.active.is_(True)), "partner organization")


def count_agreements() -> str | None:
    from hh.directory.models import Organization

    rows = dict(db.session.execute(
        select(Organization.agreement_status, func.count())
        .where(Organization.active.is_(True)).group_by(Organization.agreement_status)).all())
    return (f"{_plural(rows.get('signed', 0), 'signed agreement')}, "
            f"{rows.get('in_progress', 0)} being negotiated, {rows.get('expired', 0)} expired")


def count_glossary() -> str | None:
    from hh.glossary.models import GlossaryTerm

    return _plural(_count(GlossaryTerm), "term")


def count_open_needs() -> str | None:
    from hh.needs.models import Need

    return _plural(_count(Need, Need.status != "met"), "need") + " not yet met"


def count_capacity() -> str | None:
    from hh.resources.models import CapacityUnit, Service

    n = db.session.scalar(select(func.count(func.distinct(CapacityUnit.service_id)))
                          .join(Service, Service.id == CapacityUnit.service_id)
                          .where(Service.status == "active")) or 0
    return _plural(n, "service") + " with beds or slots to keep current"


def count_stale_records() -> str | None:
    from hh.directory.models import Organization
    from hh.directory.services import stale_before
    from hh.resources.models import Service

    cutoff = stale_before()
    orgs = _count(Organization, Organization.active.is_(True),
                  or_(Organization.assured_date.is_(None), Organization.assured_date < cutoff))
    services = _count(Service, Service.status == "active",
                      or_(Service.assured_date.is_(None), Service.assured_date < cutoff))
    return _plural(orgs + services, "record") + " due for verification"


def count_plans() -> str | None:
    from hh.plans.models import ActionPlan

    return _plural(_count(ActionPlan, ActionPlan.status == "active"), "active plan")


def count_north_stars() -> str | None:
    from hh.plans.models import Measure

    return _plural(_count(Measure, Measure.north_star.is_(True)), "north-star measure")


def count_items() -> str | None:
    from hh.plans.models import OPEN_STATUSES, ActionItem

    open_items = ActionItem.status.in_(OPEN_STATUSES)
    overdue = _count(ActionItem, open_items, ActionItem.due_on < local_today())
    return f"{_plural(_count(ActionItem, open_items), 'open action item')}, {overdue} overdue"


def count_reviews() -> str | None:
    from hh.plans.models import ActionPlan

    due = _count(ActionPlan, ActionPlan.status.in_(("active", "draft")),
                 ActionPlan.next_review_on <= local_today())
    return _plural(due, "plan") + " due for review"


def count_tests() -> str | None:
    from hh.plans.models import PdsaCycle

    return _plural(_count(PdsaCycle), "test of change", "tests of change")


def count_conferences() -> str | None:
    from hh.conferences.models import CaseConference, Household

    upcoming = _count(CaseConference, CaseConference.held_at >= utc_midnight(local_today()))
    active = _count(Household, Household.status == "active")
    return (f"{_plural(upcoming, 'conference')} coming up, "
            f"{_plural(active, 'household')} on the By-Name List")


def count_referrals() -> str | None:
    from hh.referrals.models import OPEN_STATUSES, Referral

    open_ = Referral.status.in_(OPEN_STATUSES)
    overdue = _count(Referral, open_, Referral.follow_up_on < local_today())
    return f"{_plural(_count(Referral, open_), 'open referral')}, {overdue} with follow-up overdue"


def count_discharges() -> str | None:
    from hh.referrals.models import OPEN_STATUSES, Referral

    day = local_today()
    n = _count(Referral, Referral.kind == "discharge", Referral.status.in_(OPEN_STATUSES),
               Referral.expected_discharge_on >= day,
               Referral.expected_discharge_on <= day + timedelta(days=7))
    return _plural(n, "discharge") + " in the next 7 days"


# --- The places -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkLink:
    label: str
    endpoints: tuple[str, ...]   # the first one the person may use is linked
    counter: Callable[[], str | None] | None = None
    area: str = ""               # the "coming" area while none of the endpoints exists
    args: tuple[tuple[str, str], ...] = ()
    tables: tuple[str, ...] = ()  # what the counter reads: its count is kept until one is written


WORK_LINKS: dict[str, WorkLink] = {
    "directory": WorkLink("Partner directory", ("directory.index",), count_organizations,
                          tables=("organization",)),
    "agreements": WorkLink("Data-sharing agreements (partner directory)", ("directory.index",),
                           count_agreements, tables=("organization",)),
    "glossary": WorkLink("Glossary", ("glossary.index_page",), count_glossary,
                         tables=("glossary_term",)),
    "needs": WorkLink("Needs reported by the community", ("needs.index",), count_open_needs,
                      tables=("need",)),
    "gaps": WorkLink("Gap map", ("needs.gaps",), count_open_needs, tables=("need",)),
    "availability": WorkLink("Availability of beds and slots", ("resources.availability",),
                             count_capacity, tables=("capacity_unit", "service")),
    "verification": WorkLink("Verification queue", ("resources.verification",),
                             count_stale_records, tables=("organization", "service")),
    "plans": WorkLink("Action plans", ("plans.index",), count_plans, tables=("action_plan",)),
    "north_star": WorkLink("Action plans: north-star measures", ("plans.index",),
                           count_north_stars, tables=("measure",)),
    "items": WorkLink("Action items", ("plans.all_items", "plans.my_items"), count_items,
                      tables=("action_item",)),
    "reviews": WorkLink("Plan reviews", ("plans.index",), count_reviews, tables=("action_plan",)),
    "tests": WorkLink("Tests of change in action plans", ("plans.index",), count_tests,
                      tables=("pdsa_cycle",)),
    "conferences": WorkLink("Case conferencing", ("conferences.meetings",), count_conferences,
                            tables=("case_conference", "bnl_household")),
    "referrals": WorkLink("Closed-loop referrals", ("referrals.incoming",), count_referrals,
                          area="referrals", tables=("referral",)),
    "discharge": WorkLink("Discharge hand-offs", ("referrals.incoming",), count_discharges,
                          area="referrals", args=(("view", "discharges"),),
                          tables=("referral",)),
    "handover": WorkLink("Hand-over pack", ("roleguide.handover",)),
}


@dataclass
class WorkPlace:
    label: str
    url: str | None = None
    count: str | None = None
    state: str = "ready"      # ready, coming, restricted (exists, but not for this role)


def work_place(key: str, counts: dict | None = None) -> WorkPlace | None:
    """Where in Crosswalk a responsibility's work is done, for the signed-in person. `counts`
    keeps each place's count for one page (two responsibilities may share a place)."""
    link = WORK_LINKS.get(key)
    if link is None:
        return None
    present = [e for e in link.endpoints if e in current_app.view_functions]
    if not present:
        return WorkPlace(link.label, _coming_url(link.area), state="coming")
    usable = [e for e in present if may(e)]
    if not usable:
        return WorkPlace(link.label, state="restricted")
    place = WorkPlace(link.label, url_for(usable[0], **dict(link.args)))
    if link.counter is not None:
        counts = counts if counts is not None else {}
        if key not in counts:
            counts[key] = _cached_count(link)
        place.count = counts[key]
    return place


def _coming_url(area: str) -> str | None:
    """The "coming soon" page of an area not yet built, when this person would see it."""
    from hh.main.areas import AREAS

    if area in AREAS and may("main.coming") and current_user.role in AREAS[area]["roles"]:
        return url_for("main.coming", area=area)
    return None


def _cached_count(link: WorkLink) -> str | None:
    """A place's count from the one cache until one of the tables it reads is written. Every
    role page shows a dozen, some over the whole directory; several say "overdue" or "coming up",
    so each is kept for the day it was counted on only."""
    counter = link.counter
    key = f"roleguide:{counter.__name__}:{local_today().isoformat()}"
    return remember(key, link.tables, lambda: _safe_count(counter))


def _safe_count(counter: Callable[[], str | None]) -> str | None:
    try:
        return counter()
    except ImportError:  # the feature is not part of this installation
        return None
