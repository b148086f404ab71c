"""Role guide operations: seeding the guide, where the work is done (with live counts), the
competency self-assessment and its growth suggestion, sharing, and the hand-over pack.

Counts come from small queries against the other features' models, imported inside each
function: a feature that is not in this installation gives no count instead of an error."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from flask import current_app, url_for
from sqlalchemy import func, or_, select

from hh.auth.models import User
from hh.errors import InputError, raise_if
from hh.extensions import db
from hh.roleguide import content
from hh.roleguide.models import (
    LEVEL_RANK,
    LEVELS,
    AssessmentShare,
    Competency,
    CompetencyRating,
    CoordinatorRole,
    ExecutionStage,
    Responsibility,
    SelfAssessment,
)
from hh.timeutil import local_today
from hh.web import audit, may

COORDINATOR_ROLES = ("coordinator", "admin")


class RoleGuideError(InputError):
    """Input that cannot be saved; `errors` maps each form field to its message."""





# --- Seeding --------------------------------------------------------------------------------


def seed_guide() -> dict[str, int]:
    """Add the guide's roles, stages, competencies and responsibilities that are missing (by
    slug). Existing rows are never changed, so what admins edited stays. The caller commits."""
    added = {"roles": 0, "competencies": 0, "responsibilities": 0}
    competencies = {c.slug: c for c in db.session.scalars(select(Competency))}
    for position, spec in enumerate(content.COMPETENCIES):
        if spec["slug"] not in competencies:
            competency = Competency(
                slug=spec["slug"], name=spec["name"], competency_set=spec["set"],
                description=spec["description"], practical=spec["practical"],
                strategic=spec["strategic"], position=position)
            db.session.add(competency)
            competencies[spec["slug"]] = competency
            added["competencies"] += 1
    for role_position, spec in enumerate(content.ROLES):
        role = db.session.scalar(select(CoordinatorRole).where(CoordinatorRole.slug == spec["slug"]))
        if role is None:
            role = CoordinatorRole(slug=spec["slug"], name=spec["name"], summary=spec["summary"],
                                   position=role_position)
            db.session.add(role)
            added["roles"] += 1
        stages = {s.slug: s for s in role.stages}
        for position, (slug, name, summary) in enumerate(spec["stages"]):
            if slug not in stages:
                stages[slug] = ExecutionStage(role=role, slug=slug, name=name, summary=summary,
                                              position=position)
        existing = {r.slug for r in role.responsibilities}
        for position, (slug, title, text, stage, skills, link) in enumerate(spec["responsibilities"]):
            if slug in existing:
                continue
            db.session.add(Responsibility(
                role=role, slug=slug, title=title, description=text, stage=stages[stage],
                work_link=link, position=position,
                competencies=[competencies[s] for s in skills]))
            added["responsibilities"] += 1
    db.session.flush()
    return added


# --- Where the work is done -------------------------------------------------------------------


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _count(query) -> int:
    return db.session.scalar(query) or 0


def count_organizations() -> str | None:
    from hh.directory.models import Organization

    n = _count(select(func.count()).select_from(Organization).where(Organization.active.is_(True)))
    return _plural(n, "partner organization")


def count_agreements() -> str | None:
    from hh.directory.models import Organization

    rows = dict(db.session.execute(
        select(Organization.agreement_status, func.count())
        .where(Organization.active.is_(True)).group_by(Organization.agreement_status)).all())
    return (f"{_plural(rows.get('signed', 0), 'signed agreement')}, "
            f"{rows.get('in_progress', 0)} being negotiated, {rows.get('expired', 0)} expired")


def count_glossary() -> str | None:
    from hh.glossary.models import GlossaryTerm

    return _plural(_count(select(func.count()).select_from(GlossaryTerm)), "term")


def count_open_needs() -> str | None:
    from hh.needs.models import Need

    n = _count(select(func.count()).select_from(Need).where(Need.status != "met"))
    return _plural(n, "need") + " not yet met"


def count_capacity() -> str | None:
    from hh.resources.models import CapacityUnit, Service

    n = _count(select(func.count(func.distinct(CapacityUnit.service_id)))
               .join(Service, Service.id == CapacityUnit.service_id)
               .where(Service.status == "active"))
    return _plural(n, "service") + " with beds or slots to keep current"


def count_stale_records() -> str | None:
    from hh.directory.models import Organization
    from hh.directory.services import stale_before
    from hh.resources.models import Service

    cutoff = stale_before()
    orgs = _count(select(func.count()).select_from(Organization).where(
        Organization.active.is_(True),
        or_(Organization.assured_date.is_(None), Organization.assured_date < cutoff)))
    services = _count(select(func.count()).select_from(Service).where(
        Service.status == "active", or_(Service.assured_date.is_(None), Service.assured_date < cutoff)))
    return _plural(orgs + services, "record") + " due for verification"


def count_plans() -> str | None:
    from hh.plans.models import ActionPlan

    return _plural(_count(select(func.count()).select_from(ActionPlan)
                          .where(ActionPlan.status == "active")), "active plan")


def count_north_stars() -> str | None:
    from hh.plans.models import Measure

    n = _count(select(func.count()).select_from(Measure).where(Measure.north_star.is_(True)))
    return _plural(n, "north-star measure")


def count_items() -> str | None:
    from hh.plans.models import OPEN_STATUSES, ActionItem

    open_items = ActionItem.status.in_(OPEN_STATUSES)
    n = _count(select(func.count()).select_from(ActionItem).where(open_items))
    overdue = _count(select(func.count()).select_from(ActionItem)
                     .where(open_items, ActionItem.due_on < local_today()))
    return f"{_plural(n, 'open action item')}, {overdue} overdue"


def count_reviews() -> str | None:
    from hh.plans.models import ActionPlan

    due = _count(select(func.count()).select_from(ActionPlan).where(
        ActionPlan.status.in_(("active", "draft")), ActionPlan.next_review_on <= local_today()))
    return _plural(due, "plan") + " due for review"


def count_tests() -> str | None:
    from hh.plans.models import PdsaCycle

    return _plural(_count(select(func.count()).select_from(PdsaCycle)), "test of change",
                   "tests of change")


def count_conferences() -> str | None:
    from datetime import datetime, time

    from hh.conferences.models import CaseConference, Household

    upcoming = _count(select(func.count()).select_from(CaseConference)
                      .where(CaseConference.held_at >= datetime.combine(local_today(), time())))
    active = _count(select(func.count()).select_from(Household).where(Household.status == "active"))
    return (f"{_plural(upcoming, 'conference')} coming up, "
            f"{_plural(active, 'household')} on the By-Name List")


def count_referrals() -> str | None:
    from hh.referrals.models import OPEN_STATUSES, Referral

    open_ = Referral.status.in_(OPEN_STATUSES)
    n = _count(select(func.count()).select_from(Referral).where(open_))
    overdue = _count(select(func.count()).select_from(Referral).where(
        open_, Referral.follow_up_on < local_today()))
    return f"{_plural(n, 'open referral')}, {overdue} with follow-up overdue"


def count_discharges() -> str | None:
    from datetime import timedelta

    from hh.referrals.models import OPEN_STATUSES, Referral

    day = local_today()
    n = _count(select(func.count()).select_from(Referral).where(
        Referral.kind == "discharge", Referral.status.in_(OPEN_STATUSES),
        Referral.expected_discharge_on >= day, Referral.expected_discharge_on <= day + timedelta(days=7)))
    return _plural(n, "discharge") + " in the next 7 days"


@dataclass(frozen=True)
class WorkLink:
    label: str
    endpoints: tuple[str, ...]   # the first one the person may use is linked
    counter: Callable[[], str | None] | None = None
    area: str = ""               # the "coming" area while none of the endpoints exists
    args: tuple[tuple[str, str], ...] = ()


WORK_LINKS: dict[str, WorkLink] = {
    "directory": WorkLink("Partner directory", ("directory.index",), count_organizations),
    "agreements": WorkLink("Data-sharing agreements (partner directory)", ("directory.index",),
                           count_agreements),
    "glossary": WorkLink("Glossary", ("glossary.index_page",), count_glossary),
    "needs": WorkLink("Needs reported by the community", ("needs.index",), count_open_needs),
    "gaps": WorkLink("Gap map", ("needs.gaps",), count_open_needs),
    "availability": WorkLink("Availability of beds and slots", ("resources.availability",),
                             count_capacity),
    "verification": WorkLink("Verification queue", ("resources.verification",),
                             count_stale_records),
    "plans": WorkLink("Action plans", ("plans.index",), count_plans),
    "north_star": WorkLink("Action plans: north-star measures", ("plans.index",), count_north_stars),
    "items": WorkLink("Action items", ("plans.all_items", "plans.my_items"), count_items),
    "reviews": WorkLink("Plan reviews", ("plans.index",), count_reviews),
    "tests": WorkLink("Tests of change in action plans", ("plans.index",), count_tests),
    "conferences": WorkLink("Case conferencing", ("conferences.meetings",), count_conferences),
    "referrals": WorkLink("Closed-loop referrals", ("referrals.incoming",), count_referrals,
                          area="referrals"),
    "discharge": WorkLink("Discharge hand-offs", ("referrals.incoming",), count_discharges,
                          area="referrals", args=(("view", "discharges"),)),
    "handover": WorkLink("Hand-over pack", ("roleguide.handover",)),
}


@dataclass
class WorkPlace:
    label: str
    url: str | None = None
    count: str | None = None
    state: str = "ready"      # ready, coming, restricted (exists, but not for this role)


def work_place(key: str, counts: dict | None = None) -> WorkPlace | None:
    """Where in Crosswalk a responsibility's work is done, for the signed-in person."""
    link = WORK_LINKS.get(key)
    if link is None:
        return None
    present = [e for e in link.endpoints if e in current_app.view_functions]
    if not present:
        from hh.main.areas import AREAS

        url = None
        if link.area in AREAS and may("main.coming"):
            from flask_login import current_user

            if current_user.role in AREAS[link.area]["roles"]:
                url = url_for("main.coming", area=link.area)
        return WorkPlace(link.label, url, state="coming")
    usable = [e for e in present if may(e)]
    if not usable:
        return WorkPlace(link.label, state="restricted")
    place = WorkPlace(link.label, url_for(usable[0], **dict(link.args)))
    if link.counter is not None:
        cache = counts if counts is not None else {}
        if key not in cache:
            cache[key] = _safe_count(link.counter)
        place.count = cache[key]
    return place


