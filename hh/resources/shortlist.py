"""The list for a client: services a provider picks while searching, printed or copied as plain
text to hand to a client. It lives in the provider's own signed-in session (service ids only,
never anything about the client), so it needs no table and goes away at sign-out."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import session
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from hh.extensions import db
from hh.resources.hours import DAYS, clock, format_hours, open_status
from hh.resources.models import Service
from hh.timeutil import local_now
from hh.web import may

KEY = "client_list"
LIMIT = 20  # a page or two on paper; also keeps the session cookie small


# --- The chosen ids, in the session -------------------------------------------------------------


def chosen() -> list[int]:
    """The ids on the list, in the provider's order (anything odd in the cookie is dropped)."""
    raw = session.get(KEY)
    ids: list[int] = []
    for value in raw if isinstance(raw, list) else []:
        if type(value) is int and value > 0 and value not in ids:
            ids.append(value)
    return ids[:LIMIT]


def _keep(ids: list[int]) -> None:
    if ids:
        session[KEY] = ids[:LIMIT]
    else:
        session.pop(KEY, None)


def add(service_id: int) -> bool:
    """Put a service at the end of the list; False when the list is already full."""
    ids = chosen()
    if service_id in ids:
        return True
    if len(ids) >= LIMIT:
        return False
    _keep(ids + [service_id])
    return True


def remove(service_id: int) -> None:
    _keep([i for i in chosen() if i != service_id])


def move(service_id: int, step: int) -> None:
    """Move a service one place up (step -1) or down (+1); the ends stay where they are."""
    ids = chosen()
    if service_id not in ids:
        return
    here = ids.index(service_id)
    there = here + (1 if step > 0 else -1)
    if 0 <= there < len(ids):
        ids[here], ids[there] = ids[there], ids[here]
        _keep(ids)


def clear() -> None:
    session.pop(KEY, None)


def listed_services() -> list[Service]:
    """The services on the list, in order. Ids of services that are gone, or that this person
    may no longer open, are left out and forgotten."""
    ids = chosen()
    if not ids or not may("resources.service"):
        _keep([])
        return []
    found = {s.id: s for s in db.session.scalars(
        select(Service).where(Service.id.in_(ids)).options(
            joinedload(Service.organization), selectinload(Service.hours),
            selectinload(Service.phones), selectinload(Service.locations)))}
    kept = [found[i] for i in ids if i in found]
    if len(kept) != len(ids):
        _keep([s.id for s in kept])
    return kept


# --- What the page and the text show of each service --------------------------------------------


@dataclass
class Entry:
    """One service as the client reads it. The page and the plain text are written from the
    same entries, so they always say the same thing."""

    id: int
    name: str
    organization: str
    status: str = ""  # "" when active; otherwise a warning to check first
    now: str = ""  # "Open now" / "Closed now, opens Tue 9:00", with the moment it was true
    hours: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)  # (label, value), only the known


def _ages(service: Service) -> str:
    if service.minimum_age is None and service.maximum_age is None:
        return ""
    low = service.minimum_age if service.minimum_age is not None else 0
    high = service.maximum_age if service.maximum_age is not None else "any"
    return f"ages {low}–{high}"


def _facts(service: Service) -> list[tuple[str, str]]:
    phones = [p.number + (f" ext. {p.extension}" if p.extension else "") for p in service.phones]
    eligibility = "; ".join(p for p in (service.eligibility_description.strip(), _ages(service)) if p)
    languages = service.languages.strip()
    if service.interpretation_services.strip():
        languages = "; ".join(p for p in (languages, "interpretation: "
                                          + service.interpretation_services.strip()) if p)
    facts = [
        ("Phone", ", ".join(phones)),
        ("Address", "; ".join(a for a in (loc.address_line for loc in service.locations) if a)),
        ("What to bring", service.required_documents.strip()),
        ("Who is eligible", eligibility),
        ("Cost", service.fees_description.strip()),
        ("Languages", languages),
        ("How to apply", service.application_process.strip()),
        ("Web page", service.url.strip()),
    ]
    return [(label, value) for label, value in facts if value]


def _days(days: list[int]) -> str:
    """[0, 1, 2, 3, 4, 6] → "Mon-Fri, Sun": runs of three or more days as a span."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(f"{DAYS[r[0]]}-{DAYS[r[-1]]}" if len(r) > 2 else ", ".join(DAYS[d] for d in r)
                     for r in runs)


def compact_hours(hours: list) -> list[str]:
    """The week in as few lines as the service page's form would read back ("Mon-Fri 9:00-17:00"):
    days with the same times and note share a line; notes without a day come last."""
    same: dict[tuple, list[int]] = {}
    for h in hours:
        if h.weekday is not None:
            same.setdefault((h.opens_at, h.closes_at, h.description), []).append(h.weekday)
    lines = []
    for (opens, closes, note), days in sorted(same.items(), key=lambda pair: min(pair[1])):
        times = f"{clock(opens)}-{clock(closes)}" if opens else "closed"
        lines.append(" ".join(p for p in (_days(days), times, note) if p))
    undated = format_hours([h for h in hours if h.weekday is None])
    return lines + (undated.splitlines() if undated else [])


def entries(services: list[Service]) -> list[Entry]:
    moment = local_now()
    stamp = f"{moment:%a} {moment.hour}:{moment.minute:02d}"
    listed = []
    for service in services:
        status = open_status(service.hours, moment)
        listed.append(Entry(
            id=service.id, name=service.name, organization=service.organization.name,
            status="" if service.status == "active" else
            f"{service.status_label}: call before going",
            now=f"{status} (at {stamp})" if status else "",
            hours=compact_hours(service.hours), facts=_facts(service)))
    return listed


def made() -> str:
    """When the list was printed or copied: "Sat 5 Dec 2026, 10:30"."""
    moment = local_now()
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {moment.hour}:{moment.minute:02d}"


def as_text(listed: list[Entry]) -> str:
    """The list as plain text: to paste into a text message or an email, or to save."""
    lines = [f"Services list, made {made()}", "Hours and openings change: call before you go.", ""]
    for number, entry in enumerate(listed, start=1):
        lines.append(f"{number}. {entry.name} ({entry.organization})")
        if entry.status:
            lines.append(f"   {entry.status}")
        if entry.hours:
            lines.append("   Hours: " + entry.hours[0])
            lines.extend("          " + line for line in entry.hours[1:])
        if entry.now:
            lines.append(f"   {entry.now}")
        for label, value in entry.facts:
            first, *rest = value.splitlines() or [""]
            lines.append(f"   {label}: {first.strip()}")
            lines.extend(f"     {line.strip()}" for line in rest if line.strip())
        lines.append("")
    if not listed:
        lines += ["(no services on the list)", ""]
    return "\n".join(lines)
