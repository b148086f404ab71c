"""The gap map: counting services, capacity and open needs per county and category on known
data, the gaps it marks, region and sub-category views, the CSV and a cell's drill-down."""
import csv
import io

from need_records import make_need
from service_records import make_service, term
from support import texts

from hh.needs.gaps import gap_map

# --- The gap map: counting --------------------------------------------------------------------


def test_gap_cells_count_services_capacity_and_open_needs(place):
    alder, birch, org = place["alder"], place["birch"], place["org"]
    housing, health = term("housing"), term("health")
    # Countywide in Alder and Birch (service areas), 3 of 10 beds free, updated today.
    make_service(org, "Night shelter", counties=(alder, birch), beds=10, free=3)
    # Only a location in Alder, no service area: still serves Alder; 2 of 4 free.
    make_service(org, "Family rooms", "housing.transitional_housing", city="Town", city_county=alder, beds=4, free=2)
    # Area and location in the same county count once.
    make_service(org, "Outreach", "housing.street_outreach", counties=(alder,), city="Town", city_county=alder)
    make_service(org, "Closed shelter", counties=(alder,), status="inactive", beds=5, free=5)
    make_service(org, "Clinic", "health.primary_care", counties=(birch,))
    make_need("Beds for families", alder, households=6)
    make_need("More shelter", alder, category="housing", households=4, status="in_progress")
    make_need("Already met", alder, households=50, status="met")

    gaps = gap_map()
    assert [c.name for c in gaps.counties] == ["Alder County", "Birch County", "Dunmore County"]
    assert [c.code for c in gaps.columns][:3] == ["housing", "health", "benefits"]
    cell = gaps.cell(alder.id, housing.id)
    assert (cell.services, cell.free, cell.stale_units) == (3, 5, 0)
    assert (cell.needs, cell.households) == (2, 10)  # the met need does not count
    assert cell.gap == ""
    birch_housing = gaps.cell(birch.id, housing.id)
    assert (birch_housing.services, birch_housing.free, birch_housing.needs) == (1, 3, 0)
    assert gaps.cell(birch.id, health.id).services == 1
    assert gaps.cell(alder.id, health.id).services == 0


def test_a_countywide_service_counts_for_its_county_only(place):
    make_service(place["org"], "Dunmore shelter", counties=(place["dunmore"],))
    gaps = gap_map()
    housing = term("housing")
    assert gaps.cell(place["dunmore"].id, housing.id).services == 1
    assert gaps.cell(place["alder"].id, housing.id).services == 0


def test_stale_availability_is_unknown_not_a_number(place, app):
    alder, housing = place["alder"], term("housing")
    stale_days = app.config["AVAILABILITY_STALE_DAYS"] + 3
    make_service(place["org"], "Old numbers", counties=(alder,), beds=20, free=20, age_days=stale_days)
    make_need("Shelter", alder, households=2)
    cell = gap_map().cell(alder.id, housing.id)
    assert (cell.free, cell.fresh_units, cell.stale_units) == (0, 0, 1)
    assert not cell.capacity_known and cell.gap == "unknown"
    make_service(place["org"], "Fresh numbers", counties=(alder,), beds=5, free=1)
    cell = gap_map().cell(alder.id, housing.id)
    assert (cell.free, cell.stale_units) == (1, 1)  # only the fresh 1, never the stale 20
    assert cell.gap == ""


def test_gaps_are_marked_no_service_and_no_free_capacity(place, login_as):
    alder, birch = place["alder"], place["birch"]
    make_service(place["org"], "Full shelter", counties=(birch,), beds=8, free=0)
    make_need("Food in Alder", alder, category="food.food_pantry", households=30)
    make_need("Beds in Birch", birch, households=5)
    make_need("Covered", birch, category="health.primary_care")  # no service there either
    gaps = gap_map()
    assert gaps.cell(alder.id, term("food").id).gap == "no_service"
    assert gaps.cell(birch.id, term("housing").id).gap == "no_capacity"
    assert gaps.gap_count == 3

    page = login_as("viewer").get("/needs/gaps").get_data(as_text=True)
    assert "3 gaps</strong>" in page
    # Marked in words in the table, not by colour alone; the key explains them.
    alder_row, birch_row, _ = texts(page, "table.gap-table tbody tr")
    assert alder_row.startswith("Alder County (Upper) 1 Food : no service")
    assert "1 need, 30 households" in alder_row
    assert birch_row.startswith("Birch County (Upper) 2 Housing : no free capacity")
    assert "How to read the map" in page


def test_a_region_wide_need_counts_in_each_county_of_its_region(place):
    make_need("Respite in the Upper region", region=place["upper"],
              category="health.medical_respite", households=7)
    gaps, health = gap_map(), term("health")
    for county in ("alder", "birch"):
        cell = gaps.cell(place[county].id, health.id)
        assert (cell.needs, cell.households, cell.gap) == (1, 7, "no_service")
    assert gaps.cell(place["dunmore"].id, health.id).needs == 0