def _safe_count(counter: Callable[[], str | None]) -> str | None:
    try:
        return counter()
    except ImportError:  # the feature is not part of this installation
        return None


# --- Reading the guide ----------------------------------------------------------------------


def roles() -> list[CoordinatorRole]:
    return list(db.session.scalars(select(CoordinatorRole).order_by(CoordinatorRole.position,
                                                                    CoordinatorRole.id)))


def competencies() -> list[Competency]:
    return list(db.session.scalars(select(Competency).order_by(Competency.position, Competency.id)))


def role_by_slug(slug: str) -> CoordinatorRole | None:
    return db.session.scalar(select(CoordinatorRole).where(CoordinatorRole.slug == slug))


def support_counts(role_id: int | None = None) -> dict[int, int]:
    """How many responsibilities (of one role, or of all) each competency supports."""
    from hh.roleguide.models import responsibility_competency as link

    query = (select(link.c.competency_id, func.count())
             .join(Responsibility, Responsibility.id == link.c.responsibility_id)
             .group_by(link.c.competency_id))
    if role_id is not None:
        query = query.where(Responsibility.role_id == role_id)
    return dict(db.session.execute(query).all())


# --- Admin edits ----------------------------------------------------------------------------


def save_responsibility(responsibility: Responsibility, data: dict) -> Responsibility:
    errors: dict[str, str] = {}
    title = (data.get("title") or "").strip()
    description = (data.get("description") or "").strip()
    if not title:
        errors["title"] = "Give the responsibility a short name."
    elif len(title) > 200:
        errors["title"] = "Keep the name under 200 characters."
    if not description:
        errors["description"] = "Say what the responsibility means here."
    elif len(description) > 4000:
        errors["description"] = "Keep the description under 4,000 characters."
    stage_id = data.get("stage_id")
    stage = None
    if stage_id not in (None, ""):
        stage = next((s for s in responsibility.role.stages if s.id == stage_id), None)
        if stage is None:
            errors["stage_id"] = "Choose a stage of this role from the list."
    link = data.get("work_link") or ""
    if link and link not in WORK_LINKS:
        errors["work_link"] = "Choose a place in Crosswalk from the list."
    raise_if(errors, RoleGuideError)
    responsibility.title, responsibility.description = title, description
    responsibility.stage, responsibility.work_link = stage, link
    db.session.flush()
    audit("responsibility_updated", "role_responsibility", responsibility.id)
    db.session.commit()
    return responsibility


