"""A form field naming an organization: a select (or checkboxes) while the CoC has a list's worth
of them; beyond that, the organization's name typed, looked up in any letter case, and refused
next to the field when no organization has it (a select of 20,000 organizations weighed
megabytes on every such form)."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from support import field_error, soup, text

from hh.auth.models import User
from hh.conferences.models import Household
from hh.directory import services as directory
from hh.directory.models import Organization, Region
from hh.extensions import db
from hh.plans.models import ActionItem


@pytest.fixture
def many(demo, monkeypatch):
    """The demo CoC, with "more organizations than a list holds" set to one."""
    monkeypatch.setattr(directory, "ORGANIZATIONS_LISTED", 1)
    return demo


def _first(model):
    return db.session.scalar(select(model).order_by(model.id).limit(1))


FORMS = [  # role, the form's address, the field
    ("admin", lambda: "/admin/users/new", "organization_id"),
    ("admin", lambda: f"/admin/regions/{_first(Region).id}", "anchor_organization_id"),
    ("coordinator", lambda: f"/plans/items/{_first(ActionItem).id}/edit", "organization_id"),
    ("coordinator", lambda: f"/conferences/households/{_first(Household).id}/edit",
     "navigator_organization_id"),
    ("coordinator", lambda: "/referrals/new", "sender_organization_id"),
    ("coordinator", lambda: "/plans/new", "lead_organization_id"),
]


@pytest.mark.parametrize(("role", "address", "field"), FORMS, ids=[f[2] + "@" + f[0] for f in FORMS])
def test_each_form_asks_for_a_name_when_the_organizations_are_many(many, login_as, role,
                                                                   address, field):
    page = soup(login_as(role).get(address()))
    control = page.select_one(f"#{field}")
    assert control.name == "input" and control["type"] == "text"
    assert "Type the organization's name as the directory has it." in text(
        str(page.select_one(f"#{field}-hint")))
    assert f"{field}-hint" in control["aria-describedby"]
    organizations = set(db.session.scalars(select(Organization.name)))
    assert not [o for o in page.select("option") if o.get_text() in organizations]  # none listed


def test_with_few_organizations_the_same_forms_list_them(demo, login_as):
    page = soup(login_as("admin").get("/admin/users/new"))
    names = [o.get_text() for o in page.select("#organization_id option")]
    assert names[0] == "— none —" and len(names) == 1 + db.session.query(Organization).count()


def test_a_typed_name_is_saved_and_an_unknown_one_refused_next_to_the_field(many, login_as):
    organization = _first(Organization)
    admin = login_as("admin")
    form = {"name": "Rowan Field", "email": "rowan@example.org", "role": "provider",
            "organization_id": "Nowhere At All"}
    refused = admin.post("/admin/users/new", data=form)
    assert refused.status_code == 422
    assert field_error(refused, "organization_id") == (
        "No organization is named “Nowhere At All”: type its name as the directory has it.")
    assert soup(refused).select_one("#organization_id")["value"] == "Nowhere At All"
    assert db.session.scalar(select(User).filter_by(email="rowan@example.org")) is None
    form["organization_id"] = organization.name.upper()
    assert admin.post("/admin/users/new", data=form).status_code == 201  # the invitation page
    user = db.session.scalar(select(User).filter_by(email="rowan@example.org"))
    assert user.organization_id == organization.id
    edit = soup(admin.get(f"/admin/users/{user.id}"))
    assert edit.select_one("#organization_id")["value"] == organization.name
