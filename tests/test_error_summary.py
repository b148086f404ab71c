"""Every form, submitted with bad input, answers the GOV.UK way: a 4xx, an error summary at the
top (role="alert", "There is a problem", each message a link to its field), "Error: " at the start
of the title, and the messages still next to their fields. The same for an htmx submit: the
fragment carries the summary out-of-band into its place at the top of the page.

The forms are found from the URL map (every route that takes a POST), so a new form is walked
without anyone remembering to add it; a route where an empty submit is fine must say why below.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from support import soup, text
from test_access_matrix import MATRIX, object_ids

# Routes a blank submit cannot get wrong, and why.
BUTTONS = "a button with nothing to type; it acts or refuses with a flashed message"
EXCUSED = {
    "auth.logout": BUTTONS,
    "auth.invite": "needs a live invitation token; tests/auth covers its form's messages",
    "admin.activate_user": BUTTONS,
    "admin.deactivate_user": BUTTONS,
    "admin.reinvite_user": BUTTONS,
    "conferences.agenda_move": BUTTONS,
    "conferences.agenda_remove": BUTTONS,
    "conferences.barrier_need": BUTTONS + " (region and barrier ride as hidden values)",
    "conferences.plan_next": BUTTONS,
    "conferences.reactivate": BUTTONS,
    "conferences.set_priority": "every field may be empty: an empty submit clears the override",
    "conferences.save_summary": "an empty summary is allowed (it clears the text)",
    "conferences.import_options": "needs a pending upload; tests/conferences/test_import covers it",
    "conferences.import_confirm": BUTTONS + " (needs a pending upload)",
    "conferences.import_cancel": BUTTONS,
    "directory.deactivate_organization": BUTTONS,
    "directory.verify_organization": BUTTONS,
    "directory.delete_contact": BUTTONS,
    "referrals.save_checklist": "every checklist item is optional; blank means not done yet",
    "resources.import_confirm": BUTTONS + " (needs a pending upload)",
    "resources.import_cancel": BUTTONS,
    "resources.deactivate_service": BUTTONS,
    "resources.verify_service": BUTTONS,
    "roleguide.stop_sharing": BUTTONS,
    "notifications.mark_read": BUTTONS + " (another person's notice is refused, 403)",
    "notifications.mark_all_read": BUTTONS,
    "notifications.retry": BUTTONS,
    "resources.add_to_list": BUTTONS + " (the service id rides in the URL)",
    "resources.remove_from_list": BUTTONS,
    "resources.move_in_list": BUTTONS,
    "resources.clear_list": BUTTONS,
}

# Where blank fields are not the bad input (all optional), what is.
BAD_INPUT = {
    "conferences.save_entry": lambda ids: {f"e{ids['entry']}-target_on": "not a date"},
    "conferences.work": lambda ids: {f"e{ids['entry']}-target_on": "not a date"},
    "resources.update_availability": lambda ids: {f"unit_{_first_unit(ids['service'])}": "many"},
    "resources.availability": lambda ids: {f"unit_{_first_unit(ids['service'])}": "many"},
    # The item tables' "Save all" (the page's own URL): a row's status that is no status.
    "plans.plan": lambda ids: {f"i{ids['item']}-status": "exploded"},
    "plans.my_items": lambda ids: {f"i{ids['item']}-status": "exploded"},
    "plans.all_items": lambda ids: {f"i{ids['item']}-status": "exploded"},
}


def _first_unit(service_id: int) -> int:
    from hh.extensions import db
    from hh.resources.models import CapacityUnit

    return db.session.scalar(db.select(CapacityUnit.id).filter_by(service_id=service_id))


def post_endpoints(app) -> list[str]:
    return sorted({rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods})


def blank_fields(client, url: str) -> dict[str, str]:
    """Every field of the page's forms that post to `url`, left empty (as a person who typed
    nothing); a form's hidden values are kept."""
    page = soup(client.get(url))
    data: dict[str, str] = {}
    for form in page.select("form[method=post]"):
        if urlsplit(form.get("action") or url).path != urlsplit(url).path:
            continue
        for control in form.select("input[name], select[name], textarea[name]"):
            kind = control.get("type")
            if kind in ("submit", "button"):
                continue
            data[control["name"]] = control.get("value", "") if kind == "hidden" else ""
    return data


def summary_problems(page, full_page: bool) -> list[str]:
    """What is wrong with how a refused form says so ([] when all is well)."""
    parsed = soup(page)
    summary = parsed.select_one("#error-summary .error-summary[role=alert]")
    if summary is None:
        return ["no error summary"]
    problems = []
    if "There is a problem" not in text(str(summary)):
        problems.append("summary without its heading")
    if full_page and not parsed.title.get_text().startswith("Error: "):
        problems.append(f"title {parsed.title.get_text()!r}")
    summary_links = {a["href"][1:]: " ".join(a.get_text().split()) for a in summary.select("a")}
    summary_texts = {" ".join(li.get_text().split()) for li in summary.select("li")}
    for target in summary_links:
        if parsed.find(id=target) is None:
            problems.append(f"summary links to #{target}, which is not on the page")
    for message in parsed.select("p.error"):
        words = " ".join(message.get_text().split())
        if not any(part in summary_texts for part in (words, *words.split(". "))) \
                and not any(t in words for t in summary_texts):
            problems.append(f"message next to a field not in the summary: {words!r}")
    return problems


