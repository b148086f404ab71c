"""Where needs go unmet: what the community, data, case conferences and providers report."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hh.directory.models import County, Region
from hh.extensions import db
from hh.resources.models import TaxonomyTerm
from hh.timeutil import local_today, utcnow

NEED_SOURCES: dict[str, str] = {
    "community": "Community or lived-experience input",
    "data": "Data report",
    "case_conference": "Case-conference barriers",
    "provider": "Provider report",
}

NEED_STATUSES: dict[str, str] = {
    "open": "Open",
    "in_progress": "In progress",
    "met": "Met",
}
UNMET = ("open", "in_progress")  # "open needs" on the gap map: not met yet


class NeedWords:
    """Where a need was reported and its status, in words: for a Need and for a list's row
    (listing.NeedRow), which have `source` and `status`."""

    __slots__ = ()

    @property
    def source_label(self) -> str:
        return NEED_SOURCES.get(self.source, self.source)

    @property
    def status_label(self) -> str:
        return NEED_STATUSES.get(self.status, self.status)


class Need(NeedWords, db.Model):
    __tablename__ = "need"
    # The list is read newest first, filtered by status or not: from these indexes it stops
    # after a page instead of sorting every match.
    __table_args__ = (Index("ix_need_status_noted", "status", "noted_on", "id"),
                      Index("ix_need_noted", "noted_on", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    county_id: Mapped[Optional[int]] = mapped_column(ForeignKey("county.id"), index=True)
    region_id: Mapped[Optional[int]] = mapped_column(ForeignKey("region.id"), index=True)
    category_id: Mapped[Optional[int]] = mapped_column(ForeignKey("taxonomy_term.id"), index=True)
    households_affected: Mapped[Optional[int]]
    source: Mapped[str] = mapped_column(String(30), default="provider")
    status: Mapped[str] = mapped_column(String(20), default="open")
    noted_on: Mapped[date] = mapped_column(default=local_today)
    created_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    county: Mapped[Optional[County]] = relationship()
    region: Mapped[Optional[Region]] = relationship()
    category: Mapped[Optional[TaxonomyTerm]] = relationship()
    created_by = relationship("User")

    # Named as the lists' rows (listing.NeedRow) name them, so one macro prints either.
    @property
    def county_name(self) -> str | None:
        return self.county.name if self.county else None

    @property
    def region_name(self) -> str | None:
        return self.region.name if self.region else None

    @property
    def category_label(self) -> str:
        return self.category.label if self.category else ""
