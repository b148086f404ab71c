"""By-Name List: thin views for the list, its export and a household's page. Who may see which
household and which field is decided in privacy.py; every page with client data is no-store, and
every view of the list or a household and every export is audited (ids and filters only). URLs
carry internal ids only, never a name or an HMIS ID."""
from __future__ import annotations

from flask import flash, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from hh.conferences import bp, history
from hh.conferences import households as bnl
from hh.conferences.forms import (
    ContactForm,
    HousedForm,
    HouseholdForm,
    InactiveForm,
    ListFilterForm,
    PauseForm,
    PriorityForm,
)
from hh.conferences.interventions import recommendations
from hh.conferences.list_rows import list_count, list_query, list_rows
from hh.conferences.models import RACE_ETHNICITY, Household
from hh.conferences.privacy import can_view, identity
from hh.directory.services import offer_organizations
from hh.extensions import db
from hh.forms import ButtonForm, as_id, choices, page_size
from hh.timeutil import local_today
from hh.web import (
    COORDINATORS,
    STAFF,
    allow,
    audit,
    audited,
    back_to_page,
    csv_response,
    form_status,
    no_store,
    paginate,
    render,
    saved,
    submit,
    visible,
)


def client_page(template: str, fragment: str | None = None, status: int = 200, **context):
    """Every page with client data: never cached (and out of htmx's history, see the template)."""
    return no_store(render(template, fragment, status=status, identity=identity, **context))


# --- The list -----------------------------------------------------------------------------------


def _filters():
    form = ListFilterForm(request.args)
    regions = bnl.region_choices(current_user)
    form.region.choices = choices([("", "all regions")] + regions)
    if not request.args.get("status"):
        form.status.data = "active"
    form.validate()
    region_id = as_id(form.region.data)
    status = form.status.data if form.status.data in ("active", "housed", "inactive") else ""
    days = form.no_contact_days.data if not form.no_contact_days.errors else None
    filters = bnl.ListFilters(
        region_id=region_id, status=status, veteran=bool(form.veteran.data),
        chronic=bool(form.chronic.data), navigator=(form.navigator.data or "")[:200],
        no_contact_days=days)
    return form, filters


def _region_detail(filters: bnl.ListFilters) -> str:
    """The audit's note on which part of the list was opened: the region filter's id only."""
    return f"region {filters.region_id}" if filters.region_id else "all regions"


@bp.route("/")
@allow(*STAFF)
def households():
    """The By-Name List, most critical first; identifying fields masked where the reader may not
    see them."""
    history.apply_scheduled_move_ins()
    form, filters = _filters()
    reader = current_user._get_current_object()
    page = paginate(list_query(filters, reader), per_page=page_size(form.per_page),
                    total=list_count(filters, reader))
    response = client_page("conferences/households.html", "conferences/_households.html",
                           form=form, page=page, rows=list_rows(page.items, reader),
                           explain_repeated=bnl.RepeatedMarks())
    return audited(response, "bnl_viewed", "household_list", detail=_region_detail(filters))


@bp.route("/households.csv")
@allow(*COORDINATORS)
def households_csv():
    """The filtered list as a spreadsheet (audited; masked as on the page)."""
    _, filters = _filters()
    listed = list(db.session.scalars(bnl.household_query(filters, current_user)
                                     .options(joinedload(Household.region))))
    audit("bnl_exported", "household_list", "",
          detail=f"{len(listed)} households, {_region_detail(filters)}")
    db.session.commit()
    rows = bnl.export_rows(listed, current_user)
    return no_store(csv_response("by-name-list.csv", bnl.EXPORT_HEADER, rows))


# --- One household --------------------------------------------------------------------------------


def _household(household_id: int) -> Household:
    """The household with what its page names, read afresh (after a commit or a rollback)."""
    return visible(bnl.household_for_page(household_id), can_view)


def _viewed(response, household: Household):
    return audited(response, "household_viewed", "household", household.id)


def _status_forms(household: Household, fresh: str = "") -> dict:
    """The status section's forms, as typed in this request (Flask-WTF reads a POST's fields),
    except `fresh`, the one just saved: shown again as stored."""
    def build(name, form_class, **values):
        return form_class(formdata=None, **values) if name == fresh else form_class(**values)

    return {"housed_form": build("housed_form", HousedForm),
            "inactive_form": build("inactive_form", InactiveForm),
            "pause_form": build("pause_form", PauseForm),
            "priority_form": build("priority_form", PriorityForm, obj=household)}


def _household_page(household: Household, status: int = 200, forms: dict | None = None):
    """`household`: as _household read it (after a commit or a rollback, read it again)."""
    entries = bnl.conference_entries(household)
    return client_page(
        "conferences/household.html", status=status, household=household, entries=entries,
        recommendations=recommendations(household.housing_need, household.service_need,
                                        household.region_id),
        **(forms or _status_forms(household)),
        history=history.history_of(household), race_labels=RACE_ETHNICITY,
        today=local_today(), button=ButtonForm())


