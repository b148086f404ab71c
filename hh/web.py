"""Small shared helpers for views: access rules, partial rendering, audit, CSV, pagination."""
from __future__ import annotations

import csv
import functools
import io
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence, TypeVar
from urllib.parse import urlsplit

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    has_request_context,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user
from sqlalchemy import func, insert, literal_column, or_
from sqlalchemy import select as sa_select

from hh.errors import InputError
from hh.extensions import db, htmx
from hh.forms import changed

T = TypeVar("T")

# --- Access rules -----------------------------------------------------------------------------
# Every view declares who may use it; a view without a declaration answers 403 (deny by default).

PUBLIC = "public"  # no sign-in needed
ROLES = ("viewer", "provider", "coordinator", "admin")
SIGNED_IN = frozenset(ROLES)
STAFF = frozenset({"provider", "coordinator", "admin"})  # who may see the By-Name List
COORDINATORS = frozenset({"coordinator", "admin"})
ADMINS = frozenset({"admin"})


def is_coordinator(user) -> bool:
    """Coordinators and admins: edit everything, all regions."""
    return bool(user is not None and user.is_authenticated and user.role in COORDINATORS)


def allow(*roles: str) -> Callable:
    """Declare which roles may use a view: @allow(*COORDINATORS) or @allow(PUBLIC)."""
    unknown = set(roles) - set(ROLES) - {PUBLIC}
    if not roles or unknown:
        raise ValueError(f"allow() needs known roles, got {roles!r}")

    def decorate(view: Callable) -> Callable:
        view.allowed_roles = frozenset(roles)
        return view

    return decorate


def allowed_roles(endpoint: str) -> frozenset[str] | None:
    if endpoint == "static":
        return frozenset({PUBLIC})
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "allowed_roles", None)


def may(endpoint: str) -> bool:
    """May the current user use this endpoint? Templates use it to show only usable links."""
    roles = allowed_roles(endpoint)
    if roles is None:
        return False
    if PUBLIC in roles:
        return True
    return current_user.is_authenticated and current_user.role in roles


def enforce_access():
    """before_request: deny by default, sign-in first, then the role."""
    from hh.extensions import login_manager

    endpoint = request.endpoint
    if endpoint is None:  # no route matched: the 404/405 handler answers
        return None
    roles = allowed_roles(endpoint)
    if roles is None:
        current_app.logger.error("route %s declares no roles; denied", endpoint)
        abort(403)
    if PUBLIC in roles:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role not in roles:
        abort(403)
    return None


# --- Rendering --------------------------------------------------------------------------------


def is_partial() -> bool:
    """True for an htmx request that wants a fragment (not a boost, not a history restore)."""
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render(template: str, fragment: str | None = None, status: int = 200, **context) -> Response:
    """Render the full page, or only its fragment for an htmx request."""
    if fragment and is_partial():
        # Status messages ride along out-of-band into the page's aria-live region, and the error
        # summary into its place at the top of the page (emptied after a submit that worked).
        body = render_template(fragment, **context)
        if shown_errors() or request.method == "POST":
            body += render_template("_error_summary_oob.html")
        body += render_template("_status_oob.html")
    else:
        body = render_template(template, **context)
    return make_response(body, status)


def note_error(target: str | None, message: str) -> None:
    """A message for the page's error summary (`target`: the id of the field it links to, None
    for one that belongs to no field). The form macros note every message they show."""
    shown = g.setdefault("shown_errors", [])
    if (target, str(message)) not in shown:
        shown.append((target, str(message)))


def shown_errors() -> list[tuple[str | None, str]]:
    """The messages noted for this request's error summary, in page order."""
    return g.get("shown_errors", []) if has_request_context() else []


def form_status() -> int:
    """A form page answers 422 when a submitted form comes back with errors (htmx swaps it)."""
    return 422 if request.method == "POST" else 200


def submit(form, save: Callable[[], T]) -> T | None:
    """The one rule for saving a form: validate its shape, then let the service save it. A domain
    rule the service refuses (InputError) rolls back and shows next to its field. Returns what
    `save` returned, or None when the form must be shown again (with `form_status()`)."""
    if not form.validate_on_submit():
        return None
    try:
        return save()
    except InputError as error:
        db.session.rollback()
        error.attach_to(form)
        for message in form.form_errors:  # no field to show it next to: the summary says it
            note_error(None, message)
        return None


def saved(message: str | None, endpoint: str, **values) -> Response:
    """After a save: say so, and go to the page that shows the result (303, no resubmit)."""
    if message:
        flash(message, "success")
    return redirect(url_for(endpoint, **values), 303)


def back_to_page(url: str, others: Iterable, show_page: Callable[[], Response]) -> Response:
    """After one part of a page with several forms saved: back to the page (303), unless the
    page's other forms (built from this request) came with text typed but not yet saved. Then
    (only without JavaScript: htmx sends and swaps one part) the page is shown again with that
    text in place, and says it is not saved yet. See docs/ARCHITECTURE.md, "Several forms"."""
    if is_partial() or not any(changed(form) for form in others):
        return redirect(url, 303)
    flash("What you typed in the page's other forms is still there, not saved yet.", "info")
    response = make_response(show_page())
    if htmx:  # a boosted submit: the address bar shows the page, not the route that saved
        response.headers["HX-Replace-Url"] = url
    return response


# Stands for a row's id in a URL built once for many rows: larger than any id of ours.
_ROW_ID = 2**31 - 1


