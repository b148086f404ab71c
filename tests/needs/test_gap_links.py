"""The gap map's links are built once per kind of address (GapLinks): each one is the address
url_for gives, under a script root too, for the map of every category and of one category's
sub-categories (whose own column, "general", counts only needs filed broadly)."""
from flask import url_for

from hh.needs.gap_links import GapLinks
from hh.needs.gaps import gap_map, top_categories


def _check(gaps):
    links = GapLinks(gaps.columns, gaps.parent)
    category = gaps.parent.id if gaps.parent else None
    for county in gaps.counties:
        assert links.county(county.id) == url_for("needs.gap_county", county_id=county.id,
                                                  category=category)
        for column in gaps.columns:
            general = gaps.parent is not None and column.id == gaps.parent.id
            assert links.cell(county.id, column) == url_for(
                "needs.gap_cell", county=county.id, category=column.id,
                exact=1 if general else None)
            assert links.name(column) == column.name + (" (general)" if general else "")


def test_gap_links_are_url_fors_for_every_county_and_column(app, demo):
    with app.test_request_context("/", base_url="https://intranet.example/coc"):
        every = gap_map()
        _check(every)
        first = GapLinks(every.columns, every.parent).cell(every.counties[0].id, every.columns[0])
        assert first.startswith("/coc/needs/gaps/cell?county=")
        family = gap_map(parent=top_categories()[0])
        assert any(column.id == family.parent.id for column in family.columns)
        _check(family)


def test_the_gap_tables_name_each_kind_of_gap_in_words():
    assert GapLinks.words("no_service") == "no service"
    assert GapLinks.words("no_capacity") == "no free capacity"
    assert GapLinks.words("unknown") == "capacity unknown"