def save_competency(competency: Competency, data: dict) -> Competency:
    errors: dict[str, str] = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = "Give the competency a name."
    elif len(name) > 200:
        errors["name"] = "Keep the name under 200 characters."
    else:
        other = db.session.scalar(select(Competency).where(func.lower(Competency.name) == name.lower()))
        if other is not None and other.id != competency.id:
            errors["name"] = "Another competency already has this name."
    for field_name in ("description", "practical", "strategic"):
        if len((data.get(field_name) or "").strip()) > 4000:
            errors[field_name] = "Keep this under 4,000 characters."
    raise_if(errors, RoleGuideError)
    competency.name = name
    for field_name in ("description", "practical", "strategic"):
        setattr(competency, field_name, (data.get(field_name) or "").strip())
    db.session.flush()
    audit("competency_updated", "role_competency", competency.id)
    db.session.commit()
    return competency


# --- Self-assessment ------------------------------------------------------------------------


def assessments(user_id: int) -> list[SelfAssessment]:
    """A person's self-assessments, newest first."""
    return list(db.session.scalars(
        select(SelfAssessment).where(SelfAssessment.user_id == user_id)
        .order_by(SelfAssessment.assessed_on.desc(), SelfAssessment.id.desc())))


def record_assessment(user, assessed_on: date | None, ratings: dict[int, tuple[str, str]]) -> SelfAssessment:
    """Save one dated self-assessment; `ratings` maps competency id → (level, note).
    Every known competency must be rated; raises RoleGuideError with a message per field."""
    errors: dict[str, str] = {}
    day = assessed_on or local_today()
    if day > local_today():
        errors["assessed_on"] = "The date cannot be in the future."
    elif day < date(2000, 1, 1):
        errors["assessed_on"] = "Enter a date from 2000 on."
    known = competencies()
    for competency in known:
        level, note = ratings.get(competency.id, ("", ""))
        if level not in LEVELS:
            errors[f"level_{competency.id}"] = f"Choose a level for {competency.name}."
        if len(note or "") > 1000:
            errors[f"note_{competency.id}"] = "Keep the note under 1,000 characters."
    raise_if(errors, RoleGuideError)
    assessment = SelfAssessment(user_id=user.id, assessed_on=day)
    for competency in known:
        level, note = ratings[competency.id]
        assessment.ratings.append(CompetencyRating(competency=competency, level=level,
                                                   note=(note or "").strip()))
    db.session.add(assessment)
    db.session.flush()
    # Only that it happened: the ratings and notes are the person's own.
    audit("self_assessment_recorded", "competency_self_assessment", assessment.id)
    db.session.commit()
    return assessment


