"""Imports and exports on the web: HSDS packages and the services spreadsheet.

An upload is checked and previewed first; it is kept under the instance folder behind a random
token for the person who uploaded it, and applied only when they confirm.
"""
from flask import flash, make_response, redirect, url_for
from flask_login import current_user

from hh.errors import InputError
from hh.extensions import db
from hh.forms import ButtonForm
from hh.importing import (
    ImportFailure,
    discard_pending,
    load_pending,
    save_pending,
    unpack_package_zip,
)
from hh.resources import bp, hsds, spreadsheet
from hh.resources.forms import HsdsUploadForm, SpreadsheetUploadForm
from hh.web import COORDINATORS, SIGNED_IN, allow, audit, csv_response, form_status, render, submit

KINDS = {"hsds": "HSDS package", "spreadsheet": "services spreadsheet"}


def _preview(kind: str, files: dict[str, bytes], commit: bool = False):
    if kind == "hsds":
        return hsds.import_package(files, commit=commit, user=current_user)
    name, data = next(iter(files.items()))
    return spreadsheet.import_spreadsheet(data, commit=commit, user=current_user, name=name)


def _import_page(hsds_form=None, sheet_form=None, status: int = 200):
    return render("resources/import_data.html", hsds_form=hsds_form or HsdsUploadForm(),
                  sheet_form=sheet_form or SpreadsheetUploadForm(), status=status)


@bp.route("/import")
@allow(*COORDINATORS)
def import_data():
    """Upload an HSDS package or the services spreadsheet; download the template or an export."""
    return _import_page()


def _upload(kind: str, form, field, read):
    """Check the upload, preview it once (so a broken file is refused right here), keep it."""
    def keep() -> str:
        try:
            files = read(field.data.read())
            _preview(kind, files)
        except ImportFailure as failure:
            raise InputError(str(failure), field.name) from None
        return save_pending(kind, current_user.id, files)

    token = submit(form, keep)
    if token is not None:
        return redirect(url_for("resources.import_preview", token=token), 303)
    forms = {"hsds_form": form} if kind == "hsds" else {"sheet_form": form}
    return _import_page(**forms, status=form_status())


@bp.route("/import/hsds", methods=["POST"])
@allow(*COORDINATORS)
def upload_hsds():
    """Receive a zipped HSDS package and show what importing it would do."""
    form = HsdsUploadForm()
    return _upload("hsds", form, form.package, unpack_package_zip)


@bp.route("/import/spreadsheet", methods=["POST"])
@allow(*COORDINATORS)
def upload_spreadsheet():
    """Receive a services spreadsheet (CSV) and show what importing it would do."""
    form = SpreadsheetUploadForm()
    return _upload("spreadsheet", form, form.spreadsheet, lambda data: {"spreadsheet.csv": data})


def _run_pending(token: str, commit: bool):
    """(kind, report) for this person's pending upload, or (None, None) with a message shown."""
    pending = load_pending(token, current_user.id)
    if pending is None:
        flash("That upload has expired or was not yours. Upload the file again.", "error")
        return None, None
    kind, files = pending
    try:
        return kind, _preview(kind, files, commit=commit)
    except ImportFailure as failure:
        flash(str(failure), "error")
        return None, None


@bp.route("/import/<token>")
@allow(*COORDINATORS)
def import_preview(token: str):
    """What confirming will do: counts per kind, and every problem row with its line."""
    kind, report = _run_pending(token, commit=False)
    if report is None:
        return redirect(url_for("resources.import_data"), 303)
    return render("resources/import_preview.html", "resources/_import_report.html", report=report,
                  kind=KINDS[kind], token=token, button=ButtonForm())


@bp.route("/import/<token>/confirm", methods=["POST"])
@allow(*COORDINATORS)
def import_confirm(token: str):
    """Apply the previewed upload: all good rows in one transaction."""
    if not ButtonForm().validate_on_submit():
        flash("The form expired; confirm again.", "error")
        return redirect(url_for("resources.import_preview", token=token), 303)
    kind, report = _run_pending(token, commit=True)
    if report is None:
        return redirect(url_for("resources.import_data"), 303)
    discard_pending(token)
    flash(f"Imported the {KINDS[kind]}: {report.changes} records new or updated, "
          f"{report.skipped} rows skipped.", "success")
    return redirect(url_for("resources.import_data"), 303)


@bp.route("/import/<token>/cancel", methods=["POST"])
@allow(*COORDINATORS)
def import_cancel(token: str):
    """Drop an upload without importing it."""
    if ButtonForm().validate_on_submit() and load_pending(token, current_user.id) is not None:
        discard_pending(token)
        flash("Upload discarded; nothing was imported.", "success")
    return redirect(url_for("resources.import_data"), 303)


@bp.route("/import/template.csv")
@allow(*COORDINATORS)
def import_template():
    """The spreadsheet's columns and one example row."""
    header, rows = spreadsheet.template_rows()
    return csv_response("crosswalk-services-template.csv", header, rows)


@bp.route("/export/hsds.zip")
@allow(*SIGNED_IN)
def export_hsds():
    """The whole directory as an HSDS 3.0 package. Everyone signed in may read every record in
    it on the pages already (no client data is in the directory), so everyone may download it."""
    data = hsds.package_zip()
    audit("hsds_exported", "import", "")
    db.session.commit()
    response = make_response(data)
    response.headers["Content-Type"] = "application/zip"
    response.headers["Content-Disposition"] = 'attachment; filename="crosswalk-hsds.zip"'
    return response
