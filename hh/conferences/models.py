"""The By-Name List and case conferencing: households, conferences, and the households worked in
each conference (one ConferenceEntry per household per conference).

Households are client-level personal data (see DESIGN.md, client-level data): who may see which
field is decided in privacy.py, never in templates alone.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Optional

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, query_expression, relationship

from hh.directory.models import County, Organization, Region
from hh.extensions import db
from hh.timeutil import local_today, utcnow

HOUSING_STATUSES: dict[str, str] = {
    "unsheltered": "Unsheltered",
    "encampment": "Encampment",
    "vehicle": "Vehicle",
    "emergency_shelter": "Emergency shelter",
    "transitional": "Transitional housing",
    "institution": "Institution (hospital, jail, treatment)",
    "housed": "Housed",
    "inactive": "Inactive",
}

HOUSEHOLD_TYPES: dict[str, str] = {
    "individual": "Individual adult",
    "family": "Family with children",
    "youth": "Unaccompanied youth",
    "couple": "Adult couple, no children",
}

NEED_LEVELS: dict[str, str] = {"low": "Low", "moderate": "Moderate", "high": "High"}

# HUD's race and ethnicity (FY2024 data element 3.04): any of the categories, or one answer of
# the last three.
RACE_ETHNICITY: dict[str, str] = {
    "am_ind_ak_native": "American Indian, Alaska Native, or Indigenous",
    "asian": "Asian or Asian American",
    "black": "Black, African American, or African",
    "hispanic_latinaeo": "Hispanic/Latina/e/o",
    "mid_east_n_african": "Middle Eastern or North African",
    "native_hi_pacific": "Native Hawaiian or Pacific Islander",
    "white": "White",
    "doesnt_know": "Client doesn't know",
    "prefers_not": "Client prefers not to answer",
    "not_collected": "Data not collected",
}

# A household leaves the active list only when housed, or made inactive with a reason.
LIST_STATUSES: dict[str, str] = {"active": "Active", "housed": "Housed", "inactive": "Inactive"}

CONFERENCE_FORMATS: dict[str, str] = {
    "in_person": "In person",
    "hybrid": "Hybrid",
    "virtual": "Virtual",
}

CONFERENCE_FOCUSES: dict[str, str] = {
    "highest_priority": "Highest priority",
    "system_barrier": "A system barrier",
    "resource_available": "A resource available",
}

ATTENDEE_ROLES: dict[str, str] = {
    "facilitator": "Facilitator",
    "scribe": "Scribe",
    "provider": "Participating provider",
}

# Barriers in our housing process, not flaws of the client (the training is explicit about it).
BARRIER_CATEGORIES: dict[str, str] = {
    "documents": "Documents (ID, birth certificate, income proof)",
    "income": "Income",
    "unit_availability": "Unit availability",
    "eligibility": "Program eligibility",
    "landlord": "Landlord acceptance",
    "transportation": "Transportation",
    "health": "Health-care access",
    "lost_contact": "Lost contact",
    "other": "Other system barrier",
}

# The training's group agreements, proposed for every new conference: one a line, in a data file.
DEFAULT_AGREEMENTS = (Path(__file__).parent / "group-agreements.txt").read_text(
    encoding="utf-8").strip()


class HouseholdWords:
    """What a household's fields read as on a page: for the record and for a row of the list
    (list_rows.ListRow), which carries the same fields."""

    __slots__ = ()

    @property
    def reference(self) -> str:
        """How the household is named where its identity may not be shown."""
        return f"Household #{self.id}"

    @property
    def housing_status_label(self) -> str:
        return HOUSING_STATUSES.get(self.housing_status, self.housing_status)

    @property
    def status_label(self) -> str:
        return LIST_STATUSES.get(self.status, self.status)

    @property
    def household_type_label(self) -> str:
        return HOUSEHOLD_TYPES.get(self.household_type, self.household_type)

    def days_on_list(self, today: date | None = None) -> int:
        end = self.move_in_on if self.status == "housed" and self.move_in_on else (today or local_today())
        return max(0, (end - self.added_on).days)

    def consent_on_file(self, today: date | None = None) -> bool:
        today = today or local_today()
        return self.consent and (self.consent_expires_on is None or self.consent_expires_on >= today)

    def awaits_conference(self, today: date | None = None) -> bool:
        """Still to be worked: on the active list and not set aside by the group until a later
        revisit date (the rule the proposed agenda follows)."""
        today = today or local_today()
        paused = self.paused_on is not None and (self.revisit_on is None or self.revisit_on > today)
        return self.status == "active" and not paused


class Household(HouseholdWords, db.Model):
    """One household on the By-Name List, as HMIS exports it plus what the CoC adds."""

    __tablename__ = "bnl_household"

    id: Mapped[int] = mapped_column(primary_key=True)
    hmis_id: Mapped[str] = mapped_column(String(40), unique=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    ssn4: Mapped[str] = mapped_column(String(4), default="")
    household_type: Mapped[str] = mapped_column(String(20), default="individual")
    veteran: Mapped[bool] = mapped_column(default=False)
    chronic: Mapped[bool] = mapped_column(default=False)
    housing_status: Mapped[str] = mapped_column(String(20), default="unsheltered")
    county_id: Mapped[Optional[int]] = mapped_column(ForeignKey("county.id"), index=True)
    # Copied from the county when saved: the list is filtered and scoped by region constantly
    # (indexed with the list's order, below).
    region_id: Mapped[Optional[int]] = mapped_column(ForeignKey("region.id"))
    added_on: Mapped[date] = mapped_column(default=local_today)
    status_updated_on: Mapped[Optional[date]]
    priority_score: Mapped[int] = mapped_column(default=0)
    score_tool: Mapped[str] = mapped_column(String(60), default="")
    last_contact_on: Mapped[Optional[date]]
    # Indexed: the list's navigator filter reads the few distinct names from the index.
    navigator_name: Mapped[str] = mapped_column(String(200), default="", index=True)
    navigator_organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"))
    housing_need: Mapped[str] = mapped_column(String(10), default="moderate")
    service_need: Mapped[str] = mapped_column(String(10), default="moderate")
    # Release of information: may this household be discussed at case conferences?
    consent: Mapped[bool] = mapped_column(default=False)
    consent_on: Mapped[Optional[date]]
    consent_expires_on: Mapped[Optional[date]]
    # Survivors: identifying fields only for the entering agency and admins.
    safety_flag: Mapped[bool] = mapped_column(default=False)
    entered_by_organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default="active")
    # Housed on this date; a date still ahead is a scheduled move-in (active until that day).
    move_in_on: Mapped[Optional[date]]
    inactive_reason: Mapped[str] = mapped_column(String(300), default="")
    # The group's standing target, carried into each conference's entry for the household.
    target_move_in_on: Mapped[Optional[date]]
    # Set aside for now by the group: still on the list, off the agenda until the revisit date.
    paused_on: Mapped[Optional[date]]
    pause_reason: Mapped[str] = mapped_column(String(300), default="")
    revisit_on: Mapped[Optional[date]]
    # The group's own priority ("supplementing scores with expert knowledge"): ranks the household
    # on the agenda in place of its score, with the reason (and a history row).
    priority_override: Mapped[Optional[int]]
    priority_reason: Mapped[str] = mapped_column(String(300), default="")
    # HUD's race and ethnicity categories, comma-separated keys of RACE_ETHNICITY (optional).
    race_ethnicity: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    county: Mapped[Optional[County]] = relationship()
    region: Mapped[Optional[Region]] = relationship()
    navigator_organization: Mapped[Optional[Organization]] = relationship(
        foreign_keys=[navigator_organization_id])
    entered_by_organization: Mapped[Optional[Organization]] = relationship(
        foreign_keys=[entered_by_organization_id])
    entries: Mapped[list["ConferenceEntry"]] = relationship(back_populates="household")


# The list page reads a page in its order from these and stops (no sort of the whole list): one for
# the whole list, one for a region's (providers always see one region). Veteran and chronic ride
# along at the end so those filters, and the page's count of matches, are answered from the index.
Index("ix_bnl_household_list", Household.status, Household.priority_score.desc(),
      Household.added_on, Household.id, Household.veteran, Household.chronic)
Index("ix_bnl_household_region_list", Household.region_id, Household.status,
      Household.priority_score.desc(), Household.added_on, Household.id, Household.veteran,
      Household.chronic)
# A conference's proposed agenda: the region's active households, the group's priority first.
Index("ix_bnl_household_agenda", Household.region_id, Household.status,
      func.coalesce(Household.priority_override, Household.priority_score).desc(),
      Household.added_on, Household.id)
# Scheduled move-ins that are due, looked up on every view of the list (none due: nothing read).
Index("ix_bnl_household_move_in", Household.status, Household.move_in_on)
# A household's region for a join from its status changes (a conference's movement), read from
# this narrow index instead of the household's whole row (five times faster at 10x on SQLite).
Index("ix_bnl_household_region_of", Household.id, Household.region_id)


class CaseConference(db.Model):
    """One meeting of a region's providers to work the list."""

    __tablename__ = "case_conference"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    held_at: Mapped[datetime] = mapped_column(index=True)
    format: Mapped[str] = mapped_column(String(20), default="in_person")
    focus: Mapped[str] = mapped_column(String(30), default="highest_priority")
    facilitator_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    scribe_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    group_agreements: Mapped[str] = mapped_column(Text, default=DEFAULT_AGREEMENTS)
    # "Available resources and unmet need", the numbers the directory cannot know.
    new_vacancies: Mapped[Optional[int]]
    forecast_vacancies: Mapped[Optional[int]]
    resources_note: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    region: Mapped[Region] = relationship()
    facilitator = relationship("User", foreign_keys=[facilitator_id])
    scribe = relationship("User", foreign_keys=[scribe_id])
    entries: Mapped[list["ConferenceEntry"]] = relationship(
        back_populates="conference", cascade="all, delete-orphan",
        order_by="(ConferenceEntry.position, ConferenceEntry.id)")
    attendees: Mapped[list["ConferenceAttendee"]] = relationship(
        back_populates="conference", cascade="all, delete-orphan", order_by="ConferenceAttendee.id")
    # When the region's conference before this one was held (None: none, or not asked for): read
    # with the conference on the meeting page (movement.PREVIOUS_HELD_AT), not by a query of its own.
    previous_held_at: Mapped[Optional[datetime]] = query_expression()

    def agenda(self, today: date | None = None) -> list["ConferenceEntry"]:
        """The households this conference works. A meeting still to come carries only those still
        awaiting a conference (one housed, made inactive or set aside since the agenda was made
        drops off) and those already recorded; a past meeting keeps every entry, its history."""
        return worked(self.entries, self.held_at, today or local_today())

    @property
    def format_label(self) -> str:
        return CONFERENCE_FORMATS.get(self.format, self.format)

    @property
    def focus_label(self) -> str:
        return CONFERENCE_FOCUSES.get(self.focus, self.focus)


