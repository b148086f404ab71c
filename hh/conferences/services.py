"""By-Name List and case conferences: who may see what, the list, status changes, agendas,
working the list, the after-meeting check and the learning loop. Everything that changes data
is here, testable without a request; every change is audited with ids only (never client data).
"""
from __future__ import annotations

import functools
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import selectinload

from hh.auth.models import User
from hh.conferences.models import (
    ATTENDEE_ROLES,
    BARRIER_CATEGORIES,
    CONFERENCE_FOCUSES,
    CONFERENCE_FORMATS,
    HOUSING_STATUSES,
    NEED_LEVELS,
    CaseConference,
    ConferenceAttendee,
    ConferenceEntry,
    Household,
)
from hh.conferences.privacy import (  # noqa: F401
    MASK,
    Identity,
    can_record,
    can_view,
    can_view_conference,
    identity,
    may_identify,
    region_scope,
)
from hh.directory.models import County, Organization, Region
from hh.errors import InputError, raise_if
from hh.extensions import db
from hh.timeutil import local_today, utcnow
from hh.web import audit, like


class ConferenceError(InputError):
    """Input that cannot be saved; `errors` maps each form field to its message."""


# --- The list -----------------------------------------------------------------------------------


@dataclass
class ListFilters:
    region_id: int | None = None
    status: str = "active"
    veteran: bool = False
    chronic: bool = False
    navigator: str = ""
    no_contact_days: int | None = None


def household_query(filters: ListFilters, user, today: date | None = None) -> Select:
    """The prioritized list: highest score first, then longest on the list."""
    today = today or local_today()
    query = select(Household)
    query = region_scope(query, user, Household.region_id)
    if filters.region_id:
        query = query.where(Household.region_id == filters.region_id)
    if filters.status:
        query = query.where(Household.status == filters.status)
    if filters.veteran:
        query = query.where(Household.veteran.is_(True))
    if filters.chronic:
        query = query.where(Household.chronic.is_(True))
    if filters.navigator:
        query = query.where(Household.navigator_name.ilike(like(filters.navigator), escape="\\"))
    if filters.no_contact_days is not None:
        cutoff = today - timedelta(days=filters.no_contact_days)
        query = query.where((Household.last_contact_on.is_(None)) | (Household.last_contact_on < cutoff))
    return query.options(selectinload(Household.county), selectinload(Household.region)).order_by(
        Household.priority_score.desc(), Household.added_on, Household.id)


def region_choices(user=None) -> list[tuple[int, str]]:
    query = select(Region).order_by(Region.name)
    if user is not None:
        query = region_scope(query, user, Region.id)
    return [(r.id, r.name) for r in db.session.scalars(query)]


EXPORT_HEADER = ["internal_id", "hmis_id", "first_name", "last_name", "ssn_last4", "household_type",
                 "veteran", "chronic", "housing_status", "county", "region", "date_added",
                 "days_on_list", "status_updated", "priority_score", "score_tool", "last_contact",
                 "navigator", "housing_need", "service_need", "consent_on_file", "status",
                 "move_in_date", "inactive_reason"]


def export_rows(households, user, today: date | None = None):
    """The list as spreadsheet rows, identifying fields masked as on the page."""
    for h in households:
        shown = may_identify(user, h, today)
        yield [h.id, h.hmis_id if shown else MASK, h.first_name if shown else MASK,
               h.last_name if shown else MASK, (h.ssn4 if shown else MASK) if h.ssn4 else "",
               h.household_type_label, "yes" if h.veteran else "no", "yes" if h.chronic else "no",
               h.housing_status_label, h.county.name if h.county else "",
               h.region.name if h.region else "", h.added_on, h.days_on_list(today),
               h.status_updated_on or "", h.priority_score, h.score_tool, h.last_contact_on or "",
               h.navigator_name, h.housing_need, h.service_need,
               "yes" if h.consent_on_file(today) else "no", h.status_label, h.move_in_on or "",
               h.inactive_reason]


# --- Status changes (nothing is deleted) ----------------------------------------------------------


def mark_housed(household: Household, move_in_on: date | None, user) -> None:
    if move_in_on is None:
        raise_if({"move_in_on": "Enter the move-in date."}, ConferenceError)
    if move_in_on < household.added_on:
        raise_if({"move_in_on": "The move-in date is before the household joined the list."}, ConferenceError)
    if move_in_on > local_today() + timedelta(days=366):
        raise_if({"move_in_on": "The move-in date is more than a year away."}, ConferenceError)
    household.status = "housed"
    household.housing_status = "housed"
    household.move_in_on = move_in_on
    household.inactive_reason = ""
    household.status_updated_on = local_today()
    audit("household_housed", "household", household.id, user=user)
    db.session.commit()


