"""Nothing typed is lost on the pages with several parts, in a real browser with JavaScript on and
off: a plan's item table (one row's Set, "Save all", Enter in a row; on a 360 px phone), an item's
status and update, and the self-assessment's rating and sharing. Type into two parts, send one, and
find the other's text still there; axe-core on every page."""
import re
from datetime import timedelta

from browsing import DEMO, check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect

from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan
from hh.timeutil import local_today

PHONE = {"width": 360, "height": 740}


def _plan(app, title: str) -> tuple[int, list[int]]:
    """A plan with three open items, in the live server's database."""
    with app.app_context():
        plan = ActionPlan(title=title, status="active")
        items = [ActionItem(plan=plan, description=f"{title}: task {n}",
                            due_on=local_today() + timedelta(days=n + 1)) for n in range(3)]
        db.session.add_all([plan, *items])
        db.session.commit()
        ids = plan.id, [item.id for item in items]
        db.session.remove()
    return ids


def _status(app, item_id: int) -> tuple[str, str]:
    with app.app_context():
        item = db.session.get(ActionItem, item_id)
        found = item.status, item.blocked_reason or ""
        db.session.remove()
    return found


def _row_status(page, item_id: int):
    return page.locator(f"#item-{item_id}").get_by_label(re.compile("^Status of item"))


def _row_reason(page, item_id: int):
    return page.locator(f"#item-{item_id}").get_by_label(re.compile("^Why blocked"))


def test_a_rows_set_keeps_the_other_rows_choices_on_a_phone(page, live_server):
    mode = "js" if page.js else "nojs"
    app = live_server.app
    plan_id, (first, second, third) = _plan(app, f"Typing kept in the table ({mode})")
    page.set_viewport_size(PHONE)
    sign_in(page, "coordinator")
    visit(page, f"/plans/{plan_id}")
    _row_status(page, first).select_option("in_progress")  # chosen, not set
    _row_status(page, second).select_option("blocked")
    _row_reason(page, second).fill(f"Waiting for the MOU ({mode})")
    page.locator(f"#item-{second}").get_by_role("button", name=re.compile("^Set")).click()
    settle(page)
    check_accessibility(page)
    expect(page.locator(f"#item-{second}")).to_contain_text(f"Blocked: Waiting for the MOU ({mode})")
    assert _status(app, second) == ("blocked", f"Waiting for the MOU ({mode})")
    # The first row's choice is still on the page either way.
    expect(_row_status(page, first)).to_have_value("in_progress")
    if page.js:  # htmx sent the page's form but saved, and swapped, only the second row
        expect(page.locator("#status")).to_contain_text("Status: Blocked.")
        assert _status(app, first) == ("open", "")
        submit(page, "Save all")
        expect(page.locator("#status")).to_contain_text("Saved the status of 1 item.")
    else:  # without JavaScript the row's Set sent every row: both saved
        expect(page.locator("#status")).to_contain_text("Saved the status of 2 items.")
    assert _status(app, first) == ("in_progress", "")
    expect(_row_status(page, first)).to_have_value("in_progress")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Enter in a row's "why blocked" saves every changed row, that one included.
    _row_status(page, third).select_option("blocked")
    _row_reason(page, third).fill(f"No room booked ({mode})")
    _row_reason(page, third).press("Enter")
    settle(page)
    check_accessibility(page)
    expect(page.locator("#status")).to_contain_text("Saved the status of 1 item.")
    assert _status(app, third) == ("blocked", f"No room booked ({mode})")


def test_setting_an_items_status_keeps_the_update_typed(page, live_server):
    mode = "js" if page.js else "nojs"
    _, (item, *_) = _plan(live_server.app, f"Typing kept on the item page ({mode})")
    sign_in(page, "coordinator")
    visit(page, f"/plans/items/{item}")
    update = f"Called the nursing lead twice ({mode})."
    page.get_by_label("Your update").fill(update)
    page.get_by_label("Status", exact=True).select_option("in_progress")
    submit(page, "Set status")
    expect(page.locator(".facts")).to_contain_text("In progress")
    expect(page.get_by_label("Your update")).to_have_value(update)  # typed, not added, still here
    expect(page.locator("#status")).to_contain_text("still there, not saved yet")
    assert _status(live_server.app, item) == ("in_progress", "")

    page.get_by_label("Status", exact=True).select_option("blocked")
    page.get_by_label("Why blocked").fill(f"Waiting for the hospital ({mode})")
    submit(page, "Add the update")
    expect(page.locator("#thread-section")).to_contain_text(update)
    expect(page.get_by_label("Your update")).to_have_value("")
    expect(page.get_by_label("Status", exact=True)).to_have_value("blocked")  # chosen, not set
    expect(page.get_by_label("Why blocked")).to_have_value(f"Waiting for the hospital ({mode})")
    assert _status(live_server.app, item) == ("in_progress", "")


def test_sharing_the_self_assessment_keeps_the_ratings_typed(page):
    mode = "js" if page.js else "nojs"
    sign_in(page, "viewer")
    visit(page, "/role-guide/assessment")
    note = f"Led the north region's conference ({mode})."
    page.get_by_label("Note on Facilitation and Relationship Building").fill(note)
    page.locator("fieldset.rating").first.get_by_label("Practical application").check()
    page.get_by_label("Share with").select_option(label=f"{DEMO['admin']['name']} (admin)")
    submit(page, "Share")
    expect(page.locator("#status")).to_contain_text("can now read your self-assessment")
    expect(page.locator("#status")).to_contain_text("still there, not saved yet")
    expect(page.get_by_label("Note on Facilitation and Relationship Building")).to_have_value(note)
    expect(page.locator("fieldset.rating").first.get_by_label("Practical application")).to_be_checked()

    submit(page, f"Stop sharing with {DEMO['admin']['name']}")  # and leave it as it was
    expect(page.locator("#status")).to_contain_text("can no longer read your self-assessment")
    expect(page.get_by_label("Note on Facilitation and Relationship Building")).to_have_value(note)
