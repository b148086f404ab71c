"""Demo referrals: about four months of realistic, fictional referrals and discharge hand-offs
between the demo organizations, in every status, with a few waiting for the demo provider's
organization, some follow-ups overdue and discharges coming up this week; and a measure in the
first demo action plan fed from the referral completion rate. Idempotent: loaded once (keyed on
the demo marker in the first event's note), the fed measure on its name."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from hh.auth.models import User
from hh.conferences.models import Household
from hh.directory.models import Organization
from hh.extensions import db
from hh.plans.feeds import feed_measure
from hh.plans.models import ActionPlan, Measure
from hh.referrals.models import OPEN_STATUSES, Referral, ReferralEvent
from hh.resources.models import Service
from hh.timeutil import local_today

MARKER = "Demo referral"
HOSPITAL = "Cedar Valley Regional Hospital"
# (sender organization, receiving service, reason note)
ROUTES = [
    ("Cedar Valley Regional Hospital", "Harbor House emergency shelter", "Leaving the hospital with nowhere to stay."),
    ("Three Rivers Community Health Center", "Housing navigation", "Needs help finding a unit for an EHV."),
    ("Harbor House Shelter & Outreach", "Emergency Housing Vouchers", "Chronic, high priority on the BNL."),
    ("North Fork Behavioral Health", "Rapid re-housing (Upper Valley)", "Stable in treatment, ready for RRH."),
    ("Southern Counties Housing Partnership", "Permanent supportive housing", "Long time homeless, high service need."),
    ("Elk County Community Action", "Eviction prevention fund", "Two months behind on rent."),
    ("Harbor House Shelter & Outreach", "Housing problem solving", "Family may be able to stay with relatives."),
    ("Bear Creek Tribal Health Clinic", "Elk Valley shelter", "Needs a bed tonight."),
    ("Prairie Health Plan", "Harbor House emergency shelter", "ECM member recently evicted."),
    ("Southern Counties Housing Partnership", "Housing Choice Vouchers", "Ready for a voucher briefing."),
]
# How each demo referral ends, in a repeating pattern (so the outcome figures look real).
PATHS = [
    ["received", "accepted", "scheduled", "connected", "closed"],
    ["received", "accepted", "connected"],
    ["received", "declined"],
    ["received", "accepted", "scheduled", "no_show"],
    ["received", "accepted", "scheduled", "connected"],
    ["expired"],
    ["received", "accepted", "scheduled", "connected", "closed"],
    ["withdrawn"],
    ["received", "accepted", "connected", "closed"],
    ["received", "declined", "closed"],
]
DECLINES = ["no_capacity", "not_eligible", "outside_area"]
# The most recent referrals, still in progress: n → (route, path, days ago, discharge in days).
RECENT = {
    42: (2, ["received", "accepted"], 6, None),
    43: (3, ["received"], 5, None),
    44: (0, [], 3, 2),
    45: (5, [], 3, None),
    46: (0, ["received", "accepted"], 2, 5),
    47: (8, [], 1, None),
}


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0))


def load_demo_referrals() -> int:
    today = local_today()
    if db.session.scalar(select(ReferralEvent.id).where(ReferralEvent.note.like(f"{MARKER}%")).limit(1)):
        _fed_measure()
        return db.session.query(Referral).count()
    services = {s.name: s for s in db.session.scalars(select(Service))}
    orgs = {o.name: o for o in db.session.scalars(select(Organization))}
    users = {u.organization_id: u for u in db.session.scalars(
        select(User).where(User.is_demo.is_(True), User.role.in_(("provider", "coordinator")))
        .order_by(User.id.desc()))}
    households = list(db.session.scalars(
        select(Household).where(Household.status == "active", Household.consent.is_(True),
                                Household.safety_flag.is_(False)).order_by(Household.hmis_id)))
    made = 0
    for n in range(48):
        route, path, days_ago, discharge_in = RECENT.get(n, (n % len(ROUTES), None, None, None))
        sender_name, service_name, why = ROUTES[route]
        service, sender_org = services.get(service_name), orgs.get(sender_name)
        if service is None or sender_org is None:
            continue
        # Spread over four months; the last few are recent and still waiting for someone.
        sent_on = today - timedelta(days=days_ago if days_ago is not None else 120 - n * 2)
        referral = _sent(n, service, sender_org, users.get(sender_org.id), households, why, sent_on)
        if discharge_in is not None or (sender_name == HOSPITAL and n % 2 == 0):
            _discharge(referral, sent_on, today, discharge_in)
        _walk(referral, n, path if path is not None else PATHS[n % len(PATHS)], sent_on, today,
              users.get(service.organization_id))
        if referral.status in OPEN_STATUSES:
            # Some follow-ups are overdue, as in real life.
            referral.follow_up_on = today - timedelta(days=2) if n % 5 in (0, 3) else today + timedelta(days=1 + n % 5)
        db.session.add(referral)
        made += 1
    db.session.commit()
    _fed_measure()
    return made


def _sent(n: int, service: Service, sender_org: Organization, sender: User | None,
          households: list[Household], why: str, sent_on: date) -> Referral:
    """The n-th demo referral as it was sent: for a household, or for a person's initials."""
    referral = Referral(
        kind="referral", service=service, receiving_organization_id=service.organization_id,
        sender=sender, sender_organization=sender_org,
        category_id=service.category_id, urgency=("urgent", "soon", "routine")[n % 3],
        notes=why, consent_confirmed=True, status="sent", sent_at=_at(sent_on, 9))
    if n % 3 and households:
        referral.household = households[n % len(households)]
    else:
        referral.person_initials = "".join(chr(65 + (n * k) % 26) for k in (3, 7))
        referral.contact_route = "Through the sending case manager"
    referral.events.append(ReferralEvent(status="sent", note=f"{MARKER} (fictional)",
                                         user=sender, organization=sender_org,
                                         at=referral.sent_at))
    return referral