def worked(entries: list, held_at: datetime, today: date) -> list:
    """CaseConference.agenda's rule, for its entries as records or as plain rows of the same
    fields (saved_at, household: status, paused_on, revisit_on)."""
    if held_at.date() < today:
        return list(entries)
    return [e for e in entries if e.saved_at is not None or e.household.awaits_conference(today)]


class ConferenceAttendee(db.Model):
    __tablename__ = "case_conference_attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("case_conference.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    pronouns: Mapped[str] = mapped_column(String(40), default="")
    organization: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default="provider")

    conference: Mapped[CaseConference] = relationship(back_populates="attendees")

    @property
    def role_label(self) -> str:
        return ATTENDEE_ROLES.get(self.role, self.role)


class EntryWords:
    """What an entry's fields read as: for the record and a row (agenda_rows.AgendaEntry)."""

    __slots__ = ()

    @property
    def barrier_label(self) -> str:
        return BARRIER_CATEGORIES.get(self.barrier_category, self.barrier_category)

    @property
    def missing(self) -> list[str]:
        """What the after-meeting check flags: no action step, no owner, no date."""
        gaps = []
        if not self.action_step.strip():
            gaps.append("action step")
        if self.responsible_id is None:
            gaps.append("staff responsible")
        if self.target_on is None:
            gaps.append("target date")
        return gaps


