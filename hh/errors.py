"""The one error type for input that cannot be saved, and friendly error pages for every status
we answer with, without tracebacks."""
from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


class InputError(ValueError):
    """Input that breaks a domain rule (services raise it; forms check only shape).

    `errors` maps each form field to its message; the form page shows each one next to its field
    (a field the form lacks gets a message above the form)."""

    def __init__(self, message: str, field: str | None = None, errors: dict | None = None):
        super().__init__(message)
        self.field = field
        self.errors = errors or {field: message}

    def attach_to(self, form) -> None:
        for field, message in self.errors.items():
            target = getattr(form, field, None) if field else None
            if target is not None and hasattr(target, "errors"):
                target.errors = [*target.errors, message]
            else:
                form.form_errors.append(message)


def raise_if(errors: dict[str, str], kind: type[InputError] = InputError) -> None:
    """Raise all collected field messages at once (the first one is the exception's message)."""
    if errors:
        first = next(iter(errors))
        raise kind(errors[first], first, errors)


MESSAGES = {
    400: ("Something in the request was not right",
          "The page could not understand what was sent. Go back and try again."),
    401: ("Please sign in", "You need to sign in to see this page."),
    403: ("You do not have access to this page",
          "Your role does not include this page. If you need it for your work, ask a "
          "coordinator or an administrator."),
    404: ("Page not found", "There is no page at this address. It may have moved or been removed."),
    405: ("That action is not possible here", "This address does not accept that kind of request."),
    413: ("That was too large",
          "The file or form you sent is larger than this site accepts. Send a smaller file, or "
          "split it into parts."),
    422: ("Some information needs fixing", "Check the form and try again."),
    429: ("Too many attempts",
          "Please wait a minute before trying again. This protects your account from guessing."),
    500: ("Something went wrong on our side",
          "The problem was logged. Nothing you already saved is lost; try again in a moment."),
    503: ("Temporarily unavailable", "The site is busy or under maintenance; try again shortly."),
}


def _page(code: int, title: str | None = None, message: str | None = None):
    default_title, default_message = MESSAGES.get(code, MESSAGES[500])
    context = {"code": code, "title": title or default_title, "message": message or default_message}
    from hh.web import is_partial  # hh.web needs InputError from here first

    template = "errors/_error.html" if is_partial() else "errors/error.html"
    try:
        return render_template(template, **context), code
    except Exception:  # the page itself failed (e.g. the database is down): plain text will do
        return f"{code} {context['title']}. {context['message']}", code, {"Content-Type": "text/plain"}


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _page(400, "This form has expired",
                     "For your security, forms stop working after you sign out or after a long "
                     "pause. Go back, reload the page, and submit it again.")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _page(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        from hh.extensions import db

        app.logger.exception("unhandled error")
        try:
            db.session.rollback()
        except Exception:
            pass
        return _page(500)
