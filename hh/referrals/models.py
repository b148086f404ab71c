"""Closed-loop referrals and hospital-discharge hand-offs.

A referral goes from a person and organization to a service in the directory, for a household on
the By-Name List or for a person not on it (then only initials and a contact route). Every status
change is a ReferralEvent: the timeline both sides see. The timestamps on Referral itself are
copies of the first time each milestone was reached, kept for the outcome figures.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hh.directory.models import Organization
from hh.extensions import db
from hh.resources.models import Service, TaxonomyTerm
from hh.timeutil import local_month, utcnow

KINDS: dict[str, str] = {
    "referral": "Referral",
    "discharge": "Hospital-discharge hand-off",
}

URGENCIES: dict[str, str] = {
    "routine": "Routine (within 2 weeks)",
    "soon": "Soon (within 3 days)",
    "urgent": "Urgent (today or tomorrow)",
}
# Days until the first follow-up, by urgency.
FOLLOW_UP_DAYS = {"routine": 7, "soon": 3, "urgent": 1}

STATUSES: dict[str, str] = {
    "sent": "Sent",
    "received": "Received",
    "accepted": "Accepted",
    "declined": "Declined",
    "scheduled": "Scheduled",
    "connected": "Connected",
    "no_show": "No-show",
    "closed": "Closed",
    "withdrawn": "Withdrawn",
    "expired": "Expired",
}
# Still someone's job: these carry a follow-up date and can be overdue.
OPEN_STATUSES = ("sent", "received", "accepted", "scheduled", "no_show")
# Waiting for the receiving organization to answer (they expire when nobody does).
UNANSWERED = ("sent", "received")

DECLINE_REASONS: dict[str, str] = {
    "no_capacity": "No capacity or openings",
    "not_eligible": "Not eligible for the program",
    "outside_area": "Outside our service area",
    "client_declined": "The person declined the service",
    "unable_to_contact": "Unable to reach the person",
    "needs_higher_care": "Needs a higher level of care",
    "duplicate": "Already referred or enrolled",
    "other": "Other (explain)",
}

RECEIVING_PROGRAMS: dict[str, str] = {
    "medical_respite": "Medical respite / recuperative care",
    "shelter": "Emergency shelter",
    "housing": "Housing program",
}

# The discharge checklist: (column, label).
CHECKLIST: tuple[tuple[str, str], ...] = (
    ("check_medications", "Medications in hand (or prescriptions filled)"),
    ("check_follow_up", "Follow-up medical appointment made"),
    ("check_documents", "ID documents with the person"),
    ("check_transportation", "Transportation arranged"),
    ("check_benefits", "Benefits (Medicaid, SSI, SNAP) checked or applied for"),
    ("check_staff_contact", "Contact made between the discharging and receiving staff"),
)


class ReferralWords:
    """What a referral's fields read as on a page: for the record and for a queue's row
    (rows.QueueRow), which carries the same fields."""

    __slots__ = ()

    @property
    def reference(self) -> str:
        return f"Referral #{self.id}"

    @property
    def is_discharge(self) -> bool:
        return self.kind == "discharge"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)

    @property
    def decline_reason_label(self) -> str:
        return DECLINE_REASONS.get(self.decline_reason, self.decline_reason)

    @property
    def receiving_program_label(self) -> str:
        return RECEIVING_PROGRAMS.get(self.receiving_program, self.receiving_program)


def _month_sent(context) -> str:
    sent_at = context.get_current_parameters().get("sent_at") or utcnow()
    return local_month(sent_at)


class Referral(ReferralWords, db.Model):
    __tablename__ = "referral"
    __table_args__ = (
        # The incoming queue, each tab read in its own order from an index (a page of 15 rows
        # without sorting every referral an organization ever received): new ones by sending
        # time (and the tab counts by status), awaiting/overdue by follow-up date (status in the
        # index: the closed ones, without a follow-up date, are skipped without reading them),
        # every one newest first, discharges by expected date.
        Index("ix_referral_receiving_status", "receiving_organization_id", "status", "sent_at",
              "id"),
        Index("ix_referral_receiving_follow_up", "receiving_organization_id", "follow_up_on", "id",
              "status"),
        Index("ix_referral_receiving_sent", "receiving_organization_id", "sent_at", "id"),
        Index("ix_referral_receiving_discharge", "receiving_organization_id",
              "expected_discharge_on", "id", "status", "kind"),
        # The same for every organization (a coordinator) and the home page's follow-ups due and
        # discharges coming (a finished referral keeps its expected discharge date).
        Index("ix_referral_follow_up", "follow_up_on", "id", "status"),
        Index("ix_referral_discharge", "expected_discharge_on", "id", "status", "kind"),
        Index("ix_referral_sending_list", "sender_organization_id", "status", "sent_at"),
        Index("ix_referral_status_sent", "status", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), default="referral")
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="RESTRICT"), index=True)
    # Copied from the service when sent, so the queue is one indexed lookup.
    receiving_organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"))
    sender_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    sender_organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"))
    # Either a household on the By-Name List, or a person not on it (initials and contact only).
    household_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("bnl_household.id", ondelete="RESTRICT"), index=True)
    person_initials: Mapped[str] = mapped_column(String(10), default="")
    contact_route: Mapped[str] = mapped_column(String(200), default="")
    category_id: Mapped[Optional[int]] = mapped_column(ForeignKey("taxonomy_term.id"), index=True)
    urgency: Mapped[str] = mapped_column(String(10), default="routine")
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_confirmed: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(12), default="sent")
    follow_up_on: Mapped[Optional[date]]
    scheduled_on: Mapped[Optional[date]]
    decline_reason: Mapped[str] = mapped_column(String(30), default="")
    decline_note: Mapped[str] = mapped_column(String(500), default="")
    # Milestones (naive UTC), the first time each was reached.
    sent_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The month it was sent, on the CoC's calendar ("2026-11"): the outcome figures group by it.
    sent_month: Mapped[str] = mapped_column(String(7), default=_month_sent, index=True)
    received_at: Mapped[Optional[datetime]]
    accepted_at: Mapped[Optional[datetime]]
    declined_at: Mapped[Optional[datetime]]
    connected_at: Mapped[Optional[datetime]]
    no_show_at: Mapped[Optional[datetime]]
    closed_at: Mapped[Optional[datetime]]
    # Hospital-discharge hand-off.
    discharging_facility: Mapped[str] = mapped_column(String(200), default="")
    expected_discharge_on: Mapped[Optional[date]]
    receiving_program: Mapped[str] = mapped_column(String(20), default="")
    check_medications: Mapped[bool] = mapped_column(default=False)
    check_follow_up: Mapped[bool] = mapped_column(default=False)
    check_documents: Mapped[bool] = mapped_column(default=False)
    check_transportation: Mapped[bool] = mapped_column(default=False)
    check_benefits: Mapped[bool] = mapped_column(default=False)
    check_staff_contact: Mapped[bool] = mapped_column(default=False)
    warm_handoff: Mapped[Optional[bool]]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    service: Mapped[Service] = relationship()
    receiving_organization: Mapped[Organization] = relationship(
        foreign_keys=[receiving_organization_id])
    sender = relationship("User")
    sender_organization: Mapped[Optional[Organization]] = relationship(
        foreign_keys=[sender_organization_id])
    household = relationship("Household")
    category: Mapped[Optional[TaxonomyTerm]] = relationship()
    events: Mapped[list["ReferralEvent"]] = relationship(
        back_populates="referral", cascade="all, delete-orphan",
        order_by="(ReferralEvent.at, ReferralEvent.id)")

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def urgency_label(self) -> str:
        return URGENCIES.get(self.urgency, self.urgency).split(" (")[0]

    @property
    def checklist(self) -> list[tuple[str, str, bool]]:
        return [(name, label, bool(getattr(self, name))) for name, label in CHECKLIST]


class ReferralEvent(db.Model):
    """One step on a referral's timeline: who moved it to which status, when, and why."""

    __tablename__ = "referral_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    previous_status: Mapped[str] = mapped_column(String(12), default="")
    note: Mapped[str] = mapped_column(String(1000), default="")
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    referral: Mapped[Referral] = relationship(back_populates="events")
    user = relationship("User")
    organization: Mapped[Optional[Organization]] = relationship()

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status) if self.status != "note" else "Note"
