"""The list for a client: add and remove from search or a service's page, reorder, clear, and
the list itself as a printable page and as plain text."""
from flask import flash, make_response, redirect, request, url_for

from hh.extensions import db
from hh.forms import ButtonForm
from hh.resources import bp, shortlist
from hh.resources.models import Service
from hh.web import SIGNED_IN, allow, is_partial, render, safe_next, url_with_id


@bp.context_processor
def _client_list_context():
    # A function, so only the pages that show a list button or counter read the session.
    return {"client_list_ids": shortlist.chosen, "client_list_limit": shortlist.LIMIT,
            "list_actions": _list_actions}


def _list_actions() -> dict:
    """The list button's two addresses for any service, by whether it is on the list (a page
    of results builds each once)."""
    return {False: url_with_id("resources.add_to_list", "service_id"),
            True: url_with_id("resources.remove_from_list", "service_id")}


def _back() -> str:
    """Where the no-JavaScript round trip returns to: a local path only (no open redirects)."""
    return safe_next(request.form.get("next"), url_for("resources.client_list"))


def _answer(service: Service, status: int = 200):
    """htmx: the service's button, changed, and the counter; otherwise back to the page."""
    back = _back()
    if is_partial():
        return render("resources/list.html", "resources/_list_button.html", item=service,
                      next_url=back, counter_oob=True, status=status)
    if back.startswith(url_for("resources.client_list")):
        return redirect(back, 303)
    return redirect(f"{back}#list-form-{service.id}", 303)


def _expired() -> bool:
    if ButtonForm().validate_on_submit():
        return False
    flash("The form expired; reload the page and try again.", "error")
    return True


@bp.route("/list/add/<int:service_id>", methods=["POST"])
@allow(*SIGNED_IN)
def add_to_list(service_id: int):
    """Put a service on the list for a client."""
    service = db.get_or_404(Service, service_id)
    if _expired():
        return _answer(service, 400)
    if not shortlist.add(service.id):
        flash(f"Your list is full: it holds up to {shortlist.LIMIT} services. "
              "Remove one before adding another.", "error")
        return _answer(service, 422)
    count = len(shortlist.chosen())
    flash(f"Added {service.name} to your list ({count} of {shortlist.LIMIT}).", "success")
    return _answer(service)


@bp.route("/list/remove/<int:service_id>", methods=["POST"])
@allow(*SIGNED_IN)
def remove_from_list(service_id: int):
    """Take a service off the list (from the list, from search or from its page)."""
    service = db.get_or_404(Service, service_id)
    if _expired():
        return _answer(service, 400)
    shortlist.remove(service.id)
    flash(f"Removed {service.name} from your list.", "success")
    return _answer(service)


@bp.route("/list/move/<int:service_id>", methods=["POST"])
@allow(*SIGNED_IN)
def move_in_list(service_id: int):
    """Move a service one place up or down the list."""
    if not _expired():
        shortlist.move(service_id, -1 if request.form.get("to") == "up" else 1)
    return redirect(f"{url_for('resources.client_list')}#entry-{service_id}", 303)


@bp.route("/list/clear", methods=["POST"])
@allow(*SIGNED_IN)
def clear_list():
    """Empty the list (for the next client)."""
    if not _expired():
        shortlist.clear()
        flash("Your list is empty now.", "success")
    return redirect(url_for("resources.client_list"), 303)


@bp.route("/list")
@allow(*SIGNED_IN)
def client_list():
    """The list for a client: what each service is, when it is open, how to reach it, what to
    bring; prints on its own, and as plain text to copy."""
    listed = shortlist.entries(shortlist.listed_services())
    return render("resources/list.html", entries=listed, text=shortlist.as_text(listed),
                  made=shortlist.made())


@bp.route("/list.txt")
@allow(*SIGNED_IN)
def client_list_text():
    """The same list as plain text (?download=1 saves it as a file)."""
    text = shortlist.as_text(shortlist.entries(shortlist.listed_services()))
    response = make_response(text)
    response.mimetype = "text/plain"
    response.headers["Cache-Control"] = "private, no-cache"  # one person's list, always current
    if request.args.get("download"):
        response.headers["Content-Disposition"] = 'attachment; filename="services-list.txt"'
    return response
