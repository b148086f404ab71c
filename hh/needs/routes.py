"""Needs and the gap map: the needs list, a need's page, recording and editing, status, gaps."""
from flask import abort, flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from hh.directory.models import County
from hh.extensions import db
from hh.forms import ButtonForm, choices
from hh.needs import bp, cells, listing, services
from hh.needs import gaps as gap_maps
from hh.needs.forms import GapFilterForm, NeedFilterForm, NeedForm
from hh.needs.gap_links import GapLinks
from hh.needs.map_view import map_view
from hh.needs.models import NEED_STATUSES, Need
from hh.resources.models import TaxonomyTerm
from hh.resources.search import category_filter_choices
from hh.resources.services import is_fresh
from hh.resources.taxonomy import category_choices
from hh.web import (
    SIGNED_IN,
    STAFF,
    allow,
    csv_response,
    form_status,
    is_partial,
    paginate,
    render,
    safe_next,
    saved,
    submit,
)


def _as_id(value) -> int | None:
    """A record id from the query string, or None (ids beyond a database integer never exist)."""
    try:
        number = int(value) if value else None
    except (TypeError, ValueError):
        return None
    return number if number is not None and 0 < number < 2**31 else None


def _need_filters():
    form = NeedFilterForm(request.args)
    form.place.choices = choices([("", "anywhere")] + services.place_choices())
    form.category.choices = choices([("", "any category")] + category_filter_choices())
    form.validate()
    county, region = services.parse_place(form.place.data)
    filters = listing.NeedFilters(
        county_id=county.id if county else None, region_id=region.id if region else None,
        category_id=_as_id(form.category.data), status=form.status.data or "",
        source=form.source.data or "", unmet=request.args.get("unmet") == "1",
        exact_category=request.args.get("exact") == "1")
    return form, filters


@bp.route("/")
@allow(*SIGNED_IN)
def index():
    """Needs partners have reported: where, what kind, how many households, and their status."""
    form, filters = _need_filters()
    page = paginate(listing.need_rows(filters))
    listing.named(page.items)
    return render("needs/index.html", "needs/_needs.html", form=form, page=page,
                  button=ButtonForm(), editable=services.editable_needs(current_user, page.items),
                  statuses=NEED_STATUSES)


@bp.route("/needs.csv")
@allow(*SIGNED_IN)
def index_csv():
    """The filtered needs list as a spreadsheet (all pages)."""
    _, filters = _need_filters()
    header = ["title", "county", "region", "category", "households_affected", "source", "status",
              "noted_on", "description"]
    rows = ([n.title, n.county.name if n.county else "",
             n.region.name if n.region else (n.county.region.name if n.county and n.county.region else ""),
             n.category.label if n.category else "", n.households_affected if n.households_affected is not None else "",
             n.source_label, n.status_label, n.noted_on, n.description]
            for n in db.session.scalars(listing.need_query(filters)))
    return csv_response("crosswalk-needs.csv", header, rows)


def _need(need_id: int) -> Need:
    need = services.need_for_page(need_id)
    if need is None:
        abort(404)
    return need


def _editable(need: Need) -> Need:
    if not services.can_edit_need(current_user, need):
        abort(403)
    return need


@bp.route("/<int:need_id>")
@allow(*SIGNED_IN)
def need(need_id: int):
    """A need: where, what kind, how many households, where it was reported, its status."""
    need = _need(need_id)
    return render("needs/need.html", need=need, button=ButtonForm(), statuses=NEED_STATUSES,
                  can_edit=services.can_edit_need)


def _need_form(need: Need | None) -> NeedForm:
    form = NeedForm(obj=need)
    form.place.choices = choices([("", "— choose —")] + services.place_choices())
    form.category_id.choices = choices([(None, "— choose —")] + _need_categories())
    if request.method == "GET":
        if need is not None:
            form.place.data = services.place_value(need)
            form.households_affected.data = ("" if need.households_affected is None
                                             else str(need.households_affected))
        else:  # "Record a need here" from a gap-map cell
            county = _as_id(request.args.get("county"))
            form.place.data = f"c{county}" if county else ""
            form.category_id.data = _as_id(request.args.get("category"))
    return form


def _need_categories() -> list[tuple[int, str]]:
    """Both levels: a need may be broad ("Health care") or precise ("Medical respite")."""
    tops = [(id_, f"{name} (general)") for id_, name in gap_maps.top_category_names()]
    return sorted(tops + category_choices(), key=lambda pair: pair[1])


def _save(form: NeedForm, need: Need | None):
    done = submit(form, lambda: services.save_need(need, form.data, current_user))
    if done is not None:
        return saved(f"Saved the need \u201c{done.title}\u201d.", "needs.need", need_id=done.id)
    return render("needs/need_form.html", form=form, need=need, status=form_status())


