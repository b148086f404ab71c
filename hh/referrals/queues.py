"""The two queues (incoming for the receiving organization, outgoing for the sender), their
tab counts, a household's referrals, and what the home page shows."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Select, bindparam, false, or_, select
from sqlalchemy.orm import joinedload

from hh.caching import remember
from hh.conferences.models import Household
from hh.conferences.privacy import may_identify
from hh.extensions import db
from hh.referrals.access import bound_scopes, scope, scope_kind, scope_values
from hh.referrals.models import OPEN_STATUSES, Referral
from hh.referrals.rows import QUEUE_ROWS, QueueRow, with_households
from hh.referrals.steps import expire_unanswered
from hh.timeutil import local_today
from hh.web import Page, count_to, is_coordinator, page_number

INCOMING_VIEWS: dict[str, str] = {
    "new": "New",
    "awaiting": "Awaiting action",
    "overdue": "Follow-up overdue",
    "discharges": "Upcoming discharges",
    "all": "All",
}

OUTGOING_VIEWS: dict[str, str] = {
    "open": "Open",
    "overdue": "Follow-up overdue",
    "closed": "Finished",
    "all": "All",
}


def _queue_of(user, organization_id: int | None) -> int | str | None:
    """Whose referrals an incoming queue holds: one organization's (its id), "every"
    organization's (a coordinator's, unfiltered), or nobody's (None: a provider of no
    organization)."""
    if is_coordinator(user):
        return organization_id or "every"
    return user.organization_id


def _incoming(user, view: str, organization_id: int | None, today: date) -> Select:
    """The queue's referrals in its order, without what a row shows (a count needs none of it)."""
    queue = _queue_of(user, organization_id)
    query = select(Referral)
    if queue is None:
        query = query.where(false())
    elif queue != "every":
        query = query.where(Referral.receiving_organization_id == queue)
    return _tab(query, view, today, today - timedelta(days=1))


def _tab(query: Select, view: str, today, yesterday) -> Select:
    """A tab's conditions and order. `today`, `yesterday`: dates, or parameters bound to them."""
    if view == "new":
        return query.where(Referral.status == "sent").order_by(Referral.sent_at, Referral.id)
    if view == "awaiting":
        # Open referrals always carry a follow-up date; saying so lets SQLite start its read of
        # the follow-up index past the finished ones (no date, sorted first: most of the index).
        query = query.where(Referral.status.in_(("received", "accepted", "scheduled", "no_show")),
                            Referral.follow_up_on.is_not(None))
        return query.order_by(Referral.follow_up_on, Referral.id)
    if view == "overdue":
        query = query.where(Referral.status.in_(OPEN_STATUSES), Referral.follow_up_on < today)
        return query.order_by(Referral.follow_up_on, Referral.id)
    if view == "discharges":
        query = query.where(Referral.kind == "discharge", Referral.status.in_(OPEN_STATUSES),
                            Referral.expected_discharge_on >= yesterday)
        return query.order_by(Referral.expected_discharge_on, Referral.id)
    return query.order_by(Referral.sent_at.desc(), Referral.id.desc())


# Each tab's page of rows, built once for the three kinds of queue (one organization's, every
# organization's, nobody's), the organization, dates and page bound when read: built on each
# view, a statement cost more CPU than running it (it is compiled and keyed again).
_QUEUES = {"one": QUEUE_ROWS.where(Referral.receiving_organization_id == bindparam("queue")),
           "every": QUEUE_ROWS, "nobody": QUEUE_ROWS.where(false())}
_TAB_ROWS = {(view, queue): _tab(rows, view, bindparam("today"), bindparam("yesterday"))
             .limit(bindparam("limit")).offset(bindparam("offset"))
             for view in INCOMING_VIEWS for queue, rows in _QUEUES.items()}


