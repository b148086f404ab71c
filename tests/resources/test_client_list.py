"""The list for a client: services picked from search or a service's page into the provider's
own session, reordered, cleared and capped, shown as a printable page and as plain text with
hours, phone, address and what to bring, and never anything about the client."""
from datetime import datetime, time

import pytest
from support import csrf_token_from, links, login, soup, text, texts

from hh.directory.models import Organization, Phone
from hh.extensions import db
from hh.resources import shortlist
from hh.resources.models import Location, Service, ServiceSchedule

MONDAY_10AM = datetime(2026, 1, 12, 16, 0)  # UTC; 10:00 in the CoC (America/Chicago)


def _service(name: str, org: Organization | None = None, **details) -> Service:
    org = org or Organization(name=f"{name} agency", sector="homeless_response")
    service = Service(organization=org, name=name, **details)
    db.session.add(service)
    db.session.commit()
    return service


@pytest.fixture
def shelter():
    org = Organization(name="Harbor House", sector="homeless_response")
    service = _service(
        "Night shelter", org, required_documents="Photo ID if you have one\nProof of income",
        eligibility_description="Adults", minimum_age=18, fees_description="Free",
        languages="English, Spanish", interpretation_services="phone line",
        application_process="Walk in before 8 pm", status="active")
    service.hours = [ServiceSchedule(weekday=day, opens_at=time(9), closes_at=time(17)) for day in range(5)]
    service.phones = [Phone(number="555-0101", extension="12")]
    service.locations = [Location(organization=org, address_1="5 River Rd", city="Millbrook",
                                  state_province="NF", postal_code="55501")]
    db.session.commit()
    return service


def _post(client, url: str, **data):
    return client.post(url, data=data)


def _listed(client) -> list[str]:
    return texts(client.get("/resources/list"), ".client-entry h2")


def test_add_from_search_and_back_to_the_same_search(login_as, shelter):
    client = login_as("viewer")
    search = client.get("/resources/?q=shelter&page=1")
    assert "Add Night shelter to list" in text(search, ".result")
    assert "0 services" in text(search, "#list-counter")

    response = _post(client, f"/resources/list/add/{shelter.id}", next="/resources/?q=shelter&page=1")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/resources/?q=shelter&page=1#list-form-{shelter.id}"
    search = client.get("/resources/?q=shelter&page=1")
    assert "Added Night shelter to your list (1 of 20)." in text(search, "#status")
    assert "Remove Night shelter from list" in text(search, ".result")
    assert "1 service" in text(search, "#list-counter")
    assert _listed(client) == ["Night shelter"]


def test_add_and_remove_with_htmx_change_the_button_and_the_counter(login_as, shelter):
    client = login_as("provider")
    headers = {"HX-Request": "true"}
    response = client.post(f"/resources/list/add/{shelter.id}", headers=headers,
                           data={"next": f"/resources/services/{shelter.id}"})
    assert response.status_code == 200
    assert text(response, f"#list-form-{shelter.id} button") == "Remove Night shelter from list"
    assert soup(response).select_one(f"#list-form-{shelter.id} [name=next]")["value"] == \
        f"/resources/services/{shelter.id}"
    counter = soup(response).select_one("#list-counter")
    assert counter["hx-swap-oob"] == "true" and "1 service" in text(response, "#list-counter")
    assert "Added Night shelter" in text(response, "#status")

    response = client.post(f"/resources/list/remove/{shelter.id}", headers=headers, data={})
    assert text(response, f"#list-form-{shelter.id} button") == "Add Night shelter to list"
    assert "0 services" in text(response, "#list-counter")
    assert _listed(client) == []


