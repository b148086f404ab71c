"""The one cache: Flask-Caching, with version keys that the writes bump.

`remember(key, tables, compute)` stores what `compute()` returns under `key` and the current
version of each table it was built from. Every commit that wrote one of those tables gives the
table a new version (found from the session's own flushes, so no write path can forget), and an
entry built from old data is never read again; it ages out of the store. A request learns whether
anything was written from one entry, the write mark (see _HELD), not from every table's version.

The store is shared by every worker: a folder under the instance path by default, Redis with
`CACHE_REDIS_URL` (several servers). Tests use a store of their own per app. Every key names the
database it was read from, so two databases beside one store (a test copy, the benchmark's sizes)
never read each other's entries, and every value's key the version of the code that made it.
"""
from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from flask import current_app, g, has_app_context
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from hh.extensions import cache

T = TypeVar("T")
_TOUCHED = "hh_touched_tables"
# The values this process read last, by their versioned key: a large value (the glossary's
# index) is not unpickled from the store on every request. Never stale: a write changes the key.
# Many entries are small and per organization, plan or region: the size keeps a large value
# that is read often among them (the one used longest ago goes first).
_LOCAL: OrderedDict[str, tuple] = OrderedDict()
_LOCAL_SIZE = 256
_LOCAL_LOCK = threading.Lock()


def _database() -> str:
    """A short name for the app's database, without its password, to begin every key with."""
    found = current_app.extensions.get("hh_cache_database")
    if found is None:
        url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string()
        found = current_app.extensions["hh_cache_database"] = hashlib.sha256(
            url.encode()).hexdigest()[:10]
    return found


def _code() -> str:
    """A short name for this version of the code, in every value's key: a value is pickled, and
    one of a shape an older version made (a field since added) must never be read. The tables'
    versions are not named by it, so servers part-way through an upgrade see each other's writes."""
    global _CODE
    if _CODE is None:
        digest = hashlib.sha256()
        for path in sorted(Path(__file__).parent.rglob("*.py")):
            digest.update(path.read_bytes())
        _CODE = digest.hexdigest()[:8]
    return _CODE


_CODE: str | None = None


def _version_key(table: str) -> str:
    return f"{_database()}:version:{table}"


def _mark_key() -> str:
    return f"{_database()}:writes"


# The versions this process has read, with the store's write mark they were read under. Every
# bump writes its versions, then a new mark: while the mark a request reads is the one held here,
# no table has been written since, and the versions held are current. A request then reads one
# entry of the store (the mark) instead of one per table (a file each, in the default store).
# Per app, as _LOCAL: two apps in one process (tests) see each other's writes only through it.
_HELD: dict[str, tuple[str, dict[str, str]]] = {}


def _held_versions() -> dict[str, str]:
    """This process's versions for the store's current write mark (read before any version: a
    bump writes its versions before its mark). A mark evicted or cleared is made again: no
    process holds it, so every one reads the versions afresh."""
    mark = cache.get(_mark_key())
    if mark is None:
        cache.add(_mark_key(), secrets.token_hex(6), timeout=0)
        mark = cache.get(_mark_key())
    app_key = f"{id(current_app._get_current_object())}:{_database()}"
    held = _HELD.get(app_key)
    if held is None or held[0] != str(mark):
        if len(_HELD) > 64:  # apps come and go in tests
            _HELD.clear()
        held = _HELD[app_key] = (str(mark), {})
    return held[1]


def _versions(tables: Iterable[str]) -> list[str]:
    """The tables' versions: those this process holds while nothing was written (see _HELD),
    the others read from the store (and held). Asked once per request: a write in the request
    forgets them."""
    known = g.get("hh_table_versions")
    if known is None:
        known = g.hh_table_versions = _held_versions()
    keys = [_version_key(table) for table in tables]
    missing = [key for key in keys if key not in known]
    if missing:
        for key, value in zip(missing, cache.get_many(*missing)):
            if value is None:  # never written, or evicted: a fresh version no old entry can match
                cache.add(key, secrets.token_hex(6), timeout=0)
                value = cache.get(key)
            known[key] = str(value)
    return [known[key] for key in keys]


def remember(key: str, tables: Iterable[str], compute: Callable[[], T], timeout: int = 3600) -> T:
    """What `compute()` gives, from the cache while none of `tables` has been written since.
    Name the tables of the records the result reads (a many-to-many change marks its owner's)."""
    tables = sorted(tables)
    full_key = f"{_database()}:{_code()}:{key}@{'.'.join(_versions(tables))}"
    local_key = f"{id(current_app._get_current_object())}:{full_key}"
    with _LOCAL_LOCK:
        found = _LOCAL.get(local_key)
        if found is not None:
            _LOCAL.move_to_end(local_key)
    if not _current(found):
        found = cache.get(full_key)
        if not _current(found):
            # With its deadline, which every process's copy keeps to; a tuple, so that None and
            # empty results are remembered too.
            found = (compute(), time.time() + timeout if timeout else float("inf"))
            cache.set(full_key, found, timeout=timeout)
        with _LOCAL_LOCK:
            _LOCAL[local_key] = found
            while len(_LOCAL) > _LOCAL_SIZE:
                _LOCAL.popitem(last=False)
    return found[0]


def _current(found) -> bool:
    """An entry as remember() stores it, (value, deadline), before its deadline (anything else a
    store holds under the key, e.g. from an older version of this module, is built again)."""
    return isinstance(found, tuple) and len(found) == 2 and found[1] >= time.time()


def bump(*tables: str) -> None:
    """Give tables a new version (writes outside the session, e.g. raw SQL, call this), then the
    store a new write mark: every process reads the versions again (see _HELD)."""
    if tables:
        cache.set_many({_version_key(table): secrets.token_hex(6) for table in tables}, timeout=0)
        cache.set(_mark_key(), secrets.token_hex(6), timeout=0)
        g.pop("hh_table_versions", None)


@event.listens_for(Session, "after_flush")
def _note_flushed_tables(session, flush_context):  # noqa: ARG001
    touched = session.info.setdefault(_TOUCHED, set())
    for record in (*session.new, *session.dirty, *session.deleted):
        table = getattr(record, "__table__", None)
        if table is not None and not table.info.get("uncached"):
            touched.add(table.name)


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_writes(state):
    if state.is_update or state.is_delete or state.is_insert:
        table = getattr(state.statement, "table", None)
        if table is not None and not table.info.get("uncached"):
            state.session.info.setdefault(_TOUCHED, set()).add(table.name)


@event.listens_for(Session, "after_commit")
def _bump_written_tables(session):
    touched = session.info.pop(_TOUCHED, None)
    if touched and has_app_context() and "cache" in current_app.extensions:
        bump(*touched)


@event.listens_for(Session, "after_rollback")
def _forget_written_tables(session):
    session.info.pop(_TOUCHED, None)
