"""The By-Name List and its households: the prioritized list and its export, status changes
(nothing is deleted), and editing a household's CoC-side fields. Every change is audited with ids
only, never client data."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup
from sqlalchemy import Select, bindparam, false, select
from sqlalchemy.orm import contains_eager, joinedload

from hh.conferences import history
from hh.conferences.errors import ConferenceError
from hh.conferences.models import (
    HOUSING_STATUSES,
    NEED_LEVELS,
    RACE_ETHNICITY,
    CaseConference,
    ConferenceEntry,
    Household,
)
from hh.conferences.privacy import MASK, may_identify, region_scope
from hh.directory.models import Organization, Region
from hh.errors import raise_if
from hh.extensions import db
from hh.glossary.explain import explain
from hh.plans.feeds import refresh_fed_measures
from hh.timeutil import local_today
from hh.web import any_like, audit, like


@dataclass
class ListFilters:
    region_id: int | None = None
    status: str = "active"
    veteran: bool = False
    chronic: bool = False
    navigator: str = ""
    no_contact_days: int | None = None


# What a household's page reads, built once (building it costs more than running it).
_PLACES = (joinedload(Household.county), joinedload(Household.region),
           joinedload(Household.navigator_organization))
_ENTRIES = (select(ConferenceEntry).join(ConferenceEntry.conference)
            .where(ConferenceEntry.household_id == bindparam("household_id"))
            .options(contains_eager(ConferenceEntry.conference),
                     joinedload(ConferenceEntry.responsible))
            .order_by(CaseConference.held_at.desc()))


def household_for_page(household_id: int) -> Household | None:
    """The household with the places and navigator its page names, in one statement (read
    afresh: its page is shown after an audit's commit or a refused change's rollback)."""
    return db.session.get(Household, household_id, populate_existing=True, options=_PLACES)


def conference_entries(household: Household) -> list[ConferenceEntry]:
    """The household's history at conferences, latest first, with each meeting and owner."""
    return list(db.session.scalars(_ENTRIES, {"household_id": household.id}))


# The list's order: highest score first, then longest on the list (the list's indexes hold it).
LIST_ORDER = (Household.priority_score.desc(), Household.added_on, Household.id)


def filtered(query: Select, filters: ListFilters, user, today: date | None = None) -> Select:
    """`query` (of households, or of their columns) narrowed to what the filters and the reader
    leave."""
    today = today or local_today()
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
        names = navigators_named(filters.navigator)
        # No such navigator: a plain false (an empty IN would still be checked on every row).
        query = query.where(Household.navigator_name.in_(names) if names else false())
    if filters.no_contact_days is not None:
        cutoff = today - timedelta(days=filters.no_contact_days)
        query = query.where((Household.last_contact_on.is_(None)) | (Household.last_contact_on < cutoff))
    return query


def household_query(filters: ListFilters, user, today: date | None = None) -> Select:
    """The prioritized list as records (the export), each with its county joined."""
    return (filtered(select(Household), filters, user, today)
            .options(joinedload(Household.county)).order_by(*LIST_ORDER))


class RepeatedMarks:
    """The glossary's `explain` for a value repeated down a page, the score tool on each row of
    the list: its first time marks its terms (a link to "Terms on this page"), its second marks
    them as already seen; from then on the markup is that of the second time, so it is reused
    instead of being worked out again on every row."""

    def __init__(self):
        self._seen: set[str] = set()
        self._settled: dict[str, Markup] = {}

    def __call__(self, text: str) -> Markup:
        if text in self._settled:
            return self._settled[text]
        marked = explain(text)
        if text in self._seen:
            self._settled[text] = marked
        self._seen.add(text)
        return marked


def navigators_named(text: str) -> list[str]:
    """The navigators whose name holds `text`, read from the names' index: a CoC has a few dozen
    navigators, and the list then reads their households by name (or, when most match, in its
    own order) instead of checking every household's navigator."""
    return list(db.session.scalars(select(Household.navigator_name).distinct()
                                   .where(any_like(like(text), Household.navigator_name))))


# The regions a filter or a form offers: their ids and names only, by a statement built once.
_REGIONS = select(Region.id, Region.name).order_by(Region.name)


def region_choices(user=None) -> list[tuple[int, str]]:
    """(id, name) of every region, or of those `user` may see."""
    query = _REGIONS if user is None else region_scope(_REGIONS, user, Region.id)
    return [(id_, name) for id_, name in db.session.execute(query)]


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