def test_the_service_page_has_the_button_and_the_counter(login_as, shelter):
    client = login_as("coordinator")
    page = client.get(f"/resources/services/{shelter.id}")
    assert text(page, ".list-tools button") == "Add Night shelter to list"
    assert soup(page).select_one(".list-tools [name=next]")["value"] == f"/resources/services/{shelter.id}"
    response = _post(client, f"/resources/list/add/{shelter.id}", next=f"/resources/services/{shelter.id}")
    assert response.headers["Location"].startswith(f"/resources/services/{shelter.id}")
    page = client.get(f"/resources/services/{shelter.id}")
    assert text(page, ".list-tools button") == "Remove Night shelter from list"
    assert links(page, "#list-counter a")["Your list for a client"] == "/resources/list"


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example",
    "/\t/evil.example", "javascript:alert(1)", "evil.example", "http:/evil.example",
])
def test_the_way_back_refuses_other_sites(login_as, shelter, target):
    client = login_as("viewer")
    response = _post(client, f"/resources/list/add/{shelter.id}", next=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/resources/list"
    assert "evil" not in response.headers["Location"]


def test_reorder_remove_and_clear(login_as, shelter):
    client = login_as("viewer")
    others = [_service("Food pantry"), _service("Dental clinic")]
    for service in (shelter, *others):
        _post(client, f"/resources/list/add/{service.id}")
    assert _listed(client) == ["Night shelter", "Food pantry", "Dental clinic"]

    response = _post(client, f"/resources/list/move/{others[1].id}", to="up")
    assert response.headers["Location"].startswith("/resources/list")
    assert _listed(client) == ["Night shelter", "Dental clinic", "Food pantry"]
    _post(client, f"/resources/list/move/{shelter.id}", to="up")  # already first: stays
    _post(client, f"/resources/list/move/{shelter.id}", to="down")
    assert _listed(client) == ["Dental clinic", "Night shelter", "Food pantry"]
    page = client.get("/resources/list")
    first, last = soup(page).select(".client-entry")[0], soup(page).select(".client-entry")[-1]
    assert "Move up" not in first.get_text() and "Move down" in first.get_text()
    assert "Move down" not in last.get_text() and "Move up" in last.get_text()

    response = _post(client, f"/resources/list/remove/{shelter.id}", next="/resources/list")
    assert response.headers["Location"] == "/resources/list"
    assert _listed(client) == ["Dental clinic", "Food pantry"]

    response = _post(client, "/resources/list/clear")
    page = client.get(response.headers["Location"])
    assert "Your list is empty now." in text(page, "#status")
    assert "Your list is empty." in text(page, "main")
    assert _listed(client) == []


def test_the_list_holds_at_most_twenty(login_as):
    client = login_as("viewer")
    services = [_service(f"Service {n:02d}") for n in range(shortlist.LIMIT + 1)]
    for service in services[:shortlist.LIMIT]:
        _post(client, f"/resources/list/add/{service.id}")
    response = client.post(f"/resources/list/add/{services[-1].id}", headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Your list is full: it holds up to 20 services." in text(response, "#status")
    assert text(response, "button") == f"Add {services[-1].name} to list"
    assert "20 services (full)" in text(response, "#list-counter")
    listed = _listed(client)
    assert len(listed) == 20 and services[-1].name not in listed
    _post(client, f"/resources/list/add/{services[0].id}")  # already there: no duplicate
    assert len(_listed(client)) == 20


def test_services_that_are_gone_drop_off_the_list(login_as, shelter):
    client = login_as("viewer")
    gone = _service("Closed program")
    for service in (gone, shelter):
        _post(client, f"/resources/list/add/{service.id}")
    db.session.delete(db.session.get(Service, gone.id))
    db.session.commit()
    assert _listed(client) == ["Night shelter"]
    with client.session_transaction() as session:
        assert session[shortlist.KEY] == [shelter.id]
        session[shortlist.KEY] = [shelter.id, "x", -3, True, 999999, shelter.id]  # a tampered cookie
    assert _listed(client) == ["Night shelter"]
    assert _post(client, "/resources/list/add/999999").status_code == 404


def test_inactive_services_stay_with_a_warning(login_as):
    client = login_as("viewer")
    service = _service("Old shelter", status="inactive")
    _post(client, f"/resources/list/add/{service.id}")
    assert "Inactive: call before going" in text(client.get("/resources/list"), ".client-entry")
    assert "Inactive: call before going" in client.get("/resources/list.txt").get_data(as_text=True)


def test_the_page_shows_what_a_client_needs(login_as, shelter, clock):
    clock(MONDAY_10AM)
    client = login_as("viewer")
    _post(client, f"/resources/list/add/{shelter.id}")
    page = client.get("/resources/list")
    entry = text(page, ".client-entry")
    for words in ("Night shelter", "Harbor House", "Open now (at Mon 10:00)", "Mon-Fri 9:00-17:00",
                  "Phone 555-0101 ext. 12", "Address 5 River Rd, Millbrook, NF 55501",
                  "What to bring Photo ID if you have one Proof of income",
                  "Who is eligible Adults; ages 18–any", "Cost Free",
                  "Languages English, Spanish; interpretation: phone line",
                  "How to apply Walk in before 8 pm"):
        assert words in entry, words
    assert "No client information is kept on this list." in text(page, "main")
    assert "Services that may help Made Mon 12 Jan 2026, 10:00." in text(page, ".print-only")


def test_hours_take_as_few_lines_as_they_can():
    hours = [ServiceSchedule(weekday=day, opens_at=time(9), closes_at=time(17)) for day in (0, 1, 2, 4)]
    hours += [ServiceSchedule(weekday=5, opens_at=time(10), closes_at=time(12), description="walk-in"),
              ServiceSchedule(weekday=6, opens_at=time(10), closes_at=time(12), description="walk-in"),
              ServiceSchedule(weekday=3, opens_at=time(13), closes_at=time(17)),
              ServiceSchedule(weekday=None, opens_at=None, closes_at=None, description="Call ahead")]
    assert shortlist.compact_hours(hours) == [
        "Mon-Wed, Fri 9:00-17:00", "Thu 13:00-17:00", "Sat, Sun 10:00-12:00 walk-in", "Call ahead"]


def test_plain_text_has_hours_phone_address_and_what_to_bring(login_as, shelter, clock):
    clock(MONDAY_10AM)
    client = login_as("viewer")
    pantry = _service("Food pantry", fees_description="Free")
    for service in (shelter, pantry):
        _post(client, f"/resources/list/add/{service.id}")
    response = client.get("/resources/list.txt")
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "Content-Disposition" not in response.headers
    body = response.get_data(as_text=True)
    assert body.splitlines()[:2] == ["Services list, made Mon 12 Jan 2026, 10:00",
                                     "Hours and openings change: call before you go."]
    assert "1. Night shelter (Harbor House)\n   Hours: Mon-Fri 9:00-17:00\n" in body
    for line in ("   Open now (at Mon 10:00)", "   Phone: 555-0101 ext. 12",
                 "   Address: 5 River Rd, Millbrook, NF 55501",
                 "   What to bring: Photo ID if you have one\n     Proof of income",
                 "   Who is eligible: Adults; ages 18–any", "2. Food pantry (Food pantry agency)\n   Cost: Free"):
        assert line in body, line
    page = client.get("/resources/list")
    assert soup(page).select_one("textarea#list-text").has_attr("readonly")
    assert soup(page).select_one("textarea#list-text").get_text() == body

    download = client.get("/resources/list.txt?download=1")
    assert download.headers["Content-Disposition"] == 'attachment; filename="services-list.txt"'
    assert download.get_data(as_text=True) == body


def test_no_client_data_goes_on_the_list(login_as, shelter):
    client = login_as("provider")
    client.post(f"/resources/list/add/{shelter.id}", data={
        "title": "For Jane Doe", "client": "Jane Doe", "name": "Jane Doe", "note": "DOB 1980-01-01"})
    with client.session_transaction() as session:
        assert session[shortlist.KEY] == [shelter.id]
    page = client.get("/resources/list")
    body = client.get("/resources/list.txt").get_data(as_text=True)
    assert "Jane" not in page.get_data(as_text=True) and "Jane" not in body
    # Nothing on the page asks for anything about the client: its only field is the read-only text.
    fields = soup(page).select("main input:not([type=hidden]), main textarea, main select")
    assert [(f.name, f.get("id"), f.has_attr("readonly")) for f in fields] == [("textarea", "list-text", True)]


def test_the_list_ends_at_sign_out(app, factory, shelter):
    user = factory.user("viewer")
    client = app.test_client()
    login(client, user.email)
    _post(client, f"/resources/list/add/{shelter.id}")
    assert _listed(client) == ["Night shelter"]
    client.post("/auth/logout")
    login(client, user.email)
    assert _listed(client) == []


def test_buttons_need_the_forms_token(csrf_app, factory, shelter):
    user = factory.user("viewer")
    client = csrf_app.test_client()
    page = client.get("/auth/login")
    login(client, user.email, csrf_token=csrf_token_from(page.get_data(as_text=True)))
    assert client.post(f"/resources/list/add/{shelter.id}").status_code == 400
    search = client.get("/resources/?q=shelter")
    token = soup(search).select_one(f"#list-form-{shelter.id} [name=csrf_token]")["value"]
    response = client.post(f"/resources/list/add/{shelter.id}", data={"csrf_token": token})
    assert response.status_code == 303
    assert _listed(client) == ["Night shelter"]
