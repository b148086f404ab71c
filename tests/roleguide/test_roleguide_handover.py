"""The hand-over pack: what a person owns, who may see whose pack, and the one-step reassignment
of every item type to a successor, audited per item type."""
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from support import field_error, links, statements_of, text, texts

from hh.admin.models import AuditEvent
from hh.conferences.models import CaseConference
from hh.directory.models import Contact
from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan
from hh.resources.models import Service
from hh.roleguide import handover as handovers
from hh.timeutil import local_today, utcnow


@pytest.fixture
def leaving(factory, clock):
    """A coordinator who owns one or two of everything, next to things that are not theirs or
    not open any more (those must stay where they are). Today is 15 June 2026."""
    clock(datetime(2026, 6, 15, 17, 0))
    person = factory.user("coordinator", email="leaving@coc.example", name="Lee Leaving")
    bystander = factory.user("coordinator", email="other@coc.example")
    today = local_today()
    old = today - timedelta(days=400)
    region = factory.region("North", counties=("Elk",))
    org, fresh_org = factory.organization("Harbor House"), factory.organization("Cedar Clinic")
    org.assured_date, org.assurer_email = old, "Leaving@coc.example"
    fresh_org.assured_date, fresh_org.assurer_email = today, "leaving@coc.example"
    plan = ActionPlan(title="Discharge to respite", status="active", owner_id=person.id,
                      next_review_on=today - timedelta(days=10))
    done_plan = ActionPlan(title="Finished plan", status="completed", owner_id=person.id)
    db.session.add_all([
        plan, done_plan,
        ActionItem(plan=plan, description="Call the discharge nurse", owner_id=person.id,
                   due_on=today - timedelta(days=2)),
        ActionItem(plan=plan, description="Draft the MOU", owner_id=person.id, status="blocked"),
        ActionItem(plan=plan, description="Already done", owner_id=person.id, status="done"),
        ActionItem(plan=plan, description="Someone else's", owner_id=bystander.id),
        CaseConference(region_id=region.id, facilitator_id=person.id,
                       held_at=datetime.combine(today + timedelta(days=3), datetime.min.time())),
        CaseConference(region_id=region.id, facilitator_id=person.id,
                       held_at=datetime.combine(today - timedelta(days=30), datetime.min.time())),
        Contact(organization=org, name="Lee Leaving", email="leaving@coc.example",
                phone="555-0100", title="CoC liaison", partnership_role="liaison"),
        Contact(organization=org, name="Lee Leaving", email="leaving@coc.example",
                partnership_role="data"),
        Service(organization=org, name="Respite beds", assured_date=old,
                assurer_email="leaving@coc.example"),
        Service(organization=org, name="Fresh service", assured_date=today,
                assurer_email="leaving@coc.example"),
        Service(organization=org, name="Closed service", status="inactive", assured_date=old,
                assurer_email="leaving@coc.example"),
    ])
    db.session.commit()
    return person


def test_the_pack_gathers_what_the_person_owns(login_as, leaving):
    pack = handovers.handover_pack(leaving)
    assert [i.description for i in pack.items] == ["Call the discharge nurse", "Draft the MOU"]
    assert [p.title for p in pack.plans] == ["Discharge to respite"]
    assert [p.title for p in pack.overdue_reviews] == ["Discharge to respite"]
    assert len(pack.conferences) == 1 and pack.conferences[0].held_at.date() > local_today()
    assert [(c.organization.name, c.partnership_role) for c in pack.contacts] == [("Harbor House", "liaison")]
    assert [o.name for o in pack.organizations] == ["Harbor House"]
    assert [s.name for s in pack.services] == ["Respite beds"]
    assert pack.total == 7

    coordinator = login_as("coordinator")
    response = coordinator.get(f"/role-guide/handover?person={leaving.id}")
    assert text(response, "h1") == "Hand-over pack: Lee Leaving"
    page = text(response)
    for expected in ("Call the discharge nurse", "overdue", "Draft the MOU", "review overdue",
                     "Overdue plan reviews (1)", "Case conferences to facilitate (1)",
                     "Partnership liaison for (1)", "Respite beds", "Hand over everything"):
        assert expected in page, expected
    for absent in ("Already done", "Someone else", "Finished plan", "Fresh service", "Closed service"):
        assert absent not in page, absent
    assert links(response, "section[aria-labelledby=items-heading] a") == {
        i.description: f"/plans/items/{i.id}" for i in pack.items}
    assert links(response, "section[aria-labelledby=plans-heading] td a") == {
        "Discharge to respite": f"/plans/{pack.plans[0].id}"}


