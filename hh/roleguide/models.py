"""The coordinator roles as data: roles, stages of their theory of execution, responsibilities,
competencies and the map between them; and people's dated self-assessments.

Seeded from content.py by `hh init` (natural keys: the slugs) and editable by admins, so a CoC can
adapt the guide to its own version of the role."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hh.extensions import db
from hh.timeutil import utcnow

# Proficiency levels, lowest first; the order is what "rated lowest" means.
LEVELS: dict[str, str] = {
    "not_yet": "Not yet",
    "practical": "Practical application",
    "strategic": "Strategic application",
}
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}

responsibility_competency = Table(
    "role_responsibility_competency",
    db.metadata,
    Column("responsibility_id", ForeignKey("role_responsibility.id", ondelete="CASCADE"),
           primary_key=True),
    Column("competency_id", ForeignKey("role_competency.id", ondelete="CASCADE"), primary_key=True),
)


class CoordinatorRole(db.Model):
    __tablename__ = "coordinator_role"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    stages: Mapped[list["ExecutionStage"]] = relationship(
        back_populates="role", cascade="all, delete-orphan", order_by="ExecutionStage.position")
    responsibilities: Mapped[list["Responsibility"]] = relationship(
        back_populates="role", cascade="all, delete-orphan",
        order_by="(Responsibility.position, Responsibility.id)")


class ExecutionStage(db.Model):
    """One stage of a role's theory of execution."""

    __tablename__ = "role_execution_stage"
    __table_args__ = (UniqueConstraint("role_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("coordinator_role.id", ondelete="CASCADE"),
                                         index=True)
    slug: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    role: Mapped[CoordinatorRole] = relationship(back_populates="stages")


class Competency(db.Model):
    """A competency shared by both roles, described at the two proficiency levels."""

    __tablename__ = "role_competency"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    competency_set: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    practical: Mapped[str] = mapped_column(Text, default="")
    strategic: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    responsibilities: Mapped[list["Responsibility"]] = relationship(
        secondary=responsibility_competency, back_populates="competencies",
        order_by="(Responsibility.role_id, Responsibility.position)")


class Responsibility(db.Model):
    __tablename__ = "role_responsibility"
    __table_args__ = (UniqueConstraint("role_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("coordinator_role.id", ondelete="CASCADE"),
                                         index=True)
    slug: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    stage_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("role_execution_stage.id", ondelete="SET NULL"), index=True)
    # Where in Crosswalk the work is done: a key of worklinks.WORK_LINKS ("" = nowhere yet).
    work_link: Mapped[str] = mapped_column(String(40), default="")
    position: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    role: Mapped[CoordinatorRole] = relationship(back_populates="responsibilities")
    stage: Mapped[Optional[ExecutionStage]] = relationship()
    competencies: Mapped[list[Competency]] = relationship(
        secondary=responsibility_competency, back_populates="responsibilities",
        order_by="Competency.position")


class SelfAssessment(db.Model):
    """One dated self-assessment: a rating of every competency; history is the list of these."""

    __tablename__ = "competency_self_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    assessed_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user = relationship("User")
    ratings: Mapped[list["CompetencyRating"]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="CompetencyRating.id")


class CompetencyRating(db.Model):
    __tablename__ = "competency_rating"
    __table_args__ = (UniqueConstraint("assessment_id", "competency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("competency_self_assessment.id", ondelete="CASCADE"), index=True)
    competency_id: Mapped[int] = mapped_column(ForeignKey("role_competency.id", ondelete="CASCADE"),
                                               index=True)
    level: Mapped[str] = mapped_column(String(20), default="not_yet")
    note: Mapped[str] = mapped_column(String(1000), default="")

    assessment: Mapped[SelfAssessment] = relationship(back_populates="ratings")
    competency: Mapped[Competency] = relationship()

    @property
    def level_label(self) -> str:
        return LEVELS.get(self.level, self.level)


class AssessmentShare(db.Model):
    """A person lets one named coordinator or admin read their self-assessments."""

    __tablename__ = "competency_assessment_share"
    __table_args__ = (UniqueConstraint("owner_id", "reader_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                          index=True)
    reader_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                           index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner = relationship("User", foreign_keys=[owner_id])
    reader = relationship("User", foreign_keys=[reader_id])
