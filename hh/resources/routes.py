"""Resource map: search, a service's page, editing, availability, verification queue."""
from flask import abort, current_app, flash, redirect, request, url_for
from flask_login import current_user

from hh.directory.models import Organization
from hh.directory.services import can_edit_organization, county_choices, mark_verified
from hh.extensions import db
from hh.forms import ButtonForm, as_id, choices
from hh.resources import availability as availability_ops
from hh.resources import bp, editing, services, spreadsheet
from hh.resources import search as searching
from hh.resources.forms import SearchForm, ServiceForm
from hh.resources.hours import format_hours, open_status
from hh.resources.models import UNIT_TYPES, Service
from hh.resources.service_page import service_capacity, service_page
from hh.resources.taxonomy import category_choices
from hh.web import (
    COORDINATORS,
    SIGNED_IN,
    STAFF,
    allow,
    csv_response,
    form_status,
    is_coordinator,
    is_partial,
    page_number,
    paginate,
    render,
    safe_next,
    saved,
    submit,
)


def _search_filters():
    form = SearchForm(request.args)
    form.county.choices = choices([("", "any county")] + county_choices())
    form.category.choices = choices([("", "any category")] + searching.category_filter_choices())
    form.validate()

    filters = searching.SearchFilters(
        q=(form.q.data or "")[:200], place=(form.place.data or "")[:100],
        county_id=as_id(form.county.data), category_id=as_id(form.category.data),
        sector=form.sector.data or "", available=bool(form.available.data),
        referrals=bool(form.referrals.data), open_now=bool(form.open_now.data),
        include_inactive=bool(form.inactive.data))
    return form, filters


@bp.route("/")
@allow(*SIGNED_IN)
def search():
    """One search over services and organizations: words, place, category, availability."""
    form, filters = _search_filters()
    page = searching.search_page(filters, page_number(), per_page=20)
    organizations = searching.organization_matches(filters)
    return render("resources/search.html", "resources/_results.html", form=form, page=page,
                  organizations=organizations, is_fresh=services.is_fresh)


@bp.route("/search.csv")
@allow(*SIGNED_IN)
def search_csv():
    """The search results as a spreadsheet (all pages)."""
    _, filters = _search_filters()
    header = ["service", "organization", "category", "status", "counties_served", "address",
              "phone", "email", "url", "accepts_referrals", "available_now", "last_verified",
              *spreadsheet.DETAILS]

    def rows():
        for s in db.session.scalars(searching.service_search(filters)):
            location = s.locations[0] if s.locations else None
            free = ", ".join(f"{u.available}/{u.total} {u.unit_type}" if services.is_fresh(u)
                             else f"unknown/{u.total} {u.unit_type}" for u in s.capacity)
            yield [s.name, s.organization.name, s.category.label if s.category else "",
                   s.status_label, "; ".join(a.county.name for a in s.areas),
                   location.address_line if location else "",
                   s.phones[0].number if s.phones else "", s.email, s.url,
                   "yes" if s.accepts_referrals else "no", free, s.assured_date or "",
                   *spreadsheet.detail_cells(s)]

    return csv_response("crosswalk-services.csv", header, rows())


def _service(service_id: int) -> Service:
    return db.get_or_404(Service, service_id)


def _editable(service: Service) -> Service:
    if not services.can_edit_service(current_user, service):
        abort(403)
    return service


@bp.route("/services/<int:service_id>")
@allow(*SIGNED_IN)
def service(service_id: int):
    """A service: what, who for, where, how to refer, how much is free now, how fresh."""
    service = service_page(service_id)
    if service is None:
        abort(404)
    return render("resources/service.html", service=service, is_fresh=services.is_fresh,
                  capacity=service_capacity(service_id), button=ButtonForm(),
                  can_edit=services.can_edit_service(current_user, service),
                  stale_before=services.stale_before(), open_status=open_status(service.hours),
                  hours=format_hours(service.hours).splitlines(),
                  stale_days=current_app.config["AVAILABILITY_STALE_DAYS"])


