"""The By-Name List read a page at a time in its order (the pages follow the list's indexes):
every household once across the pages, most critical first, ties to the longest on the list; the
count of matches right with the region, veteran and chronic filters; the agenda proposed in the
group's order."""
from __future__ import annotations

from datetime import timedelta

from support import soup, text, texts

from hh.conferences import meetings
from hh.conferences.models import Household
from hh.extensions import db


def _many(bnl, n: int, region, **kw) -> list[Household]:
    """n households of a region: scores 0-9 repeating, each added a day before the last."""
    made = [Household(hmis_id=f"P-{region.id}-{i}", first_name=f"Person{i:03d}",
                      last_name=f"R{region.id}", county=region.counties[0], region=region,
                      consent=True, priority_score=i % 10,
                      added_on=bnl.today - timedelta(days=i + 1), **kw)
            for i in range(n)]
    db.session.add_all(made)
    db.session.commit()
    return made


def _listed(client, query: str) -> tuple[str, list[str]]:
    """The caption and the names in the list's order, across every page."""
    names, page = [], 1
    while True:
        response = client.get(f"/conferences/?{query}&page={page}")
        names += [a.get_text() for a in soup(response).select("table.bnl tbody td:first-child a")]
        caption = text(response, "table.bnl caption")
        if "Next" not in texts(response, ".pager a"):
            return caption, names
        page += 1


def test_every_household_once_across_pages_in_the_lists_order(bnl, login_as):
    made = _many(bnl, 70, bnl.south, veteran=True)
    made += _many(bnl, 12, bnl.north, chronic=True)
    client = login_as("coordinator")
    caption, names = _listed(client, f"region={bnl.south.id}&veteran=y")
    expected = sorted((h for h in made if h.region_id == bnl.south.id),
                      key=lambda h: (-h.priority_score, h.added_on, h.id))
    assert caption == "70 households"
    assert names == [f"{h.first_name} {h.last_name}" for h in expected]

    caption, names = _listed(client, "chronic=y")
    assert caption == "12 households" and len(set(names)) == 12
    assert names[0] == f"Person009 R{bnl.north.id}"  # score 9, the only one of the twelve
    caption, _ = _listed(client, "")
    assert caption == f"{70 + 12 + 5} households"  # with the fixture's five active ones



def test_a_page_shows_25_households_unless_the_reader_picks_50_or_100(bnl, login_as):
    made = _many(bnl, 120, bnl.south, veteran=True)
    client = login_as("coordinator")
    first = client.get("/conferences/")
    rows = soup(first).select("table.bnl tbody td:first-child a")
    assert len(rows) == 25 and text(first, ".pager span") == "Page 1 of 5"  # 125 with the fixture's
    size = soup(first).select_one("form.filters select[name=per_page]")
    assert [o.get_text() for o in size.select("option")] == ["25", "50", "100"]
    assert size.select_one("option[selected]").get_text() == "25"
    assert soup(first).select_one("label[for=per_page]").get_text() == "Rows per page"

    page = client.get(f"/conferences/?region={bnl.south.id}&veteran=y&per_page=50&page=2")
    names = [a.get_text() for a in soup(page).select("table.bnl tbody td:first-child a")]
    ordered = sorted(made, key=lambda h: (-h.priority_score, h.added_on, h.id))
    assert names == [f"{h.first_name} {h.last_name}" for h in ordered[50:100]]
    # The pages around it keep the size and the filters.
    links = {a.get_text(): a["href"] for a in soup(page).select(".pager a")}
    assert "per_page=50" in links["Previous"] and "per_page=50" in links["Next"]
    assert f"region={bnl.south.id}" in links["Next"]
    assert soup(page).select_one("select[name=per_page] option[selected]").get_text() == "50"

    assert len(soup(client.get("/conferences/?per_page=100")).select("table.bnl tbody tr")) == 100
    # A size the list does not offer (a hand-edited address) shows the first page size.
    odd = client.get("/conferences/?per_page=100000")
    assert odd.status_code == 200 and len(soup(odd).select("table.bnl tbody tr")) == 25
    assert soup(odd).select_one("select[name=per_page] option[selected]").get_text() == "25"


