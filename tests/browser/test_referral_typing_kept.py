"""Nothing typed is lost on a referral's page and in the referral queue, in a real browser with
JavaScript on and off: type into two parts, press one part's button, and the other part's text
is still there (without JavaScript the page comes back with it; with it, only the pressed part
changed). Both at a phone's width. axe-core on every page looked at."""
from datetime import timedelta

from browsing import check_accessibility, settle, submit, visit
from playwright.sync_api import expect
from sqlalchemy import select

from hh.demo import DEMO_USERS
from hh.directory.models import Organization
from hh.extensions import db
from hh.referrals.models import Referral, ReferralEvent
from hh.resources.models import Service
from hh.timeutil import local_today

SHELTER = "Harbor House emergency shelter"  # the demo provider's organization receives these
HOSPITAL = "Cedar Valley Regional Hospital"
SHELTER_WORKER = next(u for u in DEMO_USERS if u["email"] == "provider@demo.crosswalk.example")


def sign_in(page) -> None:
    """The shelter's intake worker (the demo has two providers: the shelter's is this one)."""
    visit(page, "/auth/login")
    page.get_by_label("Email").fill(SHELTER_WORKER["email"])
    page.get_by_label("Password").fill(SHELTER_WORKER["password"])
    submit(page, "Sign in")
    page.get_by_role("heading", level=1, name=f"Welcome, {SHELTER_WORKER['name']}").wait_for()


def _referrals(live_server, count: int, **fields) -> list[tuple[int, str]]:
    """New referrals from the hospital to the demo provider's shelter: (id, reference) each."""
    made = []
    with live_server.app.app_context():
        service = db.session.scalar(select(Service).where(Service.name == SHELTER))
        hospital = db.session.scalar(select(Organization).where(Organization.name == HOSPITAL))
        for _ in range(count):
            referral = Referral(**({"kind": "referral"} | fields), service=service,
                                person_initials="TK", consent_confirmed=True,
                                receiving_organization_id=service.organization_id,
                                sender_organization_id=hospital.id,
                                contact_route="Through the ward's social worker")
            referral.events.append(ReferralEvent(status="sent"))
            db.session.add(referral)
            db.session.flush()
            made.append((referral.id, referral.reference))
        db.session.commit()
        db.session.remove()
    return made


def _status(live_server, referral_id: int) -> str:
    with live_server.app.app_context():
        status = db.session.get(Referral, referral_id).status
        db.session.remove()
    return status


def _fits(page, width: int) -> None:
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll <= inner == width, f"the page is {scroll}px wide in a {inner}px window"


def _enter_sends_nothing(page, field: str, path: str) -> None:
    page.locator(field).press("Enter")
    page.wait_for_timeout(400)
    settle(page)
    assert page.url.endswith(path), page.url
    expect(page.locator("#status")).not_to_contain_text("saved")


def test_the_referral_page_keeps_a_note_typed_when_the_checklist_is_saved(page, live_server):
    page.set_viewport_size({"width": 360, "height": 740})
    (referral_id, reference), = _referrals(
        live_server, 1, kind="discharge", discharging_facility=HOSPITAL, receiving_program="shelter",
        expected_discharge_on=local_today() + timedelta(days=2))
    sign_in(page)
    visit(page, f"/referrals/{referral_id}")
    _fits(page, 360)
    # Enter in a field sends nothing: only a part's own button says which part to save.
    follow_up = (local_today() + timedelta(days=5)).isoformat()
    page.locator("#timeline-follow_up_on").fill(follow_up)
    _enter_sends_nothing(page, "#timeline-follow_up_on", f"/referrals/{referral_id}")
    note = "Called the ward: discharge moved to Friday"
    page.get_by_label("Transportation arranged").check()
    page.locator("#timeline-note").fill(note)
    page.locator("#note").fill("Bed held until noon")  # the step's note, not sent either
    page.get_by_role("button", name="Save the checklist").click()
    settle(page)
    check_accessibility(page)
    expect(page.locator("#status")).to_contain_text("Checklist saved")
    expect(page.locator("#status")).to_contain_text("not saved yet")
    expect(page.get_by_label("Transportation arranged")).to_be_checked()
    expect(page.locator("#timeline-note")).to_have_value(note)
    expect(page.locator("#note")).to_have_value("Bed held until noon")
    expect(page.locator("#timeline .history")).not_to_contain_text(note)  # typed, not saved
    _fits(page, 360)
    # The note is then sent with its own button; the page goes back to itself, and the step's
    # note is still not saved (it was typed, so the page says so again).
    page.get_by_role("button", name="Add to the timeline").click()
    settle(page)
    check_accessibility(page)
    expect(page.locator("#timeline .history")).to_contain_text(note)
    expect(page.locator("#note")).to_have_value("Bed held until noon")
    assert _status(live_server, referral_id) == "received"
    assert reference in page.get_by_role("heading", level=1).inner_text()


def test_the_queue_keeps_a_reason_typed_in_one_row_when_another_is_accepted(page, live_server):
    page.set_viewport_size({"width": 360, "height": 740})
    (first, first_ref), (second, second_ref) = _referrals(live_server, 2)
    sign_in(page)
    visit(page, "/referrals/?view=all")
    row = page.locator(f"#referral-row-{first}")
    row.locator("summary", has_text="Decline").click()  # unfold "Decline…"
    row.get_by_label("Reason for declining").select_option(value="other")
    row.get_by_label("Explain (needed for “other”)").fill("Only takes women")
    _enter_sends_nothing(page, f"#r{first}-note", "/referrals/?view=all")
    assert _status(live_server, first) == _status(live_server, second) == "sent"
    page.get_by_role("button", name=f"Accept {second_ref}").click()
    settle(page)
    check_accessibility(page)
    expect(page.locator("#status")).to_contain_text(f"{second_ref} is now accepted")
    if not page.js:  # the queue came back, the typed row as it was
        expect(page.locator("#status")).to_contain_text("not saved yet")
    expect(page.locator(f"#referral-row-{second}")).to_contain_text("Accepted")
    row = page.locator(f"#referral-row-{first}")
    expect(row.get_by_label("Reason for declining")).to_have_value("other")
    expect(row.get_by_label("Explain (needed for “other”)")).to_have_value("Only takes women")
    assert _status(live_server, first) == "sent"
    _fits(page, 360)
    # Then that row's own Decline sends it, with what was typed.
    row.get_by_role("button", name=f"Decline {first_ref}").click()
    settle(page)
    check_accessibility(page)
    expect(page.locator(f"#referral-row-{first}")).to_contain_text("Only takes women")
    assert _status(live_server, first) == "declined"
