"""The starter glossary: 150+ real terms with sources; `hh init` updates untouched ones only."""
from click.testing import CliRunner
from sqlalchemy import func, select

from hh.extensions import db
from hh.glossary import services, starter
from hh.glossary.models import GLOSSARY_SECTORS, GlossaryTerm

ISSUE_TERMS = ["coc", "hmis", "by-name-list", "coordinated-entry", "vi-spdat", "psh", "rrh",
               "diversion", "progressive-engagement", "housing-first", "chronic-homelessness",
               "pleh", "roi", "mou", "cie", "ecm", "community-supports", "calaim", "medicaid",
               "medi-cal", "mcp", "fqhc", "mat", "harm-reduction", "medical-respite",
               "street-medicine", "lihtc", "ehv", "hcv", "pha", "vash", "ssvf", "esg",
               "victim-service-provider", "case-conferencing", "anchor-agency", "takedown-target",
               "built-for-zero", "collective-impact", "pdsa", "smart-goal", "integrator",
               "navigator", "community-health-worker", "warm-hand-off", "discharge-planning",
               "length-of-time-homeless"]
SECTOR_WORDS = ["case-management", "assessment", "respite", "discharge", "chronic", "housing"]


def test_at_least_150_terms_with_the_issue_terms_first_and_a_source_each():
    terms = starter.starter_terms()
    slugs = [slug for slug, _ in terms]
    assert len(terms) >= 150 and len(set(slugs)) == len(slugs)
    assert slugs[:len(ISSUE_TERMS)] == ISSUE_TERMS
    for slug in SECTOR_WORDS:
        assert slugs.index(slug) < 60
        assert len(dict(terms)[slug]["meanings"]) >= 2, slug  # differs by sector
    for slug, fields in terms:
        assert fields["definition"] and fields["sectors"] and fields["example"], slug
        assert fields["source_note"], slug
        assert set(fields["sectors"]) <= set(GLOSSARY_SECTORS), slug
        for related in fields["related"].split("; "):
            assert not related or related in slugs, (slug, related)


def test_every_starter_term_passes_the_same_checks_as_typed_ones(app):
    for slug, fields in starter.starter_terms():
        services.check_term(fields, strict_related=False)


def run_init(app):
    result = CliRunner().invoke(app.cli, ["hh", "init"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_init_loads_the_starter_and_a_rerun_never_overwrites_local_edits(app, factory, monkeypatch):
    output = run_init(app)
    count = len(starter.starter_terms())
    assert f"Glossary: {count} starter terms added" in output
    assert db.session.scalar(select(func.count(GlossaryTerm.id))) == count

    # A coordinator edits PSH; nobody touches RRH.
    coordinator = factory.user("coordinator")
    psh = db.session.scalar(select(GlossaryTerm).where(GlossaryTerm.slug == "psh"))
    services.save_term(psh, {"term": psh.term, "acronym": psh.acronym, "definition": "Our own wording.",
                             "sectors": psh.sectors.split(), "aliases": psh.aliases}, coordinator)

    # A new release of the starter glossary rewords both.
    original = starter.starter_terms

    def reworded():
        terms = original()
        for slug, fields in terms:
            if slug in ("psh", "rrh"):
                fields["definition"] = "New starter wording."
        return terms

    monkeypatch.setattr(starter, "starter_terms", reworded)
    output = run_init(app)
    assert "0 starter terms added, 1 updated, 1 left as edited here" in output
    db.session.expire_all()
    by_slug = {t.slug: t for t in db.session.scalars(select(GlossaryTerm))}
    assert by_slug["psh"].definition == "Our own wording."
    assert by_slug["psh"].updated_by_id == coordinator.id
    assert by_slug["rrh"].definition == "New starter wording."
    assert "Changed definition (from the starter glossary)" in by_slug["rrh"].revisions[0].summary
    # And a third run with nothing new changes nothing.
    assert "0 starter terms added, 0 updated, 1 left as edited here" in run_init(app)