@dataclass
class RatingRow:
    competency: Competency
    level: str | None            # latest level, None when never rated
    note: str = ""
    previous: str | None = None  # level in the assessment before the latest
    supports: list = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return LEVELS.get(self.level, "Not rated") if self.level else "Not rated"

    @property
    def change(self) -> str:
        if self.level is None:
            return ""
        if self.previous is None:
            return "first rating"
        step = LEVEL_RANK[self.level] - LEVEL_RANK.get(self.previous, 0)
        if step > 0:
            return f"up from {LEVELS[self.previous].lower()}"
        if step < 0:
            return f"down from {LEVELS[self.previous].lower()}"
        return "no change"


def rating_rows(history: list[SelfAssessment], role_id: int | None = None) -> list[RatingRow]:
    latest = {r.competency_id: r for r in history[0].ratings} if history else {}
    previous = {r.competency_id: r.level for r in history[1].ratings} if len(history) > 1 else {}
    rows = []
    for competency in competencies():
        rating = latest.get(competency.id)
        supports = [r for r in competency.responsibilities if role_id is None or r.role_id == role_id]
        rows.append(RatingRow(competency, rating.level if rating else None,
                              rating.note if rating else "", previous.get(competency.id), supports))
    return rows


def growth_suggestions(levels: dict[int, str | None], supports: dict[int, int],
                       order: dict[int, int], limit: int = 3) -> list[int]:
    """Where to grow first: among the competencies rated lowest (never rated counts as "not
    yet"), those that support the most responsibilities. Ties: the guide's order of competencies
    (`order`: id → position), then id. Nothing to suggest when every competency that supports a
    responsibility is already at the strategic level.

    levels: competency id → level; supports: competency id → responsibilities supported."""
    ranked = {cid: LEVEL_RANK.get(levels.get(cid) or "not_yet", 0)
              for cid in order if supports.get(cid, 0) > 0}
    if not ranked:
        return []
    lowest = min(ranked.values())
    if lowest == LEVEL_RANK["strategic"]:
        return []
    candidates = [cid for cid, rank in ranked.items() if rank == lowest]
    candidates.sort(key=lambda cid: (-supports[cid], order[cid], cid))
    return candidates[:limit]