def mark_inactive(household: Household, reason: str, user) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise_if({"reason": "Say why the household leaves the active list."}, ConferenceError)
    if len(reason) > 300:
        raise_if({"reason": "Keep the reason under 300 characters."}, ConferenceError)
    household.status = "inactive"
    household.housing_status = "inactive"
    household.inactive_reason = reason
    household.status_updated_on = local_today()
    audit("household_inactive", "household", household.id, user=user)
    db.session.commit()


def reactivate(household: Household, user) -> None:
    household.status = "active"
    if household.housing_status in ("housed", "inactive"):
        household.housing_status = "unsheltered"
    household.move_in_on = None
    household.inactive_reason = ""
    household.status_updated_on = local_today()
    audit("household_reactivated", "household", household.id, user=user)
    db.session.commit()


# --- Editing a household's CoC-side fields ----------------------------------------------------------
# HMIS owns the identifying fields (names, HMIS ID, SSN digits, score): they change by re-import.
# What the CoC knows first is edited here: coordinators all of it, providers of the region the
# last contact and the navigator. Audited with the names of the fields changed, never values.

EDITABLE_HOUSING_STATUSES = [k for k in HOUSING_STATUSES if k not in ("housed", "inactive")]


def _navigator(data: dict, errors: dict, current_id: int | None) -> tuple[str, int | None]:
    name = " ".join((data.get("navigator_name") or "").split())
    if len(name) > 200:
        errors["navigator_name"] = "Keep the navigator's name under 200 characters."
    organization_id = data.get("navigator_organization_id")
    if organization_id in (None, ""):
        return name, None
    known = isinstance(organization_id, int) and 0 < organization_id < 2**31
    organization = db.session.get(Organization, organization_id) if known else None
    if organization is None or not (organization.active or organization.id == current_id):
        errors["navigator_organization_id"] = "Choose an organization from the list."
        return name, None
    return name, organization.id


def _past_date(data: dict, name: str, errors: dict, today: date, what: str) -> date | None:
    value = data.get(name)
    if value is not None and value > today:
        errors[name] = f"The {what} cannot be in the future."
    return value


def _apply(household: Household, values: dict, user, today: date) -> list[str]:
    changed = [name for name, value in values.items() if getattr(household, name) != value]
    for name in changed:
        setattr(household, name, values[name])
    if "housing_status" in changed:
        household.status_updated_on = today
    if changed:
        audit("household_updated", "household", household.id,
              detail="changed " + ", ".join(changed), user=user)
    db.session.commit()
    return changed


def update_household(household: Household, data: dict, user, today: date | None = None) -> list[str]:
    """Coordinators: release of information and its dates, the safety flag, navigator, last
    contact, housing status (while on the active list) and need levels. Returns the names of
    the fields changed."""
    today = today or local_today()
    errors: dict[str, str] = {}
    consent = bool(data.get("consent"))
    consent_on = _past_date(data, "consent_on", errors, today, "signing date")
    expires = data.get("consent_expires_on")
    if consent_on and expires and expires < consent_on:
        errors["consent_expires_on"] = "The release expires before it was signed."
    if not consent and (consent_on or expires):
        errors["consent"] = "Tick “release of information on file”, or clear its dates."
    safety = bool(data.get("safety_flag"))
    if household.safety_flag and not safety and not may_identify(user, household, today):
        # Lifting the flag would show the survivor's name to the person lifting it.
        errors["safety_flag"] = ("Only the entering agency or an administrator can lift a "
                                 "safety flag.")
    navigator_name, navigator_organization_id = _navigator(
        data, errors, household.navigator_organization_id)
    last_contact = _past_date(data, "last_contact_on", errors, today, "last contact")
    if household.status == "active":
        housing_status = data.get("housing_status")
        if housing_status not in EDITABLE_HOUSING_STATUSES:
            errors["housing_status"] = ("Choose a housing status from the list (housed and "
                                        "inactive: change the list status instead).")
    else:
        housing_status = household.housing_status  # follows the list status
    for name in ("housing_need", "service_need"):
        if data.get(name) not in NEED_LEVELS:
            errors[name] = "Choose low, moderate or high."
    raise_if(errors, ConferenceError)
    return _apply(household, {
        "consent": consent, "consent_on": consent_on, "consent_expires_on": expires,
        "safety_flag": safety, "navigator_name": navigator_name,
        "navigator_organization_id": navigator_organization_id, "last_contact_on": last_contact,
        "housing_status": housing_status, "housing_need": data["housing_need"],
        "service_need": data["service_need"]}, user, today)