class ConferenceEntry(EntryWords, db.Model):
    """One household worked in one conference: follow-up, system barrier, action step, who, when."""

    __tablename__ = "case_conference_entry"
    __table_args__ = (UniqueConstraint("conference_id", "household_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(
        ForeignKey("case_conference.id", ondelete="CASCADE"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("bnl_household.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    # Last time's action step, copied when the agenda is made (carry-forward).
    previous_action: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    barrier_category: Mapped[str] = mapped_column(String(30), default="")
    barrier_note: Mapped[str] = mapped_column(String(500), default="")
    action_step: Mapped[str] = mapped_column(Text, default="")
    responsible_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    target_on: Mapped[Optional[date]]
    action_item_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("action_item.id", ondelete="SET NULL"))
    saved_at: Mapped[Optional[datetime]]
    saved_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))

    conference: Mapped[CaseConference] = relationship(back_populates="entries")
    household: Mapped[Household] = relationship(back_populates="entries")
    responsible = relationship("User", foreign_keys=[responsible_id])


class ColumnMapping(db.Model):
    """What a coordinator said a file's headings mean, kept for the next file with the same
    headings (a CoC's HMIS report never changes its headings)."""

    __tablename__ = "bnl_column_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 of the file's headings as keys, in order
    signature: Mapped[str] = mapped_column(String(64), unique=True)
    # JSON: {heading key: field key, or "" for "not imported"}
    mapping: Mapped[str] = mapped_column(Text, default="{}")
    updated_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# What happened to a household on the list, on which date (the list's flow is counted from these).
STATUS_CHANGES: dict[str, str] = {
    "identified": "Newly identified",
    "returned_from_housed": "Returned from housed",
    "returned_from_inactive": "Returned from inactive",
    "housed": "Housed",
    "inactive": "Moved to inactive",
    "paused": "Paused",
    "resumed": "Resumed",
    "priority_override": "Priority set by the group",
}


class StatusChange(db.Model):
    """One change of a household's list status, by hand, by an import or by the migration that
    started the history (source), with the date it took effect and who recorded it."""

    __tablename__ = "bnl_status_change"
    # A period's changes by kind, and whose they are, read from the index alone (movement.py).
    __table_args__ = (Index("ix_bnl_status_change_moves", "effective_on", "kind", "household_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("bnl_household.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    effective_on: Mapped[date]
    reason: Mapped[str] = mapped_column(String(300), default="")
    move_in_on: Mapped[Optional[date]]
    source: Mapped[str] = mapped_column(String(10), default="ui")  # ui, import, cli, history
    recorded_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    household: Mapped[Household] = relationship()

    @property
    def label(self) -> str:
        return STATUS_CHANGES.get(self.kind, self.kind)
