"""Competency self-assessment: the growth suggestion on known ratings, dated history and change,
bad input, and privacy (only the person and whoever they shared it with)."""
import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from support import field_error, login, text, texts

from hh.extensions import db
from hh.roleguide import assessment as self_assessment
from hh.roleguide import guide as role_guide
from hh.roleguide.models import AssessmentShare, CompetencyRating, SelfAssessment

# Seeded competencies, in the guide's order, and how many responsibilities each supports
# (System Coordinator + Health and Homelessness Coordinator, from the archetype guides' maps).
SUPPORTS = {
    "improvement-science": (7, 7), "facilitation": (6, 5), "project-management": (6, 4),
    "human-centered-design": (5, 2), "data-for-improvement": (2, 3), "built-for-zero": (4, 0),
    "role-knowledge": (4, 5),
}


@pytest.fixture
def guide(app):
    role_guide.seed_guide()
    db.session.commit()
    return {c.slug: c for c in role_guide.competencies()}


def form_for(guide, levels: dict, notes: dict | None = None, **extra) -> dict:
    data = {f"level_{guide[slug].id}": level for slug, level in levels.items()}
    data.update({f"note_{guide[slug].id}": note for slug, note in (notes or {}).items()})
    data.update(extra)
    return data


def names(rows) -> list[str]:
    return [row.competency.name for row in rows]


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_seeded_map_matches_the_guides(guide):
    for role_index, role in enumerate(role_guide.roles()):
        counts = role_guide.support_counts(role.id)
        assert {slug: counts.get(c.id, 0) for slug, c in guide.items()} == {
            slug: pair[role_index] for slug, pair in SUPPORTS.items()}


def test_growth_suggestion_rule_and_its_ties():
    order = {1: 0, 2: 1, 3: 2, 4: 3, 5: 4}
    supports = {1: 3, 2: 5, 3: 5, 4: 9, 5: 0}
    # The lowest level is "not yet" (2, 3, and 5 never rated); 5 supports nothing, so it is left
    # out; 2 and 3 tie on five responsibilities: the guide's order decides.
    assert self_assessment.growth_suggestions({1: "not_yet", 2: "not_yet", 4: "practical"}, supports,
                                       order) == [2, 3, 1]
    # Everything at least practical: the practical ones, most responsibilities first.
    levels = {1: "practical", 2: "strategic", 3: "practical", 4: "practical", 5: "not_yet"}
    assert self_assessment.growth_suggestions(levels, supports, order) == [4, 3, 1]
    assert self_assessment.growth_suggestions(levels, supports, order, limit=1) == [4]
    # Everything strategic: nothing to suggest.
    assert self_assessment.growth_suggestions({i: "strategic" for i in order}, supports, order) == []