def record_contact(household: Household, data: dict, user, today: date | None = None) -> list[str]:
    """Providers of the region (and coordinators): the date of the last contact and the
    navigator (person and organization)."""
    today = today or local_today()
    errors: dict[str, str] = {}
    last_contact = _past_date(data, "last_contact_on", errors, today, "last contact")
    if last_contact is None and "last_contact_on" not in errors:
        errors["last_contact_on"] = "Enter the date of the last contact."
    navigator_name, navigator_organization_id = _navigator(
        data, errors, household.navigator_organization_id)
    raise_if(errors, ConferenceError)
    return _apply(household, {"last_contact_on": last_contact, "navigator_name": navigator_name,
                              "navigator_organization_id": navigator_organization_id}, user, today)


def organization_choices(current_id: int | None = None) -> list[tuple[int, str]]:
    """Active organizations, and the household's present one even if no longer active."""
    organizations = db.session.scalars(
        select(Organization).where(Organization.active.is_(True) | (Organization.id == current_id))
        .order_by(Organization.name))
    return [(o.id, o.name) for o in organizations]


# --- Conferences ----------------------------------------------------------------------------------


def staff_choices() -> list[tuple[int, str]]:
    users = db.session.scalars(select(User).where(User.active.is_(True),
                                                  User.role.in_(("provider", "coordinator", "admin")))
                               .order_by(User.name, User.email))
    return [(u.id, u.display_name) for u in users]


def conference_query(user) -> Select:
    query = select(CaseConference).options(selectinload(CaseConference.region))
    return region_scope(query, user, CaseConference.region_id).order_by(
        CaseConference.held_at.desc(), CaseConference.id.desc())


def _valid_user(user_id, name: str, errors: dict) -> int | None:
    if user_id in (None, ""):
        return None
    found = db.session.get(User, user_id) if isinstance(user_id, int) and user_id > 0 else None
    if found is None or not found.active or found.role == "viewer":
        errors[name] = "Choose a person from the list."
        return None
    return found.id


def _bounded(value, name: str, errors: dict, low: int = 0, high: int = 1000) -> int | None:
    if value is None:
        return None
    if not low <= value <= high:
        errors[name] = f"Enter a number from {low} to {high}."
    return value


def save_conference(conference: CaseConference | None, data: dict, user) -> CaseConference:
    """Create or edit a conference; a new one gets its agenda proposed at once."""
    errors: dict[str, str] = {}
    region = db.session.get(Region, data.get("region_id")) if isinstance(data.get("region_id"), int) else None
    if region is None:
        errors["region_id"] = "Choose the region."
    if data.get("held_on") is None:
        errors["held_on"] = "Enter the date of the meeting."
    if data.get("format") not in CONFERENCE_FORMATS:
        errors["format"] = "Choose a format."
    if data.get("focus") not in CONFERENCE_FOCUSES:
        errors["focus"] = "Choose a focus."
    facilitator_id = _valid_user(data.get("facilitator_id"), "facilitator_id", errors)
    scribe_id = _valid_user(data.get("scribe_id"), "scribe_id", errors)
    new_vacancies = _bounded(data.get("new_vacancies"), "new_vacancies", errors)
    forecast = _bounded(data.get("forecast_vacancies"), "forecast_vacancies", errors)
    size = data.get("agenda_size") or 10
    if conference is None:
        _bounded(size, "agenda_size", errors, 1, 30)
    raise_if(errors, ConferenceError)
    is_new = conference is None
    if is_new:
        conference = CaseConference(created_by_id=user.id if user else None)
        db.session.add(conference)
    conference.region_id = region.id
    conference.held_at = datetime.combine(data["held_on"], data.get("held_time") or time(10, 0))
    conference.format = data["format"]
    conference.focus = data["focus"]
    conference.facilitator_id = facilitator_id
    conference.scribe_id = scribe_id
    conference.group_agreements = (data.get("group_agreements") or "").strip()[:5000]
    conference.new_vacancies = new_vacancies
    conference.forecast_vacancies = forecast
    conference.resources_note = (data.get("resources_note") or "").strip()[:5000]
    db.session.flush()
    if is_new:
        for household in propose_agenda(conference.region_id, size):
            add_to_agenda(conference, household)
    audit("conference_created" if is_new else "conference_updated", "conference", conference.id,
          user=user)
    db.session.commit()
    return conference


