"""The needs list reads its rows from the need table alone and names their place and category
from the cache: what each row shows, that a rename shows at once, and that a page costs the same
few statements however many rows it has."""
import pytest
from sqlalchemy import select
from support import soup, statements_of, texts

from hh.directory.models import County, Region
from hh.extensions import db
from hh.needs.models import Need
from hh.resources.models import TaxonomyTerm
from hh.resources.taxonomy import ensure_taxonomy


def term(code):
    return db.session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.code == code))


@pytest.fixture
def needs(app):
    """In Alder County (Upper region): a shelter need; Upper-wide: a broad health need; and one
    with neither place nor category."""
    ensure_taxonomy()
    upper = Region(name="Upper")
    alder = County(name="Alder County", state="NF", region=upper)
    db.session.add_all([
        Need(title="Beds", county=alder, category=term("housing.emergency_shelter"),
             households_affected=3, source="data"),
        Need(title="Clinic", region=upper, category=term("health"), status="in_progress"),
        Need(title="Unplaced", households_affected=0)])
    db.session.commit()
    return {"upper": upper, "alder": alder}


def row_cells(page):
    """Each row of the needs table as the words of its cells."""
    return [[" ".join(td.get_text(" ").split()) for td in tr.select("td")]
            for tr in soup(page).select(".needs-table tbody tr")]


def by_title(page):
    return {cells[0]: cells[1:6] for cells in row_cells(page)}


def test_each_row_names_its_place_and_category(needs, login_as):
    page = login_as("viewer").get("/needs/")
    shown = by_title(page)
    assert shown["Beds"] == ["Alder County", "Housing › Emergency shelter", "3",
                             "Data report", shown["Beds"][4]]
    assert shown["Clinic"][:3] == ["Upper region (region-wide)", "Health care", "unknown"]
    assert shown["Unplaced"][:3] == ["—", "—", "0"]
    assert [cells[-1] for cells in row_cells(page)] == ["Open", "In progress", "Open"]


def test_a_renamed_county_region_or_category_shows_at_once(needs, login_as):
    client = login_as("viewer")
    client.get("/needs/")  # names now cached
    needs["alder"].name = "Alder Valley County"
    needs["upper"].name = "Uplands"
    term("housing").name = "Shelter and housing"
    db.session.commit()
    page = client.get("/needs/")
    shown = by_title(page)
    assert shown["Beds"][:2] == ["Alder Valley County", "Shelter and housing › Emergency shelter"]
    assert shown["Clinic"][0] == "Uplands region (region-wide)"
    assert "Alder Valley County" in texts(page, "#place option")


def test_a_page_costs_the_same_statements_for_three_rows_or_thirty(needs, login_as, app):
    client = login_as("coordinator")

    def statements(path):
        client.get(path)  # the caches filled
        response, seen = statements_of(lambda: client.get(path))
        assert response.status_code == 200
        return seen

    app.config["PAGE_SIZE"] = 2  # full pages: each is counted too
    few = statements("/needs/")
    db.session.add_all([Need(title=f"Need {n}", county=needs["alder"], category=term("food"))
                        for n in range(27)])
    db.session.commit()
    app.config["PAGE_SIZE"] = 29
    many = statements("/needs/")
    assert len(many) == len(few)
    assert not [s for s in many if "FROM county" in s or "FROM taxonomy_term" in s]


def test_status_buttons_show_on_the_rows_the_reader_may_edit(needs, login_as, factory):
    provider = login_as("provider", organization=factory.organization())
    mine = Need(title="Mine", county=needs["alder"], created_by_id=provider.user.id)
    db.session.add(mine)
    db.session.commit()

    def with_buttons(client):
        return {cells[0] for cells in row_cells(client.get("/needs/")) if "Mark met" in cells[-1]}

    assert with_buttons(provider) == {"Mine"}
    assert with_buttons(login_as("coordinator")) == {"Mine", "Beds", "Clinic", "Unplaced"}
    assert with_buttons(login_as("viewer")) == set()