def test_growth_suggestion_on_a_known_set_of_ratings(login_as, guide):
    client = login_as("provider")
    ratings = {"improvement-science": "strategic", "facilitation": "not_yet",
               "project-management": "not_yet", "human-centered-design": "not_yet",
               "data-for-improvement": "practical", "built-for-zero": "not_yet",
               "role-knowledge": "practical"}
    assert client.post("/role-guide/assessment", data=form_for(guide, ratings)).status_code == 303
    rows = self_assessment.rating_rows(self_assessment.assessments(client.user.id))
    # Both roles: facilitation 11, project management 10, human-centered design 7, built for zero 4.
    assert names(self_assessment.suggestion_rows(rows)) == [
        "Facilitation and Relationship Building", "Project Management", "Human-Centered Design"]
    sc = role_guide.role_by_slug("system-coordinator")
    # System Coordinator: facilitation and project management tie at 6; the guide's order wins.
    assert names(self_assessment.suggestion_rows(self_assessment.rating_rows(self_assessment.assessments(client.user.id), sc.id), sc.id)) == [
        "Facilitation and Relationship Building", "Project Management", "Human-Centered Design"]
    hh = role_guide.role_by_slug("health-homelessness-coordinator")
    rows = self_assessment.rating_rows(self_assessment.assessments(client.user.id), hh.id)
    # Built for Zero supports none of this role's responsibilities, so it is never suggested here.
    assert "Built for Zero Methodology" not in names(self_assessment.suggestion_rows(rows, hh.id))

    page = text_of(client.get("/role-guide/assessment"))
    first = page.index("Where to grow first")
    assert page.index("<strong>Facilitation and Relationship Building</strong> — not yet; supports 11", first) > first
    hh_page = text_of(client.get("/role-guide/assessment?role=health-homelessness-coordinator"))
    assert "<strong>Facilitation and Relationship Building</strong> — not yet; supports 5" in hh_page
    fragment = client.get("/role-guide/assessment?role=system-coordinator", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<h1>" not in fragment.get_data(as_text=True)
    assert "supports 6 responsibilities" in text_of(fragment)


def test_each_assessment_is_a_dated_record_with_the_change_shown(login_as, guide, clock):
    clock(datetime(2026, 6, 15, 17, 0))
    today = date(2026, 6, 15)
    client = login_as("viewer")
    before = today - timedelta(days=120)
    first = {slug: "not_yet" for slug in guide} | {"facilitation": "practical",
                                                   "project-management": "strategic"}
    client.post("/role-guide/assessment", data=form_for(guide, first, assessed_on=before.isoformat()))
    second = dict(first, facilitation="strategic", **{"project-management": "practical"})
    response = client.post("/role-guide/assessment", data=form_for(
        guide, second, {"facilitation": "Chaired the joint hospital-shelter meeting."}))
    assert response.status_code == 303
    history = self_assessment.assessments(client.user.id)
    assert [a.assessed_on for a in history] == [today, before]
    page = client.get("/role-guide/assessment")
    latest = texts(page, "[aria-labelledby=latest-heading] tbody tr")
    for expected in ("Facilitation and Relationship Building Strategic application up from "
                     "practical application Chaired the joint hospital-shelter meeting.",
                     "Project Management Practical application down from strategic application",
                     "Human-Centered Design Not yet no change"):
        assert any(row.startswith(expected) for row in latest), expected
    dates = [row.split(" ")[0] for row in texts(page, "[aria-labelledby=history-heading] tbody tr")]
    assert dates == [today.isoformat(), before.isoformat()]


@pytest.mark.parametrize("change,message", [
    ({"level": ""}, "Choose a level for Facilitation and Relationship Building."),
    ({"level": "expert"}, "Choose a level for Facilitation and Relationship Building."),
    ({"note": "n" * 1001}, "Keep the note under 1,000 characters."),
    ({"assessed_on": "2026-06-16"}, "The date cannot be in the future."),
    ({"assessed_on": "1999-12-31"}, "Enter a date from 2000 on."),
    ({"assessed_on": "yesterday"}, "Not a valid date value."),
])
def test_bad_self_assessment_input_is_refused_and_nothing_is_lost(login_as, guide, clock, change,
                                                                   message):
    clock(datetime(2026, 6, 15, 17, 0))  # the day "2026-06-16" is in the future
    client = login_as("provider")
    good = {slug: "practical" for slug in guide}
    client.post("/role-guide/assessment", data=form_for(guide, good))
    bad = form_for(guide, dict(good, facilitation=change.get("level", "strategic")),
                   {"facilitation": change.get("note", "typed before the error")})
    if "assessed_on" in change:
        bad["assessed_on"] = change["assessed_on"]
    response = client.post("/role-guide/assessment", data=bad)
    assert response.status_code == 422
    fid = guide["facilitation"].id
    field_id = {"level": f"level_{fid}", "note": f"note_{fid}"}.get(next(iter(change)), "assessed_on")
    assert field_error(response, field_id) == message
    if "note" not in change:  # what the person typed is still there
        assert text(response, f"#note_{fid}") == "typed before the error"
    assert db.session.scalar(select(func.count()).select_from(SelfAssessment)) == 1
    assert {r.level for r in db.session.scalars(select(CompetencyRating))} == {"practical"}


def test_a_self_assessment_is_private_unless_shared(login_as, factory, guide):
    owner = login_as("provider")
    owner.post("/role-guide/assessment", data=form_for(
        guide, {slug: "practical" for slug in guide}, {"role-knowledge": "Private worry"}))
    mentor = factory.user("coordinator", name="Morgan Mentor")
    url = f"/role-guide/assessment/people/{owner.user.id}"

    for role in ("provider", "viewer", "coordinator", "admin"):
        other = login_as(role)
        response = other.get(url)
        assert response.status_code == 403, role
        assert "Private worry" not in response.get_data(as_text=True)
        assert "Private worry" not in other.get("/role-guide/assessment").get_data(as_text=True)

    response = owner.post("/role-guide/assessment/share", data={"reader_id": str(mentor.id)})
    assert response.status_code == 303
    share = db.session.scalar(select(AssessmentShare))
    mentor_client = owner.application.test_client()
    login(mentor_client, mentor.email)
    response = mentor_client.get(url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Private worry" in page
    assert "Save self-assessment" not in page and "<textarea" not in page  # read-only
    assert response.headers["Cache-Control"] == "no-store"
    assert owner.user.display_name in mentor_client.get("/role-guide/assessment").get_data(as_text=True)
    # Still private to everyone else, other coordinators included.
    assert login_as("coordinator").get(url).status_code == 403
    assert login_as("provider").get(url).status_code == 403
    # Only the owner stops sharing.
    assert mentor_client.post(f"/role-guide/assessment/shares/{share.id}/remove").status_code == 403
    assert owner.post(f"/role-guide/assessment/shares/{share.id}/remove").status_code == 303
    assert mentor_client.get(url).status_code == 403


@pytest.mark.parametrize("who,message", [
    ("provider", "Choose a coordinator or admin from the list."),
    ("self", "Choose a coordinator or admin from the list."),
    ("nobody", "Choose a coordinator or admin from the list."),
    ("twice", "can already read it."),
])
def test_sharing_only_with_a_named_coordinator_or_admin(login_as, factory, guide, who, message):
    owner = login_as("provider")
    coordinator = factory.user("coordinator")
    reader_id = {"provider": factory.user("provider").id, "self": owner.user.id,
                 "nobody": 987654321, "twice": coordinator.id}[who]
    if who == "twice":
        owner.post("/role-guide/assessment/share", data={"reader_id": str(coordinator.id)})
    response = owner.post("/role-guide/assessment/share", data={"reader_id": str(reader_id)})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert 'action="/role-guide/assessment" hx-get' in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(AssessmentShare)) == (1 if who == "twice" else 0)


def test_sharing_an_admin_and_self_as_coordinator(login_as, factory, guide):
    owner = login_as("coordinator")
    response = owner.post("/role-guide/assessment/share", data={"reader_id": str(owner.user.id)})
    assert response.status_code == 422
    assert "You can already read your own self-assessment." in response.get_data(as_text=True)
    admin = factory.user("admin")
    assert owner.post("/role-guide/assessment/share", data={"reader_id": str(admin.id)}).status_code == 303
