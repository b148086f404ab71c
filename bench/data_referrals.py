"""Bulk referrals for the benchmark: 10,000 over the last year between the bench and demo
organizations, in every status, about a fifth of them to the demo provider's organization (Harbor
House), so its incoming queue and the outcomes page work on real volumes. Unanswered ones are
recent (older ones would expire on the first request and turn the benchmark into a write test).
"""
from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert, select

from hh.directory.models import Organization
from hh.extensions import db
from hh.referrals.models import Referral, ReferralEvent, local_month
from hh.resources.models import Service
from hh.timeutil import utcnow

PAGES = [
    ("referrals: incoming, new (provider)", "/referrals/", "provider"),
    ("referrals: incoming, awaiting action (provider)", "/referrals/?view=awaiting", "provider"),
    ("referrals: incoming, every organization (coordinator)", "/referrals/?view=all", "coordinator"),
    ("referrals: outcomes by month", "/referrals/outcomes", "coordinator"),
    ("referrals: outcomes by service", "/referrals/outcomes?by=service", "coordinator"),
]

# (status, share): how referrals stand a year in.
MIX = [("closed", 30), ("connected", 15), ("declined", 12), ("no_show", 5), ("scheduled", 6),
       ("accepted", 8), ("withdrawn", 4), ("expired", 8), ("received", 6), ("sent", 6)]
REASONS = ["no_capacity", "not_eligible", "outside_area", "client_declined", "unable_to_contact"]


def build(scale: dict) -> None:
    rng = random.Random(7)
    count = scale.get("referrals", 10000)
    services = list(db.session.execute(select(Service.id, Service.organization_id, Service.category_id)
                                       .where(Service.accepts_referrals.is_(True))))
    harbor = db.session.scalar(select(Organization.id).where(Organization.name == "Harbor House Shelter & Outreach"))
    harbor_services = [s for s in services if s.organization_id == harbor]
    senders = list(db.session.scalars(select(Organization.id).limit(300)))
    if not services or not senders:
        return
    statuses = [s for s, share in MIX for _ in range(share)]
    now = utcnow()
    rows, events = [], []
    first_id = (db.session.scalar(select(Referral.id).order_by(Referral.id.desc()).limit(1)) or 0) + 1
    for i in range(count):
        service = rng.choice(harbor_services) if harbor_services and i % 5 == 0 else rng.choice(services)
        status = rng.choice(statuses)
        recent = status in ("sent", "received")
        sent = now - timedelta(days=rng.uniform(0.2, 12) if recent else rng.uniform(14, 365))
        accepted = sent + timedelta(days=rng.uniform(0.1, 5)) if status in (
            "accepted", "scheduled", "connected", "no_show", "closed") else None
        connected = accepted + timedelta(days=rng.uniform(1, 20)) if status in ("connected", "closed") else None
        no_show = accepted + timedelta(days=rng.uniform(2, 10)) if status == "no_show" else None
        declined = sent + timedelta(days=rng.uniform(0.1, 6)) if status == "declined" else None
        open_ = status in ("sent", "received", "accepted", "scheduled", "no_show")
        rows.append({
            "id": first_id + i, "kind": "discharge" if i % 9 == 0 else "referral",
            "service_id": service.id, "receiving_organization_id": service.organization_id,
            "sender_organization_id": rng.choice(senders), "household_id": None,
            "person_initials": "BX", "contact_route": "Bench contact route",
            "category_id": service.category_id, "urgency": rng.choice(("routine", "soon", "urgent")),
            "notes": "Bench referral", "consent_confirmed": True, "status": status,
            "follow_up_on": (now + timedelta(days=rng.randint(-10, 10))).date() if open_ else None,
            "scheduled_on": (accepted + timedelta(days=3)).date() if accepted else None,
            "decline_reason": rng.choice(REASONS) if declined else "", "decline_note": "",
            "sent_at": sent, "sent_month": local_month(sent), "received_at": sent + timedelta(hours=2) if status != "sent" else None,
            "accepted_at": accepted, "declined_at": declined, "connected_at": connected,
            "no_show_at": no_show, "closed_at": connected if status == "closed" else None,
            "discharging_facility": "Bench Hospital" if i % 9 == 0 else "",
            "expected_discharge_on": (now + timedelta(days=rng.randint(-3, 14))).date() if i % 9 == 0 else None,
            "receiving_program": "shelter" if i % 9 == 0 else "",
            "check_medications": False, "check_follow_up": False, "check_documents": False,
            "check_transportation": False, "check_benefits": False, "check_staff_contact": False,
            "warm_handoff": None, "updated_at": now,
        })
        events.append({"referral_id": first_id + i, "status": "sent", "previous_status": "",
                       "note": "", "at": sent})
        if status != "sent":
            events.append({"referral_id": first_id + i, "status": status, "previous_status": "sent",
                           "note": "", "at": accepted or declined or sent + timedelta(hours=2)})
    for start in range(0, len(rows), 1000):
        db.session.execute(insert(Referral), rows[start:start + 1000])
    for start in range(0, len(events), 2000):
        db.session.execute(insert(ReferralEvent), events[start:start + 2000])
    db.session.commit()
