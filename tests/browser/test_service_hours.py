"""Opening hours in a real browser, JavaScript on and off: a service open round the clock shows
"Open now", one that opens in two days says when, and the "Open now" search filter keeps only
the open one."""
import re
from datetime import time, timedelta

from browsing import settle, sign_in, submit, visit
from playwright.sync_api import expect

from hh.directory.models import Organization
from hh.extensions import db
from hh.resources.hours import DAYS
from hh.resources.models import Service, ServiceSchedule
from hh.timeutil import local_now


def _services(app, mode: str) -> str:
    """Two services of this mode in the live server's database; returns the day the closed one
    opens (the server's clock is the real one, so "closed" is two days from now)."""
    with app.app_context():
        later = (local_now() + timedelta(days=2)).weekday()
        org = Organization(name=f"Hours test agency {mode}", sector="homeless_response")
        always = Service(organization=org, name=f"Hours test always {mode}", hours=[
            ServiceSchedule(weekday=day, opens_at=time(0), closes_at=time(0)) for day in range(7)])
        later_service = Service(organization=org, name=f"Hours test later {mode}", hours=[
            ServiceSchedule(weekday=later, opens_at=time(9), closes_at=time(10))])
        db.session.add_all([org, always, later_service])
        db.session.commit()
        db.session.remove()
    return DAYS[later]


def test_open_now_and_the_open_now_filter(page, live_server):
    mode = "withjs" if page.js else "nojs"  # not "js": a search for it finds "nojs" too
    opens_day = _services(live_server.app, mode)
    sign_in(page, "viewer")
    visit(page, f"/resources/?q=Hours+test+{mode}")
    results = page.locator("#results .result")
    expect(results).to_have_count(2)
    expect(results.filter(has_text=f"Hours test always {mode}").locator(".open-status")).to_have_text("Open now")
    expect(results.filter(has_text=f"Hours test later {mode}").locator(".open-status")).to_have_text(
        f"Closed now, opens {opens_day} 9:00")

    page.get_by_label("Open now").check()
    if page.js:
        settle(page)  # the form searches on change
    else:
        submit(page, "Search")
    expect(page).to_have_url(re.compile(r"open_now=y"))
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(f"Hours test always {mode}")

    results.first.get_by_role("link", name=f"Hours test always {mode}").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hours test always {mode}")
    expect(page.locator(".open-status")).to_have_text("Open now")
    expect(page.locator("ul.hours li").first).to_have_text("Mon 0:00-0:00")
