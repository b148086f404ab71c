"""Case conferences: planning a meeting, its agenda and attendance, working the list (one
household's entry at a time, its action step synced to an action item), the summary and planning
the next meeting. Every change is audited with ids only, never client data."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import selectinload

from hh.auth.models import User
from hh.conferences.action_items import sync_action_item
from hh.conferences.errors import ConferenceError
from hh.conferences.models import (
    ATTENDEE_ROLES,
    BARRIER_CATEGORIES,
    CONFERENCE_FOCUSES,
    CONFERENCE_FORMATS,
    CaseConference,
    ConferenceAttendee,
    ConferenceEntry,
    Household,
)
from hh.conferences.privacy import (
    IDENTITY_COLUMNS,
    Identity,
    IdentityRow,
    identity,
    region_scope,
)
from hh.directory.models import Region
from hh.errors import raise_if
from hh.extensions import db
from hh.notifications import events as notification_events
from hh.timeutil import local_today, utcnow
from hh.web import audit

# The people a conference may name (facilitator, scribe, owner of a step): only the columns
# their names are made of, not whole users; built once.
_STAFF = (select(User.id, User.name, User.email)
          .where(User.active.is_(True), User.role.in_(("provider", "coordinator", "admin")))
          .order_by(User.name, User.email))


def staff_choices() -> list[tuple[int, str]]:
    """(id, name as User.display_name words it) of each person a conference may name."""
    return [(id_, name or email) for id_, name, email in db.session.execute(_STAFF)]


def conference_query(user) -> Select:
    # The list shows each meeting's region and how many households are on its agenda (a meeting
    # to come counts only the households still awaiting a conference: their status is read).
    query = select(CaseConference).options(
        selectinload(CaseConference.region),
        selectinload(CaseConference.entries).joinedload(ConferenceEntry.household))
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
        notification_events.conference_agenda_ready(conference, user)
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
    # Paused households wait for their revisit date; the group's own priority outranks the score.
    return (select(Household)
            .where(Household.region_id == region_id, Household.status == "active",
                   Household.consent.is_(True),
                   (Household.consent_expires_on.is_(None)) | (Household.consent_expires_on >= today),
                   (Household.paused_on.is_(None)) | (Household.revisit_on <= today))
            .order_by(func.coalesce(Household.priority_override, Household.priority_score).desc(),
                      Household.added_on, Household.id))


def propose_agenda(region_id: int, size: int = 10, today: date | None = None,
                   exclude: set[int] | None = None) -> list[Household]:
    query = agenda_candidates(region_id, today)
    if exclude:
        query = query.where(Household.id.not_in(sorted(exclude)))
    return list(db.session.scalars(query.limit(size)))


@cache
def _choices_query() -> Select:
    """The region's most critical households not on the conference's agenda, with only what
    the add page shows, as plain values. Built once (building it costs more than running
    it); parameters: conference_id, region_id, today, size."""
    on_agenda = select(ConferenceEntry.household_id).where(
        ConferenceEntry.conference_id == bindparam("conference_id"))
    return (agenda_candidates(bindparam("region_id"), bindparam("today"))
            .with_only_columns(IdentityRow("who", *IDENTITY_COLUMNS), Household.priority_score,
                               Household.added_on)
            .where(Household.id.not_in(on_agenda))
            .limit(bindparam("size")))


@dataclass(frozen=True)
class Candidate:
    """A household that may be added to a conference's agenda, as the add page lists it."""

    id: int
    who: Identity
    score: int
    days_on_list: int


def agenda_choices(conference: CaseConference, user, size: int = 40,
                   today: date | None = None) -> list[Candidate]:
    """The add page's households: the region's next `size` most critical not on the agenda
    yet, named as this reader may see them (further down, a coordinator opens the list)."""
    today = today or local_today()
    candidates = db.session.execute(_choices_query(), {
        "conference_id": conference.id, "region_id": conference.region_id,
        "today": today, "size": size})
    return [Candidate(h.id, identity(user, h), score, max(0, (today - added_on).days))
            for h, score, added_on in candidates]


@dataclass(frozen=True)
class AgendaRow:
    """One household of a conference's agenda as its pages show it."""

    entry: ConferenceEntry
    who: Identity
    days_on_list: int
    number: int  # its place on the agenda as it stands


