"""What the rows of a page's item table share, worked out once for the page rather than once per
row (a table shows up to 50): the rows' CSRF token, who may update, the rows as posted, their
URLs."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from hh.plans.common import is_overdue
from hh.plans.models import ITEM_STATUSES
from hh.web import url_with_id


class RowParts(NamedTuple):
    """What one row shows besides its item's values."""

    late: bool
    editable: bool  # may the reader change its status and edit it
    due: str  # its due date as the row writes it ("" when none)
    url: str
    status_url: str
    edit_url: str
    # Its status fields, where editable (else None): their names' prefix (i<id>-), the form as
    # posted (after a refused save, with its messages) or None, the status and the reason as
    # posted else the item's, and the status <option>s with that status selected.
    prefix: str | None = None
    posted: object = None
    chosen: str | None = None
    reason: str | None = None
    options: Markup | None = None


class ItemTable:
    """The item rows' shared parts (templates/plans/_item_rows.html). A row asks for its own
    parts in one call (each call from a template costs a few µs)."""

    statuses = ITEM_STATUSES

    def __init__(self, today: date, may_update: Callable, status_forms: dict):
        self.today = today
        self.may_update = may_update  # services.item_updater(user)
        self.status_forms = status_forms  # item id → its status form as posted (a refused save)
        self.csrf_token = generate_csrf()  # one for the page: the rows' fields share it
        self.item_url = url_with_id("plans.item", "item_id")  # the page's other item links too
        self._status_url = url_with_id("plans.item_status", "item_id")
        self._edit_url = url_with_id("plans.edit_item", "item_id")
        self._options: dict[str, Markup] = {}

    def parts(self, item, draw_options: Callable) -> RowParts:
        """`draw_options(statuses, chosen)`: the template's macro for the status <option>s."""
        item_id = item.id
        found = (is_overdue(item, self.today), self.may_update(item),
                 item.due_on.isoformat() if item.due_on else "", self.item_url(item_id),
                 self._status_url(item_id), self._edit_url(item_id))
        if not found[1]:
            return RowParts(*found)
        posted = self.status_forms.get(item_id)
        chosen = posted.status.data if posted else item.status
        reason = posted.blocked_reason.data if posted else item.blocked_reason
        return RowParts(*found, f"i{item_id}-", posted, chosen, reason,
                        self._status_options(chosen, draw_options))

    def any_editable(self, items) -> bool:
        return any(self.may_update(item) for item in items)

    def _status_options(self, chosen: str, draw: Callable) -> Markup:
        """The status <option>s with `chosen` selected, drawn once per page for each status the
        rows show, not once per row."""
        if chosen not in self._options:
            self._options[chosen] = draw(self.statuses, chosen)
        return self._options[chosen]
