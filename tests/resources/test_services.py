"""Services: editing by role, availability (fresh or unknown), search (the verification queue:
test_verification.py)."""
import csv
import io
import re
from datetime import timedelta

import pytest
from service_records import audit_rows, make_service, term
from sqlalchemy import select
from support import field_error, soup, text

from hh.admin.models import AuditEvent
from hh.checks import WEB_ADDRESS_MESSAGE
from hh.directory.models import Organization
from hh.extensions import db
from hh.resources.models import CapacityUnit, Service
from hh.timeutil import utcnow

SERVICE_FORM = {"name": "Night shelter", "status": "active", "description": "Beds for adults",
                "accepts_referrals": "y", "total_beds": "20", "city": "Millbrook",
                "address_1": "12 Main St", "postal_code": "55501", "phone": "555-0110",
                "languages": "English, Spanish", "minimum_age": "18", "maximum_age": ""}


def test_provider_adds_a_service_to_own_organization(place, login_as):
    client = login_as("provider", organization=place["org"])
    data = {**SERVICE_FORM, "category_id": str(term("housing.emergency_shelter").id),
            "county_ids": [str(place["alder"].id)], "location_county_id": str(place["alder"].id)}
    response = client.post(f"/resources/services/new?organization={place['org'].id}", data=data)
    assert response.status_code == 303
    service = db.session.scalar(select(Service))
    assert service.organization == place["org"] and service.accepts_referrals
    assert [a.county.name for a in service.areas] == ["Alder County"]
    assert service.locations[0].city == "Millbrook" and service.capacity[0].total == 20
    assert service.minimum_age == 18 and service.maximum_age is None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Night shelter" in page and "Housing › Emergency shelter" in page
    assert "<strong>unknown</strong>" in page  # no availability reported yet
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "service_created"))


def test_service_form_errors_keep_everything_typed(place, login_as):
    client = login_as("coordinator")
    response = client.post(f"/resources/services/new?organization={place['org'].id}",
                           data={**SERVICE_FORM, "minimum_age": "40", "maximum_age": "18",
                                 "total_beds": "lots"})
    assert response.status_code == 422
    assert field_error(response, "total_beds") == "Enter a whole number."
    assert field_error(response, "maximum_age") == "The maximum age cannot be below the minimum age."
    assert soup(response).select_one("#city")["value"] == "Millbrook"
    assert "Beds for adults" in text(response, "#description")
    assert db.session.scalar(select(Service)) is None


@pytest.mark.parametrize("address", ["javascript:alert(1)", "JavaScript:alert(document.cookie)",
                                     "data:text/html,<script>alert(1)</script>", "ftp://example.org",
                                     "https://", "http://exa mple.org"])
def test_a_service_web_page_must_be_an_http_address(place, login_as, address):
    client = login_as("coordinator")
    response = client.post(f"/resources/services/new?organization={place['org'].id}",
                           data={**SERVICE_FORM, "url": address})
    assert response.status_code == 422
    assert field_error(response, "url") == WEB_ADDRESS_MESSAGE
    assert db.session.scalar(select(Service)) is None


def test_a_bare_web_address_gets_https(place, login_as):
    client = login_as("coordinator")
    response = client.post(f"/resources/services/new?organization={place['org'].id}",
                           data={**SERVICE_FORM, "url": "harbor.org/shelter"})
    assert response.status_code == 303
    assert db.session.scalar(select(Service.url)) == "https://harbor.org/shelter"


def test_provider_cannot_edit_another_organizations_service(place, login_as, factory):
    other = factory.organization("Other Agency")
    service = make_service(other, "Their shelter", beds=5)
    client = login_as("provider", organization=place["org"])
    assert client.get(f"/resources/services/{service.id}/edit").status_code == 403
    assert client.post(f"/resources/services/{service.id}/availability",
                       data={f"unit_{service.capacity[0].id}": "3"}).status_code == 403
    assert client.get(f"/resources/services/new?organization={other.id}").status_code == 403
    db.session.refresh(service)
    assert service.capacity[0].available is None


