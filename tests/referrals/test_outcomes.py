"""Outcome figures on a known set of referrals, their CSV, and a plan measure fed from them."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

from sqlalchemy import select

from hh.admin.models import AuditEvent
from hh.extensions import db
from hh.plans.models import ActionPlan, Measure
from hh.referrals import outcomes
from hh.referrals.models import Referral


def _referral(net, service, sent, *, accepted=None, declined=None, connected=None, no_show=None,
              status="sent", reason="", sender=None):
    day = lambda d: None if d is None else sent + timedelta(days=d)  # noqa: E731
    r = Referral(service=service, receiving_organization_id=service.organization_id,
                 sender_organization_id=(sender or net.hospital).id, person_initials="AB",
                 contact_route="via me", consent_confirmed=True, category_id=service.category_id,
                 status=status, sent_at=sent, accepted_at=day(accepted), declined_at=day(declined),
                 connected_at=day(connected), no_show_at=day(no_show), decline_reason=reason)
    db.session.add(r)
    return r


def known_set(net):
    """October: 4 to the shelter beds, November: 2 to the RRH program."""
    oct_, nov = datetime(2026, 10, 6, 15), datetime(2026, 11, 10, 15)
    _referral(net, net.beds, oct_, accepted=1, connected=3, status="closed")
    _referral(net, net.beds, oct_, accepted=2, connected=6, status="connected")
    _referral(net, net.beds, oct_, accepted=4, no_show=8, status="no_show")
    _referral(net, net.beds, oct_, declined=1, status="declined", reason="no_capacity")
    _referral(net, net.full, nov, declined=2, status="declined", reason="not_eligible")
    _referral(net, net.full, nov, status="expired")
    db.session.commit()


def test_the_figures_on_a_known_set(net, app):
    known_set(net)
    result = outcomes.outcomes(select(Referral), "month")
    october, november = result.groups
    assert (october.label, october.sent, october.connected) == ("2026-10", 4, 2)
    assert october.completion_rate == 50.0
    assert october.median_days_to_accept == 2.0       # 1, 2, 4 days
    assert october.median_days_to_connect == 4.5      # 3 and 6 days
    assert october.no_show_rate == 33.3               # 1 no-show of 3 that reached an appointment
    assert october.decline_rate == 25.0               # 1 declined of 4 answered
    assert october.open == 1                          # the no-show is still someone's job
    assert november.completion_rate == 0.0 and november.decline_rate == 100.0
    assert november.median_days_to_accept is None and november.expired == 1
    assert result.total.sent == 6 and result.total.completion_rate == 33.3
    assert dict(result.total.reasons()) == {"No capacity or openings": 1,
                                            "Not eligible for the program": 1}
    by_service = outcomes.outcomes(select(Referral), "service")
    assert [g.label for g in by_service.groups] == ["Harbor beds (Harbor House)",
                                                    "Full RRH (Southern Housing)"]
    only_nov = outcomes.outcomes(select(Referral), "month", start=date(2026, 11, 1))
    assert [g.label for g in only_nov.groups] == ["2026-11"]


def test_the_outcomes_page_and_csv(net, login_as):
    known_set(net)
    coordinator = login_as("coordinator")
    html = coordinator.get("/referrals/outcomes?by=category").get_data(as_text=True)
    assert "Emergency shelter" in html and "Rapid re-housing" in html
    assert "50.0 %" in html and "33.3 %" in html and "No capacity or openings: 1" in html
    response = coordinator.get("/referrals/outcomes.csv?by=month")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:5] == ["group", "sent", "still_open", "accepted", "declined"]
    assert rows[1][0] == "2026-10" and rows[1][9] == "50.0" and rows[1][12] == "2.0"
    assert rows[-1][0] == "All referrals" and rows[-1][1] == "6"
    assert "attachment" in response.headers["Content-Disposition"]
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "referral_outcomes_exported"))
    # A bad date in the filter is ignored, not a 500.
    assert coordinator.get("/referrals/outcomes?start=yesterday&by=nonsense").status_code == 200


def test_a_provider_sees_the_figures_of_their_own_organization_only(net, login_as):
    known_set(net)
    _referral(net, net.beds, datetime(2026, 10, 7, 12), sender=net.other)
    db.session.commit()
    housing_worker = login_as("provider", organization=net.housing)
    html = housing_worker.get("/referrals/outcomes?by=service").get_data(as_text=True)
    assert "Full RRH" in html and "Harbor beds" not in html
    assert "2 referrals, by service" in html


def test_a_plan_measure_is_fed_from_the_completion_rate(net, login_as):
    known_set(net)
    plan = ActionPlan(title="Connect people to care", status="active")
    db.session.add(plan)
    db.session.commit()
    coordinator = login_as("coordinator")
    response = coordinator.post(f"/plans/{plan.id}/measures/new", data={
        "name": "Referral completion", "direction": "up", "unit": "%",
        "feed": "referrals_completion_rate"})
    assert response.status_code == 303
    measure = db.session.scalar(select(Measure).where(Measure.name == "Referral completion"))
    assert {(p.observed_on, p.value) for p in measure.points} == {
        (date(2026, 10, 1), 50.0), (date(2026, 11, 1), 0.0)}
    page = coordinator.get(f"/plans/measures/{measure.id}").get_data(as_text=True)
    assert "Fed automatically" in page and "referral outcomes" in page
    # A November referral connects: the November point follows by itself.
    november = db.session.scalars(select(Referral).where(Referral.status == "expired")).one()
    fresh = _referral(net, net.beds, november.sent_at, status="sent")
    db.session.commit()
    shelter = login_as("provider", organization=net.shelter)
    assert shelter.post(f"/referrals/{fresh.id}/status", data={"to": "accepted"}).status_code == 303
    assert shelter.post(f"/referrals/{fresh.id}/status", data={"to": "connected"}).status_code == 303
    db.session.expire_all()
    points = {p.observed_on: p.value for p in db.session.get(Measure, measure.id).points}
    assert points[date(2026, 11, 1)] == 33.3
    refused = coordinator.post(f"/plans/{plan.id}/measures/new", data={
        "name": "Bad feed", "direction": "up", "feed": "made_up"})
    assert refused.status_code == 422 and "Choose a figure from the list" in refused.get_data(as_text=True)


def test_months_follow_the_coc_calendar_and_the_page_never_shows_stale_figures(net, login_as):
    # 03:00 UTC on 1 November is still 31 October in the CoC's time zone (America/Chicago).
    late = _referral(net, net.beds, datetime(2026, 11, 1, 3), status="sent")
    db.session.commit()
    assert late.sent_month == "2026-10"
    coordinator = login_as("coordinator")
    html = coordinator.get("/referrals/outcomes").get_data(as_text=True)
    assert "2026-10" in html and "2026-11" not in html and "0.0 %" in html
    shelter = login_as("provider", organization=net.shelter)
    assert shelter.post(f"/referrals/{late.id}/status", data={"to": "accepted"}).status_code == 303
    assert shelter.post(f"/referrals/{late.id}/status", data={"to": "connected"}).status_code == 303
    html = coordinator.get("/referrals/outcomes").get_data(as_text=True)
    assert "100.0 %" in html  # the one referral of October is now connected


def test_a_long_list_shows_the_biggest_groups_and_the_total_counts_them_all(net, login_as):
    """The page names the biggest groups only; the total's medians still count every referral,
    and the CSV has every group's figures."""
    known_set(net)
    result = outcomes.outcomes(select(Referral), "service", shown=1)
    (beds,) = result.visible
    assert beds.label == "Harbor beds (Harbor House)" and beds.median_days_to_accept == 2.0
    assert result.hidden == 1 and result.total.sent == 6
    assert result.total.median_days_to_accept == 2.0 and result.total.median_days_to_connect == 4.5
    coordinator = login_as("coordinator")
    rows = list(csv.reader(io.StringIO(
        coordinator.get("/referrals/outcomes.csv?by=service").get_data(as_text=True))))
    medians = {row[0]: (row[12], row[13]) for row in rows[1:]}
    assert medians == {"Harbor beds (Harbor House)": ("2.0", "4.5"),
                       "Full RRH (Southern Housing)": ("", ""), "All referrals": ("2.0", "4.5")}
