"""Measure feeds: figures other features offer to fill a measure's data points automatically.

A feature registers each feed once, at import time (referrals registers its outcome rates in
hh/referrals/feeds.py); plans only knows this registry, never the features behind it. A feed's
`compute()` returns one value per month, dated the first of the month."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from sqlalchemy import select

from hh.extensions import db
from hh.plans.models import DataPoint, Measure


@dataclass(frozen=True)
class Feed:
    key: str
    label: str                              # in the measure form's list and on the measure page
    compute: Callable[[], dict[date, float]]
    note: str = "Updated automatically"     # written on each data point it fills
    source: str = ""                        # where the figures come from, e.g. "referral outcomes"
    source_endpoint: str = ""               # the page that shows them
    when: str = ""                          # when the values are rewritten
    # Parts a feed can be narrowed to (e.g. a region): (scope, label) pairs, read when the
    # measure form is shown. A measure then stores "key@scope", and compute(scope) is called.
    scopes: Callable[[], list[tuple[str, str]]] | None = None


FEEDS: dict[str, Feed] = {}


def register_feed(key: str, label: str, compute: Callable[[], dict[date, float]], **details) -> Feed:
    """Offer a feed to measures (re-registering a key replaces it)."""
    feed = Feed(key, label, compute, **details)
    FEEDS[key] = feed
    return feed


def find(key: str) -> tuple[Feed | None, str | None]:
    """The feed a measure's feed key names, and its scope ("bnl_housed@3": region 3)."""
    base, _, scope = (key or "").partition("@")
    feed = FEEDS.get(base)
    if feed is None or (scope and feed.scopes is None):
        return None, None
    return feed, scope or None


def _values(feed: Feed, scope: str | None) -> dict[date, float]:
    return feed.compute(scope) if scope else feed.compute()


def feed_choices() -> list[tuple[str, str]]:
    found = []
    for key, feed in FEEDS.items():
        found.append((key, feed.label))
        if feed.scopes is not None:
            found.extend((f"{key}@{scope}", f"{feed.label}: {label}") for scope, label in feed.scopes())
    return found


def feed_measure(measure: Measure, values: dict[date, float] | None = None) -> int:
    """Write the measure's data points from its feed: one per month, replacing earlier automatic
    values. Hand-entered points on other dates stay. Returns how many changed; the caller commits."""
    feed, scope = find(measure.feed)
    if feed is None:
        return 0
    values = _values(feed, scope) if values is None else values
    existing = {p.observed_on: p for p in measure.points}
    changed = 0
    for day, value in values.items():
        point = existing.get(day)
        if point is None:
            measure.points.append(DataPoint(observed_on=day, value=value, note=feed.note))
            changed += 1
        elif point.value != value:
            point.value, point.note = value, feed.note
            changed += 1
    return changed


def refresh_fed_measures() -> int:
    """Bring every fed measure up to date (after the figures change, and from the CLI). Each feed
    is computed once, however many measures use it."""
    measures = list(db.session.scalars(select(Measure).where(Measure.feed != "")))
    computed: dict[str, dict[date, float]] = {}
    changed = 0
    for measure in measures:
        feed, scope = find(measure.feed)
        if feed is None:
            continue
        if measure.feed not in computed:
            computed[measure.feed] = _values(feed, scope)
        changed += feed_measure(measure, computed[measure.feed])
    if changed:
        db.session.commit()
    return changed
