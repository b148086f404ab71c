"""The role guide: seeding (idempotent, never overwriting admin edits), the role pages with each
responsibility's stage, competencies and place in Crosswalk, live counts, and admin edits."""
import re
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from support import field_error

from hh.admin.models import AuditEvent
from hh.extensions import db
from hh.plans.models import ActionItem, ActionPlan
from hh.roleguide import assessment as self_assessment
from hh.roleguide import guide, worklinks
from hh.roleguide import handover as handovers
from hh.roleguide.models import Competency, CoordinatorRole, Responsibility


def seeded():
    added = guide.seed_guide()
    db.session.commit()
    return added


def responsibility(role_slug: str, slug: str) -> Responsibility:
    return db.session.scalar(select(Responsibility).join(CoordinatorRole).where(
        CoordinatorRole.slug == role_slug, Responsibility.slug == slug))


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_init_seeds_the_guide_and_seeding_again_adds_nothing(app):
    result = app.test_cli_runner().invoke(args=["hh", "init"])
    assert result.exit_code == 0, result.output
    assert "Role guide: 2 roles, 7 competencies, 19 responsibilities added" in result.output
    assert guide.seed_guide() == {"roles": 0, "competencies": 0, "responsibilities": 0}
    roles = guide.roles()
    assert [r.name for r in roles] == ["System Coordinator", "Health and Homelessness Coordinator"]
    assert [len(r.responsibilities) for r in roles] == [10, 9]
    hand_offs = responsibility("health-homelessness-coordinator", "hand-offs")
    assert hand_offs.stage.name == "Run hand-offs and cross-sector projects"
    assert [c.name for c in hand_offs.competencies] == [
        "Improvement Science Foundations", "Facilitation and Relationship Building",
        "Human-Centered Design", "Role-Specific Knowledge"]


def test_reseeding_never_overwrites_what_an_admin_edited(login_as):
    seeded()
    admin = login_as("admin")
    accountability = responsibility("system-coordinator", "accountability")
    stage = next(s for s in accountability.role.stages if s.slug == "sustain")
    response = admin.post(f"/role-guide/responsibilities/{accountability.id}/edit", data={
        "title": "Keeps our promises moving", "description": "Our own wording.",
        "stage_id": str(stage.id), "work_link": "plans"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(
        f"/role-guide/roles/system-coordinator#responsibility-{accountability.id}")
    competency = db.session.scalar(select(Competency).where(Competency.slug == "built-for-zero"))
    response = admin.post(f"/role-guide/competencies/{competency.id}/edit", data={
        "name": "By-name list practice", "description": "Local words.", "practical": "p",
        "strategic": "s"})
    assert response.status_code == 303

    assert seeded() == {"roles": 0, "competencies": 0, "responsibilities": 0}
    db.session.expire_all()
    accountability = responsibility("system-coordinator", "accountability")
    assert (accountability.title, accountability.description) == ("Keeps our promises moving",
                                                                   "Our own wording.")
    assert accountability.stage.slug == "sustain" and accountability.work_link == "plans"
    assert db.session.get(Competency, competency.id).name == "By-name list practice"
    page = text_of(admin.get("/role-guide/roles/system-coordinator"))
    assert "Keeps our promises moving" in page
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action.in_(("responsibility_updated", "competency_updated")))) == 2


def test_bad_admin_edits_are_refused_next_to_the_field(login_as):
    seeded()
    admin = login_as("admin")
    target = responsibility("system-coordinator", "capacity")
    other_role_stage = responsibility("health-homelessness-coordinator", "hand-offs").stage
    cases = [
        ({"title": "", "description": "x"}, "title", "Give the responsibility a short name."),
        ({"title": "t" * 201, "description": "x"}, "title",
         "Field cannot be longer than 200 characters."),
        ({"title": "t", "description": " "}, "description", "Say what the responsibility means here."),
        ({"title": "t", "description": "x", "stage_id": str(other_role_stage.id)}, "stage_id",
         "Choose a stage of this role from the list."),
        ({"title": "t", "description": "x", "stage_id": "not-a-number"}, "stage_id",
         "Choose a stage of this role from the list."),
        ({"title": "t", "description": "x", "work_link": "<script>"}, "work_link",
         "Choose a place in Crosswalk from the list."),
    ]
    for data, field_id, message in cases:
        response = admin.post(f"/role-guide/responsibilities/{target.id}/edit", data=data)
        assert response.status_code == 422, data
        assert field_error(response, field_id) == message, data
    db.session.expire_all()
    assert responsibility("system-coordinator", "capacity").title == "Deploys capacity where it is needed"
    assert admin.get("/role-guide/responsibilities/999999/edit").status_code == 404
    competency = guide.competencies()[0]
    other = guide.competencies()[1]
    response = admin.post(f"/role-guide/competencies/{competency.id}/edit",
                          data={"name": other.name.upper()})
    assert response.status_code == 422
    assert field_error(response, "name") == "Another competency already has this name."
    response = admin.post(f"/role-guide/competencies/{competency.id}/edit", data={"name": ""})
    assert field_error(response, "name") == "Give the competency a name."


