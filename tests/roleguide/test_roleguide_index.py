"""The guide's index (roles and competencies) and its role pages are read from the one cache: an
admin's edit shows on them at once."""
import re

from sqlalchemy import select

from hh.extensions import db
from hh.roleguide import guide
from hh.roleguide.models import Competency, CoordinatorRole, Responsibility


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_the_index_counts_each_role_and_lists_what_each_competency_supports(login_as):
    guide.seed_guide()
    db.session.commit()
    page = text_of(login_as("viewer").get("/role-guide/"))
    assert "10 responsibilities in 6 stages." in page and "9 responsibilities in 4 stages." in page
    competency = db.session.scalar(select(Competency).where(Competency.slug == "built-for-zero"))
    supported = len(competency.responsibilities)
    assert supported > 1
    section = page.split(f'id="competency-{competency.id}"')[1].split("</article>")[0]
    assert f"{supported} responsibilities:" in section
    assert section.count("<li>") == supported
    assert "(System Coordinator)" in section


def test_an_admins_edits_show_on_the_index_at_once(login_as):
    guide.seed_guide()
    db.session.commit()
    admin = login_as("admin")
    assert "By-name list practice" not in text_of(admin.get("/role-guide/"))  # now cached
    for slug in ("system-coordinator", "health-homelessness-coordinator"):  # cached too
        assert "Keeps our promises moving" not in text_of(admin.get(f"/role-guide/roles/{slug}"))
    competency = db.session.scalar(select(Competency).where(Competency.slug == "built-for-zero"))
    response = admin.post(f"/role-guide/competencies/{competency.id}/edit", data={
        "name": "By-name list practice", "description": "Local words.", "practical": "p",
        "strategic": "s"})
    assert response.status_code == 303
    target = competency.responsibilities[0]
    response = admin.post(f"/role-guide/responsibilities/{target.id}/edit", data={
        "title": "Keeps our promises moving", "description": "Our own wording."})
    assert response.status_code == 303
    page = text_of(admin.get("/role-guide/"))
    assert "By-name list practice" in page and "Local words." in page
    assert "Keeps our promises moving" in page
    page = text_of(admin.get(f"/role-guide/roles/{target.role.slug}"))
    assert "Keeps our promises moving" in page and "Our own wording." in page
    assert "By-name list practice" in page


def test_a_new_responsibility_counts_on_the_index(login_as):
    guide.seed_guide()
    db.session.commit()
    viewer = login_as("viewer")
    assert "10 responsibilities in 6 stages." in text_of(viewer.get("/role-guide/"))
    role = db.session.scalar(select(CoordinatorRole).where(
        CoordinatorRole.slug == "system-coordinator"))
    db.session.add(Responsibility(role=role, slug="extra", title="Something more",
                                  description="d", position=99))
    db.session.commit()
    assert "11 responsibilities in 6 stages." in text_of(viewer.get("/role-guide/"))
