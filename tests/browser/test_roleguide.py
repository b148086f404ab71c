"""The coordinator role guide in a real browser, with JavaScript on and off: the role pages with
live counts, a self-assessment shared with a coordinator, and a hand-over to a successor."""
import re

from browsing import DEMO, check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect


def follow(page, name: str):
    page.get_by_role("link", name=name, exact=True).first.click()
    settle(page)
    check_accessibility(page)


def test_a_coordinator_reads_the_roles_and_where_the_work_is_done(page):
    sign_in(page, "coordinator")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Coordinator role guide").click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Coordinator role guide")
    follow(page, "System Coordinator")
    expect(page.get_by_role("heading", level=1)).to_have_text("System Coordinator")
    duty = page.locator("article", has_text="Is the source of accountability and project management")
    expect(duty.locator(".live-count")).to_have_text(re.compile(r"^\d+ open action items?, \d+ overdue$"))
    expect(duty.get_by_role("link", name="Action items", exact=True)).to_have_attribute("href", "/plans/items")
    visit(page, "/role-guide/roles/health-homelessness-coordinator")
    hand_offs = page.locator("article", has_text="Supports client hand-offs")
    expect(hand_offs.locator(".live-count")).to_contain_text("in the next 7 days")
    follow(page, "Discharge hand-offs")
    expect(page.get_by_role("heading", level=1)).to_have_text("Incoming referrals")
    expect(page.get_by_role("link", name=re.compile("Upcoming discharges"))).to_have_attribute("aria-current", "page")


def test_the_demo_coordinator_sees_history_and_where_to_grow(page):
    sign_in(page, "coordinator")
    visit(page, "/role-guide/assessment")
    latest = page.get_by_role("table", name=re.compile("Latest rating"))
    expect(latest.locator("tr", has_text="Facilitation and Relationship Building")).to_contain_text(
        "up from practical application")
    expect(page.get_by_role("table", name=re.compile("Every self-assessment")).locator("tbody tr")).to_have_count(2)
    expect(page.locator(".suggestions li").first).to_contain_text("Human-Centered Design")
    page.get_by_label("Growing toward").select_option(label="Health and Homelessness Coordinator")
    submit(page, "Show")
    assert "role=health-homelessness-coordinator" in page.url
    expect(page.locator(".suggestions li").first).to_contain_text("supports 2 responsibilities")
    expect(page.locator(".suggestions")).not_to_contain_text("Built for Zero")


def test_a_provider_rates_themselves_and_shares_with_a_coordinator(page, browser, live_server):
    mode = "js" if page.js else "nojs"
    sign_in(page, "provider")
    visit(page, "/role-guide/assessment")
    page.get_by_label("Date of this assessment").fill("2999-01-01")
    submit(page, "Save self-assessment")
    expect(page.locator("#assessed_on-error")).to_have_text("The date cannot be in the future.")
    page.get_by_label("Date of this assessment").fill("")
    for index, fieldset in enumerate(page.locator("fieldset.rating").all()):
        fieldset.get_by_label("Strategic application" if index == 0 else "Not yet").check()
    page.get_by_label("Note on Improvement Science Foundations").fill(f"Coached two PDSA cycles ({mode}).")
    submit(page, "Save self-assessment")
    expect(page.locator("#status")).to_contain_text("Saved your self-assessment.")
    expect(page.locator(".suggestions li").first).to_contain_text("Facilitation and Relationship Building")

    page.get_by_label("Share with").select_option(label=f"{DEMO['coordinator']['name']} (coordinator)")
    submit(page, "Share")
    expect(page.locator("#status")).to_contain_text("can now read your self-assessment")

    other = browser.new_context(java_script_enabled=page.js, base_url=live_server.url)
    reader = other.new_page()
    reader.js = page.js
    try:
        sign_in(reader, "coordinator")
        visit(reader, "/role-guide/assessment")
        reader.get_by_role("link", name=DEMO["provider"]["name"]).click()
        settle(reader)
        check_accessibility(reader)
        expect(reader.get_by_role("heading", level=1)).to_have_text(f"Self-assessment of {DEMO['provider']['name']}")
        expect(reader.locator("main")).to_contain_text(f"Coached two PDSA cycles ({mode}).")
        expect(reader.get_by_role("button", name="Save self-assessment")).to_have_count(0)
    finally:
        other.close()

    submit(page, f"Stop sharing with {DEMO['coordinator']['name']}")
    expect(page.locator("#status")).to_contain_text("can no longer read your self-assessment")
    expect(page.get_by_text("Not shared: only you can read your self-assessment.")).to_be_visible()


def test_an_admin_hands_a_leaving_coordinators_work_to_a_successor(page, live_server):
    from hh.auth.models import User
    from hh.extensions import db
    from hh.plans.models import ActionItem, ActionPlan

    mode = "js" if page.js else "nojs"
    with live_server.app.app_context():
        leaving = User(email=f"leaving.{mode}@demo.crosswalk.example", name=f"Lee Leaving ({mode})",
                       role="coordinator")
        plan = ActionPlan(title=f"Winter shelter plan ({mode})", status="active", owner=leaving)
        db.session.add_all([leaving, plan, ActionItem(plan=plan, owner=leaving,
                                                      description=f"Book the church hall ({mode})")])
        db.session.commit()
        leaving_id = leaving.id
        db.session.remove()

    sign_in(page, "admin")
    visit(page, "/role-guide/handover")
    page.get_by_label("Whose hand-over pack").select_option(label=f"Lee Leaving ({mode}) (coordinator)")
    submit(page, "Show pack")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hand-over pack: Lee Leaving ({mode})")
    expect(page.get_by_role("table", name="Open action items owned")).to_contain_text(f"Book the church hall ({mode})")
    submit(page, "Hand over everything")  # no successor chosen
    expect(page.locator("#successor_id-error")).to_have_text("Choose the coordinator or admin who takes over.")
    page.get_by_label("Hand over to").select_option(label=f"{DEMO['admin']['name']} (admin)")
    submit(page, "Hand over everything")
    expect(page.locator("#status")).to_contain_text(
        f"Handed over to {DEMO['admin']['name']}: 1 open action item, 1 action plan.")
    expect(page.get_by_text("Nothing to hand over.")).to_be_visible()
    assert f"person={leaving_id}" in page.url
