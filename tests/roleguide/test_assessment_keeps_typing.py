"""The self-assessment page without JavaScript: one form holds its parts (the rating, sharing),
each button sending it to its own route, so ratings typed but not saved survive sharing (or
stopping a share), and a person chosen to share with survives saving the rating."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select
from support import field_error, form_values, soup, text

from hh.extensions import db
from hh.roleguide import guide as role_guide
from hh.roleguide.models import AssessmentShare, SelfAssessment

NOT_SAVED_YET = "What you typed in the page's other forms is still there, not saved yet."


@pytest.fixture
def competencies(app):
    role_guide.seed_guide()
    db.session.commit()
    return role_guide.competencies()


def page_form(page) -> dict:
    """The page's one form as a browser sends it, before anything is typed."""
    return form_values(soup(page).select_one("main form[method=post]"))


def _rated(competencies, note: str) -> dict:
    data = {f"level_{c.id}": "practical" for c in competencies}
    data[f"note_{competencies[0].id}"] = note
    return data


def _assessments(user) -> int:
    return db.session.scalar(select(func.count(SelfAssessment.id))
                             .where(SelfAssessment.user_id == user.id))


def test_the_page_is_one_form_whose_buttons_send_it_to_their_own_routes(login_as, factory,
                                                                        competencies):
    client = login_as("provider")
    reader = factory.user("coordinator")
    db.session.add(AssessmentShare(owner_id=client.user.id, reader_id=reader.id))
    db.session.commit()
    page = soup(client.get("/role-guide/assessment"))
    forms = page.select("main form[method=post]")
    assert len(forms) == 1
    actions = [b["formaction"] for b in forms[0].select("button")]
    assert actions[0] == "/role-guide/assessment"  # first: Enter in the date saves the rating
    assert "/role-guide/assessment/share" in actions
    assert any(a.startswith("/role-guide/assessment/shares/") for a in actions)
    assert [c["name"] for c in forms[0].select("[name]")].count("csrf_token") <= 1
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))
    assert not forms[0].select("#history-heading")  # the history prints (forms do not)


def test_sharing_keeps_ratings_typed_but_not_saved(login_as, factory, competencies):
    client = login_as("provider")
    reader = factory.user("coordinator", name="Rosa Reader")
    data = page_form(client.get("/role-guide/assessment"))
    data.update(_rated(competencies, "Ran two PDSA cycles this spring."))
    data["reader_id"] = str(reader.id)
    response = client.post("/role-guide/assessment/share", data=data)  # "Share" pressed
    assert response.status_code == 200
    assert db.session.scalar(select(AssessmentShare.reader_id)) == reader.id
    assert _assessments(client.user) == 0  # the ratings were not saved...
    page = soup(response)  # ...but are all still there
    assert text(response, f"#note_{competencies[0].id}") == "Ran two PDSA cycles this spring."
    assert all(page.select_one(f"input[name=level_{c.id}][value=practical]").has_attr("checked")
               for c in competencies)
    assert NOT_SAVED_YET in text(response, "#status")
    assert "Rosa Reader can now read your self-assessment." in text(response, "#status")
    assert "Rosa Reader (coordinator) can read it." in text(response, "section[aria-labelledby=sharing]")


def test_saving_the_rating_keeps_a_person_chosen_but_not_shared_with(login_as, factory,
                                                                      competencies):
    client = login_as("provider")
    reader = factory.user("coordinator")
    data = page_form(client.get("/role-guide/assessment"))
    data.update(_rated(competencies, "Facilitated the north region's meeting."))
    data["reader_id"] = str(reader.id)
    response = client.post("/role-guide/assessment", data=data)  # "Save self-assessment" pressed
    assert response.status_code == 200
    assert _assessments(client.user) == 1
    assert db.session.scalar(select(AssessmentShare)) is None
    chosen = soup(response).select_one("#reader_id option[selected]")
    assert chosen["value"] == str(reader.id)
    assert NOT_SAVED_YET in text(response, "#status")


def test_stopping_a_share_keeps_ratings_typed_but_not_saved(login_as, factory, competencies):
    client = login_as("provider")
    share = AssessmentShare(owner_id=client.user.id, reader_id=factory.user("coordinator").id)
    db.session.add(share)
    db.session.commit()
    data = page_form(client.get("/role-guide/assessment"))
    data.update(_rated(competencies, "Started the data course."))
    response = client.post(f"/role-guide/assessment/shares/{share.id}/remove", data=data)
    assert response.status_code == 200
    assert db.session.scalar(select(AssessmentShare)) is None
    assert text(response, f"#note_{competencies[0].id}") == "Started the data course."
    assert NOT_SAVED_YET in text(response, "#status")


def test_with_nothing_typed_elsewhere_it_goes_back_to_the_page(login_as, factory, competencies):
    client = login_as("provider")
    client.post("/role-guide/assessment", data=_rated(competencies, "A first note."))
    data = page_form(client.get("/role-guide/assessment"))  # filled from the latest ratings
    reader = factory.user("coordinator")
    response = client.post("/role-guide/assessment/share", data=data | {"reader_id": str(reader.id)})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/role-guide/assessment#sharing")
    data = page_form(client.get("/role-guide/assessment"))
    response = client.post("/role-guide/assessment", data=data)
    assert response.status_code == 303
    assert _assessments(client.user) == 2


def test_a_refused_part_comes_back_with_every_part_as_typed(login_as, factory, competencies):
    client = login_as("provider")
    reader = factory.user("coordinator")
    data = page_form(client.get("/role-guide/assessment"))
    data.update(_rated(competencies, "Half done."))
    data.pop(f"level_{competencies[1].id}")  # one competency left unrated
    data["reader_id"] = str(reader.id)
    response = client.post("/role-guide/assessment", data=data)
    assert response.status_code == 422
    assert field_error(response, f"level_{competencies[1].id}")
    assert soup(response).select_one("#reader_id option[selected]")["value"] == str(reader.id)
    assert text(response, f"#note_{competencies[0].id}") == "Half done."
    response = client.post("/role-guide/assessment/share", data=data | {"reader_id": ""})
    assert response.status_code == 422
    assert field_error(response, "reader_id")
    assert text(response, f"#note_{competencies[0].id}") == "Half done."
    assert _assessments(client.user) == 0 and db.session.scalar(select(AssessmentShare)) is None
