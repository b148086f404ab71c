"""Phone first: at 360 px wide, no page the access matrix lists is wider than the screen, for
every role with JavaScript on and for the admin with it off too (see SWEEPS); the header is
compact; wide tables scroll inside a focusable box with a hint instead of widening the page; axe
passes on a few phone pages.

URL parameters are filled with real demo records (the provider's own household, organization,
referral ... so the provider sees the full page, not a refusal)."""
from __future__ import annotations

import pytest
from browsing import check_accessibility, settle, sign_in, visit
from playwright.sync_api import expect
from sqlalchemy import or_, select
from test_access_matrix import MATRIX, ROLE_NAMES

from hh.extensions import db
from hh.web import PUBLIC

PHONE = {"width": 360, "height": 740}
NOT_PAGES = (".csv", ".zip")  # downloads, not pages

# What sticks out furthest past the right edge, for the failure message: an element the page
# itself must scroll to (not one inside a box that scrolls on its own, unless positioned out of it).
WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  const contained = el => {
    if (getComputedStyle(el).position === 'absolute') return false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  let worst = null, right = limit;
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > right + 0.5 && !contained(el)) { right = box.right; worst = el; }
  }
  if (!worst) return 'no single element found';
  const classes = typeof worst.className === 'string' ? worst.className.trim().split(/\\s+/) : [];
  const name = [worst.tagName.toLowerCase() + (worst.id ? '#' + worst.id : ''), ...classes]
    .filter(Boolean).join('.');
  const words = (worst.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
  return `widest: ${name} ends at ${Math.round(right)} px: "${words}"`;
}"""


def demo_ids(app) -> dict:
    """Real demo records for the matrix's URL templates, chosen where the demo provider works."""
    from hh.auth.models import User
    from hh.conferences.models import CaseConference, ConferenceEntry, Household
    from hh.directory.models import Contact, County, Organization, Region
    from hh.glossary.models import GlossarySuggestion, GlossaryTerm
    from hh.needs.models import Need
    from hh.plans.models import ActionItem, ActionPlan, Measure, PdsaCycle
    from hh.referrals.models import Referral
    from hh.resources.models import Service, TaxonomyTerm
    from hh.roleguide.models import AssessmentShare, Competency, Responsibility

    def first(query):
        return db.session.scalar(query.limit(1))

    with app.app_context():
        provider = first(select(User).where(User.email == "provider@demo.crosswalk.example"))
        viewer = first(select(User.id).where(User.email == "viewer@demo.crosswalk.example"))
        org, region = provider.organization_id, provider.region_id
        conference = first(select(CaseConference.id).where(CaseConference.region_id == region)
                           .order_by(CaseConference.held_at.desc()))
        entry = first(select(ConferenceEntry).where(ConferenceEntry.conference_id == conference))
        household = entry.household_id if entry else first(
            select(Household.id).where(Household.region_id == region))
        item = first(select(ActionItem).where(ActionItem.owner_id == provider.id)) \
            or first(select(ActionItem))
        need = first(select(Need).where(Need.created_by_id == provider.id)) or first(select(Need))
        service = first(select(Service.id).where(Service.organization_id == org)) \
            or first(select(Service.id))
        referral = first(select(Referral.id).where(or_(Referral.sender_organization_id == org,
                                                       Referral.receiving_organization_id == org)))
        share = first(select(AssessmentShare)) or AssessmentShare(id=0, owner_id=viewer)
        ids = {
            "target": viewer, "admin_region": region,
            "admin_county": first(select(County.id).where(County.region_id == region)),
            "household": household, "conference": conference, "entry": entry.id if entry else 0,
            "org": org, "service_org": org,
            "contact": first(select(Contact.id).where(Contact.organization_id == org))
            or first(select(Contact.id)),
            "glossary_slug": first(select(GlossaryTerm.slug).order_by(GlossaryTerm.id)),
            "glossary_suggestion": first(select(GlossarySuggestion.id)) or 0,
            "need": need.id, "need_county": need.county_id or first(select(County.id)),
            "need_category": need.category_id or first(select(TaxonomyTerm.id)),
            "plan": item.plan_id,
            "measure": first(select(Measure.id).where(Measure.plan_id == item.plan_id))
            or first(select(Measure.id)),
            "item": item.id,
            "cycle": first(select(PdsaCycle.id)) or 0,
            "service": service, "referral": referral,
            "rg_responsibility": first(select(Responsibility.id)),
            "rg_competency": first(select(Competency.id)),
            "rg_share": share.id, "rg_owner": share.owner_id,
        }
        assert first(select(ActionPlan.id)) and first(select(Organization.id)) and first(select(Region.id))
    return ids


