"""Who is at the table: counties and regions, organizations, their contacts and phones.

Field names follow Open Referral HSDS 3.0 where it has one (`hsds_id` is HSDS's `id`).
"""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Optional

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hh.extensions import db
from hh.timeutil import local_today, utcnow

# Sectors at the table.
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

# Data-sharing agreement / MOU status of the partnership.
AGREEMENT_STATUSES: dict[str, str] = {
    "none": "No agreement",
    "in_progress": "Being negotiated",
    "signed": "Signed",
    "expired": "Expired",
}
# A signed agreement this close to its end date is flagged "Expires <date>".
AGREEMENT_WARNING_DAYS = 30
# The directory's agreement filter: the agreement as it stands today, not as last recorded.
AGREEMENT_FILTERS: dict[str, str] = {
    "in_force": "Signed and in force",
    "expiring": f"Expiring within {AGREEMENT_WARNING_DAYS} days",
    "expired": "Expired",
    "none": "None or being negotiated",
}

# A contact's role in the partnership.
PARTNERSHIP_ROLES: dict[str, str] = {
    "liaison": "Partnership liaison",
    "case_conference": "Case-conference representative",
    "referrals": "Referral contact",
    "data": "Data and privacy contact",
    "leadership": "Leadership",
    "other": "Other",
}


def new_hsds_id() -> str:
    return str(uuid.uuid4())


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


organization_county = Table(
    "organization_county",
    db.metadata,
    Column("organization_id", ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True),
    Column("county_id", ForeignKey("county.id", ondelete="CASCADE"), primary_key=True),
)


class PartnerRecord:
    """What the directory says of an organization's sector and agreement, read from its
    `sector`, `agreement_status` and `agreement_expires_on`: the record itself, or its page's copy
    (organization_page.py)."""

    @property
    def sector_label(self) -> str:
        return SECTORS.get(self.sector, self.sector)

    @property
    def agreement_label(self) -> str:
        return AGREEMENT_STATUSES.get(self.agreement_status, self.agreement_status)

    def agreement_state(self, today: date | None = None) -> str:
        """The agreement as it stands today: a signed one past its end date has expired (nobody
        needs to come back and change the status), one ending soon is "expiring"."""
        today = today or local_today()
        ends = self.agreement_expires_on
        if self.agreement_status == "signed" and ends is not None:
            if ends < today:
                return "expired"
            if ends <= today + timedelta(days=AGREEMENT_WARNING_DAYS):
                return "expiring"
        return self.agreement_status

    @property
    def agreement_now(self) -> str:
        return self.agreement_on(local_today())

    def agreement_on(self, today: date) -> str:
        """What the directory says of the agreement that day: "Expired on 2026-01-31",
        "Expires 2026-03-01", or the recorded status."""
        state, ends = self.agreement_state(today), self.agreement_expires_on
        if state == "expired" and ends is not None:
            return f"Expired on {ends.isoformat()}"
        if state == "expiring":
            return f"Expires {ends.isoformat()}"
        return self.agreement_label


class Organization(PartnerRecord, db.Model):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_hsds_id)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    alternate_name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    sector: Mapped[str] = mapped_column(String(40), default="other", index=True)
    # The partnership record.
    agreement_status: Mapped[str] = mapped_column(String(20), default="none")
    agreement_signed_on: Mapped[Optional[date]]
    agreement_expires_on: Mapped[Optional[date]]
    in_case_conferencing: Mapped[bool] = mapped_column(default=False)
    # Indexed: every search leaves out the services of the few inactive organizations.
    active: Mapped[bool] = mapped_column(default=True, index=True)
    # Freshness (HSDS assured_date / assurer_email).
    assured_date: Mapped[Optional[date]]
    assurer_email: Mapped[str] = mapped_column(String(254), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    counties: Mapped[list[County]] = relationship(
        secondary=organization_county, order_by="County.name"
    )
    contacts: Mapped[list["Contact"]] = relationship(
        back_populates="organization", cascade="all, delete-orphan", order_by="Contact.name"
    )
    phones: Mapped[list["Phone"]] = relationship(
        back_populates="organization", cascade="all, delete-orphan"
    )
    anchors: Mapped[list[Region]] = relationship(
        foreign_keys="Region.anchor_organization_id", viewonly=True
    )

    def __repr__(self) -> str:
        return f"<Organization {self.name}>"


# A person's records to verify again (the hand-over pack): by who verified them last, oldest first.
Index("ix_organization_assurer", func.lower(Organization.assurer_email), Organization.assured_date)
# The directory list and the search's organizations are in lower(name) order: with this index a
# page is read in that order and the reading stops after it (migration 0019).
Index("ix_organization_name_lower", func.lower(Organization.name))


class Contact(db.Model):
    """A person at a partner organization, and their role in the partnership."""

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_hsds_id)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    partnership_role: Mapped[str] = mapped_column(String(30), default="other")

    organization: Mapped[Organization] = relationship(back_populates="contacts")

    @property
    def partnership_role_label(self) -> str:
        return PARTNERSHIP_ROLES.get(self.partnership_role, self.partnership_role)


class Phone(db.Model):
    """HSDS phone of an organization, a service or a location (a contact's is on Contact)."""

    __tablename__ = "phone"

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_hsds_id)
    organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    service_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    location_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("location.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(50))
    extension: Mapped[str] = mapped_column(String(20), default="")
    type: Mapped[str] = mapped_column(String(20), default="voice")
    description: Mapped[str] = mapped_column(String(500), default="")

    organization: Mapped[Optional[Organization]] = relationship(back_populates="phones")