def agenda_candidates(region_id: int, today: date | None = None) -> Select:
    """Active households of the region with a release of information on file, most critical
    first (score, then longest on the list, then the oldest record: ties always break the same
    way)."""
    if today is None:
        today = local_today()
    return (select(Household)
            .where(Household.region_id == region_id, Household.status == "active",
                   Household.consent.is_(True),
                   (Household.consent_expires_on.is_(None)) | (Household.consent_expires_on >= today))
            .order_by(Household.priority_score.desc(), Household.added_on, Household.id))


def propose_agenda(region_id: int, size: int = 10, today: date | None = None,
                   exclude: set[int] | None = None) -> list[Household]:
    query = agenda_candidates(region_id, today)
    if exclude:
        query = query.where(Household.id.not_in(sorted(exclude)))
    return list(db.session.scalars(query.limit(size)))


class _Candidate(NamedTuple):
    """A household the add form offers, as its label and identity() read it: the columns, with
    Household's own rules for its reference and its release (40 rows of columns are a fraction
    of 40 ORM objects)."""

    id: int
    first_name: str
    last_name: str
    hmis_id: str
    ssn4: str
    priority_score: int
    region_id: int | None
    safety_flag: bool
    entered_by_organization_id: int | None
    consent: bool
    consent_expires_on: date | None

    reference = Household.reference
    consent_on_file = Household.consent_on_file


@functools.cache
def _candidates_statement() -> Select:
    """agenda_candidates() as _Candidate columns, built once per process (values bound)."""
    return (agenda_candidates(bindparam("region_id"), bindparam("today"))
            .with_only_columns(*(getattr(Household, name) for name in _Candidate._fields))
            .limit(bindparam("limit")))


def agenda_choices(conference: CaseConference, user, size: int = 40,
                   today: date | None = None) -> list[tuple[int, str]]:
    """The add form's choices: the region's next `size` most critical households not on the
    agenda yet, "name · score" as this reader may see them (a longer list would only slow the
    page)."""
    on_agenda = {e.household_id for e in conference.entries}
    rows = db.session.connection().execute(_candidates_statement(), {
        "region_id": conference.region_id, "today": today or local_today(),
        "limit": size + len(on_agenda)})
    candidates = [_Candidate(*row) for row in rows]
    return [(h.id, f"{identity(user, h).name} · score {h.priority_score}")
            for h in candidates if h.id not in on_agenda]


@dataclass(frozen=True)
class AgendaRow:
    """One household of a conference's agenda as its pages show it."""

    entry: ConferenceEntry
    who: Identity
    days_on_list: int


def agenda_rows(conference: CaseConference, user, today: date | None = None) -> list[AgendaRow]:
    """The agenda in one pass: who each household is to this reader and its days on the list
    (pass the user object, not Flask-Login's proxy: every attribute read through the proxy
    looks the user up again, several times per household)."""
    today = today or local_today()
    return [AgendaRow(e, identity(user, e.household), e.household.days_on_list(today))
            for e in conference.entries]


def last_action(household_id: int, before: CaseConference | None = None) -> str:
    """The household's most recent action step from an earlier conference (carry-forward)."""
    query = (select(ConferenceEntry.action_step).join(CaseConference)
             .where(ConferenceEntry.household_id == household_id, ConferenceEntry.action_step != "")
             .order_by(CaseConference.held_at.desc(), ConferenceEntry.id.desc()).limit(1))
    if before is not None:
        query = query.where(CaseConference.id != before.id, CaseConference.held_at <= before.held_at)
    return db.session.scalar(query) or ""


def add_to_agenda(conference: CaseConference, household: Household) -> ConferenceEntry:
    if household.region_id != conference.region_id:
        raise ConferenceError("That household is on another region's list.", "household_id")
    if household.status != "active":
        raise ConferenceError("Only households on the active list can be conferenced.", "household_id")
    if not household.consent_on_file():
        raise ConferenceError("That household has no release of information on file.", "household_id")
    if any(e.household_id == household.id for e in conference.entries):
        raise ConferenceError("That household is already on the agenda.", "household_id")
    position = max((e.position for e in conference.entries), default=0) + 1
    entry = ConferenceEntry(conference=conference, household=household, position=position,
                            previous_action=last_action(household.id, conference))
    db.session.add(entry)
    db.session.flush()
    return entry