def test_region_filter_and_sub_category_columns(place, login_as):
    make_service(place["org"], "Respite beds", "health.medical_respite", counties=(place["alder"],),
                 beds=4, free=0)
    make_need("Respite", place["alder"], category="health.medical_respite", households=3)
    client = login_as("viewer")
    south = client.get(f"/needs/gaps?region={place['south'].id}").get_data(as_text=True)
    assert "Dunmore County" in south and "Alder County" not in south
    health = client.get(f"/needs/gaps?category={term('health').id}").get_data(as_text=True)
    assert "Medical respite / recuperative care : no free capacity" in texts(health, "table.gap-table tbody tr")[0]
    county = client.get(f"/needs/gaps/county/{place['alder'].id}?category={term('health').id}")
    page = county.get_data(as_text=True)
    assert "Medical respite / recuperative care</a></th>" in page and "Health care (general)" in page
    assert "no free capacity</strong>" in page
    sub = gap_map(parent=term("health"))
    assert sub.cell(place["alder"].id, term("health.medical_respite").id).gap == "no_capacity"
    # Unknown or hostile filter values do not break the page.
    for query in ("region=999", "region=abc", "category=x", "category=99999", "region=-1",
                  "region=99999999999999999999", "category=1e5"):
        assert client.get(f"/needs/gaps?{query}").status_code == 200


def test_gap_map_csv_has_one_row_per_county_and_category(place, login_as):
    make_service(place["org"], "Shelter", counties=(place["alder"],), beds=10, free=4)
    make_need("=HYPERLINK(\"x\")", place["alder"], households=2)
    response = login_as("viewer").get(f"/needs/gaps.csv?region={place['upper'].id}")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:4] == ["county", "region", "category", "active_services"]
    assert len(rows) == 1 + 2 * len(gap_map().columns)
    alder_housing = next(r for r in rows if r[0] == "Alder County" and r[2] == "Housing")
    assert alder_housing == ["Alder County", "Upper", "Housing", "1", "4", "0", "1", "2", ""]
    birch_food = next(r for r in rows if r[0] == "Birch County" and r[2] == "Food")
    assert birch_food[3:] == ["0", "", "0", "0", "0", ""]


def test_a_cell_opens_the_services_and_needs_behind_it(place, login_as):
    alder, org = place["alder"], place["org"]
    make_service(org, "Night shelter", counties=(alder,), beds=10, free=3)
    make_service(org, "Respite", "health.medical_respite", counties=(alder,))
    make_need("Beds for families", alder, households=6)
    make_need("Region beds", region=place["upper"], households=2)
    make_need("Done", alder, status="met")
    page = login_as("viewer").get(
        f"/needs/gaps/cell?county={alder.id}&category={term('housing').id}").get_data(as_text=True)
    assert "<h1>Housing in Alder County</h1>" in page
    assert "1 active service" in page and "Night shelter" in page and "Respite" not in page
    assert "<strong>3</strong> of 10 beds" in page
    assert "2 open needs" in page and "Beds for families" in page and "Region beds" in page
    assert "Done" not in page
    assert f"/resources/?county={alder.id}&amp;category={term('housing').id}" in page
    client = login_as("viewer")
    assert client.get("/needs/gaps/cell?county=999&category=1").status_code == 404
    assert client.get("/needs/gaps/cell?county=abc").status_code == 404
    assert client.get(f"/needs/gaps/cell?county=99999999999999&category={term('housing').id}").status_code == 404


def test_a_cells_general_column_lists_only_services_filed_under_the_category_itself(place,
                                                                                   login_as):
    """The "filed broadly" column of a category's map: services filed under Housing itself, not
    those of its sub-categories; a first-level cell lists both, in name order."""
    alder, org = place["alder"], place["org"]
    make_service(org, "Zed housing help", "housing", counties=(alder,))
    make_service(org, "Night shelter", counties=(alder,))
    make_service(org, "Alder rooms", "housing", counties=(alder,))
    client = login_as("viewer")
    housing = term("housing").id
    general = client.get(f"/needs/gaps/cell?county={alder.id}&category={housing}&exact=1")
    assert texts(general.get_data(as_text=True), ".results h3")[:2] == ["Alder rooms",
                                                                        "Zed housing help"]
    assert "Night shelter" not in general.get_data(as_text=True)
    whole = client.get(f"/needs/gaps/cell?county={alder.id}&category={housing}")
    assert texts(whole.get_data(as_text=True), ".results h3")[:3] == [
        "Alder rooms", "Night shelter", "Zed housing help"]
