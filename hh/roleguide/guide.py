"""The guide itself: seeding it from content.py, reading roles and competencies, admin edits, and
who may hold a coordinator's part (successor, reader of a shared self-assessment)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from hh.auth.models import User
from hh.caching import remember
from hh.errors import InputError, raise_if
from hh.extensions import db
from hh.roleguide import content
from hh.roleguide.models import (
    Competency,
    CoordinatorRole,
    ExecutionStage,
    Responsibility,
    responsibility_competency,
)
from hh.roleguide.worklinks import WORK_LINKS
from hh.web import COORDINATORS, audit


class RoleGuideError(InputError):
    """Input that breaks a rule of the role guide; `errors` maps each form field to its message."""


# --- Seeding --------------------------------------------------------------------------------


def seed_guide() -> dict[str, int]:
    """Add the guide's roles, stages, competencies and responsibilities that are missing (by
    slug). Existing rows are never changed, so what admins edited stays. The caller commits."""
    competencies_by_slug = {c.slug: c for c in db.session.scalars(select(Competency))}
    added = {"roles": 0, "competencies": _seed_competencies(competencies_by_slug),
             "responsibilities": 0}
    for position, spec in enumerate(content.ROLES):
        role = role_by_slug(spec["slug"])
        if role is None:
            role = CoordinatorRole(slug=spec["slug"], name=spec["name"], summary=spec["summary"],
                                   position=position)
            db.session.add(role)
            added["roles"] += 1
        added["responsibilities"] += _seed_role(role, spec, competencies_by_slug)
    db.session.flush()
    return added


def _seed_competencies(by_slug: dict[str, Competency]) -> int:
    added = 0
    for position, spec in enumerate(content.COMPETENCIES):
        if spec["slug"] not in by_slug:
            by_slug[spec["slug"]] = Competency(
                slug=spec["slug"], name=spec["name"], competency_set=spec["set"],
                description=spec["description"], practical=spec["practical"],
                strategic=spec["strategic"], position=position)
            db.session.add(by_slug[spec["slug"]])
            added += 1
    return added


def _seed_role(role: CoordinatorRole, spec: dict, competencies_by_slug: dict) -> int:
    """The role's missing stages and responsibilities; returns how many responsibilities."""
    stages = {s.slug: s for s in role.stages}
    for position, (slug, name, summary) in enumerate(spec["stages"]):
        if slug not in stages:
            stages[slug] = ExecutionStage(role=role, slug=slug, name=name, summary=summary,
                                          position=position)
    existing = {r.slug for r in role.responsibilities}
    added = 0
    for position, (slug, title, text, stage, skills, link) in enumerate(spec["responsibilities"]):
        if slug not in existing:
            db.session.add(Responsibility(
                role=role, slug=slug, title=title, description=text, stage=stages[stage],
                work_link=link, position=position,
                competencies=[competencies_by_slug[s] for s in skills]))
            added += 1
    return added


# --- Reading the guide ----------------------------------------------------------------------


def roles(contents: bool = False) -> list[CoordinatorRole]:
    """The roles in order; `contents`: with their stages and responsibilities (the guide's index
    counts them)."""
    query = select(CoordinatorRole).order_by(CoordinatorRole.position, CoordinatorRole.id)
    if contents:
        query = query.options(selectinload(CoordinatorRole.stages),
                              selectinload(CoordinatorRole.responsibilities))
    return list(db.session.scalars(query))


def competencies(responsibilities: bool = False) -> list[Competency]:
    """The competencies in order; `responsibilities`: with those each supports and their roles."""
    query = select(Competency).order_by(Competency.position, Competency.id)
    if responsibilities:
        query = query.options(
            selectinload(Competency.responsibilities).joinedload(Responsibility.role))
    return list(db.session.scalars(query))


def role_by_slug(slug: str) -> CoordinatorRole | None:
    return db.session.scalar(select(CoordinatorRole).where(CoordinatorRole.slug == slug))


def responsibility_for_page(responsibility_id: int) -> Responsibility | None:
    """A responsibility with its role and the role's stages (read afresh: its form is shown again
    after a refused save, which rolled the session back)."""
    return db.session.get(Responsibility, responsibility_id, populate_existing=True, options=[
        joinedload(Responsibility.role).selectinload(CoordinatorRole.stages)])


def support_counts(role_id: int | None = None) -> dict[int, int]:
    """How many responsibilities (of one role, or of all) each competency supports."""
    link = responsibility_competency
    query = (select(link.c.competency_id, func.count())
             .join(Responsibility, Responsibility.id == link.c.responsibility_id)
             .group_by(link.c.competency_id))
    if role_id is not None:
        query = query.where(Responsibility.role_id == role_id)
    return dict(db.session.execute(query).all())


# --- What the guide's pages show -----------------------------------------------------------------
# The guide is the same for everyone and changes only when an admin edits it: its pages read it
# as plain values from the one cache, until a table of the guide is written.

GUIDE_TABLES = ("coordinator_role", "role_execution_stage", "role_responsibility",
                "role_competency", "role_responsibility_competency")


