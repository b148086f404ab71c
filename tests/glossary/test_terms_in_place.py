"""Terms explained in place on the pages a partner reads most (the demo's By-Name List, a
household, a case conference's agenda, work-the-list and minutes, a referral and a discharge
hand-off): each marked term carries its meaning, not its name, and "Terms on this page" lists it
once with that meaning and a link to the glossary."""
from collections import Counter

from sqlalchemy import select
from support import soup

from hh.conferences.models import CaseConference, Household
from hh.extensions import db
from hh.glossary import services as glossary
from hh.glossary.models import GlossaryTerm
from hh.referrals.models import Referral


def terms_explained(html: str) -> dict[str, dict]:
    """Check what every page with marked terms must hold, and return slug → what the page says
    of it (the words marked, the popover, the listed meaning)."""
    page = soup(html)
    ids = Counter(element["id"] for element in page.select("[id]"))
    section = page.select_one('section[aria-labelledby="terms-on-page-heading"]')
    assert section is not None and section.h2.get_text(strip=True) == "Terms on this page"
    listed = {}
    for dt in section.select("dt"):
        slug = dt["id"].removeprefix("term-")
        meaning = section.select_one(f"dd#term-{slug}-meaning")
        assert meaning is not None and meaning.get_text(strip=True), slug
        assert dt.a["href"] == f"/glossary/{slug}"
        assert meaning.get_text(strip=True) not in dt.get_text(strip=True)  # a meaning, not a name
        listed[slug] = {"heading": dt.get_text(strip=True), "meaning": meaning.get_text(strip=True)}
    assert listed, "no term listed"
    duplicated = [i for i, n in ids.items() if n > 1 and (i.startswith("term") or i in listed)]
    assert duplicated == []
    for link in page.select("main a.term"):
        slug = link["href"].removeprefix("#term-")
        assert slug in listed, slug  # every marked term is in the list
        assert link["aria-describedby"] == f"term-{slug} term-{slug}-meaning"
        popover = link.find_parent(class_="term-tip")["data-meaning"]
        assert listed[slug]["meaning"] in popover  # the meaning, not only the name
        assert popover.strip() != link.get_text(strip=True)
        listed[slug].setdefault("words", []).append(link.get_text(strip=True))
        listed[slug]["popover"] = popover
    for seen in page.select("main .term-seen"):
        assert any(t["meaning"] in seen["title"] for t in listed.values()), seen
    return listed


def test_the_by_name_list_explains_its_terms_once_each(demo, login_as):
    coordinator = login_as("coordinator")
    html = coordinator.get("/conferences/").get_data(as_text=True)
    listed = terms_explained(html)
    assert {"hmis", "vi-spdat", "chronic-homelessness", "navigator"} <= set(listed)
    assert listed["vi-spdat"]["words"] == ["VI-SPDAT"]  # one link, however many rows show it
    assert listed["vi-spdat"]["popover"].startswith(
        "Vulnerability Index – Service Prioritization Decision Assistance Tool: A short survey")
    rows = soup(html).select("table.bnl tbody tr")
    later = soup(html).select("table.bnl .term-seen")
    assert len(rows) > 10 and len(later) == len(rows) - 1
    assert all(s["title"] == listed["vi-spdat"]["popover"] for s in later)

    # Marked on every visit (not once when the template is compiled), with the glossary's
    # current meaning.
    hmis = db.session.scalar(select(GlossaryTerm).where(GlossaryTerm.slug == "hmis"))
    glossary.save_term(hmis, {"term": hmis.term, "acronym": "HMIS", "sectors": hmis.sectors.split(),
                              "definition": "Our shared client database. It is run by the CoC."}, None)
    listed = terms_explained(coordinator.get("/conferences/").get_data(as_text=True))
    assert listed["hmis"]["meaning"] == "Our shared client database."


def test_household_and_conference_pages_explain_their_terms(demo, login_as):
    coordinator = login_as("coordinator")
    household = db.session.scalar(select(Household).where(Household.score_tool == "VI-SPDAT")
                                  .order_by(Household.id))
    listed = terms_explained(coordinator.get(f"/conferences/households/{household.id}")
                             .get_data(as_text=True))
    assert {"hmis", "vi-spdat", "chronic-homelessness", "navigator", "roi", "prioritization"} <= set(listed)
    assert listed["roi"]["heading"] == "Release of information (ROI)"

    conference = db.session.scalar(select(CaseConference).order_by(CaseConference.id))
    base = f"/conferences/meetings/{conference.id}"
    conference.group_agreements = "We name a PSH or RRH option for every household."
    db.session.commit()
    assert {"psh", "rrh"} <= set(terms_explained(coordinator.get(base).get_data(as_text=True)))
    work_html = coordinator.get(base + "/work").get_data(as_text=True)
    work = terms_explained(work_html)
    assert {"by-name-list", "psh", "rrh", "hmis"} <= set(work)
    # Every household shows its HMIS ID; the first links to the meaning, the others say it
    # on hover (a link per household would be a row of identical tab stops).
    facts = soup(work_html).select(".entry-facts")
    assert len(facts) >= 2 and all("HMIS ID" in f.get_text() for f in facts)
    assert work["hmis"]["words"] == ["HMIS"]
    assert len([f for f in facts if f.select(".term-seen")]) == len(facts) - 1
    minutes = terms_explained(coordinator.get(base + "/minutes").get_data(as_text=True))
    assert {"hmis", "system-barrier"} <= set(minutes)


def test_referral_and_discharge_pages_explain_the_hospital_and_health_plan_words(demo, login_as):
    coordinator = login_as("coordinator")
    hand_off = db.session.scalar(select(Referral).where(Referral.kind == "discharge").order_by(Referral.id))
    hand_off.notes = ("Medically ready. The SNF declined; the MCO approved home health and the DME "
                      "after prior authorization. He spent a night in observation status.")
    hand_off.discharging_facility = "Cedar Valley Regional Hospital ED"
    hand_off.receiving_program = "medical_respite"
    db.session.commit()
    listed = terms_explained(coordinator.get(f"/referrals/{hand_off.id}").get_data(as_text=True))
    assert {"snf", "mcp", "home-health", "dme", "prior-authorization", "observation-status", "ed",
            "medical-respite", "warm-hand-off", "discharge", "roi"} <= set(listed)
    assert listed["snf"]["heading"] == "Skilled nursing facility (SNF)"
    assert listed["snf"]["popover"].startswith("Skilled nursing facility: A nursing home licensed")
    assert listed["mcp"]["popover"].startswith("Managed-care plan: A health plan")

    page = coordinator.get(f"/referrals/new?household={hand_off.household_id}" if hand_off.household_id
                           else "/referrals/new").get_data(as_text=True)
    assert "by-name-list" in terms_explained(page)
