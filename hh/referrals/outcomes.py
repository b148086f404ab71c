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
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context
from sqlalchemy import Select, select

from hh.directory.models import Organization
from hh.extensions import db
from hh.referrals.models import DECLINE_REASONS, OPEN_STATUSES, Referral
from hh.resources.models import Service, TaxonomyTerm

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

    def add(self, row) -> None:
        self.sent += 1
        if row.status in OPEN_STATUSES:
            self.open += 1
        if row.accepted_at is not None:
            self.accepted += 1
            self.days_to_accept.append(_days(row.sent_at, row.accepted_at))
        if row.declined_at is not None:
            self.declined += 1
            self.decline_reasons[row.decline_reason or "other"] += 1
        if row.connected_at is not None:
            self.connected += 1
            self.days_to_connect.append(_days(row.sent_at, row.connected_at))
        if row.no_show_at is not None:
            self.no_show += 1
        if row.status == "withdrawn":
            self.withdrawn += 1
        if row.status == "expired":
            self.expired += 1

    @property
    def completion_rate(self) -> float | None:
        return _rate(self.connected, self.sent)

    @property
    def decline_rate(self) -> float | None:
        return _rate(self.declined, self.accepted + self.declined)

    @property
    def no_show_rate(self) -> float | None:
        return _rate(self.no_show, self.connected + self.no_show)

    @property
    def median_days_to_accept(self) -> float | None:
        return round(statistics.median(self.days_to_accept), 1) if self.days_to_accept else None

    @property
    def median_days_to_connect(self) -> float | None:
        return round(statistics.median(self.days_to_connect), 1) if self.days_to_connect else None

    def reasons(self) -> list[tuple[str, int]]:
        return [(DECLINE_REASONS.get(code, code), n) for code, n in self.decline_reasons.most_common()]


def _days(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds() / 86400)


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _zone() -> ZoneInfo:
    name = current_app.config.get("TIMEZONE", "UTC") if has_app_context() else "UTC"
    try:
        return ZoneInfo(name)
    except Exception:  # a bad name was refused at start-up; be safe anyway
        return ZoneInfo("UTC")


def _month(moment: datetime, zone: ZoneInfo) -> str:
    return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).strftime("%Y-%m")


_COLUMNS = (Referral.id, Referral.status, Referral.sent_at, Referral.accepted_at,
            Referral.declined_at, Referral.connected_at, Referral.no_show_at,
            Referral.decline_reason, Referral.service_id, Referral.receiving_organization_id,
            Referral.sender_organization_id, Referral.category_id)


@dataclass
class Outcomes:
    grouping: str
    total: Figures
    groups: list[Figures]


def outcomes(query: Select, grouping: str = "month", start: date | None = None,
             end: date | None = None) -> Outcomes:
    """Figures for the referrals `query` selects (already scoped to the reader), sent between
    start and end (inclusive, CoC calendar), grouped one way."""
    grouping = grouping if grouping in GROUPINGS else "month"
    zone = _zone()
    rows = db.session.execute(query.with_only_columns(*_COLUMNS).order_by(None)).all()
    names = _names(grouping, rows)
    total = Figures("All referrals")
    groups: dict[object, Figures] = {}
    for row in rows:
        local_day = row.sent_at.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone).date()
        if (start and local_day < start) or (end and local_day > end):
            continue
        key = _key(grouping, row, zone)
        if key not in groups:
            groups[key] = Figures(names.get(key, "—") if grouping != "month" else str(key))
        groups[key].add(row)
        total.add(row)
    if grouping == "month":
        ordered = [groups[k] for k in sorted(groups)]
    else:
        ordered = sorted(groups.values(), key=lambda f: (-f.sent, f.label.lower()))
    return Outcomes(grouping, total, ordered)


def _key(grouping: str, row, zone: ZoneInfo):
    if grouping == "month":
        return _month(row.sent_at, zone)
    if grouping == "service":
        return row.service_id
    if grouping == "organization":
        return row.receiving_organization_id
    if grouping == "sender":
        return row.sender_organization_id
    return row.category_id


def _names(grouping: str, rows) -> dict:
    if grouping == "service":
        ids = {r.service_id for r in rows}
        return {i: f"{s} ({o})" for i, s, o in db.session.execute(
            select(Service.id, Service.name, Organization.name)
            .join(Organization, Service.organization_id == Organization.id)
            .where(Service.id.in_(ids)))} if ids else {}
    if grouping in ("organization", "sender"):
        column = "receiving_organization_id" if grouping == "organization" else "sender_organization_id"
        ids = {getattr(r, column) for r in rows} - {None}
        return dict(db.session.execute(select(Organization.id, Organization.name)
                                       .where(Organization.id.in_(ids))).all()) if ids else {}
    if grouping == "category":
        ids = {r.category_id for r in rows} - {None}
        terms = db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.id.in_(ids))) if ids else []
        return {t.id: t.label for t in terms}
    return {}


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


# --- Measures fed from these figures ---------------------------------------------------------------

# measure.feed → (label, the Figures attribute that gives the monthly value)
FEEDS: dict[str, tuple[str, str]] = {
    "referrals_completion_rate": ("Referral completion (connected) rate, % per month", "completion_rate"),
    "referrals_median_days_to_accept": ("Median days to acceptance, per month", "median_days_to_accept"),
    "referrals_median_days_to_connect": ("Median days to connection, per month", "median_days_to_connect"),
    "referrals_no_show_rate": ("Referral no-show rate, % per month", "no_show_rate"),
    "referrals_decline_rate": ("Referral decline rate, % per month", "decline_rate"),
    "referrals_sent": ("Referrals sent per month", "sent"),
}

FEED_NOTE = "From referral outcomes (updated automatically)"


def monthly_values(feed: str) -> dict[date, float]:
    """The feed's value for each month with referrals, dated the first of the month."""
    _, attribute = FEEDS[feed]
    result = outcomes(select(Referral), "month")
    values = {}
    for figures in result.groups:
        value = getattr(figures, attribute)
        if value is not None:
            year, month = figures.label.split("-")
            values[date(int(year), int(month), 1)] = float(value)
    return values


def feed_measure(measure) -> int:
    """Write the measure's data points from its feed: one per month, replacing earlier automatic
    values. Hand-entered points on other dates stay. The caller commits."""
    from hh.plans.models import DataPoint

    if measure.feed not in FEEDS:
        return 0
    values = monthly_values(measure.feed)
    existing = {p.observed_on: p for p in measure.points}
    changed = 0
    for day, value in values.items():
        point = existing.get(day)
        if point is None:
            measure.points.append(DataPoint(observed_on=day, value=value, note=FEED_NOTE))
            changed += 1
        elif point.value != value:
            point.value = value
            point.note = FEED_NOTE
            changed += 1
    return changed


def refresh_fed_measures() -> int:
    """Bring every fed measure up to date (after a referral changes, and from the CLI)."""
    from hh.plans.models import Measure

    measures = list(db.session.scalars(select(Measure).where(Measure.feed != "")))
    changed = sum(feed_measure(m) for m in measures)
    if changed:
        db.session.commit()
    return changed
