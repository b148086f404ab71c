"""The explain filter: marks known terms, never breaks escaping, stays fast."""
import re
import time

from markupsafe import Markup

from hh.extensions import db
from hh.glossary import services
from hh.glossary.explain import explain
from hh.glossary.models import GlossaryTerm


def links(html: str) -> list[str]:
    return re.findall(r'href="/glossary/([^"]+)"', str(html))


def test_marks_an_acronym_with_its_expansion_and_link(terms):
    html = explain("Ask about PSH today.")
    assert isinstance(html, Markup)
    assert html == Markup('Ask about <a class="term" href="/glossary/psh">'
                          '<abbr title="Permanent supportive housing">PSH</abbr></a> today.')


def test_acronyms_are_case_aware_and_whole_words_only(terms):
    assert links(explain("psh is lowercase here")) == []
    assert links(explain("PSHX and XPSH and PSH_1 are other words")) == []
    assert links(explain("A doormat is not MAT.")) == ["mat"]
    assert links(explain("Our CoC, not our COC or coc.")) == ["coc"]


def test_terms_match_in_any_case_and_across_line_breaks(terms):
    assert links(explain("We follow housing\nfirst here.")) == ["housing-first"]
    assert "housing\nfirst" in str(explain("We follow housing\nfirst here."))


def test_first_occurrence_only_and_never_twice(terms):
    html = str(explain("PSH, then PSH again, then Permanent Supportive Housing."))
    assert links(html) == ["psh"]
    assert html.count("<abbr") == 1


def test_longest_term_wins_and_a_prefix_term_does_not_split_it(terms):
    # "Housing" is a term and a prefix of "Housing First": the longer one is marked.
    assert links(explain("Housing First works.")) == ["housing-first"]
    assert links(explain("Housing is scarce; Housing First helps.")) == ["housing", "housing-first"]


def test_aliases_and_hyphenated_acronyms(terms):
    assert links(explain("Her VI-SPDAT score")) == ["vi-spdat"]
    html = str(explain("Her VISPDAT score"))
    assert 'title="Vulnerability Index – Service Prioritization Decision Assistance Tool"' in html


def test_hostile_text_stays_escaped(terms):
    html = str(explain('<script>alert("PSH")</script> & "quotes" \'single\' &amp; PSH'))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;amp;" in html
    assert "&#34;quotes&#34;" in html or "&quot;quotes&quot;" in html
    assert links(html) == ["psh"]
    # A term inside a would-be attribute is still just text.
    html = str(explain('" onmouseover="PSH" x="'))
    assert 'onmouseover="' not in html.replace("&#34;", "")


def test_terms_inside_web_and_email_addresses_are_left_alone(terms):
    html = str(explain("See https://x.org/PSH and www.hmis.org/HMIS or psh@HMIS.org, then HMIS."))
    assert "https://x.org/PSH" in html
    assert "psh@HMIS.org" in html
    assert links(html) == ["hmis"]
    assert html.index('href="/glossary/hmis"') > html.index("psh@HMIS.org")


def test_a_term_page_does_not_link_a_term_to_itself(terms):
    assert links(explain("PSH and RRH", skip="psh")) == ["rrh"]


def test_already_safe_markup_and_none_pass_through(terms):
    assert explain(None) == Markup("")
    assert explain(Markup("<b>PSH</b>")) == Markup("<b>PSH</b>")
    assert explain(42) == Markup("42")


def test_outside_an_app_context_it_only_escapes():
    assert explain("<b>PSH</b>") == Markup("&lt;b&gt;PSH&lt;/b&gt;")


def test_without_a_glossary_table_it_only_escapes(app):
    db.session.execute(db.text("DROP TABLE glossary_suggestion"))
    db.session.execute(db.text("DROP TABLE glossary_revision"))
    db.session.execute(db.text("DROP TABLE glossary_sector_meaning"))
    db.session.execute(db.text("DROP TABLE glossary_term"))
    db.session.commit()
    assert explain("<i>PSH</i>") == Markup("&lt;i&gt;PSH&lt;/i&gt;")


def test_a_new_or_edited_term_is_used_at_once(terms):
    assert links(explain("Talk to the SSVF team")) == []
    services.save_term(None, {"term": "Supportive Services for Veteran Families", "acronym": "SSVF",
                              "definition": "VA grants.", "sectors": ["homeless_response"]}, None)
    assert links(explain("Talk to the SSVF team")) == ["ssvf"]


def test_a_change_written_without_the_services_is_used_after_its_commit(terms):
    explain("PSH")
    # As a bulk load would: change the row directly; the commit gives the cache a new version.
    term = db.session.scalar(db.select(GlossaryTerm).where(GlossaryTerm.slug == "rrh"))
    db.session.execute(db.update(GlossaryTerm).where(GlossaryTerm.id == term.id).values(
        acronym="RRHX"))
    db.session.commit()
    assert links(explain("RRHX now")) == ["rrh"]


def test_fast_with_a_thousand_terms(app):
    rows = [GlossaryTerm(slug=f"term-{n}", term=f"Program number {n}", acronym=f"PN{n}",
                         definition="A bulk term.", sectors="housing", aliases=f"progam {n}")
            for n in range(1000)]
    db.session.add_all(rows)
    db.session.commit()
    text = ("The PN17 team and Program number 512 work with PN999 on housing. " * 30)
    with app.test_request_context("/"):  # a page: the index is fetched once per request
        explain(text)
        per_call = 1.0
        for _ in range(3):  # best of three: the test machine is shared
            started = time.perf_counter()
            for _ in range(10):
                html = explain(text)
            per_call = min(per_call, (time.perf_counter() - started) / 10)
    assert links(html) == ["term-17", "term-512", "term-999"]
    assert per_call < 0.02, f"explain took {per_call * 1000:.1f} ms"


def test_service_and_organization_pages_explain_their_text(login_as, factory, terms):
    from hh.resources.models import Service

    org = factory.organization(name="Harbor House")
    org.description = "We run PSH <b>and</b> RRH."
    service = Service(organization=org, name="Harbor PSH", description="Apartments with PSH support.",
                      eligibility_description="Chronic, on the HMIS list.",
                      application_process="Call coordinated entry.")
    db.session.add(service)
    db.session.commit()
    client = login_as("viewer")
    page = client.get(f"/resources/services/{service.id}").get_data(as_text=True)
    assert '<abbr title="Permanent supportive housing">PSH</abbr>' in page
    assert '<abbr title="Homeless Management Information System">HMIS</abbr>' in page
    page = client.get(f"/directory/organizations/{org.id}").get_data(as_text=True)
    assert '<abbr title="Rapid re-housing">RRH</abbr>' in page
    assert "&lt;b&gt;and&lt;/b&gt;" in page
