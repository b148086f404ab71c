"""The By-Name List remembers: a history row from every path that changes a household's status
(by hand, import, confirmed missing, scheduled move-in, pause), the monthly flow computed from a
known history, and small counts suppressed by role."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from support import field_error, text, texts

from hh.conferences import flow, history
from hh.conferences.bnl_import import confirm_missing, import_bnl
from hh.conferences.models import Household, StatusChange
from hh.extensions import db
from hh.timeutil import local_today


def kinds(household) -> list[tuple[str, str]]:
    return [(c.kind, c.source) for c in db.session.scalars(
        select(StatusChange).where(StatusChange.household_id == household.id)
        .order_by(StatusChange.id))]


def test_every_path_that_changes_status_writes_history(bnl, login_as):
    coordinator = login_as("coordinator")
    h = bnl.consented
    today = local_today()
    coordinator.post(f"/conferences/households/{h.id}/housed", data={"move_in_on": today.isoformat()})
    coordinator.post(f"/conferences/households/{h.id}/reactivate")
    coordinator.post(f"/conferences/households/{h.id}/inactive", data={"reason": "Moved away"})
    coordinator.post(f"/conferences/households/{h.id}/reactivate")
    assert kinds(h) == [("housed", "ui"), ("returned_from_housed", "ui"), ("inactive", "ui"),
                        ("returned_from_inactive", "ui")]
    changes = db.session.scalars(select(StatusChange).where(StatusChange.household_id == h.id)
                                 .order_by(StatusChange.id)).all()
    assert changes[0].move_in_on == today and changes[2].reason == "Moved away"
    assert changes[0].recorded_by_id == coordinator.user.id
    # Import: new households are identified; a status change in the export is recorded too.
    data = (b"HMIS ID,First Name,Last Name,County,Housing Status,Date Added,Move-in Date\r\n"
            b"N-1,Ann,Lee,Alder,Shelter,2024-03-01,\r\n")
    import_bnl(data, commit=True, actor="test")
    new = db.session.scalar(select(Household).where(Household.hmis_id == "N-1"))
    assert kinds(new) == [("identified", "import")]
    assert db.session.scalar(select(StatusChange.effective_on).where(
        StatusChange.household_id == new.id)) == date(2024, 3, 1)
    housed = data.replace(b"Shelter,2024-03-01,", b"Housed,2024-03-01,2024-04-02")
    import_bnl(housed, commit=True, actor="test")
    assert kinds(new)[-1] == ("housed", "import")
    assert db.session.scalar(select(StatusChange.effective_on).where(
        StatusChange.household_id == new.id, StatusChange.kind == "housed")) == date(2024, 4, 2)
    confirm_missing([bnl.no_consent.id], actor="test", reason="Not seen for 90 days")
    assert kinds(bnl.no_consent) == [("inactive", "import")]


def test_a_future_move_in_is_scheduled_and_happens_at_midnight_in_the_cocs_time_zone(bnl, login_as, clock):
    # 22:00 on 10 March in Chicago (daylight time since the 8th, UTC-5) is 03:00 UTC on the 11th.
    clock(datetime(2026, 3, 11, 3, 0))
    assert local_today() == date(2026, 3, 10)
    coordinator = login_as("coordinator")
    h = bnl.consented
    h.added_on = date(2026, 1, 2)
    db.session.commit()
    response = coordinator.post(f"/conferences/households/{h.id}/housed", data={"move_in_on": "2026-03-11"})
    assert response.status_code == 303
    page = coordinator.get(f"/conferences/households/{h.id}")
    assert "move-in scheduled for 2026-03-11" in text(page, "#list-status")
    assert db.session.get(Household, h.id).status == "active" and kinds(h) == []
    clock(datetime(2026, 3, 11, 4, 59))  # 23:59 in Chicago: still the 10th
    coordinator.get("/conferences/")
    assert db.session.get(Household, h.id).status == "active"
    clock(datetime(2026, 3, 11, 5, 0))  # midnight in Chicago
    page = coordinator.get(f"/conferences/households/{h.id}")
    assert db.session.get(Household, h.id).status == "housed"
    assert kinds(h) == [("housed", "schedule")]
    assert "Housed" in text(page, "#list-status")


def test_a_move_in_due_today_is_applied_though_the_day_was_checked_before(bnl, login_as):
    """Whether any move-in is due is kept until a household is written: one whose move-in date
    is set to today afterwards (here without the page's button, as an import would) is applied
    on the next view."""
    coordinator = login_as("coordinator")
    h = bnl.consented
    coordinator.get(f"/conferences/households/{h.id}")  # the day's check: none due
    h = db.session.get(Household, h.id)
    h.move_in_on = local_today()
    db.session.commit()
    coordinator.get("/conferences/")
    assert db.session.get(Household, h.id).status == "housed"
    assert kinds(h) == [("housed", "schedule")]


def test_pausing_and_resuming_a_household(bnl, login_as):
    provider = login_as("provider", region=bnl.north)
    h = bnl.consented
    bad = provider.post(f"/conferences/households/{h.id}/pause", data={"pause_reason": "", "revisit_on": ""})
    assert bad.status_code == 422
    assert field_error(bad, "pause_reason") and field_error(bad, "revisit_on")
    revisit = (local_today() + timedelta(days=30)).isoformat()
    response = provider.post(f"/conferences/households/{h.id}/pause",
                             data={"pause_reason": "In treatment until spring", "revisit_on": revisit})
    assert response.status_code == 303
    page = provider.get(f"/conferences/households/{h.id}")
    assert f"look again on {revisit}" in text(page, "#list-status")
    assert "Paused" in texts(page, "#status-history ~ div tbody tr td")[1:2][0]
    provider.post(f"/conferences/households/{h.id}/resume")
    assert db.session.get(Household, h.id).paused_on is None
    assert [k for k, _ in kinds(h)] == ["paused", "resumed"]


def _history(h: Household, *events: tuple[str, date]) -> None:
    for kind, day in events:
        history.record(h, kind, day, source="test")


def test_monthly_figures_from_a_known_history(bnl):
    for h in (bnl.consented, bnl.no_consent, bnl.expired, bnl.survivor, bnl.housed, bnl.southern):
        db.session.execute(StatusChange.__table__.delete().where(StatusChange.household_id == h.id))
    _history(bnl.consented, ("identified", date(2026, 1, 5)), ("housed", date(2026, 2, 14)))
    # Moved twice in one month: identified, housed and back again in March.
    _history(bnl.no_consent, ("identified", date(2026, 3, 1)), ("housed", date(2026, 3, 11)),
             ("returned_from_housed", date(2026, 3, 25)))
    _history(bnl.expired, ("identified", date(2025, 12, 20)), ("inactive", date(2026, 1, 31)),
             ("returned_from_inactive", date(2026, 2, 2)))
    _history(bnl.southern, ("identified", date(2026, 2, 10)))
    db.session.commit()
    months = {m.start: m for m in flow.monthly_flow(4, today=date(2026, 4, 15))}
    jan, feb, mar, apr = (months[date(2026, m, 1)] for m in (1, 2, 3, 4))
    assert (jan.counts.get("identified"), jan.counts.get("inactive"), jan.value("actively_homeless")) == (1, 1, 1)
    assert (feb.counts.get("identified"), feb.counts.get("returned_from_inactive"), feb.value("housed")) == (1, 1, 1)
    assert feb.value("actively_homeless") == 2  # expired (returned) and southern
    assert feb.median_days_to_move_in == 40.0  # 5 Jan to 14 Feb
    assert (mar.inflow, mar.outflow, mar.value("actively_homeless")) == (2, 1, 3)
    assert mar.median_days_to_move_in == 10.0
    assert apr.partial and not mar.partial
    north_only = flow.monthly_flow(4, region_id=bnl.north.id, today=date(2026, 4, 15))
    assert north_only[1].value("identified") == 0  # southern's February identification is not in the north


def test_small_counts_are_suppressed_for_providers_not_coordinators(bnl, login_as):
    for h in (bnl.consented, bnl.no_consent, bnl.expired):
        _history(h, ("identified", local_today()))
    db.session.commit()
    provider = login_as("provider", region=bnl.north)
    coordinator = login_as("coordinator")
    provider_page = provider.get("/conferences/flow")
    coordinator_page = coordinator.get("/conferences/flow")
    assert provider_page.status_code == 200 and "fewer than 5" in text(provider_page, "#flow-table")
    assert "fewer than" not in text(coordinator_page, "#flow-table")
    this_month = texts(coordinator_page, "#flow-table tbody tr")[0]
    assert "(so far) 3 3 0 0 0 0" in this_month  # active at month end so far, identified, ...
    assert "(so far) fewer than 5 fewer than 5 0" in texts(provider_page, "#flow-table tbody tr")[0]
    csv = provider.get("/conferences/flow.csv").get_data(as_text=True)
    assert csv.splitlines()[0].startswith("month,actively_homeless,identified")
    assert "Quill" not in csv and "fewer than 5" in csv
    assert login_as("viewer").get("/conferences/flow").status_code == 403


def test_a_measure_fed_from_the_list_fills_itself_and_follows_changes(bnl, login_as):
    from hh.plans.feeds import feed_choices, refresh_fed_measures
    from hh.plans.models import ActionPlan, Measure

    today = local_today()
    last_month = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    for h in (bnl.consented, bnl.no_consent):
        _history(h, ("identified", last_month))
    _history(bnl.southern, ("identified", last_month))
    plan = ActionPlan(title="Functional zero", status="active")
    everyone = Measure(name="Actively homeless", feed="bnl_actively_homeless")
    north = Measure(name="North inflow", feed=f"bnl_inflow@{bnl.north.id}")
    plan.measures.extend([everyone, north])
    db.session.add(plan)
    db.session.commit()
    assert (f"bnl_inflow@{bnl.north.id}", "Inflow onto the By-Name List per month: North") in feed_choices()
    refresh_fed_measures()
    values = {p.observed_on: p.value for p in everyone.points}
    assert values[last_month] == 3.0 and today.replace(day=1) not in values  # whole months only
    assert {p.observed_on: p.value for p in north.points}[last_month] == 2.0  # the south's is not
    # A change of status by hand brings the measure up to date at once.
    coordinator = login_as("coordinator")
    coordinator.post(f"/conferences/households/{bnl.consented.id}/housed",
                     data={"move_in_on": last_month.replace(day=20).isoformat()})
    db.session.expire_all()
    assert {p.observed_on: p.value for p in everyone.points}[last_month] == 2.0


def test_the_agenda_skips_paused_households_and_follows_the_groups_priority(bnl, login_as):
    from hh.conferences.meetings import propose_agenda

    coordinator = login_as("coordinator")
    h = bnl.no_consent
    h.consent = True
    db.session.commit()
    before = [x.id for x in propose_agenda(bnl.north.id, 10)]
    assert before[0] != h.id
    coordinator.post(f"/conferences/households/{h.id}/priority", data={
        "priority_override": "999", "priority_reason": "Medically fragile after discharge"})
    bad = coordinator.post(f"/conferences/households/{bnl.southern.id}/priority",
                           data={"priority_override": "500", "priority_reason": ""})
    assert bad.status_code == 422 and field_error(bad, "priority_reason")
    coordinator.post(f"/conferences/households/{bnl.consented.id}/pause", data={
        "pause_reason": "In treatment", "revisit_on": (local_today() + timedelta(days=9)).isoformat()})
    after = [x.id for x in propose_agenda(bnl.north.id, 10)]
    assert bnl.consented.id in before and bnl.consented.id not in after
    assert after[0] == h.id  # the group's priority outranks every score
    assert ("priority_override", "ui") in kinds(h)
    page = coordinator.get("/conferences/?status=active")
    assert "paused until" in text(page, "table.bnl")