def add_household(conference: CaseConference, household_id, user) -> ConferenceEntry:
    household = db.session.get(Household, household_id) if isinstance(household_id, int) else None
    if household is None:
        raise ConferenceError("Choose a household from the list.", "household_id")
    entry = add_to_agenda(conference, household)
    audit("agenda_added", "conference", conference.id, detail=f"household {household.id}", user=user)
    db.session.commit()
    return entry


def remove_entry(entry: ConferenceEntry, user) -> None:
    conference = entry.conference
    detail = f"household {entry.household_id}"
    conference.entries.remove(entry)
    _renumber(conference)
    audit("agenda_removed", "conference", conference.id, detail=detail, user=user)
    db.session.commit()


def move_entry(entry: ConferenceEntry, direction: str, user) -> None:
    entries = list(entry.conference.entries)
    index = entries.index(entry)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(entries):
        return
    entries[index], entries[other] = entries[other], entries[index]
    for number, item in enumerate(entries, start=1):
        item.position = number
    audit("agenda_reordered", "conference", entry.conference_id, user=user)
    db.session.commit()


def _renumber(conference: CaseConference) -> None:
    for number, item in enumerate(sorted(conference.entries, key=lambda e: (e.position, e.id)), 1):
        item.position = number


def add_attendee(conference: CaseConference, data: dict, user) -> ConferenceAttendee:
    errors = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = "Enter the person's name."
    elif len(name) > 200:
        errors["name"] = "Keep the name under 200 characters."
    if len((data.get("organization") or "").strip()) > 200:
        errors["organization"] = "Keep the organization under 200 characters."
    if data.get("role") not in ATTENDEE_ROLES:
        errors["role"] = "Choose a role."
    raise_if(errors, ConferenceError)
    attendee = ConferenceAttendee(conference=conference, name=name,
                                  organization=(data.get("organization") or "").strip(),
                                  role=data["role"])
    db.session.add(attendee)
    audit("attendee_added", "conference", conference.id, user=user)
    db.session.commit()
    return attendee


def save_entry(entry: ConferenceEntry, data: dict, user) -> ConferenceEntry:
    """Record one household's part of the meeting; the action step becomes an action item
    owned by the staff member responsible."""
    errors: dict[str, str] = {}
    limits = {"follow_up": 2000, "barrier_note": 500, "action_step": 1000}
    values = {}
    for name, limit in limits.items():
        values[name] = (data.get(name) or "").strip()
        if len(values[name]) > limit:
            errors[name] = f"Keep this under {limit} characters."
    category = data.get("barrier_category") or ""
    if category and category not in BARRIER_CATEGORIES:
        errors["barrier_category"] = "Choose a barrier from the list."
    responsible_id = _valid_user(data.get("responsible_id"), "responsible_id", errors)
    target_on = data.get("target_on")
    if target_on is not None and target_on < entry.conference.held_at.date() - timedelta(days=1):
        errors["target_on"] = "The target date is before the meeting."
    raise_if(errors, ConferenceError)
    entry.follow_up = values["follow_up"]
    entry.barrier_note = values["barrier_note"]
    entry.action_step = values["action_step"]
    entry.barrier_category = category
    entry.responsible_id = responsible_id
    entry.target_on = target_on
    entry.saved_at = utcnow()
    entry.saved_by_id = user.id if user else None
    sync_action_item(entry)
    audit("conference_entry_saved", "conference", entry.conference_id,
          detail=f"entry {entry.id}", user=user)
    db.session.commit()
    return entry


ACTION_PLAN_TITLE = "Case-conference action steps: {region}"


def action_item_description(entry: ConferenceEntry) -> str:
    """What the action item says: where to find the step, never the step itself.

    Action plans are read by every role (viewers, providers of every region), while the
    conference is not: the scribe's free text may name the client or carry health or housing
    details, so it stays with the conference and the item points there by internal numbers only.
    """
    conference = entry.conference
    return (f"Case-conference action step for {entry.household.reference}, agreed at the "
            f"{conference.region.name} case conference of {conference.held_at:%Y-%m-%d} "
            f"(conference #{conference.id}). The step itself is on the conference's "
            "“Work the list” page, for those who may see the household.")[:1000]