def suggestion_rows(rows: list[RatingRow], role_id: int | None = None) -> list[RatingRow]:
    supports = support_counts(role_id)
    order = {row.competency.id: row.competency.position for row in rows}
    ids = growth_suggestions({row.competency.id: row.level for row in rows}, supports, order)
    by_id = {row.competency.id: row for row in rows}
    return [by_id[cid] for cid in ids]


# --- Sharing --------------------------------------------------------------------------------


def can_read_assessment(reader, owner_id: int) -> bool:
    """The person themselves, or a coordinator or admin they shared it with; nobody else (not
    even admins: a self-assessment is a personal development record)."""
    if not reader.is_authenticated:
        return False
    if reader.id == owner_id:
        return True
    if reader.role not in COORDINATOR_ROLES:
        return False
    return db.session.scalar(select(AssessmentShare.id).where(
        AssessmentShare.owner_id == owner_id, AssessmentShare.reader_id == reader.id)) is not None


def shares_of(owner_id: int) -> list[AssessmentShare]:
    return list(db.session.scalars(select(AssessmentShare).where(AssessmentShare.owner_id == owner_id)
                                   .order_by(AssessmentShare.id)))


def shared_with(reader) -> list[AssessmentShare]:
    if reader.role not in COORDINATOR_ROLES:
        return []
    return list(db.session.scalars(select(AssessmentShare).where(AssessmentShare.reader_id == reader.id)
                                   .order_by(AssessmentShare.id)))


def coordinator_choices(exclude_id: int | None = None) -> list[tuple[int, str]]:
    people = db.session.scalars(select(User).where(User.active.is_(True),
                                                   User.role.in_(COORDINATOR_ROLES))
                                .order_by(func.lower(User.name), User.email))
    return [(u.id, f"{u.display_name} ({u.role})") for u in people if u.id != exclude_id]


def _coordinator(user_id, field_name: str, errors: dict, message: str) -> User | None:
    person = db.session.get(User, user_id) if isinstance(user_id, int) and 0 < user_id < 2**31 else None
    if person is None or not person.active or person.role not in COORDINATOR_ROLES:
        errors[field_name] = message
        return None
    return person


def share_assessment(owner, reader_id) -> AssessmentShare:
    errors: dict[str, str] = {}
    reader = _coordinator(reader_id, "reader_id", errors, "Choose a coordinator or admin from the list.")
    if reader is not None and reader.id == owner.id:
        errors["reader_id"] = "You can already read your own self-assessment."
    elif reader is not None and db.session.scalar(select(AssessmentShare.id).where(
            AssessmentShare.owner_id == owner.id, AssessmentShare.reader_id == reader.id)):
        errors["reader_id"] = f"{reader.display_name} can already read it."
    raise_if(errors, RoleGuideError)
    share = AssessmentShare(owner_id=owner.id, reader_id=reader.id)
    db.session.add(share)
    db.session.flush()
    audit("self_assessment_shared", "user_account", reader.id)
    db.session.commit()
    return share


