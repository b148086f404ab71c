"""The starter glossary (starter.csv, in the glossary's own CSV format): 206 real terms with
sources; `hh init` adds them and later updates untouched ones only."""
import csv

from click.testing import CliRunner
from sqlalchemy import func, select

from hh.extensions import db
from hh.glossary import csv_io, services
from hh.glossary.models import GLOSSARY_SECTORS, GlossaryTerm

STARTER_COUNT = 206
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


def starter_rows(path=None):
    problems = []
    rows = list(csv_io.read_rows((path or csv_io.STARTER_CSV).read_text(encoding="utf-8"), problems))
    assert problems == []
    return [(slug, raw) for _, slug, raw in rows]


def test_the_issue_terms_come_first_and_each_has_a_source():
    terms = starter_rows()
    slugs = [slug for slug, _ in terms]
    assert len(terms) == STARTER_COUNT and len(set(slugs)) == len(slugs)
    assert slugs[:len(ISSUE_TERMS)] == ISSUE_TERMS
    for slug in SECTOR_WORDS:
        assert slugs.index(slug) < 60
        assert len([m for m in dict(terms)[slug]["meanings"].values() if m]) >= 2, slug
    for slug, fields in terms:
        assert fields["definition"] and fields["sectors"] and fields["example"], slug
        assert fields["source_note"], slug
        for related in fields["related"].split("; "):
            assert not related or related in slugs, (slug, related)


def test_every_starter_term_passes_the_same_checks_as_typed_ones(app):
    for slug, fields in starter_rows():
        assert set(services.check_term(fields, strict_related=False).sectors) <= set(GLOSSARY_SECTORS)


def run_init(app):
    result = CliRunner().invoke(app.cli, ["hh", "init"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def by_slug():
    return {t.slug: t for t in db.session.scalars(select(GlossaryTerm))}


def test_init_loads_the_same_terms_and_text_as_the_former_starter_file(app):
    assert f"Glossary: {STARTER_COUNT} starter terms added" in run_init(app)
    terms = by_slug()
    assert len(terms) == STARTER_COUNT
    coc, housing, dsa = terms["coc"], terms["housing"], terms["mou-data-sharing"]
    assert (coc.term, coc.acronym, coc.sectors) == ("Continuum of Care", "CoC",
                                                    "homeless_response funding_policy")
    assert coc.related == "hmis coordinated-entry esg hud" and coc.aliases == "continuum; CoCs"
    assert coc.source_note == ("HUD, Continuum of Care Program (24 CFR part 578) and HUD Exchange "
                               "program pages")
    assert coc.source_url == "https://www.hudexchange.info/programs/coc/"
    assert coc.meaning_for("funding_policy").startswith("Also the name of HUD's yearly competitive")
    assert housing.sectors == "housing homeless_response health_care"
    assert housing.meaning_for("health_care") == ('Health-care forms may count any address, '
                                                  'including a shelter, as "housed".')
    assert (dsa.term, dsa.acronym, dsa.aliases) == ("Data-sharing agreement", "DSA",
                                                    "data sharing agreement; DUA; data use agreement")
    assert terms["vi-spdat"].source_note.endswith("; OrgCode Consulting and Community Solutions "
                                                  "published the tool")
    assert {t.origin for t in terms.values()} == {"starter"}


def reworded_copy(tmp_path, slugs, definition):
    """A new release of the starter glossary that rewords some terms."""
    with csv_io.STARTER_CSV.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    for row in rows:
        if row["slug"] in slugs:
            row["definition"] = definition
    path = tmp_path / "starter.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=csv_io.CSV_HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_init_loads_the_starter_and_a_rerun_never_overwrites_local_edits(app, factory, monkeypatch,
                                                                         tmp_path):
    run_init(app)
    assert db.session.scalar(select(func.count(GlossaryTerm.id))) == STARTER_COUNT
    assert "0 starter terms added, 0 updated, 0 left as edited here" in run_init(app)

    # A coordinator edits PSH; nobody touches RRH.
    coordinator = factory.user("coordinator")
    psh = by_slug()["psh"]
    services.save_term(psh, {"term": psh.term, "acronym": psh.acronym, "definition": "Our own wording.",
                             "sectors": psh.sectors.split(), "aliases": psh.aliases}, coordinator)

    monkeypatch.setattr(csv_io, "STARTER_CSV", reworded_copy(tmp_path, {"psh", "rrh"},
                                                             "New starter wording."))
    output = run_init(app)
    assert "0 starter terms added, 1 updated, 1 left as edited here" in output
    db.session.expire_all()
    terms = by_slug()
    assert terms["psh"].definition == "Our own wording."
    assert terms["psh"].updated_by_id == coordinator.id
    assert terms["rrh"].definition == "New starter wording."
    assert "Changed definition (from the starter glossary)" in terms["rrh"].revisions[0].summary
    # And a third run with nothing new changes nothing.
    assert "0 starter terms added, 0 updated, 1 left as edited here" in run_init(app)


# The words a hospital discharge planner and a health plan use, each with the form it is written in.
DISCHARGE_VOCABULARY = {
    "SNF": "snf", "MCO": "mcp", "recuperative care": "medical-respite", "medical respite": "medical-respite",
    "LTACH": "ltach", "LTAC": "ltach", "IRF": "irf", "home health": "home-health", "DME": "dme",
    "prior authorization": "prior-authorization", "care coordination": "care-coordination",
    "care management": "care-management", "Medicaid waiver": "1115-waiver", "1115 waiver": "1115-waiver",
    "CHW": "community-health-worker", "ED": "ed", "emergency department": "ed",
    "observation status": "observation-status", "AMA": "ama", "discharge planner": "discharge-planner",
    "Medicare": "medicare", "dual eligible": "dual-eligible", "FQHC": "fqhc", "health home": "health-home",
    "HIPAA": "hipaa", "42 CFR Part 2": "consent-42-cfr-part-2", "PCP": "primary-care", "SSI": "ssi",
    "SSDI": "ssdi", "skilled nursing facility": "snf", "managed care organization": "mcp",
    "post-acute care": "post-acute-care",
}


def test_the_discharge_and_health_plan_vocabulary_is_there_and_marked_where_it_is_written(app):
    from hh.glossary.explain import explain, short_meaning

    run_init(app)
    terms = by_slug()
    for words, slug in DISCHARGE_VOCABULARY.items():
        entry = terms[slug]
        assert entry.sector_codes, slug
        assert short_meaning(entry.definition) and entry.source_note, slug
        with app.test_request_context("/"):  # each on a page of its own
            html = str(explain(f"Notes: {words} was discussed."))
        assert f'href="#term-{slug}"' in html, words
    snf = short_meaning(terms["snf"].definition)
    assert snf.startswith("A nursing home licensed to give nursing care and therapy around the clock")
    assert "three days admitted to hospital" in terms["snf"].definition
