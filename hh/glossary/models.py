"""Glossary of cross-sector terms: terms, what they mean per sector, suggestions, history.

A term's natural key is its `slug` (its stable URL `/glossary/<slug>`, and the key CSV imports
match on). Related terms are kept as slugs, so a glossary can be imported in any row order.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hh.extensions import db
from hh.timeutil import utcnow

# The sectors a glossary term belongs to (the list; not the directory's organization sectors).
GLOSSARY_SECTORS: dict[str, str] = {
    "health_care": "Health care",
    "homeless_response": "Homeless response",
    "housing": "Housing",
    "behavioral_health": "Behavioral health",
    "funding_policy": "Funding and policy",
    "data_privacy": "Data and privacy",
    "improvement": "Improvement methods",
}

# Where a term came from: the starter glossary (updated by `hh init` until someone edits it),
# typed in here, or a CSV import.
ORIGINS = ("starter", "local", "import")

SUGGESTION_STATUSES: dict[str, str] = {
    "open": "Waiting for review",
    "published": "Published",
    "declined": "Declined",
}


def split_list(value: str | None, separator: str = ";") -> list[str]:
    return [part.strip() for part in (value or "").split(separator) if part.strip()]


class GlossaryTerm(db.Model):
    """One term: its words, plain meaning, sectors, per-sector meanings, example and source."""

    __tablename__ = "glossary_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    term: Mapped[str] = mapped_column(String(200))
    acronym: Mapped[str] = mapped_column(String(40), default="")
    definition: Mapped[str] = mapped_column(Text, default="")
    # Sector codes separated by spaces, e.g. "health_care housing".
    sectors: Mapped[str] = mapped_column(String(200), default="")
    example: Mapped[str] = mapped_column(Text, default="")
    # Other spellings people type, separated by ";" (e.g. "VISPDAT; vi spdat").
    aliases: Mapped[str] = mapped_column(Text, default="")
    # Slugs of related terms separated by spaces.
    related: Mapped[str] = mapped_column(Text, default="")
    source_note: Mapped[str] = mapped_column(Text, default="")
    source_url: Mapped[str] = mapped_column(String(500), default="")
    origin: Mapped[str] = mapped_column(String(20), default="local")
    # True once anyone changes a starter term here: `hh init` then leaves it alone.
    locally_edited: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)

    updated_by = relationship("User", foreign_keys=[updated_by_id])
    meanings: Mapped[list["SectorMeaning"]] = relationship(
        back_populates="term", cascade="all, delete-orphan", order_by="SectorMeaning.sector")
    revisions: Mapped[list["GlossaryRevision"]] = relationship(
        back_populates="term", cascade="all, delete-orphan",
        order_by="desc(GlossaryRevision.changed_at), desc(GlossaryRevision.id)")

    @property
    def sector_codes(self) -> list[str]:
        return [code for code in self.sectors.split() if code in GLOSSARY_SECTORS]

    @property
    def sector_labels(self) -> list[str]:
        return [GLOSSARY_SECTORS[code] for code in self.sector_codes]

    @property
    def alias_list(self) -> list[str]:
        return split_list(self.aliases)

    @property
    def related_slugs(self) -> list[str]:
        return self.related.split()

    @property
    def heading(self) -> str:
        """"Permanent supportive housing (PSH)"."""
        return f"{self.term} ({self.acronym})" if self.acronym else self.term

    @property
    def sort_key(self) -> str:
        return (self.acronym or self.term).lower()

    @property
    def changed_by_label(self) -> str:
        if self.updated_by is not None:
            return self.updated_by.display_name
        return "the starter glossary" if self.origin == "starter" else "an import"

    def meaning_for(self, sector: str) -> str:
        for meaning in self.meanings:
            if meaning.sector == sector:
                return meaning.meaning
        return ""


class SectorMeaning(db.Model):
    """What a term means in one sector, where sectors use the same word differently."""

    __tablename__ = "glossary_sector_meaning"
    __table_args__ = (UniqueConstraint("term_id", "sector"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("glossary_term.id", ondelete="CASCADE"), index=True)
    sector: Mapped[str] = mapped_column(String(40))
    meaning: Mapped[str] = mapped_column(Text)

    term: Mapped[GlossaryTerm] = relationship(back_populates="meanings")

    @property
    def sector_label(self) -> str:
        return GLOSSARY_SECTORS.get(self.sector, self.sector)


class GlossaryRevision(db.Model):
    """One change to a term: who, when, and which fields (the short history on its page)."""

    __tablename__ = "glossary_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("glossary_term.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    summary: Mapped[str] = mapped_column(String(300), default="")

    term: Mapped[GlossaryTerm] = relationship(back_populates="revisions")
    changed_by = relationship("User", foreign_keys=[changed_by_id])


class GlossarySuggestion(db.Model):
    """A new term or an edit proposed by any signed-in person, until a coordinator decides."""

    __tablename__ = "glossary_suggestion"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Set when this suggests an edit of an existing term; empty for a new term.
    term_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("glossary_term.id", ondelete="SET NULL"), index=True)
    term: Mapped[str] = mapped_column(String(200), default="")
    acronym: Mapped[str] = mapped_column(String(40), default="")
    definition: Mapped[str] = mapped_column(Text, default="")
    sectors: Mapped[str] = mapped_column(String(200), default="")
    example: Mapped[str] = mapped_column(Text, default="")
    aliases: Mapped[str] = mapped_column(Text, default="")
    related: Mapped[str] = mapped_column(Text, default="")
    source_note: Mapped[str] = mapped_column(Text, default="")
    source_url: Mapped[str] = mapped_column(String(500), default="")
    # Per-sector meanings as "sector_code: meaning" lines (a suggestion is a draft, kept flat).
    meanings: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    suggested_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    decided_at: Mapped[Optional[datetime]]
    decision_note: Mapped[str] = mapped_column(Text, default="")

    target = relationship(GlossaryTerm, foreign_keys=[term_id])
    suggested_by = relationship("User", foreign_keys=[suggested_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])

    @property
    def status_label(self) -> str:
        return SUGGESTION_STATUSES.get(self.status, self.status)

    @property
    def title(self) -> str:
        name = self.term or (self.target.term if self.target else "a term")
        return f"Edit of {name}" if self.term_id else f"New term: {name}"
