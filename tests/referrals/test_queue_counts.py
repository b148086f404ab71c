"""The incoming queue's tab counts, its heading and the home page's counts: right when there are
few, and bounded ("1,000+", "More than 99") when there are many, so a page never counts every
referral in scope. The limits are made small here to stand for the real ones."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text as text_sql
from support import links, text, texts

from hh.extensions import db
from hh.referrals import queues, services
from hh.referrals.models import Referral
from hh.timeutil import local_today, utcnow


def referral(net, status="sent", follow_up_in=3, **fields) -> Referral:
    """A referral to the shelter's beds from the hospital, `status`, follow-up in some days."""
    r = Referral(service=net.beds, receiving_organization_id=net.shelter.id,
                 sender_organization_id=net.hospital.id, person_initials="AB",
                 contact_route="via me", consent_confirmed=True, category_id=net.shelter_cat.id,
                 status=status, sent_at=utcnow() - timedelta(hours=1),
                 follow_up_on=local_today() + timedelta(days=follow_up_in), **fields)
    db.session.add(r)
    return r


def tabs(page) -> list[str]:
    return list(links(page, 'nav[aria-label="Queue"] a'))


def test_each_tab_counts_its_own_referrals(net, sides):
    referral(net)                                               # new
    referral(net, "received")                                   # awaiting action
    referral(net, "accepted", follow_up_in=-2)                  # awaiting, and overdue
    referral(net, "scheduled", kind="discharge", discharging_facility="Cedar Valley",
             expected_discharge_on=local_today() + timedelta(days=2), receiving_program="shelter")
    closed = referral(net, "closed")
    closed.follow_up_on = None
    db.session.commit()
    page = sides.shelter.get("/referrals/?view=awaiting")
    assert tabs(page) == ["New (1)", "Awaiting action (3)", "Follow-up overdue (1)",
                          "Upcoming discharges (1)", "All"]
    assert text(page, "#queue h2") == "3 referrals · awaiting action"
    # The awaiting tab: soonest follow-up first (the overdue one on top).
    rows = text(page, ".referral-queue")
    assert rows.index("Accepted") < rows.index("Received")
    every = sides.shelter.get("/referrals/?view=all")
    assert text(every, "#queue h2") == "5 referrals"


def test_past_the_limit_a_tab_says_so_instead_of_counting_on(net, sides, monkeypatch):
    for _ in range(3):
        referral(net)
    referral(net, "received")
    db.session.commit()
    monkeypatch.setattr(services, "COUNT_LIMIT", 2)
    page = sides.shelter.get("/referrals/?view=new")
    assert tabs(page)[:2] == ["New (2+)", "Awaiting action (1)"]
    assert text(page, "#queue h2") == "More than 2 referrals · new"
    assert "The first 2 are shown 15 to a page" in text(page, "#queue")
    assert len(texts(page, ".referral-queue > li")) == 3  # every one is still listed
    # Exactly at the limit: the exact number.
    monkeypatch.setattr(services, "COUNT_LIMIT", 3)
    page = sides.shelter.get("/referrals/?view=new")
    assert tabs(page)[0] == "New (3)" and text(page, "#queue h2") == "3 referrals · new"


def test_a_coordinator_past_the_limit_is_told_to_choose_an_organization(net, sides, monkeypatch):
    for _ in range(3):
        referral(net)
    db.session.commit()
    monkeypatch.setattr(services, "COUNT_LIMIT", 2)
    page = sides.coordinator.get("/referrals/?view=all")
    assert text(page, "#queue h2") == "More than 2 referrals"
    assert "choose an organization to narrow the queue" in text(page, "#queue")


def test_the_home_page_counts_a_glance_not_a_report(net, sides, monkeypatch):
    for _ in range(3):
        referral(net, follow_up_in=0)
    db.session.commit()
    home = text(sides.shelter.get("/"), ".home-referrals")
    assert "3 new referrals waiting for your organization" in home
    assert "3 due today or earlier." in home
    monkeypatch.setattr(queues, "HOME_COUNT_LIMIT", 2)
    home = text(sides.shelter.get("/"), ".home-referrals")
    assert "More than 2 new referrals waiting for your organization" in home
    assert "More than 2 due today or earlier; the 3 due longest are below." in home


