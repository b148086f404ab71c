"""The item tables' rows, read as plain values (item_rows.py) and drawn by one macro with what the
page's rows share worked out once (ItemTable): each row says what its item's record says, and a
row swapped alone (htmx) is the row its table shows."""
from __future__ import annotations

import re
from datetime import timedelta

from support import links, soup, text, texts

from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan
from hh.timeutil import local_today

HTMX = {"HX-Request": "true"}


def _items(factory) -> tuple[ActionPlan, dict[str, ActionItem]]:
    today = local_today()
    owner = factory.user("provider", name="Dana Ortiz")
    unnamed = factory.user("provider", email="no.name@example.org")
    unnamed.name = ""  # shown by email, as User.display_name does
    org = factory.organization("Harbor House")
    plan = ActionPlan(title="Winter shelter plan", status="active")
    items = {
        "both": ActionItem(plan=plan, description="Call the landlord", owner=owner,
                           organization=org, due_on=today - timedelta(days=2)),
        "blocked": ActionItem(plan=plan, description="Book the respite bed", organization=org,
                              status="blocked", blocked_reason="Waiting for the MOU",
                              due_on=today + timedelta(days=3)),
        "unnamed": ActionItem(plan=plan, description="Collect documents", owner=unnamed,
                              status="in_progress", due_on=today + timedelta(days=9)),
        "nobody": ActionItem(plan=plan, description="Find an owner", due_on=None),
    }
    db.session.add_all([plan, *items.values()])
    db.session.commit()
    return plan, items


def _cells(page, item: ActionItem) -> list[str]:
    return texts(page, f"#item-{item.id} td")


def test_each_row_shows_its_items_plan_owner_due_date_and_status(login_as, factory):
    plan, items = _items(factory)
    page = login_as("coordinator").get("/plans/items?status=all")
    both = _cells(page, items["both"])
    assert both[:4] == ["Call the landlord", "Winter shelter plan", "Dana Ortiz Harbor House",
                        f"{items['both'].due_on.isoformat()} Overdue"]
    assert "overdue" in soup(page).select_one(f"#item-{items['both'].id}")["class"]
    blocked = _cells(page, items["blocked"])
    assert blocked[0] == "Book the respite bed Blocked: Waiting for the MOU"
    assert blocked[2] == "Harbor House"
    assert _cells(page, items["unnamed"])[2] == "no.name@example.org"
    assert _cells(page, items["nobody"])[2:4] == ["—", "—"]
    for item in items.values():  # the options are drawn once per status, each row its own
        chosen = soup(page).select(f"#i{item.id}-status option[selected]")
        assert [option.get_text() for option in chosen] == [item.status_label]


def _row_html(page, item_id: int) -> str:
    html = str(soup(page).select_one(f"#item-{item_id}"))
    return re.sub(r'(csrf_token" type="hidden" value=")[^"]*', r"\1", html)


def test_a_row_swapped_alone_is_the_row_its_table_shows(login_as, factory):
    plan, items = _items(factory)
    client = login_as("coordinator")
    table = client.get(f"/plans/{plan.id}")
    for item in items.values():
        alone = client.get(f"/plans/items/{item.id}", headers=HTMX)
        assert alone.status_code == 200
        assert _row_html(alone, item.id) == _row_html(table, item.id)


def test_a_provider_sees_status_fields_only_on_their_organizations_rows(login_as, factory):
    plan, items = _items(factory)
    harbor = items["both"].organization
    client = login_as("provider", organization=harbor)
    page = client.get(f"/plans/{plan.id}")
    assert soup(page).select(f"#i{items['blocked'].id}-status")
    assert not soup(page).select(f"#i{items['unnamed'].id}-status")
    assert _cells(page, items["unnamed"])[4] == "In progress"
    alone = client.get(f"/plans/items/{items['unnamed'].id}", headers=HTMX)
    assert "Edit" not in text(alone, "tr")


