"""A queue's rows are read as plain values (rows.QueueRow), not as referral records: they still
name what the referral names, each household as its reader may see it, and a row swapped alone
after a step reads as it does in its queue."""
from __future__ import annotations

from support import text
from werkzeug.datastructures import MultiDict

from hh.conferences.models import Household
from hh.extensions import db
from hh.referrals.forms import RowStepForm
from hh.referrals.models import Referral
from hh.referrals.row_parts import SHOWN_ONLY, QueueRows
from hh.referrals.rows import queue_row, with_households
from hh.timeutil import local_today


def _referral(net, sender, **fields) -> Referral:
    referral = Referral(service=net.beds, receiving_organization=net.shelter,
                        sender_id=sender.id, sender_organization=net.hospital,
                        category_id=net.shelter_cat.id, urgency="soon", **fields)
    db.session.add(referral)
    db.session.commit()
    return referral


def test_a_row_names_the_service_both_organizations_the_sender_and_the_reason(net, sides):
    referral = _referral(net, sides.sender.user, household=net.north_household)
    row = text(sides.shelter.get("/referrals/?view=new"), f"#referral-row-{referral.id}")
    assert "To Harbor beds · Harbor House" in row
    assert f"From Cedar Valley Hospital ({sides.sender.user.display_name})," in row
    assert "Reason Emergency shelter" in row
    assert f"For Zed Quill (Household #{net.north_household.id})" in row


def test_a_row_without_sender_category_or_household_says_so(net, sides):
    referral = _referral(net, sides.sender.user, person_initials="JD")
    referral.sender_id = referral.sender_organization_id = referral.category_id = None
    db.session.commit()
    row = text(sides.shelter.get("/referrals/?view=new"), f"#referral-row-{referral.id} .facts")
    assert "From —," in row and "Reason" not in row
    assert "For JD (not on the By-Name List)" in row


def test_a_household_is_named_only_to_a_reader_who_may_identify_it(net, sides):
    net.north_household.consent = False
    referral = _referral(net, sides.sender.user, household=net.north_household)
    shelter_row = text(sides.shelter.get("/referrals/?view=new"), f"#referral-row-{referral.id}")
    assert f"For Household #{net.north_household.id} identity hidden" in shelter_row
    assert "Quill" not in shelter_row
    coordinator_row = text(sides.coordinator.get("/referrals/?view=new"),
                           f"#referral-row-{referral.id}")
    assert "For Zed Quill" in coordinator_row


def test_the_rows_households_are_read_once_and_only_when_named(net, sides):
    with_household = _referral(net, sides.sender.user, household=net.south_household)
    without = _referral(net, sides.sender.user, person_initials="AB")
    rows = with_households([queue_row(without.id), queue_row(with_household.id)])
    assert rows[0].household is None
    assert isinstance(rows[1].household, Household) and rows[1].household.id == net.south_household.id
    assert rows[1].status_label == "Sent" and rows[1].reference == f"Referral #{with_household.id}"


def test_a_row_swapped_alone_reads_as_in_its_queue(net, sides):
    referral = _referral(net, sides.sender.user, household=net.north_household)
    prefix = f"r{referral.id}-"
    swapped = sides.shelter.post(f"/referrals/{referral.id}/status",
                                 data={prefix + "to": "received", "from": "incoming"},
                                 headers={"HX-Request": "true"})
    assert swapped.status_code == 200
    in_queue = sides.shelter.get("/referrals/?view=awaiting")
    selector = f"#referral-row-{referral.id}"
    assert text(swapped, selector) == text(in_queue, selector)
    assert "Received" in text(swapped, selector)


def test_an_empty_row_builds_only_the_fields_of_the_step_it_unfolds(net, sides, app):
    sent = _referral(net, sides.sender.user, person_initials="AB")
    accepted = _referral(net, sides.sender.user, person_initials="CD", status="accepted")
    typed = RowStepForm(MultiDict({f"r{sent.id}-to": "declined", f"r{sent.id}-note": "Full"}),
                        prefix=f"r{sent.id}", meta=SHOWN_ONLY)
    shelter = sides.shelter.user
    with app.test_request_context("/referrals/?view=awaiting"):
        rows = QueueRows(shelter, local_today())
        declining = rows.parts(queue_row(sent.id))
        assert declining.steps.decline and [f.short_name for f in declining.form] == ["reason"]
        assert (declining.note, declining.declining, declining.scheduling) == ("", False, False)
        scheduling = rows.parts(queue_row(accepted.id))
        assert scheduling.steps.schedule and [f.short_name for f in scheduling.form] == ["scheduled_on"]
        assert scheduling.status_url == f"/referrals/{accepted.id}/status?view=awaiting"
        as_typed = QueueRows(shelter, local_today(), {sent.id: typed}, {sent.id: "Choose."})
        parts = as_typed.parts(queue_row(sent.id))
        assert (parts.error, parts.form, parts.declining) == ("Choose.", typed, True)
        outsider = QueueRows(sides.outsider.user, local_today()).parts(queue_row(sent.id))
        assert not outsider.steps and outsider.form is None


def test_whom_a_row_is_for_is_escaped(net, sides):
    net.north_household.first_name = "<b>Zed"
    _referral(net, sides.sender.user, household=net.north_household)
    _referral(net, sides.sender.user, person_initials="<i>")
    html = sides.shelter.get("/referrals/?view=new").get_data(as_text=True)
    assert "&lt;b&gt;Zed Quill" in html and "<b>Zed" not in html
    assert "&lt;i&gt; <span" in html and "<i> <span" not in html
