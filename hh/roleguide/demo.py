"""Demo: the role guide itself, two self-assessments of the demo coordinator (half a year apart,
so the page shows change over time) and the coordinator as liaison to a health center. Loading
again changes nothing: the assessments are added only when the coordinator has none."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from hh.auth.models import User
from hh.directory.models import Contact, Organization
from hh.extensions import db
from hh.roleguide.guide import competencies, seed_guide
from hh.roleguide.models import CompetencyRating, Responsibility, SelfAssessment
from hh.timeutil import local_today

COORDINATOR = "coordinator@demo.crosswalk.example"
LIAISON_FOR = "Three Rivers Community Health Center"

# competency slug → (level six months ago, level a week ago, note a week ago)
RATINGS = {
    "improvement-science": ("practical", "practical",
                            "Ran two PDSA cycles on the respite referral; want to coach providers."),
    "facilitation": ("practical", "strategic",
                     "The hospital and shelter leads now meet monthly without me chasing them."),
    "project-management": ("practical", "strategic", "Action items live in Crosswalk now, not in my inbox."),
    "human-centered-design": ("not_yet", "not_yet", "Have not yet asked clients about the discharge process."),
    "data-for-improvement": ("not_yet", "practical", "Can read our run charts; not yet joining HMIS with hospital data."),
    "built-for-zero": ("not_yet", "not_yet", ""),
    "role-knowledge": ("practical", "practical", "Strong on housing programs, still learning Medicaid rules."),
}


def _liaison_contact(coordinator: User) -> None:
    """The coordinator is the CoC's liaison to the health center, so their hand-over pack has a
    partnership to pass on."""
    org = db.session.scalar(select(Organization).where(Organization.name == LIAISON_FOR))
    if org is None or any(c.email == coordinator.email for c in org.contacts):
        return
    org.contacts.append(Contact(name=coordinator.name, email=coordinator.email,
                                title="CoC health and homelessness coordinator",
                                partnership_role="liaison"))


def load_demo_roleguide() -> dict[str, int]:
    seed_guide()
    coordinator = db.session.scalar(select(User).where(User.email == COORDINATOR))
    if coordinator is None:
        db.session.commit()
        return {"role guide responsibilities": 0}
    by_slug = {c.slug: c for c in competencies()}
    day = local_today()
    has_history = db.session.scalar(select(SelfAssessment.id).where(
        SelfAssessment.user_id == coordinator.id).limit(1)) is not None
    for days_ago, column in (() if has_history else ((182, 0), (7, 1))):
        assessed_on = day - timedelta(days=days_ago)
        assessment = SelfAssessment(user_id=coordinator.id, assessed_on=assessed_on)
        for slug, levels in RATINGS.items():
            if slug in by_slug:
                assessment.ratings.append(CompetencyRating(
                    competency=by_slug[slug], level=levels[column],
                    note=levels[2] if column == 1 else ""))
        db.session.add(assessment)
    _liaison_contact(coordinator)
    db.session.commit()
    return {"role guide responsibilities":
            db.session.scalar(select(func.count()).select_from(Responsibility)) or 0}
