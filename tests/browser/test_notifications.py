"""Notifications in a real browser, with JavaScript on and off: the settings page saves a
choice; the notifications page shows a notice, and marking it read works."""
import re

from browsing import DEMO, check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect

from hh.auth.models import User
from hh.extensions import db
from hh.notifications.outbox import notify


def _notice_for(live_server, role: str, subject: str) -> None:
    with live_server.app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == DEMO[role]["email"]))
        notify([user], "item_assigned", subject, "An action item on the plan “Demo” was "
               "assigned to you.", "/plans/my-items")
        db.session.commit()
        db.session.remove()


def test_the_settings_page_saves_a_choice(page):
    sign_in(page, "provider")
    page.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^Notifications")).click()
    settle(page)
    check_accessibility(page)
    page.get_by_role("link", name="your notification settings").click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification settings")
    group = page.get_by_role("group", name="Tell me when an action item of mine is due in 3 days")
    choice = "Daily digest at 7:00" if page.js else "Off (in the app only)"
    group.get_by_label(choice).check()
    submit(page, "Save settings")
    expect(page.locator("#status")).to_contain_text("Saved: 1 choice changed.")
    expect(page.get_by_role("group", name="Tell me when an action item of mine is due in 3 days")
           .get_by_label(choice)).to_be_checked()


def test_a_notice_is_listed_and_marked_read(page, live_server):
    subject = f"Assigned to you ({'js' if page.js else 'nojs'})"
    _notice_for(live_server, "coordinator", subject)
    sign_in(page, "coordinator")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name=re.compile(r"^Notifications \(\d+ unread\)"))).to_be_visible()
    visit(page, "/notifications/")
    item = page.locator("li.notice", has_text=subject)
    expect(item).to_contain_text("Unread")
    item.get_by_role("button", name=re.compile("^Mark read")).click()
    settle(page)
    check_accessibility(page)
    item = page.locator("li.notice", has_text=subject)
    expect(item).not_to_contain_text("Unread")
    expect(item.get_by_role("button")).to_have_count(0)
    visit(page, "/notifications/")
    expect(page.locator("li.notice", has_text=subject)).not_to_contain_text("Unread")
