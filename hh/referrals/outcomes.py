"""Referral outcomes: completion (connected) rate, median days to acceptance and to connection,
no-show and decline rates with reasons, by service, organization, category or month; and the
figures an action-plan measure can be fed from automatically.

Definitions (shown on the page too):
- completion rate: connected ÷ referrals sent (in the group);
- decline rate: declined ÷ answered (accepted or declined);
- no-show rate: had a no-show ÷ reached an appointment (connected or no-show);
- days to acceptance / connection: from sending, median over those that got there.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import selectinload

from hh.caching import remember
from hh.directory.models import Organization
from hh.extensions import db
from hh.plans.feeds import refresh_fed_measures  # noqa: F401 (the command line's name for it)
from hh.referrals.models import DECLINE_REASONS, OPEN_STATUSES, Referral
from hh.resources.models import Service, TaxonomyTerm
from hh.timeutil import utc_midnight

GROUPINGS: dict[str, str] = {
    "month": "Month sent",
    "service": "Service",
    "organization": "Receiving organization",
    "sender": "Sending organization",
    "category": "Category",
}


@dataclass
class Figures:
    """The outcome figures for one group of referrals."""

    label: str
    sent: int = 0
    open: int = 0
    accepted: int = 0
    declined: int = 0
    connected: int = 0
    no_show: int = 0
    withdrawn: int = 0
    expired: int = 0
    days_to_accept: list[float] = field(default_factory=list)
    days_to_connect: list[float] = field(default_factory=list)
    decline_reasons: Counter = field(default_factory=Counter)
    # Worked out once by `settle` (the day counts themselves are not kept: tens of thousands).
    median_days_to_accept: float | None = None
    median_days_to_connect: float | None = None

    def count(self, status: str, to_accept, to_connect, declined: bool, no_show: bool,
              reason: str) -> None:
        """One referral: its status, days to acceptance and connection (None: not reached)."""
        self.sent += 1
        if status in OPEN_STATUSES:
            self.open += 1
        elif status == "withdrawn":
            self.withdrawn += 1
        elif status == "expired":
            self.expired += 1
        if to_accept is not None:
            self.accepted += 1
            self.days_to_accept.append(max(0.0, float(to_accept)))
        if to_connect is not None:
            self.connected += 1
            self.days_to_connect.append(max(0.0, float(to_connect)))
        if declined:
            self.declined += 1
            self.decline_reasons[reason or "other"] += 1
        if no_show:
            self.no_show += 1

    def absorb(self, other: "Figures") -> None:
        self.sent += other.sent
        self.open += other.open
        self.accepted += other.accepted
        self.declined += other.declined
        self.connected += other.connected
        self.no_show += other.no_show
        self.withdrawn += other.withdrawn
        self.expired += other.expired
        self.days_to_accept.extend(other.days_to_accept)
        self.days_to_connect.extend(other.days_to_connect)
        self.decline_reasons.update(other.decline_reasons)

    @property
    def completion_rate(self) -> float | None:
        return _rate(self.connected, self.sent)

    @property
    def decline_rate(self) -> float | None:
        return _rate(self.declined, self.accepted + self.declined)

    @property
    def no_show_rate(self) -> float | None:
        return _rate(self.no_show, self.connected + self.no_show)

    def settle(self) -> None:
        """The medians, worked out once before the figures are cached: the page and the CSV
        read them, never the day counts again."""
        self.median_days_to_accept = _median(self.days_to_accept)
        self.median_days_to_connect = _median(self.days_to_connect)
        self.days_to_accept, self.days_to_connect = [], []

    def reasons(self) -> list[tuple[str, int]]:
        return [(DECLINE_REASONS.get(code, code), n) for code, n in self.decline_reasons.most_common()]


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _days_between(later, earlier):
    """Days from one timestamp to another, as a number, on either database."""
    if db.engine.dialect.name == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return func.extract("epoch", later - earlier) / 86400.0


def _where(statement, condition):
    return statement if condition is None else statement.where(condition)


@dataclass
class Outcomes:
    grouping: str
    total: Figures
    groups: list[Figures]
    shown: int = 0  # groups shown on the page (the CSV has them all)

    @property
    def visible(self) -> list[Figures]:
        return self.groups[:self.shown] if self.shown else self.groups

    @property
    def hidden(self) -> int:
        return len(self.groups) - len(self.visible)


OUTCOME_TABLES = ("referral", "referral_event", "organization", "service", "taxonomy_term")


def outcomes(query: Select, grouping: str = "month", start: date | None = None,
             end: date | None = None, shown: int = 0) -> Outcomes:
    """Figures for the referrals `query` selects (already scoped to the reader), sent between
    start and end (inclusive, CoC calendar), grouped one way. Counted by the database (a year of
    a CoC's referrals is tens of thousands of rows) and kept in the one cache until a referral
    or a name it shows changes."""
    grouping = grouping if grouping in GROUPINGS else "month"
    scope = "" if query.whereclause is None else str(query.whereclause.compile(
        dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))
    key = f"outcomes:{hash(scope)}:{grouping}:{start}:{end}:{shown}:{current_app.config.get('TIMEZONE')}"
    return remember(key, OUTCOME_TABLES, lambda: _outcomes(query, grouping, start, end, shown))


def _outcomes(query: Select, grouping: str, start: date | None, end: date | None,
              shown: int) -> Outcomes:
    condition = _sent_between(query.whereclause, start, end)
    key = Referral.sent_month if grouping == "month" else _KEY_COLUMNS[grouping]()
    groups = _count(key.label("group_key"), condition)
    total = Figures("All referrals")
    for figures in groups.values():
        total.absorb(figures)
    total.settle()
    result = Outcomes(grouping, total, [groups[k] for k in sorted(groups)] if grouping == "month"
                      else _named_groups(grouping, groups, shown), shown)
    # The medians of the groups shown (all of them for the CSV); the others' day counts are
    # dropped unread (thousands of services on the page's list of the 50 biggest).
    for figures in result.visible:
        figures.settle()
    for figures in result.groups[len(result.visible):]:
        figures.days_to_accept, figures.days_to_connect = [], []
    return result


def _both(*conditions):
    present = [c for c in conditions if c is not None]
    return and_(*present) if present else None


def _sent_between(condition, start: date | None, end: date | None):
    if start:
        condition = _both(condition, Referral.sent_at >= utc_midnight(start))
    if end:
        condition = _both(condition, Referral.sent_at < utc_midnight(end + timedelta(days=1)))
    return condition


def _count(key, condition) -> dict[object, Figures]:
    """Each group's figures, in one pass over its referrals (the medians need every day count,
    so the rows come here anyway): counts, days to acceptance and connection, decline reasons."""
    groups: dict[object, Figures] = {}
    rows = _where(select(key, Referral.status, _days_between(Referral.accepted_at, Referral.sent_at),
                         _days_between(Referral.connected_at, Referral.sent_at),
                         Referral.declined_at.is_not(None), Referral.no_show_at.is_not(None),
                         Referral.decline_reason), condition)
    for group, status, to_accept, to_connect, declined, no_show, reason in db.session.execute(rows):
        figures = groups.get(group)
        if figures is None:
            figures = groups[group] = Figures(str(group))
        figures.count(status, to_accept, to_connect, declined, no_show, reason)
    return groups


def _named_groups(grouping: str, groups: dict[object, Figures], shown: int) -> list[Figures]:
    """Biggest groups first; only those shown are named (thousands of services otherwise)."""
    keys = sorted(groups, key=lambda k: (-groups[k].sent, str(k)))
    named = keys[:shown] if shown else keys
    names = _names(grouping, set(named))
    for group_key in named:
        groups[group_key].label = names.get(group_key, "—")
    ordered = sorted((groups[k] for k in named), key=lambda f: (-f.sent, f.label.lower()))
    return ordered + [groups[k] for k in keys[len(named):]]


_KEY_COLUMNS = {
    "service": lambda: Referral.service_id,
    "organization": lambda: Referral.receiving_organization_id,
    "sender": lambda: Referral.sender_organization_id,
    "category": lambda: Referral.category_id,
}


def _names(grouping: str, ids: set) -> dict:
    ids = ids - {None}
    if not ids or grouping == "month":
        return {}
    if grouping == "service":
        # Every service with its organization in one pass: faster than a long IN list.
        rows = db.session.execute(select(Service.id, Service.name, Organization.name)
                                  .join(Organization, Service.organization_id == Organization.id)
                                  .where(Service.id.in_(ids)) if len(ids) <= 500 else
                                  select(Service.id, Service.name, Organization.name)
                                  .join(Organization, Service.organization_id == Organization.id))
        return {i: f"{s} ({o})" for i, s, o in rows if i in ids}
    if grouping in ("organization", "sender"):
        return dict(db.session.execute(select(Organization.id, Organization.name)
                                       .where(Organization.id.in_(ids))).all())
    terms = db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.id.in_(ids))
                               .options(selectinload(TaxonomyTerm.parent)))
    return {t.id: t.label for t in terms}


CSV_HEADER = ["group", "sent", "still_open", "accepted", "declined", "connected", "no_shows",
              "withdrawn", "expired", "completion_rate_pct", "decline_rate_pct", "no_show_rate_pct",
              "median_days_to_acceptance", "median_days_to_connection", "decline_reasons"]


def csv_rows(result: Outcomes):
    for f in [*result.groups, result.total]:
        yield [f.label, f.sent, f.open, f.accepted, f.declined, f.connected, f.no_show, f.withdrawn,
               f.expired, _blank(f.completion_rate), _blank(f.decline_rate), _blank(f.no_show_rate),
               _blank(f.median_days_to_accept), _blank(f.median_days_to_connect),
               "; ".join(f"{label}: {n}" for label, n in f.reasons())]


def _blank(value):
    return "" if value is None else value


# --- Monthly figures, for the action-plan measures fed from them (see feeds.py) ----------------


def monthly_values(attribute: str) -> dict[date, float]:
    """One Figures attribute (e.g. "completion_rate") for each month with referrals, dated the
    first of the month."""
    values = {}
    for figures in outcomes(select(Referral), "month").groups:
        value = getattr(figures, attribute)
        if value is not None:
            year, month = figures.label.split("-")
            values[date(int(year), int(month), 1)] = float(value)
    return values