def _service_form(service: Service | None) -> ServiceForm:
    form = ServiceForm(obj=service)
    form.category_id.choices = choices([(None, "— choose —")] + category_choices())
    counties = county_choices()
    form.county_ids.choices = choices(counties)
    form.location_county_id.choices = choices([(None, "— choose —")] + counties)
    if service is not None and request.method == "GET":
        form.county_ids.data = [a.county_id for a in service.areas]
        location = service.locations[0] if service.locations else None
        if location is not None:
            for name in ("address_1", "city", "state_province", "postal_code"):
                getattr(form, name).data = getattr(location, name)
            form.location_county_id.data = location.county_id
        form.phone.data = service.phones[0].number if service.phones else ""
        form.hours.data = format_hours(service.hours)
        for unit in service.capacity:
            getattr(form, f"total_{unit.unit_type}").data = str(unit.total)
        form.minimum_age.data = "" if service.minimum_age is None else str(service.minimum_age)
        form.maximum_age.data = "" if service.maximum_age is None else str(service.maximum_age)
    return form


def _save(form: ServiceForm, service: Service | None, organization: Organization):
    done = submit(form, lambda: editing.save_service(service, organization, form.data, current_user))
    if done is not None:
        return saved(f"Saved {done.name}.", "resources.service", service_id=done.id)
    return render("resources/service_form.html", form=form, service=service,
                  organization=organization, unit_types=UNIT_TYPES, status=form_status())


@bp.route("/services/new", methods=["GET", "POST"])
@allow(*STAFF)
def new_service():
    """Add a service to an organization (providers: to their own)."""
    try:
        organization_id = int(request.args.get("organization", ""))
    except ValueError:
        organization_id = current_user.organization_id or 0
    organization = db.get_or_404(Organization, organization_id)
    if not can_edit_organization(current_user, organization):
        abort(403)
    return _save(_service_form(None), None, organization)


@bp.route("/services/<int:service_id>/edit", methods=["GET", "POST"])
@allow(*STAFF)
def edit_service(service_id: int):
    """Edit a service (providers: their organization's)."""
    service = _editable(_service(service_id))
    return _save(_service_form(service), service, service.organization)


@bp.route("/availability", methods=["GET", "POST"])
@allow(*STAFF)
def availability():
    """The short list to keep "free now" numbers current, one step per service; POST is "Save
    all" (and each service's Save without JavaScript, so numbers typed for others are kept)."""
    chooser = _organization_chooser() if is_coordinator(current_user) else {}
    organization_id = chooser.get("organization_id")
    page = paginate(availability_ops.availability_query(current_user, organization_id),
                    per_page=AVAILABILITY_PAGE, count_limit=1000)  # pages offered: the first 40
    # Where the page's form goes and comes back to: its organization and page number.
    here = {key: request.args[key] for key in ("organization", "page") if request.args.get(key)}
    errors_for = {}
    if request.method == "POST":
        errors_for = _save_all(page.items)
        if errors_for is None:
            saved = as_id(request.form.get("saved_service"))
            return redirect(url_for("resources.availability", **here)
                            + (f"#availability-{saved}" if saved else ""), 303)
    return render("resources/availability.html", services_listed=page.items, page=page,
                  here=here, is_fresh=services.is_fresh, **chooser,
                  button=ButtonForm(), errors_for=errors_for,
                  stale_days=current_app.config["AVAILABILITY_STALE_DAYS"],
                  status=422 if errors_for or organization_id == -1 else 200)


# Services on one page of the availability list: a coordinator's list holds every organization's.
AVAILABILITY_PAGE = 25


def _organization_chooser() -> dict:
    """A coordinator's organization filter: a list to choose from, or (many organizations) a
    name to type; the organization chosen, and -1 for a name no organization has."""
    raw = request.args.get("organization", "").strip()[:200]
    organizations = availability_ops.organization_choices()
    if organizations is not None:
        return {"organizations": organizations, "organization_id": as_id(raw)}
    found = availability_ops.organization_named(raw) if raw else None
    return {"organizations": None, "organization_name": raw,
            "organization_id": found or (-1 if raw else None)}