def sync_action_item(entry: ConferenceEntry) -> None:
    """An action step with an owner is an action item on the region's case-conferencing plan,
    so it shows in the owner's "my items" and in the plan's follow-up. Plans are read by every
    partner, so the item carries no free text from the meeting: only the household's internal
    number, the conference's date and number, the owner and the target date."""
    from hh.plans.models import ActionItem, ActionPlan

    if not entry.action_step or entry.responsible_id is None:
        return
    conference = entry.conference
    title = ACTION_PLAN_TITLE.format(region=conference.region.name)[:200]
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.title == title))
    if plan is None:
        plan = ActionPlan(title=title, status="active",
                          aim="Every household worked at a case conference leaves with an action "
                              "step, a person responsible and a target date.")
        db.session.add(plan)
        db.session.flush()
    description = action_item_description(entry)
    item = db.session.get(ActionItem, entry.action_item_id) if entry.action_item_id else None
    if item is None:
        item = ActionItem(plan=plan, status="open", description=description)
        db.session.add(item)
    item.description = description
    item.owner_id = entry.responsible_id
    item.due_on = entry.target_on
    db.session.flush()
    entry.action_item_id = item.id


def save_summary(conference: CaseConference, summary: str, user) -> None:
    summary = (summary or "").strip()
    if len(summary) > 5000:
        raise_if({"summary": "Keep the summary under 5,000 characters."}, ConferenceError)
    conference.summary = summary
    audit("conference_summary_saved", "conference", conference.id, user=user)
    db.session.commit()


def plan_next(conference: CaseConference, user, size: int = 10) -> CaseConference:
    """The next meeting a week later: this meeting's households still active carry forward
    (with their last action step), then the most critical others up to the agenda size."""
    following = CaseConference(
        region_id=conference.region_id, held_at=conference.held_at + timedelta(days=7),
        format=conference.format, focus=conference.focus,
        facilitator_id=conference.facilitator_id, scribe_id=conference.scribe_id,
        group_agreements=conference.group_agreements, created_by_id=user.id if user else None)
    db.session.add(following)
    db.session.flush()
    carried = [e.household for e in conference.entries
               if e.household.status == "active" and e.household.consent_on_file()]
    size = max(size, len(carried))
    for household in carried + propose_agenda(conference.region_id, size - len(carried),
                                              exclude={h.id for h in carried}):
        add_to_agenda(following, household)
    audit("conference_created", "conference", following.id,
          detail=f"carried forward from conference {conference.id}", user=user)
    db.session.commit()
    return following


# A region served by more services than this (service × county rows) gets its vacancies found
# from the fresh free units instead (see vacancies()).
VACANCY_DIRECT_AREAS = 1000


@dataclass(frozen=True)
class Vacancy:
    """One row of a meeting's "available resources": a service's free units of one kind."""

    service_id: int
    service: str
    organization: str
    available: int
    total: int
    unit_label: str


@functools.cache
def _vacancy_statements() -> dict[str, Select]:
    """vacancies()' queries, built once per process: building them took as long as running them
    (the values go in as bound parameters)."""
    from hh.resources.models import CapacityUnit, Service, ServiceArea
    from hh.resources.services import HIDDEN_STATUSES

    counties = select(County.id).where(County.region_id == bindparam("region_id"))
    fresh = (CapacityUnit.available > 0, CapacityUnit.updated_at >= bindparam("cutoff"))
    units = select(CapacityUnit.service_id, CapacityUnit.available, CapacityUnit.total,
                   CapacityUnit.unit_type).where(*fresh)
    serves_region = (select(ServiceArea.id).join(County, County.id == ServiceArea.county_id)
                     .where(ServiceArea.service_id == Service.id,
                            County.region_id == bindparam("region_id"))
                     .exists())
    return {
        # Only whether there are more than VACANCY_DIRECT_AREAS matters: counted no further.
        "areas": select(func.count()).select_from(
            select(ServiceArea.county_id).where(ServiceArea.county_id.in_(counties))
            .limit(bindparam("over")).subquery()),
        "direct": select(Service.id, Service.name, Organization.name, CapacityUnit.available,
                         CapacityUnit.total, CapacityUnit.unit_type)
        .join(CapacityUnit, CapacityUnit.service_id == Service.id)
        .join(Organization, Organization.id == Service.organization_id)
        .where(Service.id.in_(select(ServiceArea.service_id)
                              .where(ServiceArea.county_id.in_(counties))),
               Service.status.not_in(HIDDEN_STATUSES), *fresh)
        .order_by(CapacityUnit.available.desc(), Service.name).limit(bindparam("limit")),
        "first": units.order_by(CapacityUnit.available.desc()).limit(bindparam("size")),
        "next": units.where(CapacityUnit.available < bindparam("below"))
        .order_by(CapacityUnit.available.desc()).limit(bindparam("size")),
        "run": units.where(CapacityUnit.available == bindparam("below")),
        "services": select(Service.id, Service.name, Organization.name)
        .join(Organization, Organization.id == Service.organization_id)
        .where(Service.id.in_(bindparam("ids", expanding=True)),
               Service.status.not_in(HIDDEN_STATUSES), serves_region),
    }


