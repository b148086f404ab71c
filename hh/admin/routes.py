"""Admin pages: users and roles, invitations, regions and counties, the audit log."""
from flask import abort, flash, request, url_for
from flask_login import current_user
from sqlalchemy import select

from hh.admin import bp
from hh.admin import services as admin_services
from hh.admin.forms import AuditFilterForm, CountyForm, RegionForm, UserForm
from hh.admin.services import AUDIT_CSV_HEADER, audit_actions, audit_query, audit_rows
from hh.auth import services as accounts
from hh.auth.models import ROLES, User
from hh.directory.models import County, Organization, Region
from hh.directory.services import offer_organizations
from hh.extensions import db
from hh.forms import ButtonForm, choices
from hh.notifications import events as notification_events
from hh.timeutil import utcnow
from hh.web import (
    ADMINS,
    allow,
    audit,
    csv_response,
    form_status,
    no_store,
    paginate,
    render,
    saved,
    submit,
)


def _options(model) -> list:
    """A select's options: "none", then every region by name."""
    return choices([(None, "— none —")] + [
        (row.id, row.name) for row in db.session.scalars(select(model).order_by(model.name))])


def _organizations():
    return select(Organization.id, Organization.name).order_by(Organization.name)


def _fill_choices(form: UserForm) -> None:
    offer_organizations(form.organization_id, _organizations(), "— none —")
    form.region_id.choices = _options(Region)


def _details(form: UserForm) -> accounts.UserDetails:
    return accounts.UserDetails(email=form.email.data or "", name=form.name.data or "",
                                role=form.role.data, organization_id=form.organization_id.data,
                                region_id=form.region_id.data)


def _get_user(user_id: int) -> User:
    return db.get_or_404(User, user_id)


def _invited(user: User, status: int = 200):
    """Issue the invitation and show its one-time link (never cached)."""
    token = accounts.issue_invite(user)
    notification_events.invitation(user, token, current_user._get_current_object())
    db.session.commit()
    return no_store(render("admin/invited.html", user=user, status=status,
                           link=url_for("auth.invite", token=token, _external=True)))


@bp.route("/users")
@allow(*ADMINS)
def users():
    """Everyone with an account, their role, organization, region and status."""
    page = paginate(admin_services.user_page(select(User).order_by(User.active.desc(), User.email)))
    return render("admin/users.html", page=page, roles=ROLES, button=ButtonForm())


@bp.route("/users/new", methods=["GET", "POST"])
@allow(*ADMINS)
def new_user():
    """Create an account and get a one-time invitation link to hand to the person."""
    form = UserForm()
    _fill_choices(form)
    user = submit(form, lambda: accounts.create_user(_details(form),
                                                     actor=current_user._get_current_object()))
    if user is not None:
        return _invited(user, status=201)
    return render("admin/user_form.html", form=form, user=None, roles=ROLES, status=form_status())


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@allow(*ADMINS)
def edit_user(user_id: int):
    """Change a person's details or role (a role change signs them out everywhere)."""
    user = _get_user(user_id)
    form = UserForm(obj=user)
    _fill_choices(form)
    changes = submit(form, lambda: accounts.update_user(user, _details(form),
                                                        actor=current_user._get_current_object()))
    if changes is not None:
        return saved(f"Saved {user.email}: " + (", ".join(changes) or "nothing changed") + ".",
                     "admin.users")
    return render("admin/user_form.html", form=form, user=user, roles=ROLES, button=ButtonForm(),
                  status=form_status())


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@allow(*ADMINS)
def deactivate_user(user_id: int):
    """Deactivate: the person can no longer sign in and every session of theirs ends."""
    return _set_active(user_id, False)


@bp.route("/users/<int:user_id>/activate", methods=["POST"])
@allow(*ADMINS)
def activate_user(user_id: int):
    """Let a deactivated person sign in again."""
    return _set_active(user_id, True)


def _set_active(user_id: int, active: bool):
    user = _get_user(user_id)
    if not ButtonForm().validate_on_submit():
        return saved(None, "admin.users")
    try:
        accounts.set_active(user, active, actor=current_user._get_current_object())
    except accounts.AccountError as error:
        flash(str(error), "error")
        return saved(None, "admin.users")
    return saved(f"{user.email} is {'active again' if active else 'deactivated and signed out'}.",
                 "admin.users")