def stop_sharing(share: AssessmentShare) -> None:
    audit("self_assessment_unshared", "user_account", share.reader_id)
    db.session.delete(share)
    db.session.commit()


# --- Hand-over pack -------------------------------------------------------------------------


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


def _liaison_contacts(email: str) -> list:
    """Contacts recorded as the partnership liaison with this person's email: the directory has
    no user link on contacts, and the email is what identifies the same person in both."""
    from sqlalchemy.orm import selectinload

    from hh.directory.models import Contact

    if not email:
        return []
    return list(db.session.scalars(
        select(Contact).where(Contact.partnership_role == "liaison",
                              func.lower(Contact.email) == email.lower())
        .options(selectinload(Contact.organization)).order_by(Contact.name, Contact.id)))


def _stale_verified(model, email: str, active) -> list:
    from hh.directory.services import stale_before

    return list(db.session.scalars(
        select(model).where(func.lower(model.assurer_email) == email.lower(), active,
                            model.assured_date < stale_before())
        .order_by(model.assured_date, model.id)))


def _gather(pack: HandoverPack, name: str, gather: Callable[[], list]) -> None:
    try:
        setattr(pack, name, gather())
    except ImportError:
        setattr(pack, name, None)


def handover_pack(person: User) -> HandoverPack:
    pack = HandoverPack(person)
    day = local_today()

    def items():
        from sqlalchemy.orm import joinedload

        from hh.plans.models import OPEN_STATUSES, ActionItem

        return list(db.session.scalars(
            select(ActionItem).where(ActionItem.owner_id == person.id,
                                     ActionItem.status.in_(OPEN_STATUSES))
            .options(joinedload(ActionItem.plan))
            .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)))

    def plans():
        from hh.plans.models import ActionPlan

        return list(db.session.scalars(
            select(ActionPlan).where(ActionPlan.owner_id == person.id,
                                     ActionPlan.status != "completed")
            .order_by(ActionPlan.next_review_on.is_(None), ActionPlan.next_review_on, ActionPlan.id)))

    def conferences():
        from datetime import datetime, time

        from hh.conferences.models import CaseConference

        return list(db.session.scalars(
            select(CaseConference).where(CaseConference.facilitator_id == person.id,
                                         CaseConference.held_at >= datetime.combine(day, time()))
            .order_by(CaseConference.held_at)))

    def organizations():
        from hh.directory.models import Organization

        return _stale_verified(Organization, person.email, Organization.active.is_(True))

    def services_():
        from hh.resources.models import Service

        return _stale_verified(Service, person.email, Service.status == "active")

    _gather(pack, "items", items)
    _gather(pack, "plans", plans)
    _gather(pack, "conferences", conferences)
    _gather(pack, "contacts", lambda: _liaison_contacts(person.email))
    _gather(pack, "organizations", organizations)
    _gather(pack, "services", services_)
    if pack.plans is not None:
        pack.overdue_reviews = [p for p in pack.plans if p.status in ("active", "draft")
                                and p.next_review_on is not None and p.next_review_on < day]
    return pack


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


def reassign(pack: HandoverPack, successor_id, actor=None) -> dict[str, int]:
    """Move everything in the pack to a successor (an active coordinator or admin) in one
    transaction; one audit row per item type moved, with its count. Returns counts by type."""
    errors: dict[str, str] = {}
    successor = _coordinator(successor_id, "successor_id", errors,
                             "Choose the coordinator or admin who takes over.")
    if successor is not None and successor.id == pack.person.id:
        errors["successor_id"] = "Choose someone other than the person handing over."
    if not errors and pack.total == 0:
        errors["successor_id"] = f"{pack.person.display_name} owns nothing to hand over."
    raise_if(errors, RoleGuideError)
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