def pages_for(role: str, ids: dict) -> list[str]:
    """Every GET page of the route × role matrix this role may open."""
    urls = []
    for endpoint, (method, template, allowed, *_) in MATRIX.items():
        if method != "GET" or endpoint == "static" or template.split("?")[0].endswith(NOT_PAGES):
            continue
        if role in allowed or PUBLIC in allowed:
            urls.append(template.format(**ids))
    return urls


@pytest.fixture(scope="module")
def ids(live_server):
    return demo_ids(live_server.app)


@pytest.fixture(params=[True, False], ids=["js", "nojs"])
def phone(request, browser, live_server):
    """A phone-sized context per test (the role's pages reuse its one page)."""
    context = browser.new_context(java_script_enabled=request.param, base_url=live_server.url,
                                  viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.js = request.param
    yield page
    context.close()


def too_wide(page, url: str) -> str | None:
    """Why the page at url is wider than the phone, or None when it fits (or is no page)."""
    response = page.goto(url)
    if "text/html" not in response.headers.get("content-type", ""):
        return None  # /healthz and the like: not pages
    settle(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= PHONE["width"]:
        return None
    return f"{url}: {width} px wide; {page.evaluate(WIDEST)}"


# With JavaScript for every role; without it for the admin, who may open every page the others
# may (and more). The server sends the same HTML whether scripts run or not, so each role's markup
# is measured by its JavaScript sweep; what differs without JavaScript is only what the scripts
# would change, and they are the same for every role: one sweep without them shows it (and saves
# nearly half of the sweeps' time).
SWEEPS = [pytest.param(True, role, id=f"js-{role}") for role in ROLE_NAMES] + [
    pytest.param(False, "admin", id="nojs-admin")]


@pytest.mark.parametrize(("phone", "role"), SWEEPS, indirect=["phone"])
def test_no_page_is_wider_than_a_phone(phone, ids, role):
    signed_out = role == "viewer" or not phone.js
    problems = [too_wide(phone, "/auth/login")] if signed_out else []
    sign_in(phone, role)
    problems += [too_wide(phone, url) for url in pages_for(role, ids)]
    problems = [p for p in problems if p]
    assert not problems, f"{role}: pages wider than {PHONE['width']} px:\n" + "\n".join(problems)


def test_the_header_is_compact_and_its_menu_works_without_javascript(phone):
    sign_in(phone, "coordinator")
    main_top = phone.locator("main").bounding_box()["y"]
    assert main_top < 150, f"header and notices take {main_top:.0f} px before the content"
    expect(phone.locator("#session-note")).to_contain_text("Signed out after 30 idle minutes.")
    plans = phone.get_by_role("navigation", name="Main").get_by_role("link", name="Action plans")
    expect(plans).to_be_hidden()
    phone.locator(".menu > summary").click()
    expect(plans).to_be_visible()
    plans.click()
    settle(phone)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Action plans")
    check_accessibility(phone)
    phone.set_viewport_size({"width": 1280, "height": 800})  # a desk: the links, no menu button
    expect(phone.locator(".menu > summary")).to_be_hidden()
    expect(phone.get_by_role("navigation", name="Main").get_by_role("link", name="Referrals")).to_be_visible()


def test_a_wide_table_scrolls_in_its_own_box_with_a_hint(phone):
    sign_in(phone, "coordinator")
    visit(phone, "/plans/")
    box = phone.get_by_role("region", name="Action plans")
    expect(box).to_have_attribute("tabindex", "0")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the table fits: pick a wider one"
    hint = "el => getComputedStyle(el, '::before')"
    assert box.evaluate(hint + ".display") == "block"
    assert "Scroll sideways to see all columns" in box.evaluate(hint + ".content")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.set_viewport_size({"width": 1280, "height": 800})  # room for every column: no hint
    expect(box).to_be_visible()
    assert box.evaluate(hint + ".display") == "none"


def test_stacked_rows_label_each_value(phone, ids):
    sign_in(phone, "provider")
    visit(phone, "/plans/my-items")
    cell = phone.locator('table.items td[data-label="Due"]').first
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
    assert cell.evaluate("el => getComputedStyle(el, '::before').content") == '"Due"'


PHONE_PAGES = ("/plans/{plan}", "/conferences/meetings/{conference}", "/directory/organizations/{org}",
               "/needs/gaps", "/admin/users/{target}")


def test_phone_pages_pass_axe(phone, ids):
    sign_in(phone, "admin")
    for path in PHONE_PAGES:
        visit(phone, path.format(**ids))