def test_who_may_see_whose_pack(login_as, leaving):
    provider = login_as("provider")
    own = provider.get("/role-guide/handover")
    assert own.status_code == 200
    assert text(own, "h1") == f"Hand-over pack: {provider.user.display_name}"
    assert "Hand over everything" not in text(own)  # coordinators reassign
    assert provider.get(f"/role-guide/handover?person={leaving.id}").status_code == 403
    assert provider.get(f"/role-guide/handover?person={provider.user.id}").status_code == 200
    assert login_as("viewer").get("/role-guide/handover").status_code == 403
    coordinator = login_as("coordinator")
    assert coordinator.get("/role-guide/handover?person=99999999").status_code == 404
    assert coordinator.get("/role-guide/handover?person=abc").status_code == 404
    assert coordinator.get("/role-guide/handover?person=99999999999999999999").status_code == 404


def test_reassignment_moves_every_item_type_and_audits_each(login_as, factory, leaving):
    successor = factory.user("coordinator", email="next@coc.example", name="Noor Next")
    coordinator = login_as("coordinator")
    response = coordinator.post(f"/role-guide/handover/{leaving.id}/reassign",
                                data={"successor_id": str(successor.id)})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/role-guide/handover?person={leaving.id}")
    page = text(coordinator.get(response.headers["Location"]))
    assert ("Handed over to Noor Next: 2 open action items, 1 action plan, 1 conference to "
            "facilitate, 1 liaison contact, 1 organization to verify, 1 service to verify.") in page
    assert "Nothing to hand over." in page

    db.session.expire_all()
    items = {i.description: i.owner_id for i in db.session.scalars(select(ActionItem))}
    assert items["Call the discharge nurse"] == items["Draft the MOU"] == successor.id
    assert items["Already done"] == leaving.id  # history stays with who did it
    plans = {p.title: p.owner_id for p in db.session.scalars(select(ActionPlan))}
    assert plans == {"Discharge to respite": successor.id, "Finished plan": leaving.id}
    facilitators = sorted((c.held_at > utcnow(), c.facilitator_id)
                          for c in db.session.scalars(select(CaseConference)))
    assert facilitators == [(False, leaving.id), (True, successor.id)]
    liaison = db.session.scalar(select(Contact).where(Contact.partnership_role == "liaison"))
    assert (liaison.name, liaison.email, liaison.phone, liaison.title) == (
        "Noor Next", "next@coc.example", "", "CoC liaison")
    assert db.session.scalar(select(Contact).where(Contact.partnership_role == "data")).email == "leaving@coc.example"
    services_by_name = {s.name: s for s in db.session.scalars(select(Service))}
    assert services_by_name["Respite beds"].assurer_email == "next@coc.example"
    assert services_by_name["Respite beds"].assured_date < local_today()  # still due
    assert services_by_name["Fresh service"].assurer_email == "leaving@coc.example"

    events = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "handover_reassigned")
                                     .order_by(AuditEvent.id)))
    assert [(e.object_type, e.detail) for e in events] == [
        ("action_item", f"2 moved from user {leaving.id} to user {successor.id}"),
        ("action_plan", f"1 moved from user {leaving.id} to user {successor.id}"),
        ("case_conference", f"1 moved from user {leaving.id} to user {successor.id}"),
        ("contact", f"1 moved from user {leaving.id} to user {successor.id}"),
        ("organization", f"1 moved from user {leaving.id} to user {successor.id}"),
        ("service", f"1 moved from user {leaving.id} to user {successor.id}"),
    ]
    assert {e.user_id for e in events} == {coordinator.user.id}
    assert handovers.handover_pack(successor).total == 7
    assert handovers.handover_pack(leaving).total == 0


