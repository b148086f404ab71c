"""Opening hours: reading them (HSDS days and times, the form's "Mon-Fri 9:00-17:00" lines),
writing them back, and "Open now" / "Closed now, opens Tue 9:00" in the CoC's time zone."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import and_, exists, or_

from hh.errors import InputError
from hh.resources.models import Service, ServiceSchedule
from hh.timeutil import local_now

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = {name: i for i, full in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
    for name in (full, full[:3], full[:2], RRULE_DAYS[i].lower(), DAYS[i].lower(),
                 {"tuesday": "tues", "thursday": "thurs"}.get(full, full[:3]))}
_TIME = re.compile(r"^(\d{1,2})(?::?(\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?$", re.IGNORECASE)
_LINE = re.compile(r"^(?P<days>[A-Za-z]+(?:\s*[-–,]\s*[A-Za-z]+)*)\s+(?P<opens>[0-9:.apmAPM ]+?)"
                   r"\s*[-–]\s*(?P<closes>[0-9:.apmAPM ]+?)(?:\s+(?P<note>.*))?$")


@dataclass(frozen=True)
class Hours:
    """One opening: a weekday (0 = Monday, None for a note without a day) and its times."""

    weekday: int | None
    opens_at: time | None
    closes_at: time | None
    description: str = ""


def parse_time(raw: str) -> time | None:
    """"9", "9:00", "09:00:00", "0900", "9am", "5:30 PM" → a time; "" → None; ValueError else."""
    raw = raw.strip()
    if not raw:
        return None
    match = _TIME.match(raw)
    if not match:
        raise ValueError(raw)
    hour, minute = int(match[1]), int(match[2] or 0)
    if len(match[1]) > 2 or (match[2] is None and len(raw) == 4 and raw.isdigit()):
        hour, minute = divmod(int(raw[:4]), 100)
    if match[4]:
        if not 1 <= hour <= 12:
            raise ValueError(raw)
        hour = hour % 12 + (12 if match[4].lower().startswith("p") else 0)
    if hour == 24 and minute == 0:
        return time(0, 0)
    return time(hour, minute)


def parse_days(raw: str) -> list[int]:
    """"MO,TU", "Mon-Fri", "Saturday", "1" (1 = Monday, as ISO counts) → weekdays; ValueError."""
    days: list[int] = []
    for part in re.split(r"\s*,\s*", raw.strip()):
        ends = [p.strip().lower().rstrip(".") for p in re.split(r"\s*[-–]\s*", part)]
        if len(ends) > 2 or not ends[0]:
            raise ValueError(raw)
        first, last = (_day(ends[0]), _day(ends[-1]))
        span = range(first, (last if last >= first else last + 7) + 1)
        days.extend(d % 7 for d in span if d % 7 not in days)
    return days


def _day(name: str) -> int:
    if name.isdigit() and 1 <= int(name) <= 7:
        return int(name) - 1
    if name not in _DAY_NAMES:
        raise ValueError(name)
    return _DAY_NAMES[name]


def clock(value: time | None) -> str:
    return "" if value is None else f"{value.hour}:{value.minute:02d}"


def format_hours(hours: list) -> str:
    """The form's text: one line per opening, "Mon 9:00-17:00 note", or the note alone."""
    lines = []
    for h in sorted(hours, key=_order):
        if h.weekday is None:
            times = f"{clock(h.opens_at)}-{clock(h.closes_at)}" if h.opens_at else ""
            lines.append(" ".join(p for p in (times, h.description) if p))
        else:
            times = f"{clock(h.opens_at)}-{clock(h.closes_at)}" if h.opens_at else "closed"
            lines.append(" ".join(p for p in (DAYS[h.weekday], times, h.description) if p))
    return "\n".join(lines)


def _order(h) -> tuple:
    return (7 if h.weekday is None else h.weekday, h.opens_at or time(0), h.description)


def parse_hours(value: str, field: str = "hours") -> list[Hours]:
    """The form's or spreadsheet's text back into openings; InputError naming the bad line."""
    hours: list[Hours] = []
    for number, line in enumerate((value or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        closed = re.match(r"^(\S+)\s+closed\b\s*(.*)$", line, re.IGNORECASE)
        if closed and _starts_with_day(line):
            hours.extend(Hours(day, None, None, closed[2][:500]) for day in _days_or(closed[1], number, field))
            continue
        match = _LINE.match(line)
        try:
            if match is None:
                parse_days(line.split()[0])  # a day with no times is a mistake, not a note
                raise ValueError(line)
            days = parse_days(match["days"])
            opens, closes = parse_time(match["opens"]), parse_time(match["closes"])
        except ValueError:
            if match is None and not _starts_with_day(line):
                hours.append(Hours(None, None, None, line[:500]))
                continue
            raise InputError(f"Line {number}: write hours like “Mon-Fri 9:00-17:00” "
                             "(a note may follow the times).", field) from None
        hours.extend(Hours(day, opens, closes, (match["note"] or "")[:500]) for day in days)
    return hours


def _days_or(raw: str, number: int, field: str) -> list[int]:
    try:
        return parse_days(raw)
    except ValueError:
        raise InputError(f"Line {number}: “{raw[:20]}” is not a day of the week.", field) from None


def _starts_with_day(line: str) -> bool:
    try:
        parse_days(re.split(r"[\s:]", line, maxsplit=1)[0])
    except ValueError:
        return False
    return True


def _is_open(h, day: int, at: time) -> bool:
    if h.weekday is None or h.opens_at is None or h.closes_at is None:
        return False
    overnight = h.closes_at <= h.opens_at  # closes after midnight (00:00 = midnight)
    if h.weekday == day and h.opens_at <= at and (overnight or at < h.closes_at):
        return True
    return overnight and h.weekday == (day - 1) % 7 and at < h.closes_at


def open_status(hours: list, now: datetime | None = None) -> str:
    """"Open now", "Closed now, opens Tue 9:00", or "" when no weekly hours are known."""
    weekly = [h for h in hours if h.weekday is not None and h.opens_at is not None]
    if not weekly:
        return ""
    now = now or local_now()
    day, at = now.weekday(), now.time()
    if any(_is_open(h, day, at) for h in weekly):
        return "Open now"
    for ahead in range(8):
        moment = now + timedelta(days=ahead)
        later = sorted(h.opens_at for h in weekly if h.weekday == moment.weekday()
                       and (ahead > 0 or h.opens_at > at))
        if later:
            when = "today" if ahead == 0 else DAYS[moment.weekday()]
            return f"Closed now, opens {when} {clock(later[0])}"
    return "Closed now"


def open_now_condition(now: datetime | None = None):
    """Services open at this moment (the search's "open now"): an EXISTS on the service's own
    schedule rows, so a search that stops after a page or a bounded count looks up only the
    services it reads (an IN would first collect every open service, for each statement)."""
    now = now or local_now()
    day, at, s = now.weekday(), now.time().replace(microsecond=0), ServiceSchedule
    overnight = s.closes_at <= s.opens_at
    return exists().where(s.service_id == Service.id, s.opens_at.is_not(None),
                          s.closes_at.is_not(None), or_(
        and_(s.weekday == day, s.opens_at <= at, or_(s.closes_at > at, overnight)),
        and_(s.weekday == (day - 1) % 7, overnight, s.closes_at > at)))
