"""Bulk needs for the benchmark: about 500 spread over every county (and a few regions) and the
service categories, most of them open, so the gap map counts real numbers at scale.

The organizations and services come from data_directory (built first)."""
from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert, select

from hh.directory.models import County, Region
from hh.extensions import db
from hh.needs.models import NEED_SOURCES, Need
from hh.resources.models import TaxonomyTerm
from hh.timeutil import local_today

PAGES = [
    ("gap map", "/needs/gaps", "viewer"),
    ("gap map: one region", "/needs/gaps?region=1", "viewer"),
    ("gap map: one category, sub-categories", "/needs/gaps?category=2", "viewer"),
    ("gap map: one cell", "/needs/gaps/cell?county=1&category=1", "viewer"),
    ("needs list: open", "/needs/?status=open", "viewer"),
]

TOPICS = ("beds", "appointments", "rides", "help applying", "outreach", "case management",
          "language access", "weekend hours", "family rooms", "youth options")


def build(scale: dict) -> None:
    rng = random.Random(11)
    n_needs = scale.get("needs", 500)
    counties = [c.id for c in db.session.scalars(select(County))]
    regions = [r.id for r in db.session.scalars(select(Region))]
    terms = [t.id for t in db.session.scalars(select(TaxonomyTerm))]
    if not counties or not terms:
        return
    statuses = ["open"] * 6 + ["in_progress"] * 2 + ["met"] * 2
    today = local_today()
    rows = []
    for i in range(n_needs):
        region_wide = regions and i % 25 == 0
        rows.append({
            "title": f"Bench need {i + 1}: {rng.choice(TOPICS)}",
            "description": "Reported at the bench listening session; " + rng.choice(TOPICS) + ".",
            "county_id": None if region_wide else rng.choice(counties),
            "region_id": rng.choice(regions) if region_wide else None,
            "category_id": rng.choice(terms),
            "households_affected": rng.randint(1, 40),
            "source": rng.choice(list(NEED_SOURCES)),
            "status": rng.choice(statuses),
            "noted_on": today - timedelta(days=rng.randint(0, 400)),
        })
    db.session.execute(insert(Need), rows)
    db.session.commit()