@pytest.mark.parametrize("successor,message", [
    ("", "Choose the coordinator or admin who takes over."),
    ("provider", "Choose the coordinator or admin who takes over."),
    ("inactive", "Choose the coordinator or admin who takes over."),
    ("self", "Choose someone other than the person handing over."),
    ("12345678901234567890", "Choose the coordinator or admin who takes over."),
    ("x; drop table", "Choose the coordinator or admin who takes over."),
])
def test_reassignment_refuses_a_bad_successor_and_moves_nothing(login_as, factory, leaving,
                                                                 successor, message):
    ids = {"provider": factory.user("provider").id, "self": leaving.id,
           "inactive": factory.user("coordinator", active=False).id}
    response = login_as("admin").post(f"/role-guide/handover/{leaving.id}/reassign",
                                      data={"successor_id": str(ids.get(successor, successor))})
    assert response.status_code == 422
    assert field_error(response, "successor_id") == message
    assert handovers.handover_pack(leaving).total == 7
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "handover_reassigned")) is None


def test_nothing_to_hand_over_says_so(login_as, factory):
    empty = factory.user("coordinator")
    successor = factory.user("coordinator")
    response = login_as("coordinator").post(f"/role-guide/handover/{empty.id}/reassign",
                                            data={"successor_id": str(successor.id)})
    assert response.status_code == 422
    assert text(response, ".error") == f"{empty.display_name} owns nothing to hand over."
    assert login_as("coordinator").post("/role-guide/handover/99999/reassign",
                                        data={"successor_id": str(successor.id)}).status_code == 404


def test_the_lists_of_people_follow_a_change_to_a_user_at_once(login_as, factory, leaving):
    """Whose pack and who takes over come from the cache: a new, renamed or deactivated person
    shows at once; the page's second view reads users only one by one (no list of them)."""
    coordinator = login_as("coordinator")

    def options(field_id: str) -> list[str]:
        page = coordinator.get(f"/role-guide/handover?person={leaving.id}")
        return texts(page, f"#{field_id} option")

    assert "Lee Leaving (coordinator)" in options("person")
    _, seen = statements_of(lambda: coordinator.get(f"/role-guide/handover?person={leaving.id}"))
    users_read = [s for s in seen if "FROM user_account" in s]
    assert users_read and all("WHERE user_account.id = " in s for s in users_read)  # one each
    newcomer = factory.user("admin", name="Nia New")
    assert "Nia New (admin)" in options("successor_id")
    assert "Nia New (admin)" in options("person")
    newcomer.name, newcomer.role = "Nia Renamed", "provider"
    db.session.commit()
    assert "Nia Renamed (provider)" not in options("successor_id")
    assert "Nia Renamed (provider)" in options("person")
    newcomer.active = False
    db.session.commit()
    assert not any(o.startswith("Nia") for o in options("person"))


def test_the_page_follows_a_change_to_what_the_person_owns_at_once(login_as, factory, leaving):
    """The pack's plans, conferences, contacts and directory records come from the cache: a
    write to any of them (or to a name they show) shows at once; the open items are read on
    every view, and the page's second view reads nothing else of the pack."""
    coordinator = login_as("coordinator")
    url = f"/role-guide/handover?person={leaving.id}"
    assert "Discharge to respite" in text(coordinator.get(url))
    _, seen = statements_of(lambda: coordinator.get(url))
    for table in ("action_plan", "case_conference", "contact", "organization", "service"):
        assert not any(s.startswith(f"SELECT {table}.id") for s in seen), table
    assert any(s.startswith("SELECT action_item.id") for s in seen)

    conference = db.session.scalar(select(CaseConference).where(CaseConference.held_at > utcnow()))
    conference.region.name = "Northern Tier"  # alone: a region is a table of its own
    db.session.commit()
    assert "Northern Tier" in text(coordinator.get(url))
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.title == "Discharge to respite"))
    plan.title = "Respite plan"
    liaison = db.session.scalar(select(Contact).where(Contact.partnership_role == "liaison"))
    liaison.phone = "555-0199"
    liaison.organization.name = "Harbor Home"
    db.session.scalar(select(Service).where(Service.name == "Respite beds")).name = "Respite cots"
    db.session.add(ActionItem(plan=plan, description="Newly owned", owner_id=leaving.id))
    db.session.commit()
    page = text(coordinator.get(url))
    for expected in ("Respite plan", "Northern Tier", "555-0199", "Harbor Home", "Respite cots",
                     "Newly owned", "Open action items (3)"):
        assert expected in page, expected
    conference.facilitator_id = factory.user("coordinator").id
    db.session.commit()
    assert "Case conferences to facilitate (0)" in text(coordinator.get(url))