def test_availability_update_in_one_step(place, login_as):
    service = make_service(place["org"], "Night shelter", beds=20)
    unit = service.capacity[0]
    client = login_as("provider", organization=place["org"])
    page = client.get("/resources/availability").get_data(as_text=True)
    assert "Night shelter" in page and f'name="unit_{unit.id}"' in page
    response = client.post(f"/resources/services/{service.id}/availability", data={f"unit_{unit.id}": "7"})
    assert response.status_code == 303
    db.session.refresh(unit)
    assert unit.available == 7 and unit.updated_by_id == client.user.id
    assert "<strong>7</strong> free of 20" in client.get(f"/resources/services/{service.id}").get_data(as_text=True)


def test_availability_htmx_returns_the_row_and_rejects_bad_numbers(place, login_as):
    service = make_service(place["org"], "Night shelter", beds=20, free=4)
    unit = service.capacity[0]
    client = login_as("provider", organization=place["org"])
    bad = client.post(f"/resources/services/{service.id}/availability",
                      data={f"unit_{unit.id}": "25"}, headers={"HX-Request": "true"})
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert "<html" not in text and "enter a number from 0 to 20" in text and 'value="25"' in text
    db.session.refresh(unit)
    assert unit.available == 4
    good = client.post(f"/resources/services/{service.id}/availability",
                       data={f"unit_{unit.id}": "0"}, headers={"HX-Request": "true"})
    assert good.status_code == 200 and f'id="availability-{service.id}"' in good.get_data(as_text=True)
    assert "Updated availability for Night shelter" in good.get_data(as_text=True)  # live region
    db.session.refresh(unit)
    assert unit.available == 0


def test_old_availability_is_shown_as_unknown(place, login_as, make_app):
    make_service(place["org"], "Fresh shelter", beds=10, free=3, age_days=1)
    make_service(place["org"], "Stale shelter", beds=10, free=9, age_days=30)
    client = login_as("viewer")
    text = client.get("/resources/?q=shelter").get_data(as_text=True)
    assert "<strong>3</strong> of 10" in text
    assert "<strong>9</strong>" not in text and "not updated recently" in text
    only_available = client.get("/resources/?available=y").get_data(as_text=True)
    assert "Fresh shelter" in only_available and "Stale shelter" not in only_available


def test_search_words_filters_and_countywide_services_reach_every_town(place, login_as, factory):
    clinic = factory.organization("Three Rivers Clinic", sector="health_care")
    make_service(place["org"], "Countywide outreach", category="housing.street_outreach",
                 counties=[place["alder"]])
    make_service(place["org"], "Millbrook shelter", city="Millbrook", city_county=place["alder"],
                 beds=5, free=2, referrals=True)
    make_service(clinic, "Mobile MAT", category="health.substance_use", counties=[place["birch"]],
                 description="Buprenorphine in the van")
    make_service(place["org"], "Old program", counties=[place["alder"]], status="defunct")
    # Pinecrest is another town in Alder County (a location there makes it known).
    make_service(place["org"], "Pinecrest food pantry", category="food.food_pantry", city="Pinecrest",
                 city_county=place["alder"])
    client = login_as("viewer")

    def names(query):
        text = client.get("/resources/?" + query).get_data(as_text=True)
        return {n for n in ("Countywide outreach", "Millbrook shelter", "Mobile MAT", "Old program",
                            "Pinecrest food pantry") if f">{n}</a>" in text}

    assert names("place=Pinecrest") == {"Countywide outreach", "Millbrook shelter", "Pinecrest food pantry"}
    assert names("place=millbrook") == names("place=Alder County")
    assert names("q=buprenorphine") == {"Mobile MAT"}
    assert names("q=substance") == {"Mobile MAT"}                 # category words
    assert names("q=three rivers") == {"Mobile MAT"}              # organization words
    assert names(f"category={term('health').id}") == {"Mobile MAT"}  # a first-level category
    assert names("sector=health_care") == {"Mobile MAT"}
    assert names("referrals=y") == {"Millbrook shelter"}
    assert "Old program" in names("inactive=y")
    assert "Old program" not in names("")
    assert names("place=Atlantis") == set()
    text = client.get("/resources/?q=clinic").get_data(as_text=True)
    assert "Three Rivers Clinic" in text  # organizations listed above services