def agenda_rows(conference: CaseConference, user, today: date | None = None,
                keep: ConferenceEntry | None = None) -> list[AgendaRow]:
    """The agenda in one pass: who each household is to this reader and its days on the list
    (pass the user object, not Flask-Login's proxy: every attribute read through the proxy
    looks the user up again, several times per household). `keep`: an entry just posted stays
    in, even if its household left the list meanwhile (what was typed comes back)."""
    today = today or local_today()
    agenda = conference.agenda(today)
    if keep is not None and keep not in agenda:
        agenda = [e for e in conference.entries if e in agenda or e is keep]
    return [AgendaRow(e, identity(user, e.household), e.household.days_on_list(today), number)
            for number, e in enumerate(agenda, start=1)]


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
                            previous_action=last_action(household.id, conference),
                            target_on=household.target_move_in_on)  # the standing target
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
    """Move a household past its neighbour on the agenda as it stands (households that left the
    list keep their places after it)."""
    entries = entry.conference.agenda()
    if entry not in entries:
        return
    index = entries.index(entry)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(entries):
        return
    entries[index], entries[other] = entries[other], entries[index]
    gone = [e for e in entry.conference.entries if e not in entries]
    for number, item in enumerate(entries + gone, start=1):
        item.position = number
    audit("agenda_reordered", "conference", entry.conference_id, user=user)
    db.session.commit()


def _renumber(conference: CaseConference) -> None:
    for number, item in enumerate(sorted(conference.entries, key=lambda e: (e.position, e.id)), 1):
        item.position = number


def add_attendee(conference: CaseConference, data: dict, user) -> ConferenceAttendee:
    errors = {}
    name = (data.get("name") or "").strip()
    if not name:  # lengths: AttendeeForm checks them
        errors["name"] = "Enter the person's name."
    if data.get("role") not in ATTENDEE_ROLES:
        errors["role"] = "Choose a role."
    raise_if(errors, ConferenceError)
    attendee = ConferenceAttendee(conference=conference, name=name,
                                  pronouns=(data.get("pronouns") or "").strip(),
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
    # Lengths: EntryForm checks them.
    values = {name: (data.get(name) or "").strip()
              for name in ("follow_up", "barrier_note", "action_step")}
    category = data.get("barrier_category") or ""
    if category and category not in BARRIER_CATEGORIES:
        errors["barrier_category"] = "Choose a barrier from the list."
    responsible_id = _valid_user(data.get("responsible_id"), "responsible_id", errors)
    target_on = data.get("target_on")
    if target_on is not None and target_on < entry.conference.held_at.date() - timedelta(days=1):
        errors["target_on"] = "The target date is before the meeting."
    if values["action_step"]:  # the deck: every step precise and time-bound, with its owner
        if responsible_id is None and "responsible_id" not in errors:
            errors["responsible_id"] = "Say who will do this step."
        if target_on is None and "target_on" not in errors:
            errors["target_on"] = "Give a date by when."
    raise_if(errors, ConferenceError)
    step_changed = values["action_step"] != entry.action_step
    entry.follow_up = values["follow_up"]
    entry.barrier_note = values["barrier_note"]
    entry.action_step = values["action_step"]
    entry.barrier_category = category
    entry.responsible_id = responsible_id
    entry.target_on = target_on
    if target_on is not None:  # the household keeps it for the next conference
        entry.household.target_move_in_on = target_on
    entry.saved_at = utcnow()
    entry.saved_by_id = user.id if user else None
    sync_action_item(entry, user, step_changed)
    audit("conference_entry_saved", "conference", entry.conference_id,
          detail=f"entry {entry.id}", user=user)
    db.session.commit()
    return entry


def save_summary(conference: CaseConference, summary: str, user) -> CaseConference:
    conference.summary = (summary or "").strip()  # its length: SummaryForm checks it
    notification_events.conference_minutes_ready(conference, user)
    audit("conference_summary_saved", "conference", conference.id, user=user)
    db.session.commit()
    return conference


def plan_next(conference: CaseConference, user, size: int = 10) -> CaseConference:
    """The next meeting a week later: this meeting's households still awaiting a conference carry
    forward (with their last action step), then the most critical others up to the agenda size."""
    following = CaseConference(
        region_id=conference.region_id, held_at=conference.held_at + timedelta(days=7),
        format=conference.format, focus=conference.focus,
        facilitator_id=conference.facilitator_id, scribe_id=conference.scribe_id,
        group_agreements=conference.group_agreements, created_by_id=user.id if user else None)
    db.session.add(following)
    db.session.flush()
    carried = [e.household for e in conference.entries
               if e.household.awaits_conference() and e.household.consent_on_file()]
    size = max(size, len(carried))
    for household in carried + propose_agenda(conference.region_id, size - len(carried),
                                              exclude={h.id for h in carried}):
        add_to_agenda(following, household)
    notification_events.conference_agenda_ready(following, user)
    audit("conference_created", "conference", following.id,
          detail=f"carried forward from conference {conference.id}", user=user)
    db.session.commit()
    return following



def missing_check(conference: CaseConference) -> list[ConferenceEntry]:
    """Households left without an action step, an owner or a date."""
    return [e for e in conference.agenda() if e.missing]