def _change_status(household: Household, user, action: str, status: str, housing_status: str,
                   move_in_on: date | None, reason: str = "", effective_on: date | None = None
                   ) -> Household:
    """Every list-status change: the same fields, a history row with the date it took effect,
    audited (ids only)."""
    today = local_today()
    old_status = household.status
    household.status = status
    household.housing_status = housing_status
    household.move_in_on = move_in_on
    household.inactive_reason = reason
    household.status_updated_on = today
    if status != "active":
        household.paused_on, household.revisit_on, household.pause_reason = None, None, ""
    history.record_transition(household, old_status, effective_on or today, user=user)
    audit(action, "household", household.id, user=user)
    db.session.commit()
    refresh_fed_measures()
    return household


def mark_housed(household: Household, move_in_on: date | None, user) -> Household:
    """Housed on the move-in date; a date still ahead schedules the move-in: the household stays
    on the active list until that day (history.apply_scheduled_move_ins)."""
    if move_in_on is None:
        raise_if({"move_in_on": "Enter the move-in date."}, ConferenceError)
    if move_in_on < household.added_on:
        raise_if({"move_in_on": "The move-in date is before the household joined the list."}, ConferenceError)
    if move_in_on > local_today() + timedelta(days=366):
        raise_if({"move_in_on": "The move-in date is more than a year away."}, ConferenceError)
    if move_in_on > local_today():
        household.move_in_on = move_in_on
        audit("household_move_in_scheduled", "household", household.id, user=user)
        db.session.commit()
        return household
    return _change_status(household, user, "household_housed", "housed", "housed", move_in_on,
                          effective_on=move_in_on)


def mark_inactive(household: Household, reason: str, user) -> Household:
    reason = (reason or "").strip()
    if not reason:  # its length: InactiveForm checks it
        raise_if({"reason": "Say why the household leaves the active list."}, ConferenceError)
    return _change_status(household, user, "household_inactive", "inactive", "inactive",
                          household.move_in_on if household.status == "housed" else None, reason)


def reactivate(household: Household, user) -> Household:
    housing_status = household.housing_status
    if housing_status in ("housed", "inactive"):
        housing_status = "unsheltered"
    return _change_status(household, user, "household_reactivated", "active", housing_status, None)


def pause(household: Household, reason: str, revisit_on: date | None, user) -> Household:
    """The group sets the household aside for now: still on the list, off the agenda until the
    revisit date."""
    reason, today = (reason or "").strip(), local_today()
    errors = {}
    if household.status != "active":
        errors["pause_reason"] = "Only a household on the active list can be paused."
    if not reason:
        errors["pause_reason"] = "Say why the group sets the household aside."
    if revisit_on is None or revisit_on <= today:
        errors["revisit_on"] = "Enter a date after today to look at the household again."
    raise_if(errors, ConferenceError)
    household.paused_on, household.pause_reason, household.revisit_on = today, reason, revisit_on
    history.record(household, "paused", today, user=user, reason=reason)
    audit("household_paused", "household", household.id, user=user)
    db.session.commit()
    return household


def set_priority(household: Household, override: int | None, reason: str, user) -> Household:
    """The group ranks the household itself ("supplementing scores with expert knowledge"):
    the agenda orders by this number instead of the score; recorded in the history."""
    reason = (reason or "").strip()
    if override is not None and not reason:
        raise_if({"priority_reason": "Say why the group sets the priority."}, ConferenceError)
    household.priority_override = override
    household.priority_reason = reason if override is not None else ""
    history.record(household, "priority_override", local_today(), user=user,
                   reason=(f"{override}: {reason}" if override is not None else "back to the score"))
    audit("household_priority_set", "household", household.id, user=user)
    db.session.commit()
    return household


def resume(household: Household, user) -> Household:
    if household.paused_on is None:
        raise_if({"reason": "The household is not paused."}, ConferenceError)
    household.paused_on, household.pause_reason, household.revisit_on = None, "", None
    history.record(household, "resumed", local_today(), user=user)
    audit("household_resumed", "household", household.id, user=user)
    db.session.commit()
    return household


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
    race = [key for key in RACE_ETHNICITY if key in (data.get("race_ethnicity") or [])]
    raise_if(errors, ConferenceError)
    return _apply(household, {
        "consent": consent, "consent_on": consent_on, "consent_expires_on": expires,
        "safety_flag": safety, "navigator_name": navigator_name,
        "navigator_organization_id": navigator_organization_id, "last_contact_on": last_contact,
        "housing_status": housing_status, "housing_need": data["housing_need"],
        "service_need": data["service_need"], "race_ethnicity": ",".join(race)}, user, today)


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


def organization_options(current_id: int | None = None) -> Select:
    """Active organizations, and the household's present one even if no longer active: (id,
    name) by name."""
    return (select(Organization.id, Organization.name)
            .where(Organization.active.is_(True) | (Organization.id == current_id))
            .order_by(Organization.name))
