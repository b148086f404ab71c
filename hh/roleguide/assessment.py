"""The competency self-assessment: dated records, the change since last time, where to grow
first, and sharing with a named coordinator or admin (private otherwise, even from admins)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from hh.extensions import db
from hh.roleguide.guide import RoleGuideError, active_coordinator, competencies, support_counts
from hh.roleguide.models import (
    LEVEL_RANK,
    LEVELS,
    AssessmentShare,
    Competency,
    CompetencyRating,
    SelfAssessment,
)
from hh.timeutil import local_today
from hh.web import COORDINATORS, audit


def assessments(user_id: int) -> list[SelfAssessment]:
    """A person's self-assessments, newest first."""
    return list(db.session.scalars(
        select(SelfAssessment).where(SelfAssessment.user_id == user_id)
        .order_by(SelfAssessment.assessed_on.desc(), SelfAssessment.id.desc())))


def record_assessment(user, assessed_on: date | None, ratings: dict[int, tuple[str, str]]) -> SelfAssessment:
    """Save one dated self-assessment (today when no date is given); `ratings` maps competency
    id → (level, note) for every competency. The form checks the date, each level and note."""
    day = assessed_on or local_today()
    known = competencies()
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


# --- Reading it back: change and where to grow ------------------------------------------------


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
    """One row per competency: the latest rating, the one before, and (of one role or both)
    the responsibilities it supports."""
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
    if reader.role not in COORDINATORS:
        return False
    return _share_id(owner_id, reader.id) is not None


def _share_id(owner_id: int, reader_id: int) -> int | None:
    return db.session.scalar(select(AssessmentShare.id).where(
        AssessmentShare.owner_id == owner_id, AssessmentShare.reader_id == reader_id))


def shares_of(owner_id: int) -> list[AssessmentShare]:
    return list(db.session.scalars(select(AssessmentShare).where(AssessmentShare.owner_id == owner_id)
                                   .options(joinedload(AssessmentShare.reader))
                                   .order_by(AssessmentShare.id)))


def shared_with(reader) -> list[AssessmentShare]:
    if reader.role not in COORDINATORS:
        return []
    return list(db.session.scalars(select(AssessmentShare).where(AssessmentShare.reader_id == reader.id)
                                   .options(joinedload(AssessmentShare.owner))
                                   .order_by(AssessmentShare.id)))


def share_assessment(owner, reader_id) -> AssessmentShare:
    reader = active_coordinator(reader_id)
    if reader is None:
        raise RoleGuideError("Choose a coordinator or admin from the list.", "reader_id")
    if reader.id == owner.id:
        raise RoleGuideError("You can already read your own self-assessment.", "reader_id")
    if _share_id(owner.id, reader.id) is not None:
        raise RoleGuideError(f"{reader.display_name} can already read it.", "reader_id")
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
