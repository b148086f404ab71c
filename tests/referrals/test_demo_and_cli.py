"""The demo's months of referrals (idempotent) and the expire-referrals command."""
from datetime import timedelta

from sqlalchemy import func, select

from hh.extensions import db
from hh.plans.models import Measure
from hh.referrals.models import Referral, ReferralEvent
from hh.timeutil import utcnow


def run(app, *args):
    return app.test_cli_runner().invoke(args=["hh", *args], catch_exceptions=False)


def test_demo_referrals_cover_months_and_statuses_and_load_once(app, login_as):
    assert run(app, "demo").exit_code == 0
    count = db.session.scalar(select(func.count(Referral.id)))
    events = db.session.scalar(select(func.count(ReferralEvent.id)))
    statuses = set(db.session.scalars(select(Referral.status)))
    assert count >= 40
    assert {"sent", "received", "accepted", "declined", "connected", "closed", "expired",
            "no_show", "withdrawn"} <= statuses
    first, last = db.session.execute(select(func.min(Referral.sent_at), func.max(Referral.sent_at))).one()
    assert last - first > timedelta(days=90)  # a few months
    assert db.session.scalar(select(func.count(Referral.id)).where(Referral.kind == "discharge")) >= 3
    measure = db.session.scalar(select(Measure).where(Measure.feed == "referrals_completion_rate"))
    assert measure is not None and len(measure.points) >= 3
    assert run(app, "demo").exit_code == 0
    assert db.session.scalar(select(func.count(Referral.id))) == count
    assert db.session.scalar(select(func.count(ReferralEvent.id))) == events


def test_expire_referrals_command(app, factory):
    from hh.resources.models import Service

    org = factory.organization("Shelter")
    service = Service(organization=org, name="Beds", accepts_referrals=True)
    old = Referral(service=service, receiving_organization_id=None, person_initials="AB",
                   sent_at=utcnow() - timedelta(days=30), status="received")
    fresh = Referral(service=service, person_initials="CD", sent_at=utcnow(), status="sent")
    db.session.add(service)
    db.session.flush()
    old.receiving_organization_id = fresh.receiving_organization_id = org.id
    db.session.add_all([old, fresh])
    db.session.commit()
    result = run(app, "expire-referrals")
    assert result.exit_code == 0 and "Expired 1 referral with no answer within 14 days" in result.output
    db.session.expire_all()
    assert (db.session.get(Referral, old.id).status, db.session.get(Referral, fresh.id).status) == \
        ("expired", "sent")
    assert "Expired 0 referrals" in run(app, "expire-referrals").output
