"""The in-app side: the notifications page with read/unread and the count in the navigation,
each person's choices (immediately, daily digest, off), the digest at 7:00, the admins' view."""
from __future__ import annotations

from datetime import datetime

from conftest import text_of
from support import soup, text, texts

from hh.extensions import db
from hh.notifications.delivery import deliver
from hh.notifications.models import Notification, NotificationPreference
from hh.notifications.outbox import notify


def _notice(user, subject="An action item was assigned to you", kind="item_assigned"):
    assert notify([user], kind, subject, "On the plan “Shelter”.", "/plans/items/7") == 1
    db.session.commit()
    return db.session.scalars(db.select(Notification).where(Notification.recipient_id == user.id)
                              .order_by(Notification.id.desc())).first()


def test_the_page_lists_my_notices_and_the_navigation_counts_the_unread(login_as, factory):
    me = login_as("provider")
    _notice(me.user, "First")
    _notice(me.user, "Second")
    _notice(factory.user("provider"), "Someone else's")
    page = me.get("/notifications/")
    assert texts(page, "ul.notices li strong") == ["Unread: Second", "Unread: First"]
    assert "Someone else's" not in text(page)
    assert "Notifications (2 unread)" in text(page, "nav[aria-label=Main]")
    assert [a["href"] for a in soup(page).select("ul.notices li a")] == ["/plans/items/7"] * 2


def test_marking_read_one_then_all(login_as):
    me = login_as("viewer")
    first, second, third = (_notice(me.user, name) for name in ("One", "Two", "Three"))
    response = me.post(f"/notifications/{first.id}/read")
    assert response.status_code == 303
    page = me.get("/notifications/")
    assert texts(page, "ul.notices li strong") == ["Unread: Three", "Unread: Two", "One"]
    assert "Notifications (2 unread)" in text(page, "nav[aria-label=Main]")
    # htmx: only the row comes back, marked read
    row = me.post(f"/notifications/{second.id}/read", headers={"HX-Request": "true"})
    assert text(row, "li strong") == "Two" and not soup(row).select("li form")
    me.post("/notifications/read")
    page = me.get("/notifications/")
    assert "Unread" not in text(page, "main") and "(" not in text(page, "nav[aria-label=Main]")


def test_someone_elses_notice_cannot_be_marked(login_as, factory):
    notice = _notice(factory.user("provider"))
    assert login_as("admin").post(f"/notifications/{notice.id}/read").status_code == 403
    assert login_as("admin").post("/notifications/999999/read").status_code == 404
    assert db.session.get(Notification, notice.id).read_at is None


def test_preferences_offer_the_kinds_of_the_role_and_save(login_as):
    viewer = login_as("viewer")
    legends = texts(viewer.get("/notifications/preferences"), "legend")
    assert "Tell me when an action item is assigned to me" in legends
    assert not any("referral" in legend for legend in legends)  # viewers get no referrals
    provider = login_as("provider")
    assert "Tell me when a referral is sent to my organization" in texts(
        provider.get("/notifications/preferences"), "legend")
    response = provider.post("/notifications/preferences", data={
        "item_assigned": "digest", "referral_received": "off", "item_overdue": "immediately"})
    assert response.status_code == 303
    page = provider.get("/notifications/preferences")
    assert soup(page).select_one("input[name=item_assigned][value=digest]").has_attr("checked")
    assert soup(page).select_one("input[name=referral_received][value=off]").has_attr("checked")
    saved = dict(db.session.execute(db.select(NotificationPreference.kind, NotificationPreference.choice)
                                    .where(NotificationPreference.user_id == provider.user.id)).all())
    assert saved == {"item_assigned": "digest", "referral_received": "off"}


def test_a_choice_that_is_not_offered_is_refused_next_to_its_kind(login_as):
    provider = login_as("provider")
    response = provider.post("/notifications/preferences", data={"item_assigned": "hourly"})
    assert response.status_code == 422
    assert "Choose immediately, daily digest or off." in text(response, "fieldset.has-error")
    assert db.session.scalar(db.select(NotificationPreference.id)) is None


def test_off_is_listed_in_the_app_but_never_mailed(app, factory, smtp):
    person = factory.user("provider")
    db.session.add(NotificationPreference(user_id=person.id, kind="item_assigned", choice="off"))
    db.session.commit()
    notice = _notice(person)
    assert notice.state == "skipped"
    assert deliver().sent == 0 and smtp.messages == []


def test_the_digest_is_one_mail_at_seven_with_everything_and_nothing_when_nothing(
        app, factory, smtp, clock):
    clock(datetime(2026, 3, 10, 15, 0))  # 10:00 in Chicago (CDT)
    digester, other = factory.user("provider"), factory.user("provider")
    for kind in ("item_assigned", "item_overdue"):
        db.session.add(NotificationPreference(user_id=digester.id, kind=kind, choice="digest"))
    db.session.add(NotificationPreference(user_id=other.id, kind="item_assigned", choice="digest"))
    db.session.commit()
    _notice(digester, "Assigned to you")
    _notice(digester, "Overdue", kind="item_overdue")
    assert deliver().sent == 0
    clock(datetime(2026, 3, 11, 11, 59))  # 6:59 the next morning
    assert deliver().sent == 0
    clock(datetime(2026, 3, 11, 12, 0))  # 7:00
    outcome = deliver()
    assert (outcome.sent, outcome.notices) == (1, 2)
    [message] = smtp.messages
    assert message["To"] == digester.email
    assert message["Subject"] == "Crosswalk digest for Wednesday 11 March: 2 updates"
    assert "* Assigned to you" in text_of(message) and "* Overdue" in text_of(message)
    clock(datetime(2026, 3, 12, 12, 0))
    assert deliver().sent == 0 and len(smtp.messages) == 1  # nobody else, nothing twice


def test_a_digest_notice_written_after_seven_waits_for_the_next_morning(app, factory, clock):
    clock(datetime(2026, 1, 5, 13, 30))  # 7:30 in Chicago (CST)
    person = factory.user("viewer")
    db.session.add(NotificationPreference(user_id=person.id, kind="item_assigned", choice="digest"))
    db.session.commit()
    notice = _notice(person)
    assert notice.digest and notice.next_attempt_at == datetime(2026, 1, 6, 13, 0)


def test_admins_see_who_gets_what(login_as, factory):
    person = factory.user("viewer", email="val@example.org")
    db.session.add(NotificationPreference(user_id=person.id, kind="item_overdue", choice="off"))
    db.session.commit()
    page = login_as("admin").get("/notifications/admin")
    assert "Mail is on" in text(page, "main")
    row = next(r for r in texts(page, "#who-heading ~ div tbody tr") if "val@example.org" in r)
    cells = row.split()
    assert cells[:2] == ["val@example.org", "viewer"]
    # referral kinds are not for viewers; item_assigned now, item_due_soon now, item_overdue off
    assert cells[2:] == ["—"] * 7 + ["now", "now", "off", "—", "—", "now"]


def test_subjects_and_bodies_are_cut_to_their_columns(app, factory):
    person = factory.user("viewer")
    notify([person], "item_assigned", "x" * 500, "y" * 5000, "/")
    notice = db.session.scalar(db.select(Notification))
    assert (len(notice.subject), len(notice.body)) == (200, 2000)
