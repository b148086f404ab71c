"""The one clock and time zone of the whole app.

Every "now" and "today" goes through here, so tests can move time (the `clock` fixture sets
`hh.timeutil.clock`, which every `utcnow()` reads, wherever it was imported) and every date follows the CoC's own calendar (setting HH_TIMEZONE, checked
at start-up), not the server's or UTC's: an item due on the 10th is not overdue at 8 pm on the
10th just because UTC is already on the 11th.
"""
from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

UTC = ZoneInfo("UTC")
DEFAULT_TIMEZONE = "America/Chicago"


def system_clock() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


clock = system_clock  # tests replace this to move time


def utcnow() -> datetime:
    """Naive UTC: stored the same way on SQLite and PostgreSQL."""
    return clock()


def coc_zone() -> ZoneInfo:
    """The CoC's time zone; a bad name was refused at start-up, so this only falls back outside
    an app (scripts, imports at module level)."""
    name = current_app.config.get("TIMEZONE", DEFAULT_TIMEZONE) if has_app_context() else DEFAULT_TIMEZONE
    return ZoneInfo(name)


def local_now() -> datetime:
    """Now on the CoC's wall clock (aware)."""
    return utcnow().replace(tzinfo=UTC).astimezone(coc_zone())


def local_today() -> date:
    """Today's date where the CoC is."""
    return local_now().date()


def local_month(moment: datetime) -> str:
    """The CoC-calendar month ("2026-11") of a naive-UTC moment."""
    return moment.replace(tzinfo=UTC).astimezone(coc_zone()).strftime("%Y-%m")


def utc_midnight(day: date) -> datetime:
    """The CoC's local midnight at the start of `day`, as naive UTC (how moments are stored)."""
    return datetime.combine(day, time(0), coc_zone()).astimezone(UTC).replace(tzinfo=None)
