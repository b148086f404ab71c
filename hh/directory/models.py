"""Reference data: where partners work (counties, regions) and who they are (organizations)."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hh.extensions import db

# Sectors at the table; the directory issue describes each in the glossary.
SECTORS: dict[str, str] = {
    "health_care": "Health care",
    "homeless_response": "Homeless response",
    "housing_authority": "Housing authority",
    "managed_care_plan": "Managed-care plan",
    "behavioral_health": "Behavioral health",
    "tribal": "Tribal",
    "victim_services": "Victim services",
    "community_based": "Community-based",
    "government": "Government",
    "other": "Other",
}


class County(db.Model):
    __tablename__ = "county"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    state: Mapped[str] = mapped_column(String(2), default="")
    fips: Mapped[Optional[str]] = mapped_column(String(5), unique=True)
    region_id: Mapped[Optional[int]] = mapped_column(ForeignKey("region.id"), index=True)

    region: Mapped[Optional["Region"]] = relationship(back_populates="counties")

    def __repr__(self) -> str:
        return f"<County {self.name}>"


class Region(db.Model):
    """A named group of counties that meets together, anchored by one agency."""

    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    anchor_organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", use_alter=True), index=True
    )

    counties: Mapped[list[County]] = relationship(
        back_populates="region", order_by="County.name"
    )
    anchor_organization: Mapped[Optional["Organization"]] = relationship(
        foreign_keys=[anchor_organization_id]
    )

    def __repr__(self) -> str:
        return f"<Region {self.name}>"


class Organization(db.Model):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    sector: Mapped[str] = mapped_column(String(40), default="other")

    @property
    def sector_label(self) -> str:
        return SECTORS.get(self.sector, self.sector)

    def __repr__(self) -> str:
        return f"<Organization {self.name}>"