def test_a_search_result_shows_organization_category_status_availability_and_counties(
        place, login_as):
    service = make_service(place["org"], "Harbor beds", counties=[place["alder"], place["birch"]],
                           status="temporarily closed", beds=12, free=3, referrals=True,
                           description="Cots for adults. " * 20)
    service.capacity.append(CapacityUnit(unit_type="vouchers", total=4, available=1,
                                         updated_at=utcnow() - timedelta(days=30)))
    db.session.commit()
    text = login_as("viewer").get("/resources/?q=harbor").get_data(as_text=True)
    start = text.index(">Harbor beds</a>")
    result = " ".join(text[start:text.index("</li>", start)].split())
    assert ("Harbor House · Housing › Emergency shelter · "
            '<span class="tag">Temporarily closed</span> · accepts referrals') in result
    assert "Cots for adults. Cots" in result and "Cots for adults. " * 20 not in result  # cut short
    assert "Free now: <strong>3</strong> of 12 beds; <strong>unknown</strong> (4 vouchers, " \
        "not updated recently)" in result
    assert "Serves Alder County, Birch County" in result


def test_search_is_bookmarkable_and_partial_for_htmx(place, login_as):
    make_service(place["org"], "Night shelter", counties=[place["alder"]])
    client = login_as("viewer")
    full = client.get("/resources/?q=night").get_data(as_text=True)
    assert 'value="night"' in full and "1 service" in full
    fragment = client.get("/resources/?q=night", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and "Night shelter" in fragment
    # On paper the form is left out, so the results say what was asked (swapped in with them).
    asked = client.get(f"/resources/?q=night&county={place['alder'].id}&referrals=y",
                       headers={"HX-Request": "true"})
    assert text(asked, ".print-only") == "Search: “night”, Alder County, accepts referrals"
    assert text(client.get("/resources/"), "#results .print-only") == "Search: all services"
    for bad in ("page=x", "county=abc", "category=-1", "q=" + "x" * 500, "place=%25%25"):
        assert client.get("/resources/?" + bad).status_code == 200
    assert client.get("/resources/?category=%00").status_code == 400  # NUL: refused everywhere


def test_search_csv_export(place, login_as):
    make_service(place["org"], "=cmd shelter", counties=[place["alder"]], beds=4, free=1)
    rows = list(csv.reader(io.StringIO(login_as("viewer").get("/resources/search.csv").get_data(as_text=True))))
    assert rows[0][:2] == ["service", "organization"]
    assert rows[1][0] == "'=cmd shelter" and rows[1][4] == "Alder County" and rows[1][10] == "1/4 beds"


def test_search_pages_through_more_services_than_fit_on_one_page(place, login_as):
    for n in range(1, 24):  # 23 shelters: 20 on page 1, 3 on page 2
        make_service(place["org"], f"Shelter {n:02d}", counties=[place["alder"]])
    make_service(place["org"], "Food pantry", category="food.food_pantry", counties=[place["alder"]])
    client = login_as("viewer")
    first = client.get("/resources/?q=shelter").get_data(as_text=True)
    assert "23 services" in first and "Page 1 of 2" in first
    assert ">Shelter 20</a>" in first and ">Shelter 21</a>" not in first
    assert 'href="/resources/?q=shelter&amp;page=2" rel="next"' in first
    second = client.get("/resources/?q=shelter&page=2").get_data(as_text=True)
    assert "23 services" in second and "Page 2 of 2" in second  # the count is of all pages
    shown = [f"Shelter {n:02d}" for n in range(1, 24) if f">Shelter {n:02d}</a>" in second]
    assert shown == ["Shelter 21", "Shelter 22", "Shelter 23"]
    assert ">Food pantry</a>" not in second
    assert 'href="/resources/?q=shelter&amp;page=1" rel="prev"' in second and 'rel="next"' not in second
    # The same page as an htmx fragment (as-you-type and the pager links swap only the results).
    fragment = client.get("/resources/?q=shelter&page=2", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and "23 services" in fragment and ">Shelter 22</a>" in fragment
    assert ">Shelter 01</a>" not in fragment
    # Without words all 24 are counted; the CSV has every page.
    assert "24 services" in client.get("/resources/?page=2").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(client.get("/resources/search.csv?q=shelter").get_data(as_text=True))))
    assert len(rows) == 1 + 23


