"""Reading the audit log (it is written through hh.web.audit); regions and counties."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload, selectinload

from hh.admin.forms import CountyForm, RegionForm, tidy
from hh.admin.models import AuditEvent
from hh.auth.models import User
from hh.directory.models import County, Organization, Region
from hh.errors import raise_if
from hh.extensions import db
from hh.web import any_like, audit, like


def audit_query(action: str | None = None, actor: str | None = None,
                since: date | None = None, until: date | None = None) -> Select:
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action)
    if actor:
        query = query.where(any_like(like(actor), AuditEvent.actor))
    if since:
        query = query.where(AuditEvent.at >= datetime.combine(since, time.min))
    if until:
        query = query.where(AuditEvent.at < datetime.combine(until + timedelta(days=1), time.min))
    return query


def audit_actions() -> list[str]:
    """The actions the log holds, for its filter. The log gains a row with every view of client
    data, so not a DISTINCT (it reads every event): each next action is one step along the
    action index (a "loose index scan"), the cost follows the number of actions."""
    action = AuditEvent.__table__.c.action
    actions = select(func.min(action).label("action")).cte("actions", recursive=True)
    following = select(select(func.min(action)).where(action > actions.c.action).scalar_subquery())
    actions = actions.union_all(following.where(actions.c.action.is_not(None)))
    return list(db.session.scalars(select(actions.c.action).where(actions.c.action.is_not(None))
                                   .order_by(actions.c.action)))


# The page counts events up to this many ("more than 10,000"): an exact count reads the whole
# log, which grows without end; dates narrow it.
AUDIT_COUNT_LIMIT = 10_000

AUDIT_CSV_HEADER = ["when_utc", "who", "action", "object_type", "object_id", "from", "detail"]


def audit_rows(query: Select):
    for event in db.session.scalars(query).yield_per(500):
        yield [event.at.isoformat(timespec="seconds"), event.actor, event.action,
               event.object_type, event.object_id, event.remote_addr, event.detail]


# --- Regions and counties ---------------------------------------------------------------------
# Reference data every feature leans on (service areas, the gap map, By-Name List scoping,
# providers' regions). The admin pages and the `add-region` / `add-county` commands both save
# through these functions, so the rules and the audit trail are the same either way: the shape
# of the input is checked by the pages' own forms (RegionForm, CountyForm), here too, because the
# command line passes raw text; names unique regardless of case is the rule checked here.


def _named(model, name: str):
    """The record with this name: exact first, then ignoring case."""
    found = db.session.scalar(select(model).where(model.name == name))
    if found is None:
        found = db.session.scalar(select(model).where(func.lower(model.name) == name.lower())
                                  .order_by(model.id).limit(1))
    return found


def find_region(name: str) -> Region | None:
    return _named(Region, tidy(name)) if tidy(name) else None


def find_county(name: str) -> County | None:
    return _named(County, tidy(name)) if tidy(name) else None


def find_organization(name: str) -> Organization | None:
    return _named(Organization, tidy(name)) if tidy(name) else None


def region_for_page(region_id: int) -> Region | None:
    """The region with the counties its form page lists (re-read: after a refused save the
    session was rolled back and the list would load again while the page renders)."""
    statement = select(Region).where(Region.id == region_id).options(joinedload(Region.counties))
    return db.session.scalars(statement.execution_options(populate_existing=True)).unique().first()


def user_page(query: Select) -> Select:
    """Users with the organization and region the list shows, in the same statement."""
    return query.options(joinedload(User.organization), joinedload(User.region))


def region_list() -> tuple[list[Region], list[County]]:
    """Every region with its anchor and counties, and the counties in no region yet."""
    regions = list(db.session.scalars(
        select(Region).options(selectinload(Region.counties), selectinload(Region.anchor_organization))
        .order_by(func.lower(Region.name))))
    loose = list(db.session.scalars(
        select(County).where(County.region_id.is_(None)).order_by(func.lower(County.name))))
    return regions, loose


_KINDS = {"region": (Region, RegionForm), "county": (County, CountyForm)}


def _checked(kind: str, record, **data) -> dict:
    """The input through the page's form (tidied, shape checked), then the one domain rule: no
    other record of the kind has the same name in any case. Raises InputError per field."""
    model, form_class = _KINDS[kind]
    form = form_class(formdata=None, data=data, meta={"csrf": False})
    form.validate()
    errors = {name: messages[0] for name, messages in form.errors.items()}
    if "name" not in errors:
        other = db.session.scalar(select(model).where(func.lower(model.name) == form.name.data.lower())
                                  .limit(1))
        if other is not None and other is not record:
            errors["name"] = f"There is already a {kind} named {other.name}."
    raise_if(errors)
    return form.data


def _save(kind: str, record, fields: list[tuple[str, str, object]], link: str,
          user, actor) -> tuple:
    """Create (record None) or change a region or county, audit it (ids only) and commit.
    `fields` are (attribute, label, value); `link` is the attribute of the linked record (the
    anchor organization, the region) whose id the audit notes. Returns it and what changed."""
    model = _KINDS[kind][0]
    creating = record is None
    if creating:
        record = model(**{attribute: value for attribute, _, value in fields})
        db.session.add(record)
    changed = [] if creating else [label for attribute, label, value in fields
                                   if getattr(record, attribute) != value]
    for attribute, label, value in fields:
        if label in changed:
            setattr(record, attribute, value)
    db.session.flush()
    linked = getattr(record, link)
    noted = f"{link.replace('_', ' ')} {linked.id}" if linked else f"no {link.replace('_', ' ')}"
    if creating:
        audit(f"{kind}_created", kind, record.id, user=user, actor=actor,
              detail=noted if linked else "")
        changed = ["created"]
    elif changed:
        link_label = next(label for attribute, label, _ in fields if attribute == link)
        detail = "changed " + ", ".join(changed) + (f" ({noted})" if link_label in changed else "")
        audit(f"{kind}_updated", kind, record.id, user=user, actor=actor, detail=detail)
    db.session.commit()
    return record, changed


def save_region(region: Region | None, name: str, anchor_organization_id: int | None,
                user=None, actor: str | None = None) -> tuple[Region, list[str]]:
    """Create or change a region; returns it and what changed ([] when nothing did). Audited
    (ids only). Raises InputError with a message per field; nothing is saved then."""
    data = _checked("region", region, name=name,
                    anchor_organization_id=anchor_organization_id)
    anchor = db.session.get(Organization, data["anchor_organization_id"]) \
        if data["anchor_organization_id"] is not None else None
    return _save("region", region, [("name", "name", data["name"]),
                                    ("anchor_organization", "anchor agency", anchor)],
                 "anchor_organization", user, actor)


def save_county(county: County | None, name: str, state: str, region_id: int | None,
                user=None, actor: str | None = None, fips: str | None = None) -> tuple[County, list[str]]:
    """Create or change a county (name, two-letter state, region, FIPS code; None keeps the code);
    returns it and what changed. Audited (ids only). Raises InputError with a message per field;
    nothing is saved then."""
    keep = county.fips if county is not None and fips is None else None
    data = _checked("county", county, name=name, state=state, region_id=region_id, fips=fips or "")
    code = data["fips"] or keep
    other = db.session.scalar(select(County).where(County.fips == code).limit(1)) if code else None
    raise_if({"fips": f"{other.name} already has FIPS code {code}."}
             if other is not None and other is not county else {})
    region = db.session.get(Region, data["region_id"]) if data["region_id"] is not None else None
    return _save("county", county, [("name", "name", data["name"]), ("state", "state", data["state"]),
                                    ("region", "region", region), ("fips", "FIPS code", code)],
                 "region", user, actor)