def incoming_page(user, view: str, organization_id: int | None, total: int, count_limit: int,
                  per_page: int = 15, today: date | None = None) -> Page:
    """A page of the receiving organization's queue, as rows (rows.QueueRow): `total` is its
    tab's count, counted up to `count_limit` + 1 (as paginate's). Coordinators see every
    organization's queue, or one's."""
    today = today or local_today()
    queue = _queue_of(user, organization_id)
    kind = "nobody" if queue is None else "every" if queue == "every" else "one"
    number = page_number()
    rows = db.session.scalars(_TAB_ROWS[view, kind], {
        "queue": queue, "today": today, "yesterday": today - timedelta(days=1),
        "limit": per_page, "offset": (number - 1) * per_page})
    return Page(items=with_households(list(rows)), total=total, page=number, per_page=per_page,
                counted_to=count_limit)


def outgoing_query(user, view: str, today: date | None = None) -> Select:
    """What this person's organization (or they themselves) sent, newest first, as rows
    (rows.QueueRow). When that is at most COUNT_LIMIT referrals, the page is sorted among them:
    read in the page's order, the `sent_at` index would pass every other organization's
    referrals before the few of this one (the whole table, for one that sends little)."""
    sent = _outgoing(user, view, today)
    few = list(db.session.scalars(sent.with_only_columns(Referral.id).limit(COUNT_LIMIT + 1)))
    query = _outgoing(user, view, today, QUEUE_ROWS)
    if len(few) <= COUNT_LIMIT:
        query = query.where(Referral.id.in_(few))
    return query.order_by(Referral.sent_at.desc(), Referral.id.desc())


def _outgoing(user, view: str, today: date | None, rows: Select = select(Referral)) -> Select:
    """The outgoing queue's referrals (or `rows`) in no order."""
    today = today or local_today()
    query = rows
    if user.organization_id is not None:
        query = query.where(or_(Referral.sender_organization_id == user.organization_id,
                                Referral.sender_id == user.id))
    else:
        query = query.where(Referral.sender_id == user.id)
    if view == "open":
        query = query.where(Referral.status.in_(OPEN_STATUSES))
    elif view == "overdue":
        query = query.where(Referral.status.in_(OPEN_STATUSES), Referral.follow_up_on < today)
    elif view == "closed":
        query = query.where(Referral.status.not_in(OPEN_STATUSES))
    return query


# A tab counts up to this many referrals, then says "1,000+": a count to the end would read every
# open referral in scope, and nobody works through a thousand from one tab.
COUNT_LIMIT = 1000


# The tabs that show how many referrals they hold ("All" shows its count in its heading only).
COUNTED_TABS = ("new", "awaiting", "overdue", "discharges")


def incoming_counts(user, organization_id: int | None = None, today: date | None = None,
                    limit: int = COUNT_LIMIT, views: tuple[str, ...] = COUNTED_TABS
                    ) -> dict[str, int]:
    """How many referrals each tab holds (up to limit + 1), each counted from the index that
    orders its tab. Numbers only, the same for everyone who sees that queue: kept in the one
    cache until a referral changes (or the day does, which moves what is overdue)."""
    today = today or local_today()
    key = (f"referrals:incoming_counts:{_queue_of(user, organization_id)}:{today}:{limit}:"
           + ",".join(views))
    return remember(key, ["referral"], lambda: {
        view: count_to(_incoming(user, view, organization_id, today), limit) for view in views})


def is_overdue(referral: Referral, today: date | None = None) -> bool:
    return referral.is_open and referral.follow_up_on is not None and \
        referral.follow_up_on < (today or local_today())


def household_referrals(household: Household, user) -> list[Referral]:
    """The household's referrals this person may open: which services a household was referred
    to is the sending and receiving partners' to know (and the coordinators'), not every
    provider's who may see the household."""
    return list(db.session.scalars(scope(
        select(Referral).where(Referral.household_id == household.id)
        .order_by(Referral.sent_at.desc())
        .options(joinedload(Referral.service, innerjoin=True)), user)))


