"""Referral routes in the route × role matrix (see tests/test_access_matrix.py).

The matrix's provider belongs to no organization: the referral below was neither sent nor
received by them, so its pages answer 403, while the queues answer with empty lists."""
from datetime import date

from hh.extensions import db
from hh.referrals.models import Referral, ReferralEvent
from hh.resources.models import Service
from hh.web import STAFF

OTHER_ORGANIZATION = {"provider"}

ROUTES = {
    "referrals.incoming": ("GET", "/referrals/?view=all", STAFF),
    "referrals.outgoing": ("GET", "/referrals/outgoing", STAFF),
    "referrals.new": ("GET", "/referrals/new?service={service}", STAFF),
    "referrals.send": ("POST", "/referrals/new", STAFF),
    "referrals.check": ("GET", "/referrals/check?service_id={service}", STAFF),
    "referrals.referral": ("GET", "/referrals/{referral}", STAFF, OTHER_ORGANIZATION),
    "referrals.change_status": ("POST", "/referrals/{referral}/status", STAFF, OTHER_ORGANIZATION),
    "referrals.add_note": ("POST", "/referrals/{referral}/notes", STAFF, OTHER_ORGANIZATION),
    "referrals.save_checklist": ("POST", "/referrals/{referral}/checklist", STAFF, OTHER_ORGANIZATION),
    "referrals.outcomes": ("GET", "/referrals/outcomes?by=service", STAFF),
    "referrals.outcomes_csv": ("GET", "/referrals/outcomes.csv", STAFF),
}


def objects(factory) -> dict:
    sender = factory.organization("Matrix Sending Clinic", sector="health_care")
    receiver = factory.organization("Matrix Receiving Shelter")
    service = Service(organization=receiver, name="Matrix Shelter Beds", accepts_referrals=True)
    db.session.add(service)
    db.session.flush()
    referral = Referral(kind="discharge", service=service, receiving_organization_id=receiver.id,
                        sender_organization_id=sender.id, person_initials="MX",
                        contact_route="through the clinic", consent_confirmed=True,
                        discharging_facility="Matrix Hospital", receiving_program="shelter",
                        expected_discharge_on=date(2026, 12, 3), follow_up_on=date(2026, 12, 4))
    referral.events.append(ReferralEvent(status="sent"))
    db.session.add(referral)
    db.session.commit()
    return {"service": service.id, "referral": referral.id}