@dataclass(frozen=True)
class RoleCard:
    slug: str
    name: str
    summary: str
    responsibility_count: int
    stage_count: int


@dataclass(frozen=True)
class Support:
    """A responsibility a competency supports, named with its role."""

    id: int
    title: str
    role_slug: str
    role_name: str


@dataclass(frozen=True)
class CompetencyCard:
    id: int
    name: str
    competency_set: str
    description: str
    practical: str
    strategic: str
    supports: tuple[Support, ...]


@dataclass(frozen=True)
class GuideIndex:
    roles: tuple[RoleCard, ...]
    competencies: tuple[CompetencyCard, ...]


def guide_index() -> GuideIndex:
    """The roles (with how many responsibilities and stages) and the competencies (with the
    responsibilities each supports), as the guide's index shows them."""
    return remember("roleguide:index", GUIDE_TABLES, _guide_index)


def _guide_index() -> GuideIndex:
    return GuideIndex(
        tuple(RoleCard(r.slug, r.name, r.summary, len(r.responsibilities), len(r.stages))
              for r in roles(contents=True)),
        tuple(CompetencyCard(c.id, c.name, c.competency_set, c.description, c.practical,
                             c.strategic, tuple(Support(r.id, r.title, r.role.slug, r.role.name)
                                                for r in c.responsibilities))
              for c in competencies(responsibilities=True)))


@dataclass(frozen=True)
class CompetencyRef:
    id: int
    name: str


@dataclass(frozen=True)
class ResponsibilityCard:
    id: int
    title: str
    description: str
    stage_id: int | None
    work_link: str
    competencies: tuple[CompetencyRef, ...]


@dataclass(frozen=True)
class StageCard:
    id: int
    name: str
    summary: str


@dataclass(frozen=True)
class RolePage:
    name: str
    summary: str
    stages: tuple[StageCard, ...]
    responsibilities: tuple[ResponsibilityCard, ...]


def role_pages() -> dict[str, RolePage]:
    """Each role (by slug) with its stages and responsibilities, as its page shows them."""
    return remember("roleguide:roles", GUIDE_TABLES, _role_pages)


def _role_pages() -> dict[str, RolePage]:
    found = db.session.scalars(select(CoordinatorRole).options(
        selectinload(CoordinatorRole.stages),
        selectinload(CoordinatorRole.responsibilities).selectinload(Responsibility.competencies)))
    return {role.slug: RolePage(
        role.name, role.summary, tuple(StageCard(s.id, s.name, s.summary) for s in role.stages),
        tuple(ResponsibilityCard(r.id, r.title, r.description, r.stage_id, r.work_link,
                                 tuple(CompetencyRef(c.id, c.name) for c in r.competencies))
              for r in role.responsibilities)) for role in found}


# --- Admin edits (the forms check required fields and lengths) --------------------------------


def save_responsibility(responsibility: Responsibility, data: dict) -> Responsibility:
    errors: dict[str, str] = {}
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
    responsibility.title = data["title"].strip()
    responsibility.description = data["description"].strip()
    responsibility.stage, responsibility.work_link = stage, link
    db.session.flush()
    audit("responsibility_updated", "role_responsibility", responsibility.id)
    db.session.commit()
    return responsibility


def save_competency(competency: Competency, data: dict) -> Competency:
    name = data["name"].strip()
    other = db.session.scalar(select(Competency).where(func.lower(Competency.name) == name.lower()))
    if other is not None and other.id != competency.id:
        raise RoleGuideError("Another competency already has this name.", "name")
    competency.name = name
    for field_name in ("description", "practical", "strategic"):
        setattr(competency, field_name, (data.get(field_name) or "").strip())
    db.session.flush()
    audit("competency_updated", "role_competency", competency.id)
    db.session.commit()
    return competency


# --- Staff and coordinators (whose pack, who can read a shared assessment, who can take over) --


# Built once: the hand-over and the self-assessment pages list them on every view.
_STAFF = (select(User.id, User.name, User.email, User.role)
          .where(User.active.is_(True), User.role != "viewer")
          .order_by(func.lower(User.name), User.email))


def staff_choices() -> tuple[tuple[int, str, str], ...]:
    """Every active person but viewers as (id, "name (role)", role), by name. The same for every
    reader and rarely changed, so from the cache until a user is written."""
    return remember("roleguide:staff", ("user_account",), lambda: tuple(
        (u.id, f"{u.name or u.email} ({u.role})", u.role) for u in db.session.execute(_STAFF)))


def coordinator_choices(exclude_id: int | None = None) -> list[tuple[int, str]]:
    return [(user_id, label) for user_id, label, role in staff_choices()
            if role in COORDINATORS and user_id != exclude_id]


def active_coordinator(user_id) -> User | None:
    """The active coordinator or admin with this id (any value from a form), else None."""
    valid_id = isinstance(user_id, int) and 0 < user_id < 2**31
    person = db.session.get(User, user_id) if valid_id else None
    if person is None or not person.active or person.role not in COORDINATORS:
        return None
    return person
