"""The list for a client in a real browser, JavaScript on and off: two services picked from
search and one from a service's page, reordered, seen on the list, printed (buttons and menus
left off the paper, a PDF made) and as plain text; axe-core on every page."""
import re
from datetime import time

from browsing import check_accessibility, settle, sign_in, submit, visit
from playwright.sync_api import expect

from hh.directory.models import Organization, Phone
from hh.extensions import db
from hh.resources.models import Location, Service, ServiceSchedule


def _services(app, mode: str) -> None:
    """Three services with everything a client needs, in the live server's database."""
    with app.app_context():
        org = Organization(name=f"Shortlist agency {mode}", sector="homeless_response")
        for n, name in enumerate(("shelter", "pantry", "clinic")):
            service = Service(
                organization=org, name=f"Shortlist {name} {mode}", required_documents=f"ID for {name}",
                eligibility_description="Adults", fees_description="Free", languages="English, Spanish",
                hours=[ServiceSchedule(weekday=day, opens_at=time(9), closes_at=time(17)) for day in range(5)],
                phones=[Phone(number=f"555-010{n}")],
                locations=[Location(organization=org, address_1=f"{n + 1} River Rd", city="Millbrook",
                                    state_province="NF")])
            db.session.add(service)
        db.session.commit()
        db.session.remove()


def _add(page, name: str) -> None:
    submit(page, f"Add {name} to list")
    remove = page.get_by_role("button", name=f"Remove {name} from list")
    expect(remove).to_be_visible()
    if page.js:  # only the button changed, and the keyboard is still on it
        expect(remove).to_be_focused()


def test_pick_services_print_them_and_copy_them_as_text(page, live_server):
    mode = "withjs" if page.js else "nojs"  # not "js": a search for it finds "nojs" too
    _services(live_server.app, mode)
    sign_in(page, "provider")
    visit(page, f"/resources/?q=Shortlist+{mode}")
    expect(page.locator("#results .result")).to_have_count(3)
    expect(page.locator("#list-counter")).to_contain_text("0 services")

    _add(page, f"Shortlist shelter {mode}")
    expect(page).to_have_url(re.compile(rf"q=Shortlist\+{mode}"))  # the same search, not a new page
    _add(page, f"Shortlist pantry {mode}")
    expect(page.locator("#list-counter")).to_contain_text("2 services")
    expect(page.locator("#results .result")).to_have_count(3)

    page.get_by_role("link", name=f"Shortlist clinic {mode}").click()
    settle(page)
    check_accessibility(page)
    _add(page, f"Shortlist clinic {mode}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Shortlist clinic {mode}")
    expect(page.locator("#list-counter")).to_contain_text("3 services")

    page.locator("#list-counter").get_by_role("link", name="Your list for a client").click()
    settle(page)
    check_accessibility(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your list for a client")
    expect(page.locator("main")).to_contain_text("No client information is kept on this list.")
    names = page.locator(".client-entry h2")
    expect(names).to_have_text([f"Shortlist {n} {mode}" for n in ("shelter", "pantry", "clinic")])
    submit(page, f"Move up Shortlist clinic {mode}")
    expect(names).to_have_text([f"Shortlist {n} {mode}" for n in ("shelter", "clinic", "pantry")])
    clinic = page.locator(".client-entry").nth(1)
    for words in ("Mon-Fri 9:00-17:00", "555-0102", "3 River Rd, Millbrook, NF", "ID for clinic",
                  "Adults", "Free", "English, Spanish"):
        expect(clinic).to_contain_text(words)

    print_button = page.get_by_role("button", name="Print")
    copy_button = page.get_by_role("button", name="Copy text")
    if page.js:  # the buttons that need JavaScript appear only with it
        expect(print_button).to_be_visible()
        copy_button.click()
        expect(page.locator(".js-copied")).to_have_text(re.compile(r"Copied\.|Ctrl\+C"))
    else:
        expect(print_button).to_be_hidden()
        expect(copy_button).to_be_hidden()
    text_box = page.get_by_label("The list as plain text")
    expect(text_box).to_have_js_property("readOnly", True)
    expect(text_box).to_have_value(re.compile(rf"1\. Shortlist shelter {mode}.*2\. Shortlist clinic {mode}", re.DOTALL))

    page.emulate_media(media="print")
    for hidden in (page.get_by_role("button", name=f"Remove Shortlist pantry {mode} from list"),
                   page.get_by_role("button", name="Clear list"), page.locator(".site-header"),
                   page.locator(".list-text"), page.get_by_role("link", name="Download as text")):
        expect(hidden).to_be_hidden()
    expect(names).to_have_count(3)
    expect(page.locator(".print-only")).to_be_visible()
    expect(page.locator(".print-only")).to_contain_text("Services that may help")
    expect(page.locator(".print-only")).to_contain_text("call before you go")
    expect(page.get_by_role("heading", level=1)).to_be_hidden()
    pdf = page.pdf(format="Letter")
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
    page.emulate_media(media="screen")

    plain = page.request.get("/resources/list.txt")
    assert plain.headers["content-type"] == "text/plain; charset=utf-8"
    body = plain.text()
    assert f"1. Shortlist shelter {mode} (Shortlist agency {mode})" in body
    assert f"2. Shortlist clinic {mode}" in body and f"3. Shortlist pantry {mode}" in body
    for line in ("   Hours: Mon-Fri 9:00-17:00", "   Phone: 555-0102", "   Address: 3 River Rd, Millbrook, NF",
                 "   What to bring: ID for clinic"):
        assert line in body, line

    submit(page, "Clear list")
    expect(page.locator("main")).to_contain_text("Your list is empty.")
