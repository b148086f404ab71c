"""Partner directory: the list of organizations, an organization's page, editing, contacts."""
from flask import abort, flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload

from hh.directory import bp, services
from hh.directory.forms import ContactForm, OrganizationFilterForm, OrganizationForm
from hh.directory.models import Contact, Organization
from hh.directory.organization_page import organization_page
from hh.extensions import db
from hh.forms import ButtonForm, as_id, choices
from hh.timeutil import local_today
from hh.web import (
    COORDINATORS,
    SIGNED_IN,
    STAFF,
    allow,
    csv_response,
    form_status,
    is_coordinator,
    paginate,
    render,
    safe_next,
    saved,
    submit,
)


def _organization(organization_id: int) -> Organization:
    return db.get_or_404(Organization, organization_id)


def _editable(organization: Organization) -> Organization:
    if not services.can_edit_organization(current_user, organization):
        abort(403)
    return organization


def _filters():
    form = OrganizationFilterForm(request.args)
    form.county.choices = choices([("", "any county")] + services.county_choices())
    form.validate()
    return form, dict(q=(form.q.data or "")[:200], sector=form.sector.data or "",
                      county_id=as_id(form.county.data), include_inactive=bool(form.inactive.data),
                      agreement=form.agreement.data or "")


@bp.route("/")
@allow(*SIGNED_IN)
def index():
    """Who is at the table: every partner organization, filterable by sector and county."""
    form, filters = _filters()
    query = services.organization_query(**filters)
    page = paginate(query, total=services.organization_count(query, filters))
    return render("directory/index.html", "directory/_organizations.html", form=form, page=page,
                  today=local_today())


@bp.route("/organizations.csv")
@allow(*SIGNED_IN)
def organizations_csv():
    """The filtered directory as a spreadsheet."""
    _, filters = _filters()
    query = services.organization_query(**filters)
    rows = ([o.name, o.alternate_name, o.sector_label, "; ".join(c.name for c in o.counties),
             o.email, o.website, o.phones[0].number if o.phones else "", o.agreement_now,
             o.agreement_expires_on or "", "yes" if o.in_case_conferencing else "no",
             o.assured_date or "", o.assurer_email, "active" if o.active else "inactive"]
            for o in db.session.scalars(query.options(selectinload(Organization.phones))))
    header = ["name", "alternate_name", "sector", "counties_served", "email", "website", "phone",
              "agreement", "agreement_expires_on", "case_conferencing", "last_verified",
              "verified_by", "status"]
    return csv_response("crosswalk-organizations.csv", header, rows)


@bp.route("/organizations/new", methods=["GET", "POST"])
@allow(*COORDINATORS)
def new_organization():
    """Add a partner organization."""
    form = OrganizationForm()
    form.county_ids.choices = choices(services.county_choices())
    organization = submit(form, lambda: services.save_organization(None, form.data, current_user))
    if organization is not None:
        return saved(f"Added {organization.name}.", "directory.organization",
                     organization_id=organization.id)
    return render("directory/organization_form.html", form=form, organization=None,
                  coordinator=True, status=form_status())


@bp.route("/organizations/<int:organization_id>")
@allow(*SIGNED_IN)
def organization(organization_id: int):
    """An organization: what it does, where, its partnership record, contacts and services."""
    organization = organization_page(organization_id)
    if organization is None:
        abort(404)
    return render("directory/organization.html", organization=organization,
                  services_offered=organization.services, button=ButtonForm(),
                  can_edit=services.can_edit_organization(current_user, organization),
                  coordinator=is_coordinator(current_user),
                  stale_before=services.stale_before())


@bp.route("/organizations/<int:organization_id>/edit", methods=["GET", "POST"])
@allow(*STAFF)
def edit_organization(organization_id: int):
    """Edit an organization (providers: their own, without the partnership record)."""
    organization = _editable(_organization(organization_id))
    form = OrganizationForm(obj=organization)
    form.county_ids.choices = choices(services.county_choices())
    if request.method == "GET":
        form.county_ids.data = [c.id for c in organization.counties]
        form.phone.data = organization.phones[0].number if organization.phones else ""
    if submit(form, lambda: services.save_organization(organization, form.data, current_user)):
        return saved(f"Saved {organization.name}.", "directory.organization",
                     organization_id=organization.id)
    return render("directory/organization_form.html", form=form, organization=organization,
                  coordinator=is_coordinator(current_user), status=form_status())


@bp.route("/organizations/<int:organization_id>/verify", methods=["POST"])
@allow(*STAFF)
def verify_organization(organization_id: int):
    """Mark an organization's record as checked today."""
    organization = _editable(_organization(organization_id))
    if ButtonForm().validate_on_submit():
        services.mark_verified(organization, current_user)
        flash(f"Marked {organization.name} as verified today.", "success")
    return redirect(safe_next(request.form.get("next"),
                              url_for("directory.organization", organization_id=organization.id)), 303)


@bp.route("/organizations/<int:organization_id>/inactive", methods=["POST"])
@allow(*COORDINATORS)
def deactivate_organization(organization_id: int):
    """Mark an organization inactive in one step (from the verification queue): it and its
    services leave the directory and search; a coordinator can make it active again on its
    edit page."""
    organization = _organization(organization_id)
    if ButtonForm().validate_on_submit():
        services.set_organization_active(organization, False)
        flash(f"{organization.name} is marked inactive; it and its services are hidden from "
              "the directory and search.", "success")
    return redirect(safe_next(request.form.get("next"),
                              url_for("directory.organization", organization_id=organization.id)), 303)


@bp.route("/organizations/<int:organization_id>/contacts/new", methods=["GET", "POST"])
@allow(*STAFF)
def new_contact(organization_id: int):
    """Add a contact person to an organization."""
    organization = _editable(_organization(organization_id))
    return _contact_form(organization, None)


@bp.route("/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@allow(*STAFF)
def edit_contact(contact_id: int):
    """Change a contact's details."""
    contact = db.get_or_404(Contact, contact_id)
    return _contact_form(_editable(contact.organization), contact)


def _contact_form(organization: Organization, contact: Contact | None):
    form = ContactForm(obj=contact)
    if submit(form, lambda: services.save_contact(organization, contact, form.data)):
        return saved(f"Saved contact {form.name.data}.", "directory.organization",
                     organization_id=organization.id)
    return render("directory/contact_form.html", form=form, organization=organization,
                  contact=contact, button=ButtonForm(), status=form_status())


@bp.route("/contacts/<int:contact_id>/delete", methods=["POST"])
@allow(*STAFF)
def delete_contact(contact_id: int):
    """Remove a contact who has left."""
    contact = db.get_or_404(Contact, contact_id)
    organization = _editable(contact.organization)
    if ButtonForm().validate_on_submit():
        name = contact.name
        services.delete_contact(contact)
        flash(f"Removed contact {name}.", "success")
    return redirect(url_for("directory.organization", organization_id=organization.id), 303)
