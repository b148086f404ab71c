"""What partners offer where: services, their category, locations, service areas, capacity.

Field names follow Open Referral HSDS 3.0 where it has one (`hsds_id` is HSDS's `id`).
"""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Optional

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hh.directory.models import County, Organization, Phone, new_hsds_id
from hh.extensions import db
from hh.timeutil import utcnow

SERVICE_STATUSES: dict[str, str] = {
    "active": "Active",
    "inactive": "Inactive",
    "defunct": "Defunct",
    "temporarily closed": "Temporarily closed",
}

UNIT_TYPES: dict[str, str] = {
    "beds": "Beds",
    "slots": "Program slots",
    "vouchers": "Vouchers",
    "appointments": "Appointments",
}


class TaxonomyTerm(db.Model):
    """A service category: two levels (e.g. Housing › Rapid re-housing), covering both sectors."""

    __tablename__ = "taxonomy_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_hsds_id)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("taxonomy_term.id"), index=True)
    taxonomy: Mapped[str] = mapped_column(String(60), default="crosswalk")

    parent: Mapped[Optional["TaxonomyTerm"]] = relationship(
        remote_side=[id], back_populates="children"
    )
    children: Mapped[list["TaxonomyTerm"]] = relationship(
        back_populates="parent", order_by="TaxonomyTerm.name"
    )

    @property
    def label(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent else self.name


service_at_location = Table(
    "service_at_location",
    db.metadata,
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    Column("location_id", ForeignKey("location.id", ondelete="CASCADE"), primary_key=True),
    Column("hsds_id", String(64), unique=True, default=new_hsds_id),
    # "Services with a location in this county" starts from locations, and reads each one's
    # services from this index alone (the primary key only serves lookups by service).
    Index("ix_service_at_location_location_service", "location_id", "service_id"),
)


class Location(db.Model):
    """A place where services are delivered, with its (physical) address."""

    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_hsds_id)
    organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    location_type: Mapped[str] = mapped_column(String(20), default="physical")
    latitude: Mapped[Optional[float]]
    longitude: Mapped[Optional[float]]
    # Address (HSDS keeps it in addresses.csv; one physical address per location here).
    address_hsds_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_hsds_id)
    address_1: Mapped[str] = mapped_column(String(200), default="")
    address_2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="", index=True)
    state_province: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(2), default="US")
    county_id: Mapped[Optional[int]] = mapped_column(ForeignKey("county.id"), index=True)

    organization: Mapped[Optional[Organization]] = relationship()
    county: Mapped[Optional[County]] = relationship()
    services: Mapped[list["Service"]] = relationship(
        secondary=service_at_location, back_populates="locations"
    )

    @property
    def address_line(self) -> str:
        parts = [self.address_1, self.address_2, self.city,
                 " ".join(p for p in (self.state_province, self.postal_code) if p)]
        return ", ".join(p for p in parts if p)


