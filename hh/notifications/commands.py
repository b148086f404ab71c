"""The `deliver-mail` command: the day's scan for due dates, then delivery; once or every
minute."""
from __future__ import annotations

import logging
import time

from hh.extensions import db
from hh.notifications.delivery import deliver
from hh.notifications.outbox import mail_on
from hh.notifications.scan import scan

INTERVAL_SECONDS = 60
log = logging.getLogger(__name__)


def one_pass(echo, quiet: bool = False) -> None:
    """Scan and deliver once; `quiet` says nothing when nothing happened (the loop)."""
    added = scan()
    outcome = deliver()
    if not mail_on():
        if added or not quiet:
            echo(f"Mail is off (no MAIL_SERVER): {added} notices added in the app, nothing mailed.")
        return
    if quiet and not (added or outcome.sent or outcome.retrying or outcome.failed):
        return
    echo(f"Added {added} notices for due dates. Mailed {outcome.sent} messages "
         f"({outcome.notices} notices); {outcome.retrying} to retry, {outcome.failed} failed, "
         f"{outcome.skipped} skipped.")


def deliver_mail(loop: bool, echo, interval: float = INTERVAL_SECONDS) -> None:
    if not loop:
        one_pass(echo)
        return
    first = True
    while True:
        started = time.monotonic()
        try:
            one_pass(echo, quiet=not first)
        except Exception:  # a database hiccup: log it and keep looping (nothing is lost)
            log.exception("deliver-mail pass failed")
            db.session.rollback()
        db.session.remove()  # let go of the connection between passes
        first = False
        time.sleep(max(1.0, interval - (time.monotonic() - started)))