def url_with_id(endpoint: str, id_name: str, **values) -> Callable[[int], str]:
    """url_for(endpoint, <id_name>=id, **values) for the many rows of one page: url_for runs once
    and each row's id is put in its place (a row of 50 with three links otherwise costs 0.75 ms
    of url_for). The id is in the rule's path, or the first query argument (it is given first);
    tests check the result equals url_for's."""
    head, _, tail = url_for(endpoint, **{id_name: _ROW_ID}, **values).partition(str(_ROW_ID))
    return lambda row_id: f"{head}{row_id}{tail}"


def no_store(response: Response) -> Response:
    """For pages with client data: never cached, never kept in htmx's history cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


def safe_next(target: str | None, default: str) -> str:
    """Only same-site paths are followed after sign-in (no open redirects)."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target


# --- Audit ------------------------------------------------------------------------------------


def audit(
    action: str,
    object_type: str = "",
    object_id: object = "",
    detail: str = "",
    user=None,
    actor: str | None = None,
) -> None:
    """Record who did what to which object, when and from where. Never pass passwords or client
    data in `detail`. The caller commits (so the event lands with the change it describes)."""
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user._get_current_object()
    remote = (request.remote_addr or "") if has_request_context() else "cli"
    # Written at once, in the session's transaction (it lands or not with the change it
    # describes): inserting the row costs less than adding a record for the commit's flush,
    # and every view of client data writes one.
    db.session.execute(_audit_insert(), {
        "user_id": user.id if user is not None else None,
        "actor": (actor if actor is not None else (user.email if user is not None else ""))[:254],
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id or "")[:60],
        "remote_addr": remote[:64],
        "detail": detail[:500],
    })


def audited(response: T, action: str, object_type: str = "", object_id: object = "",
            detail: str = "") -> T:
    """`response` once a page of client data is built, its view audited and committed. Not
    before: a commit expires what the session holds, and the page would read it all again."""
    audit(action, object_type, object_id, detail=detail)
    db.session.commit()
    return response


def visible(record: T | None, may_see: Callable) -> T:
    """`record` when the reader may see it (`may_see(user, record)`): 404 when there is none,
    403 when it is not theirs to see."""
    if record is None:
        abort(404)
    if not may_see(current_user, record):
        abort(403)
    return record


@functools.cache
def _audit_insert():
    from hh.admin.models import AuditEvent

    return insert(AuditEvent.__table__)


# --- Queries ----------------------------------------------------------------------------------


def like(text: str) -> str:
    """A LIKE pattern that finds `text` anywhere, its own % and _ taken literally (escape="\\")."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def any_like(pattern: str, *columns):
    """Any of the columns matches the LIKE pattern (from `like`) in any letter case. SQLite's LIKE
    already ignores case (of ASCII letters; its lower() knows no others either), and its ILIKE
    is lower() on both sides, which costs a lowered copy of every value read."""
    if db.session.get_bind().dialect.name == "sqlite":
        return or_(*(column.like(pattern, escape="\\") for column in columns))
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


# --- CSV --------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """Spreadsheet programs run cells that start like a formula; prefix those with a quote."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_safe(h) for h in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    response = make_response(buffer.getvalue())
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Pagination -------------------------------------------------------------------------------


def page_number() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


@dataclass
class Page:
    """One page of results, with what the pager macro needs (as Flask-SQLAlchemy's Pagination)."""

    items: list
    total: int
    page: int
    per_page: int
    counted_to: int | None = None  # a bounded count stopped here: "more than counted_to"

    @property
    def more(self) -> bool:
        return self.counted_to is not None and self.total > self.counted_to

    @property
    def pages(self) -> int:
        shown = self.counted_to if self.more else self.total
        return max(1, -(-shown // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None


def paginate(select, per_page: int | None = None, count_limit: int | None = None,
             total: int | None = None) -> Page:
    """A page of a select of one entity. The count is a plain count(*) with the same conditions
    (not a count over a subquery of every column, which SQLite builds row by row); with
    `count_limit` it stops past that many rows ("more than 1,000"), see `count_to`. `total`: the
    count when the page has it already (a tab's, counted the same way). A last page that is not
    full needs no count: its rows give it."""
    per_page = per_page or current_app.config["PAGE_SIZE"]
    page = page_number()
    offset = (page - 1) * per_page
    items = list(db.session.scalars(select.limit(per_page).offset(offset)))
    if total is None and (0 < len(items) < per_page or (page == 1 and not items)):
        total = offset + len(items)  # the last page: the rows say how many there are
    elif total is None and count_limit is not None:
        total = count_to(select, count_limit)
    elif total is None:
        total = db.session.scalar(select.with_only_columns(func.count(), maintain_column_froms=True)
                                  .order_by(None).options()) or 0
    return Page(items=items, total=total, page=page, per_page=per_page, counted_to=count_limit)


def count_to(select, limit: int) -> int:
    """How many rows a select of one entity has, counted up to limit + 1 (more than `limit`: the
    count stops there instead of reading every row)."""
    rows = (select.with_only_columns(literal_column("1").label("one"), maintain_column_froms=True)
            .order_by(None).limit(limit + 1).subquery())
    return db.session.scalar(sa_select(func.count()).select_from(rows)) or 0


# --- Sessions ---------------------------------------------------------------------------------


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, marked Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app) -> bool:
        if app.config.get("SESSION_COOKIE_SECURE"):
            return True
        return has_request_context() and request.is_secure


def epoch() -> float:
    """Seconds now; tests move this clock to check session limits."""
    return time.time()