def test_role_page_shows_stages_competencies_and_live_counts(login_as, factory, clock):
    seeded()
    day = date(2026, 6, 15)
    clock(datetime(2026, 6, 15, 17, 0))
    plan = ActionPlan(title="Discharge", status="active", next_review_on=day - timedelta(days=3))
    db.session.add(plan)
    db.session.add_all([
        ActionItem(plan=plan, description="a", status="open", due_on=day - timedelta(days=1)),
        ActionItem(plan=plan, description="b", status="blocked", due_on=day + timedelta(days=5)),
        ActionItem(plan=plan, description="c", status="in_progress"),
        ActionItem(plan=plan, description="d", status="done", due_on=day - timedelta(days=9)),
    ])
    for n in range(3):
        factory.organization(f"Partner {n}").agreement_status = "signed" if n else "in_progress"
    db.session.commit()
    coordinator = login_as("coordinator")
    page = text_of(coordinator.get("/role-guide/roles/system-coordinator"))
    assert page.count("<h1>") == 1
    assert "Stage 3: Project-manage tests of change and accountability" in page
    assert "Is the source of accountability and project management" in page
    assert '<a href="/plans/items">Action items</a> — <span class="live-count">3 open action items, 1 overdue</span>' in page
    assert "1 plan due for review" in page
    assert "3 partner organizations" in page
    hh_page = text_of(coordinator.get("/role-guide/roles/health-homelessness-coordinator"))
    assert "2 signed agreements, 1 being negotiated, 0 expired" in hh_page
    # Discharge hand-offs: the upcoming discharges, with a live count.
    assert ('<a href="/referrals/?view=discharges">Discharge hand-offs</a> — '
            '<span class="live-count">0 discharges in the next 7 days</span>') in hh_page

    viewer = login_as("viewer")
    page = text_of(viewer.get("/role-guide/roles/health-homelessness-coordinator"))
    assert "Discharge hand-offs <span class=\"hint\">(for other roles)</span>" in page  # not for viewers
    assert '<a href="/plans/my-items">Action items</a>' in page  # all items is for coordinators
    assert "Case conferencing <span class=\"hint\">(for other roles)</span>" in page
    assert "households on the By-Name List" not in page
    assert "Edit<span" not in page
    assert viewer.get("/role-guide/roles/no-such-role").status_code == 404


def test_live_counts_follow_every_change_and_the_day(login_as, factory, clock):
    """The counts come from the one cache: still right after a write and on the next day."""
    seeded()
    clock(datetime(2026, 6, 15, 17, 0))
    plan = ActionPlan(title="Discharge", status="active")
    db.session.add(ActionItem(plan=plan, description="a", status="open", due_on=date(2026, 6, 16)))
    factory.organization("Partner A")
    db.session.commit()
    coordinator = login_as("coordinator")
    page = text_of(coordinator.get("/role-guide/roles/system-coordinator"))
    assert ">1 partner organization<" in page and "1 open action item, 0 overdue" in page
    factory.organization("Partner B")
    db.session.commit()
    page = text_of(coordinator.get("/role-guide/roles/system-coordinator"))
    assert ">2 partner organizations<" in page
    clock(datetime(2026, 6, 17, 9, 0))  # the item's due day has passed
    page = text_of(coordinator.get("/role-guide/roles/system-coordinator"))
    assert "1 open action item, 1 overdue" in page


def test_every_count_names_the_tables_it_reads():
    """A count kept in the cache without its tables would never change."""
    assert all(link.tables for link in worklinks.WORK_LINKS.values() if link.counter)


def test_a_missing_feature_gives_no_count_instead_of_an_error(login_as, monkeypatch):
    seeded()

    def count_from_a_feature_not_installed():
        from hh.not_installed_feature import models  # noqa: F401

    link = worklinks.WORK_LINKS["items"]
    monkeypatch.setitem(worklinks.WORK_LINKS, "items", worklinks.WorkLink(
        link.label, link.endpoints, count_from_a_feature_not_installed))
    page = text_of(login_as("coordinator").get("/role-guide/roles/system-coordinator"))
    assert '<a href="/plans/items">Action items</a> </dd>' in page
    assert "open action item" not in page


def test_index_lists_roles_and_what_each_competency_supports(login_as):
    seeded()
    page = text_of(login_as("viewer").get("/role-guide/"))
    assert "System Coordinator" in page and "Health and Homelessness Coordinator" in page
    # Improvement science supports 7 responsibilities in each role.
    assert re.search(r"Improvement Science Foundations.*?14 responsibilities", page)
    assert "Built for Zero Methodology" in page


def test_demo_gives_the_coordinator_a_filled_self_assessment_once(demo):
    from hh.auth.models import User
    from hh.demo import load_demo

    load_demo()  # the second time: the `demo` fixture's database holds the first
    coordinator = db.session.scalar(select(User).where(User.email == "coordinator@demo.crosswalk.example"))
    history = self_assessment.assessments(coordinator.id)
    assert len(history) == 2
    assert all(len(a.ratings) == 7 for a in history)
    rows = self_assessment.rating_rows(history)
    assert {row.change for row in rows} >= {"up from practical application", "no change"}
    assert [c.organization.name for c in handovers.handover_pack(coordinator).contacts] == [
        "Three Rivers Community Health Center"]