def test_the_count_follows_every_change_to_the_list_and_each_readers_region(bnl, login_as):
    coordinator = login_as("coordinator")
    provider = login_as("provider", region=bnl.north)
    assert _listed(coordinator, "")[0] == "5 households"  # the fixture's five active ones
    north = _listed(provider, "")[0]
    _many(bnl, 3, bnl.north)
    assert _listed(coordinator, "")[0] == "8 households"  # counted again at once
    assert _listed(provider, "")[0] == f"{int(north.split()[0]) + 3} households"
    db.session.get(Household, bnl.consented.id).status = "inactive"
    db.session.commit()
    assert _listed(coordinator, "")[0] == "7 households"
    assert _listed(coordinator, "status=inactive")[0] == "1 household"


def test_a_due_move_in_leaves_the_active_list_when_the_list_is_opened(bnl, login_as):
    household = db.session.get(Household, bnl.consented.id)
    household.move_in_on = bnl.today - timedelta(days=1)  # scheduled, and the day has come
    db.session.commit()
    html = login_as("coordinator").get("/conferences/").get_data(as_text=True)
    assert "Zed Quill" not in html
    assert db.session.get(Household, bnl.consented.id).status == "housed"


def test_agenda_follows_the_groups_priority_then_score_then_time_on_the_list(bnl):
    made = _many(bnl, 30, bnl.south)
    made[0].priority_override = 99  # the group ranks the lowest score first
    made[1].paused_on, made[1].revisit_on = bnl.today, bnl.today + timedelta(days=5)
    db.session.commit()
    proposed = meetings.propose_agenda(bnl.south.id, size=5)
    southern = db.session.get(Household, bnl.southern.id)  # the fixture's: score 25
    expected = sorted([southern, *made[2:]], key=lambda h: (-h.priority_score, h.added_on))
    assert proposed == [made[0], *expected[:4]]
    assert made[1] not in meetings.propose_agenda(bnl.south.id, size=40)  # paused


def test_movement_names_the_first_households_of_each_group_and_counts_the_others(bnl, login_as):
    """A region's first conference looks back over its whole list: each group is counted in full
    and names its first ten households in the order they moved, not thousands of names."""
    from datetime import datetime

    from hh.conferences import history, movement
    from hh.conferences.models import CaseConference

    made = _many(bnl, 30, bnl.south)
    for household in made:
        history.record(household, "identified", household.added_on)
    history.record(made[0], "housed", bnl.today - timedelta(days=1))
    conference = CaseConference(region=bnl.south, held_at=datetime.combine(bnl.today, datetime.min.time()))
    db.session.add(conference)
    db.session.commit()
    earlier = sorted(made, key=lambda h: h.added_on)  # identified the day each was added
    listed = text(login_as("coordinator").get(f"/conferences/meetings/{conference.id}"),
                  "#movement-counts")
    named = ", ".join(f"{h.first_name} {h.last_name}" for h in earlier[:movement.NAMED])
    assert f"Newly identified: 30 — {named} and {30 - movement.NAMED} more" in listed
    assert f"Housed: 1 — {made[0].first_name} {made[0].last_name}" in listed
    assert "Returned to the list: 0" in listed and "more" not in listed.split("Housed")[1]


def test_movement_and_the_add_page_name_households_as_the_reader_may_see_them(bnl, login_as):
    """Read as plain values, not records: the release's expiry still masks a name from a
    provider, and the survivor's stays with the entering agency."""
    from datetime import datetime

    from hh.conferences import history
    from hh.conferences.models import CaseConference

    for household in (bnl.consented, bnl.expired, bnl.survivor):
        history.record(household, "identified", bnl.today - timedelta(days=2))
    conference = CaseConference(region=bnl.north, held_at=datetime.combine(bnl.today, datetime.min.time()))
    db.session.add(conference)
    db.session.commit()
    path = f"/conferences/meetings/{conference.id}"
    listed = text(login_as("provider", region=bnl.north).get(path), "#movement-counts")
    assert "Zed Quill" in listed
    assert f"Household #{bnl.expired.id}" in listed and "Xavi" not in listed
    assert f"Household #{bnl.survivor.id}" in listed and "Wren" not in listed
    offered = texts(login_as("coordinator").get(path + "/agenda"), "tbody tr")
    assert any(row.startswith("Zed Quill 19 ") for row in offered)
    assert any(row.startswith(f"Household #{bnl.survivor.id} 16 ") for row in offered)