def vacancies(region_id: int, limit: int = 40) -> list[Vacancy]:
    """Directory services serving the region with fresh free units now, the most room first:
    the meeting's "available resources".

    A large directory's region serves thousands of services, and fresh free units are fewer:
    then the units are read the most room first, a batch at a time (a batch always ends after a
    whole run of equal numbers, so the order, most room then the service's name, is exact; each
    batch is larger than the one before), and only the services of each batch are checked
    (shown, serves the region). A region with few services is answered in one query."""
    from hh.resources.models import UNIT_TYPES
    from hh.resources.services import availability_cutoff

    statements = _vacancy_statements()
    # Column queries only: run on the session's connection, without the ORM's work per query.
    run = db.session.connection().execute
    cutoff = availability_cutoff()
    areas = run(statements["areas"],
                {"region_id": region_id, "over": VACANCY_DIRECT_AREAS + 1}).scalar()
    if areas <= VACANCY_DIRECT_AREAS:
        rows = run(statements["direct"], {"region_id": region_id, "cutoff": cutoff, "limit": limit})
        return [Vacancy(service_id, name, organization, available, total,
                        UNIT_TYPES.get(unit_type, unit_type))
                for service_id, name, organization, available, total, unit_type in rows]
    size = 2 * limit
    found: list[Vacancy] = []
    below = None  # the batches so far had more room than this
    while len(found) < limit:
        if below is None:
            batch = run(statements["first"], {"cutoff": cutoff, "size": size}).all()
        else:
            batch = run(statements["next"], {"cutoff": cutoff, "below": below, "size": size}).all()
        if not batch:
            break
        below = batch[-1].available
        if len(batch) == size:  # the run of the last number may go on past the batch
            batch = [row for row in batch if row.available > below] + \
                run(statements["run"], {"cutoff": cutoff, "below": below}).all()
        services = {service_id: (name, organization) for service_id, name, organization in
                    run(statements["services"], {"ids": sorted({row.service_id for row in batch}),
                                                 "region_id": region_id})}
        for row in batch:
            if row.service_id in services:
                name, organization = services[row.service_id]
                found.append(Vacancy(row.service_id, name, organization, row.available, row.total,
                                     UNIT_TYPES.get(row.unit_type, row.unit_type)))
        if len(batch) < size:
            break
        size *= 4
    found.sort(key=lambda vacancy: (-vacancy.available, vacancy.service))
    return found[:limit]


def missing_check(conference: CaseConference) -> list[ConferenceEntry]:
    """Households left without an action step, an owner or a date."""
    return [e for e in conference.entries if e.missing]


# --- Learning loop ------------------------------------------------------------------------------


@dataclass
class RegionLearning:
    region: Region
    barrier_months: dict[str, Counter] = field(default_factory=dict)  # "2026-11" → counts
    barrier_totals: Counter = field(default_factory=Counter)
    conferenced: int = 0
    median_days: float | None = None
    housed_on_time: int = 0
    housed_late: int = 0