class Service(db.Model):
    """A program or resource an organization offers."""

    __tablename__ = "service"
    # Counting search matches reads this index instead of whole rows (descriptions make them long).
    __table_args__ = (
        Index("ix_service_filters", "status", "organization_id", "category_id", "accepts_referrals"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_hsds_id)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), index=True)
    alternate_name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    status: Mapped[str] = mapped_column(String(20), default="active")  # ix_service_filters
    interpretation_services: Mapped[str] = mapped_column(String(500), default="")
    application_process: Mapped[str] = mapped_column(Text, default="")
    eligibility_description: Mapped[str] = mapped_column(Text, default="")
    fees_description: Mapped[str] = mapped_column(Text, default="")
    languages: Mapped[str] = mapped_column(String(500), default="")  # comma-separated names
    minimum_age: Mapped[Optional[int]]
    maximum_age: Mapped[Optional[int]]
    required_documents: Mapped[str] = mapped_column(Text, default="")
    accessibility: Mapped[str] = mapped_column(Text, default="")
    program: Mapped[str] = mapped_column(String(200), default="")
    funding: Mapped[str] = mapped_column(Text, default="")
    # Areas that are not one of the CoC's counties (a town, "statewide", ZIP codes), as written.
    area_description: Mapped[str] = mapped_column(Text, default="")
    category_id: Mapped[Optional[int]] = mapped_column(ForeignKey("taxonomy_term.id"), index=True)
    accepts_referrals: Mapped[bool] = mapped_column(default=False, index=True)
    # Freshness (HSDS assured_date / assurer_email).
    assured_date: Mapped[Optional[date]] = mapped_column(index=True)
    assurer_email: Mapped[str] = mapped_column(String(254), default="")
    last_modified: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship()
    category: Mapped[Optional[TaxonomyTerm]] = relationship()
    locations: Mapped[list[Location]] = relationship(
        secondary=service_at_location, back_populates="services"
    )
    areas: Mapped[list["ServiceArea"]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    capacity: Mapped[list["CapacityUnit"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="CapacityUnit.unit_type"
    )
    hours: Mapped[list["ServiceSchedule"]] = relationship(
        back_populates="service", cascade="all, delete-orphan",
        order_by="(ServiceSchedule.weekday, ServiceSchedule.opens_at, ServiceSchedule.id)",
    )
    phones: Mapped[list[Phone]] = relationship(
        primaryjoin="Phone.service_id == Service.id", foreign_keys=[Phone.service_id],
        cascade="all, delete-orphan",
    )

    @property
    def status_label(self) -> str:
        return SERVICE_STATUSES.get(self.status, self.status)


# Search lists services by lower(name): without words, with this index a page of results is
# read in name order and the reading stops after the page, instead of sorting every match. (SQLite's reflection
# cannot read an expression index back, so `db check` skips it there; PostgreSQL compares it.)
Index("ix_service_name_lower", func.lower(Service.name))
# A person's records to verify again (the hand-over pack): by who verified them last, oldest first.
Index("ix_service_assurer", func.lower(Service.assurer_email), Service.assured_date)


class ServiceArea(db.Model):
    """A county a service covers: a countywide service shows up for every town in it."""

    __tablename__ = "service_area"
    __table_args__ = (
        UniqueConstraint("service_id", "county_id"),
        # A county's services read from the index alone (the search's "covers this county").
        Index("ix_service_area_county_service", "county_id", "service_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_hsds_id)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"))

    service: Mapped[Service] = relationship(back_populates="areas")
    county: Mapped[County] = relationship()


class CapacityUnit(db.Model):
    """How many beds, slots, vouchers or appointments a service has, and how many are free now."""

    __tablename__ = "capacity_unit"
    __table_args__ = (UniqueConstraint("service_id", "unit_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    unit_type: Mapped[str] = mapped_column(String(20), default="beds")
    total: Mapped[int] = mapped_column(Integer, default=0)
    available: Mapped[Optional[int]]
    updated_at: Mapped[Optional[datetime]]
    updated_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    service: Mapped[Service] = relationship(back_populates="capacity")
    updated_by = relationship("User")

    @property
    def unit_label(self) -> str:
        return UNIT_TYPES.get(self.unit_type, self.unit_type)


class ServiceSchedule(db.Model):
    """Weekly opening hours: one row per weekday (0 = Monday) and opening, or a note without a
    day ("by appointment") when weekday is empty. HSDS schedules / 1.1 regular_schedules."""

    __tablename__ = "service_schedule"
    # The services open at a moment, from an index alone: by day, or (the search's "open now",
    # asked of each service it reads) by service.
    __table_args__ = (Index("ix_service_schedule_day", "weekday", "opens_at", "closes_at",
                            "service_id"),
                      Index("ix_service_schedule_service_hours", "service_id", "weekday",
                            "opens_at", "closes_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    hsds_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_hsds_id)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    weekday: Mapped[Optional[int]]
    opens_at: Mapped[Optional[time]]
    closes_at: Mapped[Optional[time]]
    description: Mapped[str] = mapped_column(Text, default="")

    service: Mapped[Service] = relationship(back_populates="hours")
