"""Keeping it current: anyone suggests; coordinators edit, publish or decline; history is kept."""
from sqlalchemy import select
from support import field_error

from hh.admin.models import AuditEvent
from hh.extensions import db
from hh.glossary.models import GlossarySuggestion, GlossaryTerm

NEW_TERM = {"term": "Medical home", "definition": "A clinic that knows you and coordinates care.",
            "sectors": ["health_care"], "aliases": "patient-centered medical home; PCMH",
            "related": "HMIS", "reason": "Hospitals say it a lot."}


def term(slug):
    return db.session.scalar(select(GlossaryTerm).where(GlossaryTerm.slug == slug))


def test_a_viewer_suggests_a_term_that_appears_only_once_published(login_as, terms):
    viewer = login_as("viewer")
    response = viewer.post("/glossary/suggest", data=NEW_TERM)
    assert response.status_code == 303
    assert "/glossary/" in response.headers["Location"]
    assert term("medical-home") is None
    assert "Medical home" not in viewer.get("/glossary/?q=medical+home").get_data(as_text=True)
    suggestion = db.session.scalar(select(GlossarySuggestion))
    assert suggestion.status == "open" and suggestion.suggested_by_id == viewer.user.id

    coordinator = login_as("coordinator")
    listing = coordinator.get("/glossary/suggestions").get_data(as_text=True)
    assert "New term: Medical home" in listing and viewer.user.display_name in listing
    review = coordinator.get(f"/glossary/suggestions/{suggestion.id}").get_data(as_text=True)
    assert "Hospitals say it a lot." in review and 'value="Medical home"' in review

    # The coordinator tightens the wording, then publishes.
    data = dict(NEW_TERM, definition="A primary care clinic that coordinates all of your care.",
                decision="publish")
    response = coordinator.post(f"/glossary/suggestions/{suggestion.id}", data=data)
    assert response.status_code == 303 and response.headers["Location"].endswith("/glossary/medical-home")
    published = term("medical-home")
    assert published.definition.startswith("A primary care clinic")
    assert published.updated_by_id == coordinator.user.id
    assert published.alias_list == ["patient-centered medical home", "PCMH"]
    assert published.related_slugs == ["hmis"]
    db.session.refresh(suggestion)
    assert suggestion.status == "published" and suggestion.decided_by_id == coordinator.user.id
    page = viewer.get("/glossary/medical-home").get_data(as_text=True)
    assert f"suggested by {viewer.user.display_name}" in page
    assert "medical-home" in viewer.get("/glossary/?q=pcmh").get_data(as_text=True)
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"glossary_suggested", "glossary_suggestion_published"} <= actions


def test_an_edit_suggestion_changes_the_term_when_published(login_as, terms):
    viewer = login_as("provider")
    form = viewer.get("/glossary/suggest?term=psh").get_data(as_text=True)
    assert 'value="Permanent supportive housing"' in form  # prefilled with the term
    viewer.post("/glossary/suggest?term=psh", data={
        "term": "Permanent supportive housing", "acronym": "PSH", "sectors": ["housing"],
        "definition": "A lasting home with voluntary support.", "example": "He moved into PSH."})
    assert term("psh").definition == "A home with no time limit and voluntary support services."
    suggestion = db.session.scalar(select(GlossarySuggestion))
    assert suggestion.term_id == term("psh").id
    coordinator = login_as("coordinator")
    data = {"term": "Permanent supportive housing", "acronym": "PSH", "sectors": ["housing"],
            "definition": "A lasting home with voluntary support.", "example": "He moved into PSH.",
            "decision": "publish"}
    coordinator.post(f"/glossary/suggestions/{suggestion.id}", data=data)
    psh = term("psh")
    assert psh.definition == "A lasting home with voluntary support."
    assert psh.example == "He moved into PSH."
    assert psh.revisions[0].summary.startswith("Changed definition")
    assert term("psh").id == suggestion.term_id  # same term, same address


def test_decline_keeps_the_glossary_unchanged(login_as, terms):
    viewer = login_as("viewer")
    viewer.post("/glossary/suggest", data=NEW_TERM)
    suggestion = db.session.scalar(select(GlossarySuggestion))
    coordinator = login_as("coordinator")
    response = coordinator.post(f"/glossary/suggestions/{suggestion.id}",
                                data=dict(NEW_TERM, decision="decline", decision_note="Too narrow."))
    assert response.status_code == 303
    db.session.refresh(suggestion)
    assert suggestion.status == "declined" and suggestion.decision_note == "Too narrow."
    assert term("medical-home") is None
    # A decided suggestion cannot be published afterwards.
    coordinator.post(f"/glossary/suggestions/{suggestion.id}", data=dict(NEW_TERM, decision="publish"))
    assert term("medical-home") is None
    assert "Declined" in coordinator.get("/glossary/suggestions").get_data(as_text=True)


def test_bad_suggestions_are_refused_with_messages_and_nothing_saved(login_as, terms):
    viewer = login_as("viewer")
    cases = [
        ({}, {"term": "Enter the term, written out in full.",
              "definition": "Enter what the term means, in plain words.",
              "sectors": "Choose at least one sector."}),
        (dict(NEW_TERM, term="x" * 201), {"term": "Keep the term under 200 characters."}),
        (dict(NEW_TERM, sectors=["moon"]), {"sectors": "Unknown sector 'moon': choose from the list."}),
        (dict(NEW_TERM, related="no such thing"),
         {"related": "No term 'no such thing' in the glossary yet: check the spelling."}),
        (dict(NEW_TERM, source_url="javascript:alert(1)"),
         {"source_url": "Enter a web address starting with https://, or leave it empty."}),
        (dict(NEW_TERM, term="Housing First"),
         {"term": "Housing First is already in the glossary: suggest an edit to it instead."}),
    ]
    for data, messages in cases:
        response = viewer.post("/glossary/suggest", data=data)
        assert response.status_code == 422, data
        for field_id, message in messages.items():
            assert field_error(response, field_id) == message, (field_id, data)
    assert db.session.scalar(select(GlossarySuggestion)) is None
    assert viewer.get("/glossary/suggest?term=nope").status_code == 404


def test_coordinator_edits_directly_and_errors_keep_what_was_typed(login_as, terms):
    coordinator = login_as("coordinator")
    response = coordinator.post("/glossary/psh/edit", data={
        "term": "Permanent supportive housing", "definition": "", "sectors": ["housing"],
        "example": "Kept example"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Enter what the term means" in page and "Kept example" in page
    assert term("psh").definition.startswith("A home with no time limit")
    response = coordinator.post("/glossary/new", data={
        "term": "Print", "definition": "A reserved word as a term.", "sectors": ["housing"]})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/glossary/print-term")  # not the print page


def test_only_coordinators_review_or_edit(login_as, terms):
    viewer = login_as("viewer")
    viewer.post("/glossary/suggest", data=NEW_TERM)
    suggestion = db.session.scalar(select(GlossarySuggestion))
    for role in ("viewer", "provider"):
        client = login_as(role)
        assert client.post(f"/glossary/suggestions/{suggestion.id}",
                           data=dict(NEW_TERM, decision="publish")).status_code == 403
        assert client.post("/glossary/psh/edit", data={"term": "x"}).status_code == 403
        assert "Suggest an edit" in client.get("/glossary/psh").get_data(as_text=True)
        assert ">Edit</a>" not in client.get("/glossary/psh").get_data(as_text=True)
    assert term("medical-home") is None
    assert login_as("coordinator").get("/glossary/suggestions/99999").status_code == 404
