"""Needs: who may edit a need, where it is (a county or a whole region), saving it, its status.
The needs list is in listing, the gap map in gaps (gap_map is importable from here too)."""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from hh.caching import remember
from hh.directory.models import County, Region
from hh.errors import InputError, raise_if
from hh.extensions import db
from hh.needs.gaps import gap_map  # noqa: F401  (other features read the map from here)
from hh.needs.models import NEED_SOURCES, NEED_STATUSES, Need
from hh.resources.models import TaxonomyTerm
from hh.timeutil import local_today
from hh.web import audit, is_coordinator


class NeedError(InputError):
    """Need input that cannot be saved; `errors` maps each form field to its message."""


def need_for_page(need_id: int) -> Need | None:
    """The need with where, what kind and who recorded it, in one statement (re-read after a
    change is saved, so its page never loads them one by one while it renders)."""
    return db.session.get(Need, need_id, populate_existing=True, options=[
        joinedload(Need.county), joinedload(Need.region), joinedload(Need.created_by),
        joinedload(Need.category).joinedload(TaxonomyTerm.parent)])


def county_with_region(county_id: int) -> County | None:
    """A county for its gap-map page, which names its region."""
    return db.session.get(County, county_id, options=[joinedload(County.region)])


def can_edit_need(user, need: Need) -> bool:
    """Coordinators and admins edit every need; providers the needs they recorded."""
    if is_coordinator(user):
        return True
    return (user.is_authenticated and user.role == "provider"
            and need.created_by_id is not None and need.created_by_id == user.id)


def editable_needs(user, needs) -> set[int]:
    """The ids of a list's needs the user may edit, as can_edit_need decides, with the user's
    role asked once for the list instead of per row."""
    if is_coordinator(user):
        return {need.id for need in needs}
    if not (user.is_authenticated and user.role == "provider"):
        return set()
    user_id = user.id
    return {need.id for need in needs if need.created_by_id == user_id}


# --- Places: a county, or a whole region ---------------------------------------------------------
# Forms carry one "where" value: "c<id>" for a county, "r<id>" for a region-wide need.


class PlaceNames(NamedTuple):
    """Every county's and every region's name by id, each in name order."""

    counties: dict[int, str]
    regions: dict[int, str]


def place_names() -> PlaceNames:
    """The same for every reader: from the cache (the forms' choices, the lists' "where")."""
    return remember("needs.place_names", ("county", "region"), _place_names)


def _place_names() -> PlaceNames:
    counties = db.session.execute(select(County.id, County.name).order_by(County.name))
    regions = db.session.execute(select(Region.id, Region.name).order_by(Region.name))
    return PlaceNames(dict(counties.all()), dict(regions.all()))


def place_choices() -> list[tuple[str, str]]:
    names = place_names()
    return ([(f"c{id_}", name) for id_, name in names.counties.items()]
            + [(f"r{id_}", f"{name} region (all its counties)") for id_, name in names.regions.items()])


def place_value(need: Need) -> str:
    if need.county_id:
        return f"c{need.county_id}"
    return f"r{need.region_id}" if need.region_id else ""


def parse_place(value: str | None) -> tuple[County | None, Region | None]:
    """ "c3" → (county 3, None); "r1" → (None, region 1); anything unknown → (None, None)."""
    value = (value or "").strip()
    digits = value[1:]
    if value[:1] not in ("c", "r") or not (digits.isascii() and digits.isdigit()) or len(digits) > 9:
        return None, None
    model = County if value[0] == "c" else Region
    found = db.session.get(model, int(value[1:]))
    return (found, None) if value[0] == "c" else (None, found)


# --- Saving ----------------------------------------------------------------------------------------


def _households(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise NeedError("Enter a whole number of households.", "households_affected") from None
    if not 0 <= number <= 100000:
        raise NeedError("Enter a number from 0 to 100000.", "households_affected")
    return number


EDITABLE = ("title", "description", "county_id", "region_id", "category_id",
            "households_affected", "source", "status", "noted_on")


def _check_need(data: dict) -> dict:
    """Every field of a need's form data checked; raises all the messages at once."""
    errors: dict[str, str] = {}
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = "Enter a short title for the need."
    elif len(title) > 200:
        errors["title"] = "Keep the title to 200 characters."
    description = (data.get("description") or "").strip()
    if len(description) > 5000:
        errors["description"] = "Keep the description to 5000 characters."
    county, region = parse_place(data.get("place"))
    if county is None and region is None:
        errors["place"] = "Choose the county, or the region if the need is region-wide."
    category_id = data.get("category_id")
    known = isinstance(category_id, int) and 0 < category_id < 2**31  # beyond: no such id
    category = db.session.get(TaxonomyTerm, category_id) if known else None
    if category is None:
        errors["category_id"] = ("Choose the kind of service that is needed." if category_id in (None, "")
                                 else "Choose a category from the list.")
    try:
        households = _households(data.get("households_affected"))
    except NeedError as error:
        errors.update(error.errors)
        households = None
    source, status = data.get("source") or "", data.get("status") or "open"
    if source not in NEED_SOURCES:
        errors["source"] = "Choose where this need was reported from the list."
    if status not in NEED_STATUSES:
        errors["status"] = "Choose a status from the list."
    noted_on = data.get("noted_on") or local_today()
    if not isinstance(noted_on, date):
        errors["noted_on"] = "Enter a date like 2026-03-31."
    elif noted_on > local_today():
        errors["noted_on"] = "The date cannot be in the future."
    raise_if(errors, NeedError)
    return {"title": title, "description": description, "county_id": county.id if county else None,
            "region_id": region.id if region else None, "category_id": category.id,
            "households_affected": households, "source": source, "status": status,
            "noted_on": noted_on}


def save_need(need: Need | None, data: dict, user) -> Need:
    """Create or update a need from form data; every bad field gets its message; audited."""
    values = _check_need(data)
    creating = need is None
    if creating:
        need = Need(created_by_id=user.id)
        db.session.add(need)
    changed = [name for name in EDITABLE if getattr(need, name) != values[name]]
    for name in changed:
        setattr(need, name, values[name])
    db.session.flush()
    if creating:
        audit("need_created", "need", need.id, detail=f"status {values['status']}")
    elif changed:
        audit("need_updated", "need", need.id, detail="changed " + ", ".join(changed))
    db.session.commit()
    return need


def set_status(need: Need, status: str) -> None:
    """Move a need along open → in progress → met (or back) in one step; audited."""
    if status not in NEED_STATUSES:
        raise NeedError("Choose a status from the list.", "status")
    if need.status == status:
        return
    audit("need_status_changed", "need", need.id, detail=f"status {need.status} → {status}")
    need.status = status
    db.session.commit()
