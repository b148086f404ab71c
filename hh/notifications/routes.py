"""Notifications pages: my notices (read/unread), my choices per kind, and the admins' view."""
from __future__ import annotations

from flask import flash
from flask_login import current_user

from hh.extensions import db
from hh.forms import ButtonForm
from hh.notifications import bp, delivery, inbox
from hh.notifications.forms import preferences_form
from hh.notifications.kinds import INVITATION, KINDS, kinds_for
from hh.notifications.models import CHOICES
from hh.notifications.outbox import mail_on
from hh.timeutil import UTC, coc_zone
from hh.web import ADMINS, SIGNED_IN, allow, form_status, is_partial, paginate, render, saved


@bp.app_context_processor
def _unread():
    """The unread count in the navigation (one indexed count per page)."""
    if not current_user.is_authenticated:
        return {}
    return {"unread_notices": lambda: inbox.unread_count(current_user)}


@bp.app_template_filter("notice_time")
def notice_time(moment) -> str:
    """A stored moment (naive UTC) on the CoC's clock."""
    return f"{moment.replace(tzinfo=UTC).astimezone(coc_zone()):%-d %b %Y, %H:%M}"


@bp.route("/")
@allow(*SIGNED_IN)
def index():
    """My notifications, newest first: the same notices the mail carries."""
    page = paginate(inbox.inbox_query(current_user))
    unread = inbox.unread_count(current_user)
    # The navigation's count is this page's own: counted once.
    return render("notifications/index.html", page=page, button=ButtonForm(), unread=unread,
                  unread_notices=lambda: unread)


@bp.route("/<int:notice_id>/read", methods=["POST"])
@allow(*SIGNED_IN)
def mark_read(notice_id: int):
    """Mark one notice read (htmx: the updated row)."""
    notice = inbox.own_notice(current_user, notice_id)
    if ButtonForm().validate_on_submit():
        inbox.mark_read(notice)
    if is_partial():
        return render("notifications/_notice.html", "notifications/_notice.html", notice=notice,
                      button=ButtonForm())
    return saved("Marked as read.", "notifications.index")


@bp.route("/read", methods=["POST"])
@allow(*SIGNED_IN)
def mark_all_read():
    """Mark every notice of mine read."""
    if ButtonForm().validate_on_submit():
        marked = inbox.mark_all_read(current_user)
        flash(f"Marked {marked} notification{'s' if marked != 1 else ''} as read.", "success")
    return saved(None, "notifications.index")


@bp.route("/preferences", methods=["GET", "POST"])
@allow(*SIGNED_IN)
def preferences():
    """Per kind: mail immediately, in the daily digest, or off (the app lists them all)."""
    kinds = kinds_for(current_user.role)
    form = preferences_form(kinds, inbox.choices_for(current_user))
    if form.validate_on_submit():
        changed = inbox.save_choices(current_user, form.chosen(kinds))
        return saved(f"Saved: {changed} choice{'s' if changed != 1 else ''} changed.",
                     "notifications.preferences")
    return render("notifications/preferences.html", form=form, kinds=kinds, KINDS=KINDS,
                  mail_on=mail_on(), status=form_status())


@bp.route("/admin")
@allow(*ADMINS)
def admin():
    """Whether mail is on, mail that failed, and who gets what."""
    return render("notifications/admin.html", mail_on=mail_on(), KINDS=KINDS, CHOICES=CHOICES,
                  people=inbox.who_gets_what(), failed=paginate(inbox.failed_query()),
                  counts=inbox.state_counts(), button=ButtonForm(), INVITATION=INVITATION)


@bp.route("/admin/<int:notice_id>/retry", methods=["POST"])
@allow(*ADMINS)
def retry(notice_id: int):
    """Send a failed notice again at the deliverer's next pass."""
    notice = db.get_or_404(delivery.Notification, notice_id)
    if ButtonForm().validate_on_submit() and notice.state == "failed" and notice.kind != INVITATION:
        delivery.retry(notice)
        db.session.commit()
        flash("It will be sent again at the next delivery.", "success")
    return saved(None, "notifications.admin")
