"""Referrals in a real browser, with JavaScript on and off: a hospital sends a discharge hand-off,
the shelter answers from its queue in one step and carries it to "connected"; a referral to a
full program warns before it goes; the outcomes page. axe-core on every page."""
import re
from datetime import timedelta

from browsing import check_accessibility, settle, submit, visit
from playwright.sync_api import expect
from sqlalchemy import select

from hh.demo import DEMO_USERS
from hh.extensions import db
from hh.resources.models import Service
from hh.timeutil import local_today

USERS = {user["email"]: user for user in DEMO_USERS}
SHELTER_WORKER = "provider@demo.crosswalk.example"        # Harbor House Shelter & Outreach
HOSPITAL_COORDINATOR = "coordinator@demo.crosswalk.example"  # Cedar Valley Regional Hospital


def sign_in_as(page, email):
    user = USERS[email]
    visit(page, "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(user["password"])
    submit(page, "Sign in")
    page.get_by_role("heading", level=1, name=f"Welcome, {user['name']}").wait_for()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    settle(page)


def service_id(live_server, name):
    with live_server.app.app_context():
        found = db.session.scalar(select(Service.id).where(Service.name == name))
        db.session.remove()
    return found


def test_a_discharge_hand_off_from_sending_to_connected(page, live_server):
    initials = "JS" if page.js else "NJ"
    discharge_on = local_today() + timedelta(days=3 if page.js else 4)
    sign_in_as(page, HOSPITAL_COORDINATOR)
    shelter = service_id(live_server, "Harbor House emergency shelter")
    visit(page, f"/resources/services/{shelter}")
    page.get_by_role("link", name="Refer someone here").click()
    settle(page)
    check_accessibility(page)
    details = page.locator("#discharge-details")
    expect(details).not_to_have_attribute("open", "")  # folded away for an ordinary referral
    page.get_by_label("Kind").select_option(label="Hospital-discharge hand-off")
    if page.js:  # choosing a hand-off unfolds its section
        expect(details).to_have_attribute("open", "")
    else:
        page.get_by_text("Hospital-discharge hand-off details", exact=True).click()
    page.get_by_label("Sent on behalf of").select_option(label="Cedar Valley Regional Hospital")
    page.get_by_label("Initials (person not on the list)").fill(initials)
    page.get_by_label("How to reach them").fill("Ward 3, ask for the charge nurse")
    page.get_by_label("Discharging hospital or facility").fill("Cedar Valley Regional Hospital")
    page.get_by_label("Expected discharge date").fill(discharge_on.isoformat())
    page.get_by_label("Receiving program", exact=True).select_option(label="Emergency shelter")
    page.get_by_label("Medications in hand (or prescriptions filled)").check()
    page.get_by_label("The person agreed to this referral").check()
    submit(page, "Send the referral")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("hospital-discharge hand-off to Harbor House emergency shelter")
    reference = re.search(r"Referral #\d+", heading.inner_text()).group(0)
    expect(page.locator("#status")).to_contain_text(f"{reference} sent")
    sign_out(page)

    # The shelter sees it in its queue and among upcoming discharges, and accepts in one step.
    sign_in_as(page, SHELTER_WORKER)
    expect(page.locator(".home-referrals")).to_contain_text(discharge_on.isoformat())
    visit(page, "/referrals/?view=discharges")
    expect(page.locator(".referral-queue")).to_contain_text(reference)
    visit(page, "/referrals/?view=new")
    row = page.locator(".referral-row", has_text=reference)
    expect(row).to_contain_text(f"{initials} (not on the By-Name List)")
    row.get_by_role("button", name=f"Accept {reference}").click()
    settle(page)
    check_accessibility(page)
    expect(page.locator("#status")).to_contain_text(f"{reference} is now accepted")
    if page.js:  # the row was swapped in place
        expect(page.locator(".referral-row", has_text=reference)).to_contain_text("Accepted")

    # On the referral page: schedule the intake, tick the checklist, then connected.
    visit(page, "/referrals/?view=awaiting")
    page.get_by_role("link", name=reference, exact=True).click()
    settle(page)
    check_accessibility(page)
    page.get_by_label("Schedule", exact=True).check()
    page.get_by_label("Appointment or intake date").fill(discharge_on.isoformat())
    submit(page, "Save the step")
    expect(page.locator("#status")).to_contain_text(f"{reference} is now scheduled")
    page.get_by_label("Transportation arranged").check()
    page.get_by_label("Was the hand-off warm?").first.select_option(value="yes")
    submit(page, "Save the checklist")
    expect(page.locator("#status")).to_contain_text("Checklist saved")
    page.get_by_label("Connected").check()
    page.get_by_label("Note", exact=True).first.fill("Arrived by the hospital van at 3 pm")
    submit(page, "Save the step")
    timeline = page.locator("#timeline")
    for step in ("Sent", "Received", "Accepted", "Scheduled", "Connected"):
        expect(timeline).to_contain_text(step)
    expect(timeline).to_contain_text("Arrived by the hospital van")
    expect(page.locator("#checklist")).to_contain_text("Yes")  # the warm hand-off


def test_a_full_program_warns_before_the_referral_goes(page, live_server):
    sign_in_as(page, SHELTER_WORKER)
    visit(page, "/referrals/new")
    page.get_by_label("Service you refer to").select_option(
        label="Southern Counties Housing Partnership — Rapid re-housing (Southern Plains)")
    if page.js:  # the warning appears as soon as the service is chosen
        expect(page.locator("#referral-warnings")).to_contain_text("shows no availability right now")
        check_accessibility(page)
    page.get_by_label("Initials (person not on the list)").fill("WA")
    page.get_by_label("How to reach them").fill("At the Harbor House day center")
    page.get_by_label("The person agreed to this referral").check()
    submit(page, "Send the referral")
    expect(page.get_by_role("heading", name="Before you send")).to_be_visible()
    expect(page.locator("#referral-warnings")).to_contain_text("0 of 12 program slots")
    expect(page.get_by_role("heading", level=1)).to_have_text("New referral")
    submit(page, "Send anyway")
    expect(page.get_by_role("heading", level=1)).to_contain_text("referral to Rapid re-housing (Southern Plains)")
    visit(page, "/referrals/outgoing")
    expect(page.locator(".referral-queue")).to_contain_text("Rapid re-housing (Southern Plains)")


def test_the_outcomes_page(page):
    sign_in_as(page, HOSPITAL_COORDINATOR)
    visit(page, "/referrals/outcomes")
    expect(page.get_by_role("table")).to_contain_text("All referrals")
    page.get_by_label("Group by").select_option(label="Receiving organization")
    submit(page, "Show")
    expect(page.get_by_role("table")).to_contain_text("Harbor House Shelter & Outreach")