@bp.route("/households/<int:household_id>")
@allow(*STAFF)
def household(household_id: int):
    """One household: identification, status, recommended interventions, conference history."""
    history.apply_scheduled_move_ins()
    household = _household(household_id)
    return _viewed(_household_page(household), household)


def _change_status(household_id: int, part: str, done: str, change):
    """A status change from the household's page, whose status forms are parts of one page form
    (docs/ARCHITECTURE.md, "Several forms on one page"). `part`: the form that was sent (a
    button's: ""); the others are read from the same POST. Saved: back to the page, or, when
    another part holds text typed but not sent, the page again with it in place. Refused: the
    page with the errors, every part as typed."""
    household = _household(household_id)
    forms = _status_forms(household)
    form = forms.get(part) or ButtonForm()
    if not submit(form, lambda: change(household, form)):
        return _household_page(_household(household_id), status=422, forms=forms)
    flash(f"{household.reference} is {done}.", "success")
    # Off the active list, the page shows none of the other parts: nothing typed to keep.
    others = [f for name, f in forms.items() if name != part] \
        if household.status == "active" else []

    def show_page():
        shown = _household(household_id)
        # The part just saved shows what is stored now (a button's part has no fields).
        fresh = {part: _status_forms(shown, fresh=part)[part]} if part else {}
        return _viewed(_household_page(shown, forms=forms | fresh), shown)

    return back_to_page(url_for("conferences.household", household_id=household.id), others,
                        show_page)


@bp.route("/households/<int:household_id>/housed", methods=["POST"])
@allow(*STAFF)
def mark_housed(household_id: int):
    """The household moved in: it leaves the active list (its record stays)."""
    return _change_status(household_id, "housed_form", "marked housed", lambda h, form:
                          bnl.mark_housed(h, form.move_in_on.data, current_user))


@bp.route("/households/<int:household_id>/inactive", methods=["POST"])
@allow(*STAFF)
def mark_inactive(household_id: int):
    """The household leaves the active list for a stated reason (its record stays)."""
    return _change_status(household_id, "inactive_form", "marked inactive", lambda h, form:
                          bnl.mark_inactive(h, form.reason.data, current_user))


@bp.route("/households/<int:household_id>/pause", methods=["POST"])
@allow(*STAFF)
def pause_household(household_id: int):
    """The group sets the household aside for now, with a reason and a date to look again."""
    return _change_status(household_id, "pause_form", "paused", lambda h, form:
                          bnl.pause(h, form.pause_reason.data, form.revisit_on.data, current_user))


@bp.route("/households/<int:household_id>/priority", methods=["POST"])
@allow(*COORDINATORS)
def set_priority(household_id: int):
    """The group's own priority for the agenda, with its reason (or back to the score)."""
    return _change_status(household_id, "priority_form", "re-ranked", lambda h, form:
                          bnl.set_priority(h, form.priority_override.data,
                                           form.priority_reason.data, current_user))


@bp.route("/households/<int:household_id>/resume", methods=["POST"])
@allow(*STAFF)
def resume_household(household_id: int):
    """Back on the agenda before the revisit date."""
    return _change_status(household_id, "", "back on the agenda",
                          lambda h, form: bnl.resume(h, current_user))


@bp.route("/households/<int:household_id>/reactivate", methods=["POST"])
@allow(*COORDINATORS)
def reactivate(household_id: int):
    """Back onto the active list (a return to homelessness, or a mistake undone)."""
    return _change_status(household_id, "", "back on the active list",
                          lambda h, form: bnl.reactivate(h, current_user))


def _household_form(household: Household, form, full: bool):
    """The edit form (coordinators: every CoC-side field; providers: contact and navigator)."""
    offer_organizations(form.navigator_organization_id,
                        bnl.organization_options(household.navigator_organization_id), "— none —")
    save = bnl.update_household if full else bnl.record_contact
    changed = submit(form, lambda: save(household, form.data, current_user))
    if changed is not None:
        return saved(f"{household.reference} is updated." if changed else "Nothing changed.",
                     "conferences.household", household_id=household.id)
    page = client_page("conferences/household_form.html", status=form_status(),
                       household=household, form=form, full=full)
    if request.method == "GET":
        return audited(page, "household_viewed", "household", household.id, detail="edit form")
    return page


@bp.route("/households/<int:household_id>/edit", methods=["GET", "POST"])
@allow(*COORDINATORS)
def edit_household(household_id: int):
    """Change a household's CoC-side fields: release of information, safety flag, navigator,
    last contact, housing status and need levels (HMIS owns the rest)."""
    household = _household(household_id)
    return _household_form(household, HouseholdForm(obj=household), full=True)


@bp.route("/households/<int:household_id>/contact", methods=["GET", "POST"])
@allow(*STAFF)
def household_contact(household_id: int):
    """Providers of the region: record the last contact and the navigator."""
    household = _household(household_id)
    return _household_form(household, ContactForm(obj=household), full=False)
