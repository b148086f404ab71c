"""Bulk glossary data for the benchmark: the starter glossary plus generated terms up to
`scale["terms"]` (default 1,000), and a service whose text is full of glossary terms, so the
explain filter works against the whole glossary on every service page view."""
from __future__ import annotations

import random

from sqlalchemy import func, insert, select

from hh.extensions import db
from hh.glossary.models import GLOSSARY_SECTORS, GlossaryTerm, SectorMeaning
from hh.resources.models import Service
from hh.timeutil import utcnow

PAGES = [
    ("glossary search", "/glossary/?q=psh", "viewer"),
    ("glossary search with typos", "/glossary/?q=permanant+suportive", "viewer"),
    ("glossary A-Z letter", "/glossary/?letter=C", "viewer"),
    ("glossary term page", "/glossary/psh", "viewer"),
    ("glossary explain filter: service page", "/resources/services/1", "viewer"),
]

WORDS = ("care", "housing", "transition", "support", "benefit", "clinic", "network", "voucher",
         "referral", "outreach", "respite", "recovery", "partner", "plan", "access", "resource",
         "assessment", "navigation", "stability", "health", "community", "program", "service",
         "family", "youth", "veteran", "county", "regional", "shared", "data", "rural", "mobile")

SERVICE_TEXT = (
    "Our PSH and RRH teams take referrals through coordinated entry and the By-Name List; "
    "each household is discussed at case conferencing with the anchor agency. We follow "
    "Housing First and harm reduction, accept HCV, EHV and HUD-VASH vouchers from the PHA, and "
    "work with SSVF for veterans. Health partners include the FQHC, street medicine, medical "
    "respite and ECM care managers from the MCP under CalAIM; Community Supports pay deposits. "
    "We need a signed ROI and an MOU before sharing HMIS data, and VI-SPDAT scores are one input "
    "among many. See https://example.org/PSH for forms or write to intake@HMIS.example.org. "
)


def build(scale: dict) -> None:
    from hh.glossary.services import load_starter

    rng = random.Random(11)
    load_starter()
    db.session.commit()
    wanted = scale.get("terms", 1000)
    have = db.session.scalar(select(func.count(GlossaryTerm.id)))
    sectors = list(GLOSSARY_SECTORS)
    now = utcnow()
    rows, meanings = [], []
    for n in range(have, wanted):
        words = rng.sample(WORDS, 3)
        term = " ".join(words).capitalize() + f" {n}"
        acronym = "".join(w[0] for w in words).upper() + str(n)
        rows.append({
            "slug": f"bench-{n}", "term": term, "acronym": acronym,
            "definition": f"A generated term about {words[0]} and {words[1]} for the benchmark: "
                          + " ".join(rng.choices(WORDS, k=25)) + ".",
            "sectors": " ".join(rng.sample(sectors, 2)), "example": f"We used {acronym} today.",
            "aliases": f"{acronym.lower()}; {' '.join(words)} {n}", "related": "psh hmis",
            "source_note": "Generated for the benchmark.", "source_url": "", "origin": "local",
            "locally_edited": False, "created_at": now, "updated_at": now,
        })
    if rows:
        db.session.execute(insert(GlossaryTerm), rows)
        ids = db.session.scalars(select(GlossaryTerm.id).where(GlossaryTerm.slug.like("bench-%")))
        for term_id in ids:
            if term_id % 3 == 0:
                meanings.append({"term_id": term_id, "sector": rng.choice(sectors),
                                 "meaning": "What it means in this sector: " + " ".join(rng.choices(WORDS, k=12))})
        if meanings:
            db.session.execute(insert(SectorMeaning), meanings)
    service = db.session.get(Service, 1)
    if service is not None:
        service.description = SERVICE_TEXT * 2
        service.eligibility_description = "Chronic homelessness verified in HMIS, or a PLEH referral."
        service.application_process = "Call the coordinated entry line; a navigator helps with the ROI."
    db.session.commit()
