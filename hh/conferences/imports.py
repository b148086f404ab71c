"""The By-Name List upload for coordinators: upload, preview (counts, problem rows, households
missing from the export), confirm. The upload waits under the instance folder behind a random
token for the person who uploaded it (the directory import's helper)."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user

from hh.conferences import bp
from hh.conferences.bnl_import import confirm_missing, import_bnl, missing_households
from hh.conferences.forms import UploadForm
from hh.conferences.privacy import identity
from hh.forms import ButtonForm
from hh.importing import (
    ImportFailure,
    discard_pending,
    load_pending,
    save_pending,
)
from hh.web import COORDINATORS, allow, no_store, render

KIND = "bnl"


@bp.route("/import")
@allow(*COORDINATORS)
def import_bnl_page():
    """Upload the By-Name List exported from HMIS."""
    return render("conferences/import.html", form=UploadForm())


@bp.route("/import", methods=["POST"])
@allow(*COORDINATORS)
def upload_bnl():
    """Check the upload and preview it once (a broken file is refused right here), keep it."""
    form = UploadForm()
    upload = form.file.data
    if not form.validate_on_submit():
        form.file.errors = ["The form expired; reload the page."]
    elif not upload or not getattr(upload, "filename", ""):
        form.file.errors.append("Choose a CSV file to upload.")
    elif not upload.filename.lower().endswith(".csv"):
        form.file.errors.append("Upload a .csv file.")
    else:
        data = upload.read()
        try:
            import_bnl(data, commit=False, user=current_user)
        except ImportFailure as failure:
            form.file.errors.append(str(failure))
        else:
            token = save_pending(KIND, current_user.id, {"bnl.csv": data})
            return redirect(url_for("conferences.import_preview", token=token), 303)
    return render("conferences/import.html", form=form, status=422)


def _pending(token: str):
    pending = load_pending(token, current_user.id)
    if pending is None or pending[0] != KIND:
        flash("That upload has expired or was not yours. Upload the file again.", "error")
        return None
    return pending[1]["bnl.csv"]


def _import(token: str, commit: bool):
    """The pending upload previewed again or applied; None (with a message) when it is gone or
    cannot be read."""
    data = _pending(token)
    if data is None:
        return None
    try:
        return import_bnl(data, commit=commit, user=current_user)
    except ImportFailure as failure:
        flash(str(failure), "error")
        return None


@bp.route("/import/<token>")
@allow(*COORDINATORS)
def import_preview(token: str):
    """What confirming will do, every problem row with its line, and who is missing."""
    report = _import(token, commit=False)
    if report is None:
        return redirect(url_for("conferences.import_bnl_page"), 303)
    return no_store(render("conferences/import_preview.html", report=report, token=token,
                           missing=missing_households(report.missing), button=ButtonForm(),
                           identity=identity))


@bp.route("/import/<token>/confirm", methods=["POST"])
@allow(*COORDINATORS)
def import_confirm(token: str):
    """Apply the good rows in one transaction; make inactive only the missing households the
    coordinator ticked."""
    if not ButtonForm().validate_on_submit():
        flash("The form expired; confirm again.", "error")
        return redirect(url_for("conferences.import_preview", token=token), 303)
    report = _import(token, commit=True)
    if report is None:
        return redirect(url_for("conferences.import_bnl_page"), 303)
    ticked = {int(v) for v in request.form.getlist("inactive") if v.isdigit()}
    closed = confirm_missing(sorted(ticked & set(report.missing)), user=current_user)
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
    if ButtonForm().validate_on_submit() and load_pending(token, current_user.id) is not None:
        discard_pending(token)
        flash("Upload discarded; nothing was imported.", "success")
    return redirect(url_for("conferences.import_bnl_page"), 303)