@bp.route("/new", methods=["GET", "POST"])
@allow(*STAFF)
def new():
    """Record a need heard from the community, a data report, a case conference or a provider."""
    return _save(_need_form(None), None)


@bp.route("/<int:need_id>/edit", methods=["GET", "POST"])
@allow(*STAFF)
def edit(need_id: int):
    """Edit a need (providers: the needs they recorded)."""
    need = _editable(_need(need_id))
    return _save(_need_form(need), need)


@bp.route("/<int:need_id>/status", methods=["POST"])
@allow(*STAFF)
def set_status(need_id: int):
    """Move a need to open, in progress or met in one step (htmx: the status block in place)."""
    need = _editable(_need(need_id))
    errors = []
    if not ButtonForm().validate_on_submit():
        errors = ["The form expired; reload the page."]
    else:
        try:
            services.set_status(need, request.form.get("status", ""))
        except services.NeedError as error:
            errors = [str(error)]
    if not errors:
        flash(f"\u201c{need.title}\u201d is now {need.status_label.lower()}.", "success")
    status = 422 if errors else 200
    need = services.need_for_page(need.id)  # as saved, with what the page shows
    if is_partial():
        return render("needs/need.html", "needs/_status.html", need=need, errors=errors,
                      button=ButtonForm(), statuses=NEED_STATUSES, can_edit=services.can_edit_need,
                      status=status)
    if errors:
        return render("needs/need.html", need=need, errors=errors, button=ButtonForm(),
                      statuses=NEED_STATUSES, can_edit=services.can_edit_need, status=status)
    return redirect(safe_next(request.form.get("next"), url_for("needs.need", need_id=need.id)), 303)


# --- The gap map ------------------------------------------------------------------------------------


def _gap_filters():
    form = GapFilterForm(request.args)
    regions = services.place_names().regions
    form.region.choices = choices([("", "all regions")] + list(regions.items()))
    form.category.choices = choices([("", "all categories (first level)")] + [
        (id_, f"{name}: its sub-categories") for id_, name in gap_maps.top_category_names()])
    form.validate()
    region_id = _as_id(form.region.data)
    if region_id is not None and region_id not in regions:
        region_id = -1  # an unknown region has no counties
    parent = None
    category_id = _as_id(form.category.data)
    if category_id is not None:
        parent = db.session.get(TaxonomyTerm, category_id)
        if parent is not None and parent.parent_id is not None:
            parent = parent.parent  # a sub-category shows its family
    return form, region_id, parent


@bp.route("/gaps")
@allow(*SIGNED_IN)
def gaps():
    """The counties drawn as a map shaded by their gaps, and a table of them: services and free
    capacity against open needs."""
    form, region_id, parent = _gap_filters()
    gaps = gap_maps.gap_map(region_id, parent)
    return render("needs/gaps.html", "needs/_gaps_table.html", form=form, gaps=gaps,
                  view=map_view(gaps), links=GapLinks(gaps.columns, gaps.parent),
                  labels=gap_maps.GAP_LABELS)


@bp.route("/gaps/county/<int:county_id>")
@allow(*SIGNED_IN)
def gap_county(county_id: int):
    """One county's figures on the gap map: each category's services, free capacity, open needs."""
    county = services.county_with_region(county_id)
    if county is None:
        abort(404)
    parent = db.session.get(TaxonomyTerm, _as_id(request.args.get("category")) or 0)
    if parent is not None and parent.parent_id is not None:
        parent = parent.parent
    gaps = gap_maps.gap_map(parent=parent)
    return render("needs/gap_county.html", county=county, gaps=gaps, parent=parent,
                  links=GapLinks(gaps.columns, gaps.parent), labels=gap_maps.GAP_LABELS)


@bp.route("/gaps.csv")
@allow(*SIGNED_IN)
def gaps_csv():
    """The gap map as a spreadsheet: one row per county and category."""
    _, region_id, parent = _gap_filters()
    gaps = gap_maps.gap_map(region_id, parent)
    return csv_response("crosswalk-gaps.csv", gap_maps.GAP_CSV_HEADER, gap_maps.gap_rows(gaps))


@bp.route("/gaps/cell")
@allow(*SIGNED_IN)
def gap_cell():
    """One cell of the gap map: the services and the open needs behind it."""
    county = db.session.get(County, _as_id(request.args.get("county")) or 0,
                            options=[joinedload(County.region)])  # the page names its region
    category = db.session.get(TaxonomyTerm, _as_id(request.args.get("category")) or 0)
    if county is None or category is None:
        abort(404)
    exact = request.args.get("exact") == "1"
    listed = cells.cell_services(county.id, category.id, exact=exact)
    needs = listing.unmet_needs(county.id, category.id, exact=exact)
    return render("needs/gap_cell.html", county=county, category=category, exact=exact,
                  services_listed=listed, cell=cells.map_cell(county, category, exact), needs=needs,
                  labels=gap_maps.GAP_LABELS, is_fresh=is_fresh)