def test_availability_updates_are_audited_and_refused_ones_are_not(place, login_as):
    service = make_service(place["org"], "Night shelter", beds=20, free=4)
    unit = service.capacity[0]
    client = login_as("provider", organization=place["org"])
    refused = client.post(f"/resources/services/{service.id}/availability", data={f"unit_{unit.id}": "99"})
    assert refused.status_code == 422 and audit_rows("availability_updated") == []
    client.post(f"/resources/services/{service.id}/availability", data={f"unit_{unit.id}": "7"})
    (event,) = audit_rows("availability_updated")
    assert (event.object_type, event.object_id) == ("service", str(service.id))
    assert event.detail == "beds=7/20" and event.actor == client.user.email
    assert event.user_id == client.user.id


def result_names(client, query):
    """Service names on a search page, in the order shown."""
    text = client.get("/resources/?" + query).get_data(as_text=True)
    return re.findall(r'<h3><a href="/resources/services/\d+">([^<]+)</a></h3>', text)


def test_the_word_index_follows_services_as_they_are_added_changed_and_removed(place, login_as):
    from hh.resources import words

    client = login_as("coordinator")
    sqlite = db.engine.dialect.name == "sqlite"  # SQLite keeps the index; PostgreSQL reads columns
    assert words._has_index() is sqlite
    service = make_service(place["org"], "Harbor respite", description="Beds after a hospital stay")
    assert result_names(client, "q=HOSPITAL") == ["Harbor respite"]  # any case, inside the text
    assert result_names(client, "q=pital") == ["Harbor respite"]     # part of a word
    service.description = "Rooms while recovering"
    service.alternate_name = "Recuperative care"
    db.session.commit()
    assert result_names(client, "q=hospital") == []
    assert result_names(client, "q=recuperative") == ["Harbor respite"]
    assert result_names(client, "q=recovering rooms") == ["Harbor respite"]  # every word must match
    assert result_names(client, "q=rooms hospital") == []
    db.session.delete(service)
    db.session.commit()
    assert result_names(client, "q=recovering") == []
    if sqlite:
        assert db.session.execute(db.text(f"SELECT count(*) FROM {words.TABLE}")).scalar() == \
            db.session.scalar(select(db.func.count(Service.id)))


