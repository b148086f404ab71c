"""The gap map drawn as a map: the demo CoC's counties from their Census boundaries, each a link
named with its gaps, shaded by class, counties without a boundary listed, the drawing kept small."""
import re

import pytest
from sqlalchemy import select
from support import soup, text, texts

from hh import geo
from hh.directory.models import County
from hh.extensions import db
from hh.needs.gaps import gap_map
from hh.needs.map_view import SHADES, map_view, shade_for
from hh.resources.models import TaxonomyTerm


@pytest.fixture
def counties(demo):
    """The demo CoC's counties by name."""
    return {c.name: c for c in db.session.scalars(select(County))}


def test_every_demo_county_is_drawn_as_a_named_link_to_its_figures(counties, login_as):
    page = login_as("viewer").get("/needs/gaps")
    svg = soup(page).select_one("svg.gap-svg")
    drawn = svg.select("a.gap-county")
    assert len(drawn) == len(counties) == 6
    by_short_name = {geo.short_name(name): county for name, county in counties.items()}
    gaps = gap_map()
    for link in drawn:
        name = link["aria-label"]
        county = by_short_name[name.split(":")[0]]
        assert link["href"] == f"/needs/gaps/county/{county.id}"
        assert link.select_one("path")["d"].startswith("M")
        count = sum(1 for column in gaps.columns
                    if gaps.cell(county.id, column.id).gap in ("no_service", "no_capacity"))
        assert name.startswith(f"{geo.short_name(county.name)}: {count} gap{'s' if count != 1 else ''}"
                               " across all categories")
        assert link.select_one("text.gap-count").get_text() == str(count)  # not colour alone
        # What the county shows, in order, is in its name (voice control: say what you see).
        shown = " ".join(t.get_text() for t in link.select("text"))
        assert shown in name.replace(":", ""), (shown, name)
        assert f"gap-shade-{shade_for(count).css}" in link["class"]
    assert "Not on the map" not in text(page)
    assert text(page, "svg.gap-svg title").startswith("Map of the counties")


def test_the_drawing_stays_small(demo, login_as):
    page = login_as("viewer").get("/needs/gaps").get_data(as_text=True)
    svg = re.search(r"<svg class=\"gap-svg\".*?</svg>", page, re.DOTALL).group(0)
    # six counties, their neighbours in view and the state's outline: a few KB per county at most
    assert len(svg.encode()) < 16_000
    drawn = [link.select_one("path")["d"] for link in soup(svg).select("a.gap-county")]
    assert len(drawn) == 6 and all(len(d) < 1_500 for d in drawn)


def test_shading_classes_follow_the_gap_counts(demo):
    assert [shade_for(n).label for n in (0, 1, 2, 3, 7)] == [
        "No gaps", "1 gap", "2 gaps", "3 or more gaps", "3 or more gaps"]
    view = map_view(gap_map())
    for area in view.areas:
        assert area.shade == shade_for(area.gap_count)
    assert sum(view.count_in(s) for s in SHADES) == len(view.areas)
    assert any(a.gap_count for a in view.areas)  # the demo has gaps to see


def test_a_category_shades_by_its_sub_categories(counties, login_as):
    health = db.session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.code == "health"))
    page = login_as("viewer").get(f"/needs/gaps?category={health.id}")
    names = [a["aria-label"] for a in soup(page).select("svg a.gap-county")]
    assert all(" in health care" in n for n in names)
    cedar = counties["Cedar County"]
    assert f"/needs/gaps/county/{cedar.id}?category={health.id}" in page.get_data(as_text=True)


def test_a_county_without_a_boundary_is_listed_not_dropped(demo, login_as):
    db.session.add(County(name="Nowhere County", state="NF", fips="99999"))
    db.session.add(County(name="Adams County", state="NE"))  # found by its name and state
    db.session.commit()
    page = login_as("viewer").get("/needs/gaps")
    assert "Not on the map" in text(page)
    assert texts(page, ".gap-missing li") == ["Nowhere County: no gaps across all categories"]
    drawn = [a["aria-label"].split(":")[0] for a in soup(page).select("svg a.gap-county")]
    assert "Adams" in drawn and "Nowhere" not in drawn
    assert "Nowhere County" in text(page, "table.gap-table")


def test_the_table_reads_as_plain_text_with_real_links(demo, login_as):
    page = login_as("viewer").get("/needs/gaps")
    rows = texts(page, "table.gap-table tbody tr")
    fremont = next(r for r in rows if r.startswith("Fremont County"))
    assert "Food : no service" in fremont
    table = soup(page).select_one("table.gap-table")
    assert [th.get_text() for th in table.select("thead th")] == ["County", "Gaps", "Where", "Open needs"]
    assert all(a.get_text(strip=True) for a in table.select("a"))


def test_a_county_page_shows_its_figures_by_category(counties, login_as):
    fremont = counties["Fremont County"]
    page = login_as("viewer").get(f"/needs/gaps/county/{fremont.id}")
    assert page.status_code == 200
    assert text(page, "h1") == "Gaps in Fremont County"
    food = next(r for r in texts(page, "table.gap-table tbody tr") if r.startswith("Food"))
    assert "no service" in food
    assert login_as("viewer").get("/needs/gaps/county/99999").status_code == 404


def test_shapes_are_found_by_fips_or_by_name_and_state():
    assert geo.find_fips("31001") == "31001"
    assert geo.find_fips(None, "Adams County", "ne") == "31001"
    assert geo.find_fips("", "Orleans Parish", "LA") == "22071"
    assert geo.find_fips("99999") is None and geo.find_fips(None, "Alder County", "NF") is None
    drawing = geo.draw_counties(("31001", "31003"))
    assert set(drawing.shapes) == {"31001", "31003"}
    assert drawing.width <= geo.WIDTH and drawing.height <= geo.MAX_HEIGHT
    for shape in drawing.shapes.values():
        assert 0 <= shape.x <= drawing.width and 0 <= shape.y <= drawing.height


def test_simplification_keeps_corners_and_drops_points_on_a_line():
    line = [(0, 0), (1, 0.1), (2, 0), (3, 0), (3, 3), (0, 3), (0, 0)]
    assert geo.simplify(line, 0.5) == [(0, 0), (3, 0), (3, 3), (0, 3), (0, 0)]


def test_each_countys_row_is_summed_up_from_its_cells_when_counted(demo):
    gaps = gap_map()
    assert gaps.rows  # summed up once, with the counting (the map is drawn far more often)
    for county in gaps.counties:
        cells = [(column, gaps.cell(county.id, column.id)) for column in gaps.columns]
        row = gaps.row(county.id)
        assert row.gaps == [(column, c.gap) for column, c in cells
                            if c.gap in ("no_service", "no_capacity")]
        assert row.checks == [column for column, c in cells if c.gap == "unknown"]
        assert (row.needs, row.households) == (sum(c.needs for _, c in cells),
                                               sum(c.households for _, c in cells))
        assert county.shape_key == geo.find_fips(county.fips, county.name, county.state)