# --- Home page ------------------------------------------------------------------------------------

# The home page counts up to this many ("more than 99"): a glance, not a report.
HOME_COUNT_LIMIT = 99
# Each of its lists names this many at most.
HOME_LISTED = 8


def home_context(user) -> dict:
    """Referrals waiting for me or my organization, follow-ups due, discharges in the next 7 days."""
    if not (user.is_authenticated and user.role in ("provider", "coordinator", "admin")):
        return {}
    today = local_today()
    expire_unanswered()
    counts = incoming_counts(user, today=today)  # the queue's own tab counts
    follow_ups, follow_up_count = _follow_ups_due(user, today)
    return {
        "referrals_today": today,
        "referrals_waiting": counts["new"],
        "referrals_follow_ups": follow_ups,
        "referrals_about": {r.id: about(user, r) for r in follow_ups},
        "referrals_follow_up_count": follow_up_count,
        "referrals_count_limit": HOME_COUNT_LIMIT,
        # None upcoming in the queue: none this week either.
        "referrals_discharges": _discharges_this_week(user, today) if counts["discharges"] else [],
    }


# The follow-ups due for each kind of reader (access.scope_kind), built once.
_DUE = bound_scopes(QUEUE_ROWS.where(Referral.status.in_(OPEN_STATUSES),
                                     Referral.follow_up_on <= bindparam("today")))
_FOLLOW_UPS = {kind: due.order_by(Referral.follow_up_on, Referral.id).limit(HOME_LISTED)
               for kind, due in _DUE.items()}


def _follow_ups_due(user, today: date) -> tuple[list[QueueRow], int]:
    """The referrals due longest, as rows, and how many are due (up to HOME_COUNT_LIMIT + 1)."""
    kind, values = scope_kind(user), {**scope_values(user), "today": today}
    follow_ups = with_households(list(db.session.scalars(_FOLLOW_UPS[kind], values)))
    # Fewer than a full list: that is all of them, no need to count.
    if len(follow_ups) < HOME_LISTED:
        return follow_ups, len(follow_ups)
    return follow_ups, _due_count(user, kind, today)


def _due_count(user, kind: str, today: date) -> int:
    """How many follow-ups are due: a number, the same for every reader of the same scope, so
    from the one cache per scope and day until a referral is written."""
    reader = {"own": f"{user.id}", "organization": f"{user.id}:{user.organization_id}"}
    key = f"referrals:due-count:{kind}:{reader.get(kind, '')}:{today}:{HOME_COUNT_LIMIT}"
    return remember(key, ["referral"], lambda: count_to(scope(QUEUE_ROWS, user).where(
        Referral.status.in_(OPEN_STATUSES), Referral.follow_up_on <= today), HOME_COUNT_LIMIT))


# The week's discharges for each kind of queue (see _TAB_ROWS), built once.
_DISCHARGES_BY = {kind: statement.where(Referral.expected_discharge_on <= bindparam("week_end"))
                  for (view, kind), statement in _TAB_ROWS.items() if view == "discharges"}


def _discharges_this_week(user, today: date) -> list[QueueRow]:
    queue = _queue_of(user, None)
    kind = "nobody" if queue is None else "every" if queue == "every" else "one"
    return list(db.session.scalars(_DISCHARGES_BY[kind], {
        "queue": queue, "today": today, "yesterday": today - timedelta(days=1),
        "week_end": today + timedelta(days=7), "limit": HOME_LISTED, "offset": 0}))


def about(user, referral: Referral) -> str:
    """Whom a referral is for, in a line a passer-by may also read (the home page): the
    household's internal number only for a reader who may see who the household is, the
    person's initials (a person not on the list) for the parties who see them in the queues;
    otherwise nothing, and the line says who sent it, where to and when instead."""
    if referral.household is not None:
        return referral.household.reference if may_identify(user, referral.household) else ""
    return referral.person_initials or ""
