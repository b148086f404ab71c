"""Mail through the CoC's own SMTP server (Flask-Mailman, configured from MAIL_* settings): one
message per notice, or one digest per person, in plain text with a simple HTML alternative."""
from __future__ import annotations

from flask import current_app
from flask_mailman import EmailMultiAlternatives, Mail

from hh.notifications import bp
from hh.timeutil import local_today

mail = Mail()


@bp.record_once
def _init_mail(state) -> None:
    mail.init_app(state.app)


def absolute(path: str) -> str:
    """Links in mail point at HH_BASE_URL (the address people reach Crosswalk at)."""
    return current_app.config["HH_BASE_URL"] + path


def _render(template: str, **context) -> str:
    # Straight from the environment: no request, no signed-in user, no page context processors.
    return current_app.jinja_env.get_template(template).render(**context)


def build(user, notices: list, preferences_path: str, digest: bool = False):
    """The message for `user` about `notices` (one, or the day's digest)."""
    if digest:
        count = len(notices)
        subject = (f"Crosswalk digest for {local_today():%A %-d %B}: "
                   f"{count} update{'s' if count != 1 else ''}")
    else:
        subject = notices[0].subject
    preferences_url = absolute(preferences_path)
    context = {"user": user, "notices": notices, "digest": digest, "subject": subject,
               "absolute": absolute, "preferences_url": preferences_url}
    message = EmailMultiAlternatives(
        subject=subject, body=_render("notifications/mail.txt", **context), to=[user.email],
        from_email=current_app.config.get("MAIL_DEFAULT_SENDER"),
        headers={"List-Unsubscribe": f"<{preferences_url}>", "Auto-Submitted": "auto-generated"})
    message.attach_alternative(_render("notifications/mail.html", **context), "text/html")
    return message


def connection():
    return mail.get_connection(fail_silently=False)