def _fragment_with_form(page, url: str) -> bool:
    """Is this an htmx fragment (no <title>) holding a form or button that posts to `url`?
    (Routes whose forms htmx never sends answer other fragments, which are not checked.)"""
    parsed = soup(page)
    return parsed.title is None and any(
        urlsplit(form.get("hx-post") or form.get("action") or "").path == urlsplit(url).path
        for form in parsed.select("form[method=post], [hx-post]"))


def test_every_form_route_is_walked_or_excused(app):
    endpoints = set(post_endpoints(app))
    assert not set(EXCUSED) - endpoints, "excused routes that no longer exist"
    assert not set(BAD_INPUT) & set(EXCUSED)


def _url(endpoint: str, ids: dict, target) -> str:
    return MATRIX[endpoint][1].format(target=target.id, **ids)


def _role(endpoint: str) -> str:
    roles = MATRIX[endpoint][2]
    return "admin" if "admin" in roles else sorted(roles)[0]


def _bad_input(client, endpoint: str, url: str, ids: dict, app) -> dict:
    if endpoint in BAD_INPUT:
        return BAD_INPUT[endpoint](ids)
    methods = next(r.methods for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    return (blank_fields(client, url) if "GET" in methods else {}) or {"nothing": ""}


def test_every_form_answers_bad_input_with_an_error_summary(app, factory, login_as):
    ids = object_ids(factory)
    target = factory.user("viewer")
    problems, swapped_in_place = [], set()
    for endpoint in post_endpoints(app):
        if endpoint in EXCUSED:
            continue
        url = _url(endpoint, ids, target)
        client = login_as(_role(endpoint))
        data = _bad_input(client, endpoint, url, ids, app)
        page = client.post(url, data=data)
        if not 400 <= page.status_code < 500 or page.status_code in (401, 403, 404, 405):
            problems.append(f"{endpoint}: {page.status_code} for bad input")
            continue
        problems += [f"{endpoint}: {p}" for p in summary_problems(page, full_page=True)]
        # With htmx: the fragment with the form brings its summary along out-of-band.
        swapped = client.post(url, data=data, headers={"HX-Request": "true"})
        if _fragment_with_form(swapped, url):
            swapped_in_place.add(endpoint)
            problems += [f"{endpoint} (htmx): {p}" for p in summary_problems(swapped, False)]
            if soup(swapped).select_one("#error-summary[hx-swap-oob]") is None:
                problems.append(f"{endpoint} (htmx): the summary is not swapped out-of-band")
    assert not problems, "\n".join(problems)
    # The forms htmx swaps in place were among those walked.
    assert {"conferences.save_entry", "plans.item_status", "needs.set_status",
            "resources.update_availability"} <= swapped_in_place


@pytest.mark.parametrize("swap", [False, True])
def test_a_form_that_saves_clears_the_summary(app, login_as, swap):
    """A submit that works answers without a summary (htmx: an empty one, out-of-band, so the
    message from the try before goes away)."""
    client = login_as("coordinator")
    headers = {"HX-Request": "true"} if swap else {}
    refused = client.post("/admin/regions/new", data={"name": ""}, headers=headers)
    assert refused.status_code == 403  # coordinators may not; an admin may
    admin = login_as("admin")
    refused = admin.post("/admin/regions/new", data={"name": ""}, headers=headers)
    assert refused.status_code == 422
    assert text(refused, "#error-summary") == "There is a problem Enter the region's name."
    assert soup(refused).select_one("#error-summary a")["href"] == "#name"
    done = admin.post("/admin/regions/new", data={"name": "Lakes"}, headers=headers)
    assert done.status_code == 303
    page = admin.get("/admin/regions")
    assert not soup(page).select(".error-summary")
    assert not soup(page).title.get_text().startswith("Error")


def test_the_summary_macro_also_lists_the_forms_it_is_given(app):
    """error_summary(form) or error_summary([forms]): for a page that shows messages its own way."""
    from flask import render_template_string
    from flask_wtf import FlaskForm
    from wtforms import RadioField, StringField
    from wtforms.validators import InputRequired

    from hh.forms import choices

    class Thing(FlaskForm):
        name = StringField("Name", validators=[InputRequired("Enter a name.")])
        kind = RadioField("Kind", choices=choices([("a", "A")]),
                          validators=[InputRequired("Choose one.")])

    with app.test_request_context(method="POST", data={}):
        one, two = Thing(prefix="one", meta={"csrf": False}), Thing(meta={"csrf": False})
        one.validate(), two.validate()
        one.form_errors.append("Something about the whole form.")
        html = render_template_string('{% from "macros/forms.html" import error_summary %}'
                                      "{{ error_summary([one, two]) }}", one=one, two=two)
    assert [(a["href"], a.get_text()) for a in soup(html).select("a")] == [
        ("#one-name", "Enter a name."), ("#one-kind-0", "Choose one."),
        ("#name", "Enter a name."), ("#kind-0", "Choose one.")]
    assert "Something about the whole form." in text(html, "li")
