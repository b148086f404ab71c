"""A household's page lists its referrals only to those who may open them: where a household was
referred (a treatment program, a shelter) is the sending and receiving partners' to know, and
the coordinators', not every provider's who may see the household."""
from __future__ import annotations

from support import text

from hh.extensions import db
from hh.referrals.models import Referral


def test_the_household_page_lists_only_the_referrals_the_reader_may_open(net, sides):
    referral = Referral(service=net.beds, receiving_organization_id=net.shelter.id,
                        sender_organization_id=net.hospital.id, household=net.north_household,
                        person_initials="ZQ", status="sent")
    db.session.add(referral)
    db.session.commit()
    page = f"/conferences/households/{net.north_household.id}"
    for reader in (sides.sender, sides.shelter, sides.coordinator):  # sender, receiver, all
        assert "Harbor beds" in text(reader.get(page), "#household-referrals + ul"), reader
    # A provider of the same region, in neither organization: the household, not the referral.
    outsider = sides.outsider.get(page)
    assert outsider.status_code == 200 and "Zed" in text(outsider)
    assert "Harbor beds" not in text(outsider)
    assert "No referrals yet." in text(outsider, "section[aria-labelledby=household-referrals]")