def test_the_plan_filter_lists_active_plans_first_each_status_by_title(login_as):
    for title, status in (("Zinc", "active"), ("apple", "completed"), ("Birch", "draft"),
                          ("aspen", "active"), ("Cedar", "paused")):
        db.session.add(ActionPlan(title=title, status=status))
    db.session.commit()
    page = login_as("coordinator").get("/plans/items")
    assert texts(page, "select#plan option") == ["any plan", "aspen", "Zinc", "Birch", "Cedar",
                                                 "apple"]


def test_a_person_in_no_organization_has_only_the_items_they_own(login_as, factory):
    plan = ActionPlan(title="Outreach plan", status="active")
    client = login_as("provider")  # no organization
    assert client.user.organization_id is None
    due = local_today() + timedelta(days=5)
    db.session.add_all([
        plan,
        ActionItem(plan=plan, description="Mine", owner_id=client.user.id, due_on=due),
        ActionItem(plan=plan, description="Nobody's", due_on=due),
        ActionItem(plan=plan, description="An agency's", organization=factory.organization(),
                   due_on=due)])
    db.session.commit()
    assert texts(client.get("/plans/my-items"), "table.items td[data-label=Item]") == ["Mine"]
    home = client.get("/")
    assert "1 open" in text(home, ".home-plans") and "Nobody's" not in text(home)


def test_the_plan_pages_done_items_and_updates_link_to_their_items(login_as, factory):
    plan, items = _items(factory)
    done = ActionItem(plan=plan, description="Signed the MOU", status="done")
    db.session.add(done)
    db.session.commit()
    client = login_as("coordinator")
    client.post(f"/plans/items/{items['both'].id}/updates", data={"body": "Left a message"})
    page = client.get(f"/plans/{plan.id}")
    closed = "section[aria-labelledby=items-heading] details li a"
    assert links(page, closed) == {"Signed the MOU": f"/plans/items/{done.id}"}
    assert links(page, ".update a") == {"Call the landlord": f"/plans/items/{items['both'].id}"}


def test_item_lists_show_25_a_page_and_every_item_once_all_items_50_or_100_when_chosen(
        login_as, factory):
    today = local_today()
    organization = factory.organization("Harbor House")
    plan = ActionPlan(title="Big plan", status="active")
    made = [ActionItem(plan=plan, description=f"Task {n:03d}", organization=organization,
                       due_on=today + timedelta(days=n)) for n in range(60)]
    db.session.add_all([plan, *made])
    db.session.commit()

    def listed(client, path: str, size: int) -> list[str]:
        """The item names across every page, each page at most `size` of them."""
        names, page = [], 1
        while True:
            response = client.get(f"{path}&page={page}")
            shown = [a.get_text() for a in soup(response).select("table.items tbody td:first-child a")]
            assert len(shown) <= size
            names += shown
            if "Next" not in texts(response, ".pager a"):
                return names
            page += 1

    provider = login_as("provider", organization=organization)
    first = provider.get("/plans/my-items")
    assert len(soup(first).select("table.items tbody tr")) == 25
    assert text(first, ".pager span") == "Page 1 of 3"
    assert listed(provider, "/plans/my-items?closed=0", 25) == [f"Task {n:03d}" for n in range(60)]

    coordinator = login_as("coordinator")
    every = coordinator.get(f"/plans/items?plan={plan.id}")
    assert len(soup(every).select("table.items tbody tr")) == 25
    assert soup(every).select_one("select[name=per_page] option[selected]").get_text() == "25"
    fifty = coordinator.get(f"/plans/items?plan={plan.id}&per_page=50&page=2")
    assert len(soup(fifty).select("table.items tbody tr")) == 10
    assert "per_page=50" in links(fifty, ".pager a")["Previous"]
    assert listed(coordinator, f"/plans/items?plan={plan.id}&per_page=100", 100) == [
        f"Task {n:03d}" for n in range(60)]