def test_the_outgoing_queue_is_newest_first_whether_its_referrals_are_few_or_many(
        net, sides, monkeypatch):
    """Few: the page is sorted among their ids; many: read in the `sent_at` index's order. The
    same rows in the same order either way."""
    made = []
    for hours in (5, 1, 3, 2, 4):
        made.append(referral(net))
        made[-1].sent_at = utcnow() - timedelta(hours=hours)
    db.session.commit()
    newest_first = [f"Referral #{r.id}" for r in sorted(made, key=lambda r: r.sent_at, reverse=True)]
    few = texts(sides.sender.get("/referrals/outgoing"), ".referral-row h3 a")
    monkeypatch.setattr(queues, "COUNT_LIMIT", 2)
    many = texts(sides.sender.get("/referrals/outgoing"), ".referral-row h3 a")
    assert few == many == newest_first


def test_the_tab_counts_follow_each_step_and_each_new_referral(net, sides):
    """The counts are kept between pages (they name nobody): a step taken or a referral sent
    shows in them on the next page."""
    first = referral(net)
    db.session.commit()
    assert tabs(sides.shelter.get("/referrals/"))[:2] == ["New (1)", "Awaiting action (0)"]
    row = f"r{first.id}-"
    assert sides.shelter.post(f"/referrals/{first.id}/status",
                              data={row + "to": "accepted", "from": "incoming"}).status_code == 303
    assert tabs(sides.shelter.get("/referrals/"))[:2] == ["New (0)", "Awaiting action (1)"]
    referral(net)
    db.session.commit()
    page = sides.shelter.get("/referrals/?view=all")
    assert tabs(page)[:2] == ["New (1)", "Awaiting action (1)"]
    assert text(page, "#queue h2") == "2 referrals"
    home = text(sides.shelter.get("/"), ".home-referrals")
    assert "1 new referral waiting for your organization" in home


def test_the_awaiting_tab_leaves_out_finished_referrals_and_reads_past_them(net, sides):
    for status in ("closed", "declined", "withdrawn"):  # finished: no follow-up date
        referral(net, status).follow_up_on = None
    referral(net, "scheduled", follow_up_in=1)
    referral(net, "received", follow_up_in=-1)
    db.session.commit()
    page = sides.shelter.get("/referrals/?view=awaiting")
    assert text(page, "#queue h2") == "2 referrals · awaiting action"
    rows = text(page, ".referral-queue")
    assert rows.index("Received") < rows.index("Scheduled") and "Closed" not in rows
    if db.engine.dialect.name == "sqlite":  # its index holds the finished ones (no date) first
        statement = queues._incoming(sides.shelter.user, "awaiting", None, local_today())
        sql = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
        plan = db.session.execute(text_sql(f"EXPLAIN QUERY PLAN {sql}")).all()
        assert "follow_up_on>?" in " ".join(row[3] for row in plan)


def test_the_home_pages_count_of_follow_ups_follows_each_change_at_once(net, sides):
    """Past a full list the home page counts the follow-ups due: a number kept in the cache per
    scope and day, so a referral written or sent shows in it on the next page."""
    due = [referral(net, "received", follow_up_in=0) for _ in range(queues.HOME_LISTED + 1)]
    db.session.commit()
    for reader in (sides.shelter, sides.coordinator):
        assert f"{len(due)} due today or earlier." in text(reader.get("/"), ".home-referrals")
    due[0].follow_up_on = local_today() + timedelta(days=1)
    referral(net, "accepted", follow_up_in=-1)
    referral(net, "accepted", follow_up_in=-2)
    db.session.commit()
    for reader in (sides.shelter, sides.coordinator):
        assert f"{len(due) + 1} due today or earlier." in text(reader.get("/"), ".home-referrals")
