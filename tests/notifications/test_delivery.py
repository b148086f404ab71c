"""The outbox and its deliverer, through a real SMTP server: what arrives, retries after the
server was down, failures shown to admins, two deliverers at once, mail off."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta

from conftest import BASE_URL, html_of, text_of
from support import text

from hh.extensions import db
from hh.notifications.delivery import MAX_ATTEMPTS, deliver
from hh.notifications.models import Notification
from hh.notifications.outbox import notify


def _notice(user, n=1, kind="item_assigned"):
    notify([user], kind, f"Subject {n}", f"Body {n}.", f"/plans/items/{n}")
    db.session.commit()


def test_a_notice_is_mailed_once_with_text_html_and_unsubscribe(app, factory, smtp):
    person = factory.user("provider", name="Pat Provider")
    _notice(person)
    outcome = deliver()
    assert (outcome.sent, outcome.notices) == (1, 1)
    [message] = smtp.messages
    assert message["To"] == person.email and message["Subject"] == "Subject 1"
    assert message["From"] == "crosswalk@coc.example.org"
    assert message["List-Unsubscribe"] == f"<{BASE_URL}/notifications/preferences>"
    assert f"{BASE_URL}/plans/items/1" in text_of(message) and "Body 1." in text_of(message)
    assert f'href="{BASE_URL}/plans/items/1"' in html_of(message)
    notice = db.session.scalar(db.select(Notification))
    assert notice.state == "sent" and notice.sent_at is not None and notice.attempts == 1
    assert deliver().sent == 0 and len(smtp.messages) == 1  # never twice


def test_the_command_delivers_and_says_what_it_did(app, factory, smtp):
    _notice(factory.user("viewer"))
    result = app.test_cli_runner().invoke(args=["hh", "deliver-mail"])
    assert result.exit_code == 0, result.output
    assert "Mailed 1 messages (1 notices)" in result.output and len(smtp.messages) == 1


def test_a_server_that_is_down_loses_nothing_and_is_retried_with_backoff(app, factory, smtp, clock):
    start = datetime(2026, 3, 10, 15, 0)
    clock(start)
    smtp.stop()
    for n in (1, 2, 3):
        _notice(factory.user("provider"), n)
    outcome = deliver()
    assert (outcome.sent, outcome.retrying) == (0, 3)
    notices = list(db.session.scalars(db.select(Notification)))
    for notice in notices:
        assert notice.state == "pending" and notice.attempts == 1 and notice.last_error
        assert notice.next_attempt_at == start + timedelta(minutes=1)
    smtp.start()
    assert deliver().sent == 0  # not before its time
    clock(start + timedelta(minutes=1))
    assert deliver().sent == 3
    assert sorted(m["Subject"] for m in smtp.messages) == ["Subject 1", "Subject 2", "Subject 3"]
    for notice in notices:
        db.session.refresh(notice)
        assert notice.state == "sent"


def test_after_the_last_attempt_it_is_failed_and_admins_see_it(app, factory, smtp, clock, login_as):
    moment = datetime(2026, 3, 10, 15, 0)
    clock(moment)
    smtp.stop()
    person = factory.user("provider")
    _notice(person)
    for _ in range(MAX_ATTEMPTS):
        deliver()
        moment += timedelta(hours=2)
        clock(moment)
    notice = db.session.scalar(db.select(Notification))
    assert notice.state == "failed" and notice.attempts == MAX_ATTEMPTS
    admin = login_as("admin")
    page = admin.get("/notifications/admin")
    assert "Subject 1" in text(page, "#failed-heading + div table")
    assert person.email in text(page, "#failed-heading + div table")
    smtp.start()
    admin.post(f"/notifications/admin/{notice.id}/retry")
    db.session.expire_all()
    assert deliver().sent == 1 and len(smtp.messages) == 1


def test_two_deliverers_at_once_mail_each_notice_once(app, factory, smtp):
    people = [factory.user("provider") for _ in range(4)]
    for n in range(120):
        notify([people[n % 4]], "item_assigned", f"Subject {n}", "Body.", "/")
    db.session.commit()
    outcomes, errors = [], []

    def run():
        try:
            with app.app_context():
                outcomes.append(deliver())
                db.session.remove()
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    subjects = sorted(m["Subject"] for m in smtp.messages)
    assert subjects == sorted(f"Subject {n}" for n in range(120))
    assert sum(o.sent for o in outcomes) == 120
    assert db.session.scalar(db.select(db.func.count(Notification.id))
                             .where(Notification.state == "sent")) == 120


def test_mail_off_keeps_notices_in_the_app_and_says_so(make_app, factory):
    app = make_app()  # no MAIL_SERVER
    with app.app_context():
        person = factory.user("admin")
        _notice(person)
        notice = db.session.scalar(db.select(Notification))
        assert notice.state == "skipped"
        result = app.test_cli_runner().invoke(args=["hh", "deliver-mail"])
        assert "Mail is off" in result.output
        client = app.test_client()
        from support import login

        login(client, person.email)
        assert "Mail is off" in text(client.get("/notifications/admin"))
        assert "mail is off" in text(client.get("/admin/users"), "nav.subnav")
        assert "Subject 1" in text(client.get("/notifications/"), "main")


def test_a_mail_server_that_is_down_never_fails_the_request_that_causes_a_notice(
        app, smtp, login_as):
    smtp.stop()
    admin = login_as("admin")
    response = admin.post("/admin/users/new", data={"email": "new@example.org", "role": "viewer"})
    assert response.status_code == 201 and "Crosswalk also mails it to new@example.org" in text(response)
    notice = db.session.scalar(db.select(Notification).where(Notification.kind == "invitation"))
    assert notice.state == "pending" and notice.attempts == 0  # waiting for the deliverer
