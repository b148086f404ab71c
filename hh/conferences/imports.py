"""The By-Name List upload for coordinators: upload, preview (counts, every heading and what it
became, problem rows, households missing from the export), choose what needs choosing (region for
rows without a county, unrecognised headings), confirm."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from hh.conferences import bnl_fields, bnl_upload, bp
from hh.conferences.bnl_import import (
    DEFAULT_INACTIVE_REASON,
    ReadOptions,
    confirm_missing,
    import_bnl,
    missing_households,
)
from hh.conferences.forms import ReadOptionsForm, UploadForm
from hh.conferences.privacy import identity
from hh.directory.models import County, Region
from hh.extensions import db
from hh.forms import ButtonForm, choices
from hh.importing import ImportFailure, discard_pending
from hh.tabular import header_key
from hh.web import COORDINATORS, allow, form_status, no_store, render

_FIELD_CHOICES = [("", "not imported")] + list(bnl_fields.FIELDS.items())


@bp.route("/import")
@allow(*COORDINATORS)
def import_bnl_page():
    """Upload the By-Name List exported from HMIS."""
    return render("conferences/import.html", form=UploadForm())


@bp.route("/import", methods=["POST"])
@allow(*COORDINATORS)
def upload_bnl():
    """Check the upload and preview it once (a file that cannot be read is refused right here),
    then keep it (SSNs cut to four digits) for the preview."""
    form = UploadForm()
    upload = form.file.data
    if not form.validate_on_submit():
        form.file.errors = ["The form expired; reload the page."]
    elif not upload or not getattr(upload, "filename", ""):
        form.file.errors.append("Choose the file to upload.")
    else:
        encoding = form.encoding.data or None
        try:
            files = bnl_upload.files_of_upload(upload.filename, upload.read())
            report = import_bnl(files, commit=False, user=current_user,
                                options=ReadOptions(encoding=encoding))
        except ImportFailure as failure:
            form.file.errors.append(str(failure))
        else:
            # What only the original says (the kept copy has its SSNs cut already).
            options = {"read_as": report.source.read_as,
                       "carried_notes": {k: v for k, v in report.notes.items() if k.startswith("SSN")},
                       "carried_messages": [m for m in report.source.messages if "SSN" in m]}
            token = bnl_upload.keep(files, options, current_user.id, encoding)
            return redirect(url_for("conferences.import_preview", token=token), 303)
    return render("conferences/import.html", form=form, status=form_status())


def _pending(token: str):
    found = bnl_upload.load(token, current_user.id)
    if found is None:
        flash("That upload has expired or was not yours. Upload the file again.", "error")
    return found


def _import(token: str, commit: bool):
    """The pending upload previewed again or applied: (report, files, options), or None (with a
    message) when it is gone or cannot be read."""
    found = _pending(token)
    if found is None:
        return None
    files, options = found
    try:
        report = import_bnl(files, commit=commit, user=current_user,
                            options=bnl_upload.read_options(options))
    except ImportFailure as failure:
        flash(str(failure), "error")
        return None
    for note, count in options.get("carried_notes", {}).items():
        report.notes[note] += count
    report.source.messages = [m for m in report.source.messages if "SSN" not in m] \
        + options.get("carried_messages", [])
    return report, files, options


def _options_form(report, options: dict, formdata=None) -> ReadOptionsForm:
    form = ReadOptionsForm(formdata=formdata, data=None if formdata else {
        "region_id": options.get("region_id"), "county_id": options.get("county_id"),
        "columns": [c.field or "" for c in report.source.columns]})
    regions = db.session.execute(select(Region.id, Region.name).order_by(Region.name)).all()
    counties = db.session.execute(select(County.id, County.name).order_by(County.name)).all()
    form.region_id.choices = choices([(None, "choose a region")] + [tuple(r) for r in regions])
    form.county_id.choices = choices([(None, "no county")] + [tuple(c) for c in counties])
    for entry, column in zip(form.columns, report.source.columns):
        entry.choices = choices(_FIELD_CHOICES)
        entry.label.text = column.heading or "(no heading)"
    return form


@bp.route("/import/<token>")
@allow(*COORDINATORS)
def import_preview(token: str):
    """What confirming will do, every heading and what it became, every problem row with its
    line, and who is missing."""
    found = _import(token, commit=False)
    if found is None:
        return redirect(url_for("conferences.import_bnl_page"), 303)
    report, _, options = found
    return _preview(token, report, options, _options_form(report, options))


def _preview(token, report, options, form, status: int = 200):
    regions = db.session.scalar(select(db.func.count(Region.id)))
    return no_store(render("conferences/import_preview.html", report=report, token=token,
                           missing=missing_households(report.missing), button=ButtonForm(),
                           identity=identity, form=form, options=options, regions=regions,
                           default_reason=DEFAULT_INACTIVE_REASON, status=status))


@bp.route("/import/<token>/options", methods=["POST"])
@allow(*COORDINATORS)
def import_options(token: str):
    """Apply the coordinator's choices (region, county, what each heading means) and preview
    again; the headings' meanings are remembered for the next file with the same headings."""
    found = _import(token, commit=False)
    if found is None:
        return redirect(url_for("conferences.import_bnl_page"), 303)
    report, files, options = found
    form = _options_form(report, options, formdata=request.form)
    if not form.validate_on_submit():
        return _preview(token, report, options, form, status=422)
    options = {**options, "region_id": form.region_id.data, "county_id": form.county_id.data}
    if report.source.kind == "table":
        headings = report.source.headings
        options["choices"] = {header_key(h): entry.data or ""
                              for h, entry in zip(headings, form.columns)}
        bnl_fields.remember(headings, options["choices"], current_user)
    token = bnl_upload.replace(token, files, options, current_user.id)
    flash("Choices applied: check the preview again.", "success")
    return redirect(url_for("conferences.import_preview", token=token), 303)


@bp.route("/import/<token>/confirm", methods=["POST"])
@allow(*COORDINATORS)
def import_confirm(token: str):
    """Apply the good rows in one transaction; make inactive only the missing households the
    coordinator ticked, with the coordinator's reason."""
    if not ButtonForm().validate_on_submit():
        flash("The form expired; confirm again.", "error")
        return redirect(url_for("conferences.import_preview", token=token), 303)
    found = _import(token, commit=True)
    if found is None:
        return redirect(url_for("conferences.import_bnl_page"), 303)
    report = found[0]
    ticked = {int(v) for v in request.form.getlist("inactive") if v.isdigit()}
    closed = confirm_missing(sorted(ticked & set(report.missing)), user=current_user,
                             reason=request.form.get("reason", "")[:300])
    discard_pending(token)
    counts = report.counts["households"]
    flash(f"Imported the By-Name List: {counts['new']} added, {counts['updated']} updated, "
          f"{counts['unchanged']} unchanged, {report.skipped} rejected"
          + (f"; {closed} missing households made inactive." if closed else "."), "success")
    return redirect(url_for("conferences.households"), 303)


@bp.route("/import/<token>/cancel", methods=["POST"])
@allow(*COORDINATORS)
def import_cancel(token: str):
    """Drop an upload without importing it."""
    if ButtonForm().validate_on_submit() and bnl_upload.load(token, current_user.id) is not None:
        discard_pending(token)
        flash("Upload discarded; nothing was imported.", "success")
    return redirect(url_for("conferences.import_bnl_page"), 303)