def test_the_word_index_follows_organization_and_category_names(place, login_as, factory):
    from hh.resources import words

    client = login_as("coordinator")
    sqlite = db.engine.dialect.name == "sqlite"
    clinic = factory.organization("Lakeside Clinic", sector="health_care")
    clinic.description = "Walk-in primary care"
    van = make_service(clinic, "Mobile van", category="health.primary_care")
    make_service(place["org"], "Day center", category="food.food_pantry")

    def organizations(query):
        text = client.get("/resources/?" + query).get_data(as_text=True)
        return re.findall(r'<a href="/directory/organizations/\d+">([^<]+)</a>', text)

    assert result_names(client, "q=lakeside") == ["Mobile van"]
    assert organizations("q=walk-in") == ["Lakeside Clinic"]  # its description
    clinic.name = "Riverside Health"
    clinic.description = "Appointments only"
    db.session.commit()
    assert result_names(client, "q=lakeside") == []
    assert result_names(client, "q=riverside") == ["Mobile van"]
    assert organizations("q=walk-in") == []
    assert organizations("q=appointments") == ["Riverside Health"]
    primary = term("health.primary_care")
    primary.name = "Everyday medicine"
    term("health").name = "Wellbeing"
    db.session.commit()
    assert result_names(client, "q=everyday") == ["Mobile van"]
    assert result_names(client, "q=wellbeing") == ["Mobile van"]  # the parent category's name
    assert result_names(client, "q=primary") == []
    van.category = term("food.food_pantry")
    van.organization = place["org"]
    db.session.commit()
    assert result_names(client, "q=riverside") == []
    assert result_names(client, "q=harbor") == ["Day center", "Mobile van"]
    assert result_names(client, "q=pantry") == ["Day center", "Mobile van"]
    other = factory.organization("Gone Tomorrow")
    make_service(other, "Short-lived")
    assert result_names(client, "q=tomorrow") == ["Short-lived"]
    db.session.delete(other)  # its services go with it
    db.session.commit()
    assert result_names(client, "q=tomorrow") == []
    assert organizations("q=tomorrow") == []
    if sqlite:
        for table, model in ((words.TABLE, Service), (words.ORGANIZATION_TABLE, Organization)):
            assert db.session.execute(db.text(f"SELECT count(*) FROM {table}")).scalar() == \
                db.session.scalar(select(db.func.count(model.id)))


def test_words_the_index_cannot_take_still_match(place, login_as, monkeypatch):
    from hh.resources import words

    make_service(place["org"], "ER follow-up", description='Call "the desk" 50% of the time')
    make_service(place["org"], "Night pantry", category="food.food_pantry", description="Food")
    client = login_as("viewer")
    for query in ("q=er", "q=%22the+desk%22", "q=50%25", 'q="', "q=follow-up", "q=_",
                  "q=er+desk", "q=night+food+pantry", "q=harbor+pantry"):
        with_index = result_names(client, query)
        monkeypatch.setattr(words, "_has_index", lambda: False)  # the LIKE that PostgreSQL uses
        assert result_names(client, query) == with_index, query
        monkeypatch.undo()
    assert result_names(client, "q=er") == ["ER follow-up"]  # two letters: read with LIKE
    assert result_names(client, "q=%22the+desk%22") == ["ER follow-up"]  # quotes are text
    assert result_names(client, "q=50%25") == ["ER follow-up"]
    assert result_names(client, "q=_") == []  # LIKE's wildcards are text too
    assert result_names(client, "q=er+desk") == ["ER follow-up"]  # a short word and a long one
    assert result_names(client, "q=harbor+pantry") == ["Night pantry"]  # organization, category


def test_search_orders_by_name_whether_few_or_many_services_match(place, login_as):
    # Many matches: the page is read from the name index; few: the few are sorted.
    names = [f"{'abcdefghijklmnopqrstuvwxyz'[n % 26]}{'Shelter' if n % 2 else 'shelter'} {n:02d}"
             for n in range(90)]
    for name in names:
        make_service(place["org"], name, counties=[place["alder"]])
    make_service(place["org"], "Zeta clinic", category="health.primary_care",
                 description="Shelter referrals", counties=[place["birch"]])
    client = login_as("viewer")
    expected = sorted(names, key=str.lower)
    # Services named with the words come first; the clinic only describes shelter referrals.
    assert result_names(client, "q=shelter") == expected[:20]
    assert result_names(client, "q=shelter&page=5") == expected[80:] + ["Zeta clinic"]
    assert result_names(client, f"county={place['birch'].id}") == ["Zeta clinic"]
    assert result_names(client, f"q=shelter&county={place['alder'].id}&page=2") == expected[20:40]
    sevens = sorted((n for n in names if "7" in n.split()[1]), key=str.lower)  # 18: few
    assert len(sevens) == 18
    assert result_names(client, "q=shelter+7") == sevens[:20]
    assert result_names(client, "q=7&page=1") == sevens