@bp.route("/users/<int:user_id>/invite", methods=["POST"])
@allow(*ADMINS)
def reinvite_user(user_id: int):
    """A fresh invitation link (also a password reset: the old password stops working)."""
    user = _get_user(user_id)
    if not ButtonForm().validate_on_submit() or not user.active:
        flash("Only active accounts can be invited.", "error")
        return saved(None, "admin.users")
    user.password_hash = None
    user.end_all_sessions()
    audit("invite_issued", "user", user.id)
    return _invited(user)


# --- Regions and counties ---------------------------------------------------------------------


@bp.route("/regions")
@allow(*ADMINS)
def regions():
    """Regions with their anchor agency and counties, and the counties in no region yet."""
    listed, unassigned = admin_services.region_list()
    return render("admin/regions.html", regions=listed, unassigned=unassigned)


@bp.route("/regions/new", methods=["GET", "POST"])
@allow(*ADMINS)
def new_region():
    """Add a region (a named group of counties, anchored by one agency)."""
    return _region_form(None)


@bp.route("/regions/<int:region_id>", methods=["GET", "POST"])
@allow(*ADMINS)
def edit_region(region_id: int):
    """Rename a region or change its anchor agency; its counties are listed with links."""
    region = admin_services.region_for_page(region_id)
    if region is None:
        abort(404)
    return _region_form(region)


def _place_saved(result: tuple, adding: bool, kind: str):
    """After a region or county is saved: say what changed, back to the list."""
    place, changed = result
    if adding:
        message = f"Added {kind}{place.name}."
    elif changed:
        message = f"Saved {kind}{place.name}: " + ", ".join(changed) + " changed."
    else:
        message = f"{kind.capitalize()}{place.name}: nothing changed."
    return saved(message, "admin.regions")


def _region_form(region: Region | None):
    form = RegionForm(obj=region)
    offer_organizations(form.anchor_organization_id, _organizations(), "— none —")
    result = submit(form, lambda: admin_services.save_region(
        region, form.name.data, form.anchor_organization_id.data))
    if result is not None:
        return _place_saved(result, region is None, "region ")
    if region is not None:
        region = admin_services.region_for_page(region.id)
    return render("admin/region_form.html", form=form, region=region, status=form_status())


@bp.route("/counties/new", methods=["GET", "POST"])
@allow(*ADMINS)
def new_county():
    """Add a county; ?region=ID starts it in that region."""
    form = CountyForm()
    if request.method == "GET":
        try:
            form.region_id.data = int(request.args.get("region", ""))
        except ValueError:
            pass
    return _county_form(None, form)


@bp.route("/counties/<int:county_id>", methods=["GET", "POST"])
@allow(*ADMINS)
def edit_county(county_id: int):
    """Rename a county, correct its state, or move it to another region."""
    county = db.get_or_404(County, county_id)
    return _county_form(county, CountyForm(obj=county))


def _county_form(county: County | None, form: CountyForm):
    form.region_id.choices = _options(Region)
    result = submit(form, lambda: admin_services.save_county(
        county, form.name.data, form.state.data, form.region_id.data, fips=form.fips.data or ""))
    if result is not None:
        return _place_saved(result, county is None, "")
    return render("admin/county_form.html", form=form, county=county, status=form_status())


@bp.route("/audit")
@allow(*ADMINS)
def audit_log():
    """Who did what and when; filter by action, person and dates."""
    form = AuditFilterForm(request.args)
    form.action.choices = choices([("", "any action")] + [(a, a) for a in audit_actions()])
    query = audit_query(**_audit_filters(form))
    page = paginate(query, count_limit=admin_services.AUDIT_COUNT_LIMIT)
    return render("admin/audit.html", "admin/_audit_rows.html", form=form, page=page,
                  status=200 if not form.errors else 422)


@bp.route("/audit.csv")
@allow(*ADMINS)
def audit_csv():
    """The filtered audit log as a spreadsheet (its export is itself audited)."""
    form = AuditFilterForm(request.args)
    form.action.choices = choices([("", "")])
    filters = _audit_filters(form)
    audit("audit_exported", "audit_event", detail="filters: " + ", ".join(
        f"{k}={v}" for k, v in filters.items() if v))
    db.session.commit()
    stamp = utcnow().strftime("%Y%m%d-%H%M")
    return csv_response(f"crosswalk-audit-{stamp}.csv", AUDIT_CSV_HEADER,
                        audit_rows(audit_query(**filters)))


def _audit_filters(form: AuditFilterForm) -> dict:
    form.validate()
    return {
        "action": form.action.data or None,
        "actor": (form.actor.data or "").strip() or None,
        "since": form.since.data if not form.since.errors else None,
        "until": form.until.data if not form.until.errors else None,
    }