def _save_all(listed: list[Service]) -> dict | None:
    """"Save all": say what was saved; the refused services' messages, or None when all went."""
    if not ButtonForm().validate_on_submit():
        return {service.id: ["The form expired; reload the page."] for service in listed[:1]}
    names, refused = availability_ops.save_all(listed, request.form, current_user,
                                               as_id(request.form.get("saved_service")))
    if names:
        which = names[0] if len(names) == 1 else f"{len(names)} services"
        flash(f"Updated availability for {which}.", "success")
    elif not refused:
        flash("Nothing had changed.", "info")
    return refused or None


@bp.route("/services/<int:service_id>/availability", methods=["POST"])
@allow(*STAFF)
def update_availability(service_id: int):
    """Save how many units are free now (htmx: the service's row is replaced in place)."""
    service = _editable(_service(service_id))
    form = ButtonForm()
    errors = ["The form expired; reload the page."] if not form.validate_on_submit() else []
    if not errors:
        values = {unit.id: request.form.get(f"unit_{unit.id}", "") for unit in service.capacity}
        errors = availability_ops.update_availability(service, values, current_user)
    status = 422 if errors else 200
    if not errors:
        flash(f"Updated availability for {service.name}.", "success")
    if is_partial():
        service = availability_ops.service_for_availability(service.id)  # as saved
        return render("resources/availability.html", "resources/_availability_item.html",
                      item=service, errors=errors, is_fresh=services.is_fresh, button=ButtonForm(),
                      stale_days=current_app.config["AVAILABILITY_STALE_DAYS"], status=status)
    if errors:
        # The service refused, alone, its numbers as typed (the page's form, without a pager).
        return render("resources/availability.html", services_listed=[service], page=None,
                      here={}, is_fresh=services.is_fresh,
                      button=ButtonForm(), errors_for={service.id: errors},
                      stale_days=current_app.config["AVAILABILITY_STALE_DAYS"], status=status)
    return redirect(safe_next(request.form.get("next"), url_for("resources.availability")), 303)


@bp.route("/verification")
@allow(*COORDINATORS)
def verification():
    """Records nobody has checked for a while: verify, edit or mark inactive in one step."""
    organizations, services_due = services.verification_queue(limit=VERIFY_SHOWN + 1)
    return render("resources/verification.html", organizations=organizations[:VERIFY_SHOWN],
                  services_due=services_due[:VERIFY_SHOWN], shown=VERIFY_SHOWN,
                  more_organizations=len(organizations) > VERIFY_SHOWN,
                  more_services=len(services_due) > VERIFY_SHOWN, button=ButtonForm(),
                  days=current_app.config["VERIFY_AFTER_DAYS"])


# Records of each kind the verification queue shows: the oldest, a morning's calls (each row
# carries three buttons: 200 of each weighed 520 KB).
VERIFY_SHOWN = 50


@bp.route("/services/<int:service_id>/verify", methods=["POST"])
@allow(*STAFF)
def verify_service(service_id: int):
    """Mark a service's record as checked today."""
    service = _editable(_service(service_id))
    if ButtonForm().validate_on_submit():
        mark_verified(service, current_user)
        flash(f"Marked {service.name} as verified today.", "success")
    return redirect(safe_next(request.form.get("next"),
                              url_for("resources.service", service_id=service.id)), 303)


@bp.route("/services/<int:service_id>/inactive", methods=["POST"])
@allow(*COORDINATORS)
def deactivate_service(service_id: int):
    """Mark a service inactive: it leaves search results (its history stays)."""
    service = _service(service_id)
    if ButtonForm().validate_on_submit():
        services.set_service_status(service, "inactive")
        flash(f"{service.name} is marked inactive and hidden from search.", "success")
    return redirect(safe_next(request.form.get("next"),
                              url_for("resources.service", service_id=service.id)), 303)
