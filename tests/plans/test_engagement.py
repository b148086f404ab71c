"""A plan's engagement funnel and cost per client: the target population and monthly cost in the
plan form (whole numbers, 0 or more), and the "Engagement and cost" section worked out from a
known By-Name List history, conferences and referrals, with small counts hidden from viewers."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select
from support import field_error, text, texts

from hh.conferences import history
from hh.conferences.models import CaseConference, ConferenceEntry, Household
from hh.extensions import db
from hh.plans.models import ActionPlan
from hh.referrals.models import Referral
from hh.resources.models import Service


@pytest.fixture
def today(clock):
    """Noon UTC on 2026-06-15: the last six whole months are December 2025 to May 2026."""
    clock(datetime(2026, 6, 15, 12, 0))
    return date(2026, 6, 15)


def make_plan(**kwargs) -> ActionPlan:
    plan = ActionPlan(title="Veterans: reach functional zero", status="active", **kwargs)
    db.session.add(plan)
    db.session.commit()
    return plan


def household(hmis_id: str, *events: tuple[str, date]) -> Household:
    h = Household(hmis_id=hmis_id, first_name="Zed", last_name=f"Quill{hmis_id}")
    db.session.add(h)
    for kind, day in events:
        history.record(h, kind, day, source="test")
    return h


@pytest.fixture
def known(app, factory, today):
    """May 2026: six households on the list (four since March, one identified and housed in May,
    one identified in May); a conference worked three of them; referrals for two of them and for
    two people not on the list; one of those connected, and the housed household's April
    referral connected too (counted once with its move-in)."""
    early = [household(f"H-{n}", ("identified", date(2026, 3, 1))) for n in range(1, 5)]
    moved = household("H-5", ("identified", date(2026, 5, 10)), ("housed", date(2026, 5, 20)))
    new = household("H-6", ("identified", date(2026, 5, 3)))
    household("H-7", ("identified", date(2026, 1, 1)), ("housed", date(2026, 2, 1)))
    household("H-8", ("identified", date(2026, 4, 1)), ("inactive", date(2026, 4, 20)))
    region = factory.region("North")
    may = CaseConference(region=region, held_at=datetime(2026, 5, 12, 10, 0))
    april = CaseConference(region=region, held_at=datetime(2026, 4, 14, 10, 0))
    db.session.add_all([may, april])
    db.session.flush()
    for h in (early[0], early[1], moved):
        db.session.add(ConferenceEntry(conference=may, household=h))
    db.session.add(ConferenceEntry(conference=april, household=early[2]))
    org = factory.organization("Harbor House")
    service = Service(organization=org, name="Beds", accepts_referrals=True)
    db.session.add(service)
    db.session.flush()

    def referral(sent: datetime, who: Household | None = None, connected: datetime | None = None):
        db.session.add(Referral(
            service=service, receiving_organization_id=org.id, person_initials="AB",
            contact_route="via me", consent_confirmed=True, household_id=who.id if who else None,
            sent_at=sent, connected_at=connected, status="connected" if connected else "sent"))

    referral(datetime(2026, 5, 5, 15), early[0])
    referral(datetime(2026, 5, 6, 15), new)
    referral(datetime(2026, 5, 7, 15))
    referral(datetime(2026, 5, 8, 15), connected=datetime(2026, 5, 25, 15))
    referral(datetime(2026, 4, 28, 15), moved, connected=datetime(2026, 5, 21, 15))
    db.session.commit()
    return make_plan(target_population=1000, monthly_cost=10000)


def rows(page) -> dict[str, str]:
    return {row.split(" ", 1)[0]: row for row in texts(page, "#engagement-table tbody tr")}


def test_the_funnel_and_cost_per_person_from_a_known_history(login_as, known):
    page = login_as("coordinator").get(f"/plans/{known.id}")
    assert page.status_code == 200
    headings = texts(page, "#engagement-table thead th")
    assert headings[1:4] == ["On the By-Name List", "Conferenced or referred", "Housed or connected"]
    by_month = rows(page)
    assert list(by_month) == ["2026-05", "2026-04", "2026-03", "2026-02", "2026-01", "2025-12"]
    # 6 on the list; conferenced {1, 2, 5} or referred {1, 6, +2 not on the list} = 6; housed {5}
    # or connected {5, +1 not on the list} = 2.
    assert by_month["2026-05"] == "2026-05 6 (0.60%) 6 (100.0%) 2 (33.3%) 0.60% $1,667 $5,000"
    # April: four since March and one identified (and made inactive) in April; conferenced {3} or
    # referred {5}; no one housed or connected, so no cost per person housed.
    assert by_month["2026-04"] == "2026-04 5 (0.50%) 2 (40.0%) 0 (0.0%) 0.20% $5,000 —"
    assert by_month["2026-02"] == "2026-02 1 (0.10%) 0 (0.0%) 1 (—) 0.0% — $10,000"
    assert by_month["2025-12"] == "2025-12 0 (0.0%) 0 (—) 0 (—) 0.0% — —"
    definitions = text(page, "#engagement-definitions")
    assert "Engagement rate People conferenced or referred in the month ÷ the target population." in definitions
    assert "A household in both is counted once" in definitions
    assert "Target population: 1,000 · Cost to coordinate: $10,000 a month." in text(page, "#engagement")
    assert "Quill" not in text(page, "#engagement")  # counts only


def test_small_counts_and_what_is_worked_out_from_them_are_hidden_from_viewers(login_as, known):
    page = login_as("viewer").get(f"/plans/{known.id}")
    by_month = rows(page)
    assert by_month["2026-05"] == ("2026-05 6 (0.60%) 6 (100.0%) fewer than 5 0.60% $1,667 "
                                   "not shown (small count)")
    assert by_month["2026-04"] == ("2026-04 5 (0.50%) fewer than 5 0 not shown (small count) "
                                   "not shown (small count) —")
    assert "Counts from 1 to 4 show as “fewer than 5”" in text(page, "#engagement-definitions")
    assert "Quill" not in text(page)


def test_the_section_shows_only_when_the_plan_states_a_population_or_a_cost(login_as, today):
    plain = make_plan()
    client = login_as("coordinator")
    assert text(client.get(f"/plans/{plain.id}"), "#engagement") == ""
    costed = make_plan(monthly_cost=500)
    page = client.get(f"/plans/{costed.id}")
    assert "Target population: not stated · Cost to coordinate: $500 a month." in text(page, "#engagement")
    assert rows(page)["2026-05"] == "2026-05 0 0 (—) 0 (—) — — —"


def plan_form(**changes) -> dict:
    data = {"title": "Veterans: reach functional zero", "status": "active",
            "review_every_months": "3"}
    data.update(changes)
    return data


def test_a_coordinator_states_the_target_population_and_cost(login_as, today):
    plan = make_plan()
    client = login_as("coordinator")
    response = client.post(f"/plans/{plan.id}/edit",
                           data=plan_form(target_population="13,000", monthly_cost="$25,000"))
    assert response.status_code == 303
    db.session.expire_all()
    saved = db.session.scalar(select(ActionPlan))
    assert (saved.target_population, saved.monthly_cost) == (13000, 25000)
    form = client.get(f"/plans/{plan.id}/edit")
    assert 'value="13000"' in form.get_data(as_text=True)
    client.post(f"/plans/{plan.id}/edit", data=plan_form(target_population="", monthly_cost=""))
    db.session.expire_all()
    assert db.session.scalar(select(ActionPlan.monthly_cost)) is None


@pytest.mark.parametrize("field,value,message", [
    ("target_population", "-5", "Enter the number of people as a whole number, 0 or more."),
    ("target_population", "many", "Enter the number of people as a whole number, 0 or more."),
    ("target_population", "1e9", "Enter the number of people as a whole number, 0 or more."),
    ("monthly_cost", "12.50", "Enter the cost in whole dollars, 0 or more, like 25000."),
    ("monthly_cost", "99999999999", "Enter the cost in whole dollars, 0 or more, like 25000."),
    ("monthly_cost", "x" * 31, "Field cannot be longer than 30 characters."),
])
def test_the_plan_form_refuses_numbers_that_are_not_whole_and_0_or_more(login_as, today, field,
                                                                         value, message):
    plan = make_plan()
    response = login_as("coordinator").post(f"/plans/{plan.id}/edit",
                                            data=plan_form(**{field: value}))
    assert response.status_code == 422
    assert field_error(response, field) == message
    db.session.expire_all()
    assert db.session.scalar(select(ActionPlan.target_population)) is None