_MILESTONES = (("received", "received_at"), ("accepted", "accepted_at"),
               ("declined", "declined_at"), ("connected", "connected_at"),
               ("no_show", "no_show_at"), ("closed", "closed_at"),
               ("withdrawn", "closed_at"), ("expired", "closed_at"))


def _walk(referral: Referral, n: int, path: list[str], sent_on: date, today: date,
          receiver: User | None) -> None:
    """Take the referral along its path, a day or few per step, stopping at today."""
    day = sent_on
    for step in path:
        day = sent_on + timedelta(days=14) if step == "expired" else \
            day + timedelta(days=0 if step == "received" else 1 + n % 4)
        if day > today:
            break
        at = _at(day, 11 if step == "received" else 14)
        who = receiver if step != "withdrawn" else referral.sender
        acting_org = referral.service.organization_id if step != "withdrawn" \
            else referral.sender_organization.id
        if step == "declined":
            referral.decline_reason = DECLINES[n % len(DECLINES)]
        if step == "scheduled":
            referral.scheduled_on = day + timedelta(days=2)
        referral.status = step
        for name, column in _MILESTONES:
            if step == name and getattr(referral, column) is None:
                setattr(referral, column, at)
        referral.events.append(ReferralEvent(
            status=step, at=at, user=who if step != "expired" else None,
            organization_id=acting_org if step != "expired" else None,
            note="No answer within 14 days." if step == "expired" else ""))
        if referral.is_discharge and step == "connected":
            referral.warm_handoff = n % 4 != 0


def _discharge(referral: Referral, sent_on: date, today: date, discharge_in: int | None) -> None:
    referral.kind = "discharge"
    referral.discharging_facility = HOSPITAL
    referral.receiving_program = "shelter" if "shelter" in referral.service.name.lower() else "housing"
    referral.expected_discharge_on = today + timedelta(days=discharge_in) \
        if discharge_in is not None else sent_on + timedelta(days=3)
    referral.check_medications = True
    referral.check_follow_up = discharge_in is None
    referral.check_staff_contact = discharge_in is None or discharge_in < 3


def _fed_measure() -> None:
    plan = db.session.scalar(select(ActionPlan).order_by(ActionPlan.id).limit(1))
    if plan is None:
        return
    name = "Referrals connected (completion rate)"
    measure = db.session.scalar(select(Measure).where(Measure.plan_id == plan.id, Measure.name == name))
    if measure is None:
        measure = Measure(plan=plan, name=name, unit="% of referrals", direction="up",
                          definition="Referrals sent each month that reached “connected”, as a "
                          "share of all referrals sent that month. Fed automatically from the "
                          "referral outcomes.", target_value=75, feed="referrals_completion_rate")
        db.session.add(measure)
        db.session.flush()
    feed_measure(measure)
    db.session.commit()
