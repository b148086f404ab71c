"""Case-conference pages explain the jargon in what people wrote (the glossary's explain filter),
and never break escaping doing so."""
from __future__ import annotations

import re

from sqlalchemy import select

from hh.conferences.models import CaseConference
from hh.extensions import db
from hh.glossary import services as glossary

# A marked term: the page's first mark links to "Terms on this page", later ones carry the
# meaning (not the name) in their title.
PSH = re.compile(r'<abbr>PSH</abbr></a>|<abbr class="term-seen" title="Permanent supportive housing: '
                 r'A home with no time limit and voluntary support services.">PSH</abbr>')
HMIS = re.compile(r'<abbr>HMIS</abbr></a>|<abbr class="term-seen" title="Homeless Management '
                  r'Information System: The CoC&#39;s shared database.">HMIS</abbr>')


def _terms():
    for spec in ({"term": "Permanent supportive housing", "acronym": "PSH", "sectors": ["housing"],
                  "definition": "A home with no time limit and voluntary support services."},
                 {"term": "Homeless Management Information System", "acronym": "HMIS",
                  "sectors": ["homeless_response"], "definition": "The CoC's shared database."}):
        glossary.save_term(None, spec, None)


def test_conference_pages_explain_agreements_notes_and_action_steps(bnl, login_as):
    _terms()
    coordinator = login_as("coordinator")
    response = coordinator.post("/conferences/meetings/new", data={
        "region_id": bnl.north.id, "held_on": bnl.today.isoformat(), "held_time": "10:00",
        "format": "hybrid", "focus": "highest_priority", "agenda_size": "1",
        "group_agreements": "We keep PSH for the highest need <script>alert(1)</script>.",
        "resources_note": "Two PSH units open next month."})
    assert response.status_code == 303
    conference = db.session.scalar(select(CaseConference).order_by(CaseConference.id.desc()))
    entry = conference.entries[0]
    prefix = f"e{entry.id}-"
    coordinator.post(f"/conferences/meetings/{conference.id}/entries/{entry.id}", data={
        prefix + "follow_up": "Asked about PSH", prefix + "barrier_category": "documents",
        prefix + "barrier_note": "HMIS record incomplete",
        prefix + "action_step": "Update the HMIS release <b>now</b>",
        prefix + "responsible_id": str(coordinator.user.id),
        prefix + "target_on": bnl.today.isoformat()})
    base = f"/conferences/meetings/{conference.id}"

    meeting = coordinator.get(base).get_data(as_text=True)
    agreements = re.search(r'<p class="agreements">(.*?)</p>', meeting, re.S).group(1)
    assert PSH.search(agreements) and "&lt;script&gt;alert(1)&lt;/script&gt;" in agreements
    assert "<script>alert" not in meeting

    work = coordinator.get(base + "/work").get_data(as_text=True)
    assert PSH.search(work)
    # A provider of the region who does not record reads the saved household as text.
    reader = login_as("provider", region=bnl.north).get(base + "/work").get_data(as_text=True)
    action = re.search(r"<dt>Action step</dt><dd>(.*?)</dd>", reader, re.S).group(1)
    assert HMIS.search(action) and "&lt;b&gt;now&lt;/b&gt;" in action

    minutes = coordinator.get(base + "/minutes").get_data(as_text=True)
    assert HMIS.search(minutes) and PSH.search(minutes)
    assert "&lt;b&gt;now&lt;/b&gt;" in minutes and "<b>now" not in minutes
    coordinator.post(base + "/summary", data={"summary": "Three households moved toward PSH."})
    minutes = coordinator.get(base + "/minutes").get_data(as_text=True)
    summary = re.search(r"<h2>Summary</h2><p class=\"agreements\">(.*?)</p>", minutes, re.S).group(1)
    assert PSH.search(summary)
    decided = coordinator.get(base + "/summary").get_data(as_text=True)
    assert HMIS.search(decided.split('id="decided"')[1])


def test_without_glossary_terms_the_text_is_only_escaped(bnl, login_as):
    coordinator = login_as("coordinator")
    coordinator.post("/conferences/meetings/new", data={
        "region_id": bnl.north.id, "held_on": bnl.today.isoformat(), "format": "virtual",
        "focus": "highest_priority", "agenda_size": "1", "group_agreements": "PSH & <i>care</i>"})
    conference = db.session.scalar(select(CaseConference))
    html = coordinator.get(f"/conferences/meetings/{conference.id}").get_data(as_text=True)
    assert '<p class="agreements">PSH &amp; &lt;i&gt;care&lt;/i&gt;</p>' in html


def test_the_score_tool_on_each_row_is_marked_as_explain_marks_it(app):
    """The list marks its score tool once per distinct tool (RepeatedMarks), the same markup as
    the filter on every row: the first links to "Terms on this page", the others are seen."""
    from hh.conferences.households import RepeatedMarks
    from hh.glossary.explain import explain

    glossary.save_term(None, {"term": "Vulnerability index", "acronym": "VI-SPDAT",
                              "sectors": ["homeless_response"], "definition": "A score."}, None)
    tools = ["VI-SPDAT", "VI-SPDAT v2 and HMIS", "VI-SPDAT", "local", "VI-SPDAT", "local"]
    with app.test_request_context("/conferences/"):
        expected = [explain(tool) for tool in tools]
    with app.test_request_context("/conferences/"):
        marks = RepeatedMarks()
        assert [marks(tool) for tool in tools] == expected
    assert 'href="#term-' in expected[0] and "term-seen" in expected[2]