def learning(user, today: date | None = None) -> list[RegionLearning]:
    today = today or local_today()
    regions = list(db.session.scalars(region_scope(select(Region), user, Region.id).order_by(Region.name)))
    by_id = {r.id: RegionLearning(r) for r in regions}
    rows = db.session.execute(
        select(CaseConference.region_id, CaseConference.held_at, ConferenceEntry.barrier_category,
               ConferenceEntry.household_id)
        .join(ConferenceEntry, ConferenceEntry.conference_id == CaseConference.id)
        .where(CaseConference.region_id.in_(list(by_id))))
    households: dict[int, set[int]] = defaultdict(set)
    for region_id, held_at, category, household_id in rows:
        stats = by_id[region_id]
        households[region_id].add(household_id)
        if category:
            stats.barrier_months.setdefault(f"{held_at:%Y-%m}", Counter())[category] += 1
            stats.barrier_totals[category] += 1
    for region_id, stats in by_id.items():
        stats.conferenced = len(households[region_id])
        stats.barrier_months = dict(sorted(stats.barrier_months.items()))
    active = db.session.execute(select(Household.region_id, Household.added_on)
                                .where(Household.status == "active",
                                       Household.region_id.in_(list(by_id))))
    days: dict[int, list[int]] = defaultdict(list)
    for region_id, added_on in active:
        days[region_id].append((today - added_on).days)
    for region_id, values in days.items():
        by_id[region_id].median_days = statistics.median(values)
    # Moves into housing against the last target date set at a conference.
    targets = db.session.execute(
        select(Household.region_id, Household.id, Household.move_in_on, ConferenceEntry.target_on,
               CaseConference.held_at)
        .join(ConferenceEntry, ConferenceEntry.household_id == Household.id)
        .join(CaseConference, CaseConference.id == ConferenceEntry.conference_id)
        .where(Household.status == "housed", Household.move_in_on.is_not(None),
               ConferenceEntry.target_on.is_not(None), Household.region_id.in_(list(by_id)))
        .order_by(CaseConference.held_at))
    last_target: dict[int, tuple[int, date, date]] = {}
    for region_id, household_id, move_in, target, _ in targets:
        last_target[household_id] = (region_id, move_in, target)
    for region_id, move_in, target in last_target.values():
        if move_in <= target:
            by_id[region_id].housed_on_time += 1
        else:
            by_id[region_id].housed_late += 1
    return list(by_id.values())


# The kind of service that would remove each system barrier, as service taxonomy codes (see
# hh/resources/taxonomy.py): the Need made from a barrier is filed there, so it counts on the gap
# map (county × category). The most specific code first, then its first-level category, for a
# taxonomy that lacks the sub-category. "other" names no kind of service: no category.
BARRIER_SERVICE_CODES: dict[str, tuple[str, ...]] = {
    "documents": ("documents.identification", "documents"),
    "income": ("income",),
    "unit_availability": ("housing",),
    "eligibility": ("housing",),
    "landlord": ("housing.landlord_engagement", "housing"),
    "transportation": ("transportation",),
    "health": ("health",),
    "lost_contact": ("housing.street_outreach", "housing"),
    "other": (),
}


def barrier_service_category(category: str):
    """The taxonomy term a barrier's Need is filed under, or None."""
    from hh.resources.models import TaxonomyTerm

    for code in BARRIER_SERVICE_CODES.get(category, ()):
        term = db.session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.code == code))
        if term is not None:
            return term
    return None


def barrier_to_need(region_id, category: str, user):
    """Turn a recurring barrier into a Need on the resource map, with the evidence attached
    (counts and dates only, no client data). The need is region-wide (the conference is the
    region's; on the gap map it counts in each of the region's counties) and filed under the
    kind of service that would remove the barrier."""
    from hh.needs.models import Need

    region = db.session.get(Region, region_id) if isinstance(region_id, int) else None
    if region is None or category not in BARRIER_CATEGORIES:
        raise ConferenceError("Choose a region and a barrier from the table.", "category")
    rows = db.session.execute(
        select(CaseConference.id, CaseConference.held_at, ConferenceEntry.household_id)
        .join(ConferenceEntry, ConferenceEntry.conference_id == CaseConference.id)
        .where(CaseConference.region_id == region.id,
               ConferenceEntry.barrier_category == category)).all()
    if not rows:
        raise ConferenceError("No conference recorded that barrier in this region.", "category")
    label = BARRIER_CATEGORIES[category]
    dates = sorted(held_at.date() for _, held_at, _ in rows)
    households = len({h for _, _, h in rows})
    need = Need(
        title=f"Recurring barrier: {label} ({region.name})"[:200], region_id=region.id,
        county_id=None, category=barrier_service_category(category), source="case_conference",
        status="open", households_affected=households,
        created_by_id=user.id if user else None,
        description=(f"Case conferences in {region.name} recorded the system barrier “{label}” "
                     f"{len(rows)} times for {households} households in "
                     f"{len({c for c, _, _ in rows})} conferences between {dates[0]} and "
                     f"{dates[-1]}."))
    db.session.add(need)
    db.session.flush()
    audit("need_from_barrier", "need", need.id, detail=f"region {region.id} {category}", user=user)
    db.session.commit()
    return need
