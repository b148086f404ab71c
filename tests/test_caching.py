"""The one cache: an entry is read again only while none of its tables has been written."""
from sqlalchemy import update

from hh.caching import bump, remember
from hh.directory.models import Organization
from hh.extensions import db


def _counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return calls, compute


def test_an_entry_lasts_until_its_table_is_written(app):
    calls, compute = _counter()
    assert remember("organizations", ["organization"], compute) == 1
    assert remember("organizations", ["organization"], compute) == 1  # from the cache
    db.session.add(Organization(name="Harbor House"))
    db.session.commit()
    assert remember("organizations", ["organization"], compute) == 2  # the write made it stale
    assert remember("organizations", ["organization"], compute) == 2


def test_bulk_updates_and_explicit_bumps_count_as_writes_but_rollbacks_do_not(app):
    db.session.add(Organization(name="Harbor House"))
    db.session.commit()
    calls, compute = _counter()
    remember("names", ["organization"], compute)
    db.session.execute(update(Organization).values(description="Shelter"))
    db.session.commit()
    assert remember("names", ["organization"], compute) == 2
    db.session.add(Organization(name="Never saved"))
    db.session.flush()
    db.session.rollback()
    assert remember("names", ["organization"], compute) == 2  # nothing was written
    bump("organization")
    assert remember("names", ["organization"], compute) == 3


def test_an_entry_with_a_timeout_is_built_again_after_it_even_in_the_same_process(app, monkeypatch):
    import time

    calls, compute = _counter()
    assert remember("free now", ["capacity_unit"], compute, timeout=60) == 1
    assert remember("free now", ["capacity_unit"], compute, timeout=60) == 1
    later = time.time() + 61
    monkeypatch.setattr("hh.caching.time.time", lambda: later)
    assert remember("free now", ["capacity_unit"], compute, timeout=60) == 2


def test_an_entry_of_another_shape_in_the_store_is_built_again(app):
    from hh import caching
    from hh.extensions import cache

    calls, compute = _counter()
    remember("names", ["organization"], compute)
    key = (f"{caching._database()}:{caching._code()}:names@"
           f"{'.'.join(caching._versions(['organization']))}")
    cache.set(key, ("old value",))  # as an older version of the module stored it
    caching._LOCAL.clear()  # a new process
    assert remember("names", ["organization"], compute) == 2


def test_a_value_read_often_stays_in_the_process_among_many_others(app, monkeypatch):
    """Per-organization and per-plan entries come and go; the one read on every page (the
    glossary's index) must not be pushed out and unpickled from the store again."""
    from hh.extensions import cache

    calls, compute = _counter()
    remember("index", ["glossary_term"], compute)
    store_reads = []
    get = cache.get
    monkeypatch.setattr(cache, "get", lambda key: store_reads.append(key) or get(key))
    for number in range(1000):
        remember(f"queue counts {number}", ["referral"], lambda: number)
        assert remember("index", ["glossary_term"], compute) == 1
    assert calls == [1]
    assert not [key for key in store_reads if ":index@" in key]  # always the process's copy


def test_a_value_another_version_of_the_code_stored_is_never_read(app, monkeypatch):
    from hh import caching

    calls, compute = _counter()
    assert remember("names", ["organization"], compute) == 1
    monkeypatch.setattr(caching, "_CODE", "upgraded")  # a new version of the app, same store
    caching._LOCAL.clear()
    assert remember("names", ["organization"], compute) == 2
    assert remember("names", ["organization"], compute) == 2


def test_a_request_reads_each_version_once_and_its_own_writes_at_once(app, monkeypatch):
    from hh.extensions import cache

    calls, compute = _counter()
    remember("organizations", ["organization"], compute)
    reads = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda *keys: reads.append(keys) or get_many(*keys))
    assert remember("organizations", ["organization"], compute) == 1
    assert remember("other", ["organization"], lambda: "x") == "x"
    assert reads == []  # the versions were read once, by the first remember()
    db.session.add(Organization(name="Harbor House"))
    db.session.commit()
    assert remember("organizations", ["organization"], compute) == 2  # its own write, at once


def test_other_tables_writes_leave_an_entry_alone_and_none_is_remembered(app):
    calls = []
    assert remember("nothing", ["glossary_term"], lambda: calls.append(1)) is None
    db.session.add(Organization(name="Harbor House"))
    db.session.commit()
    assert remember("nothing", ["glossary_term"], lambda: calls.append(1)) is None
    assert len(calls) == 1


def test_the_audit_events_written_on_views_of_client_data_write_nothing_to_the_cache(
        app, monkeypatch):
    from hh.extensions import cache
    from hh.web import audit

    writes = []
    monkeypatch.setattr(cache, "set_many", lambda mapping, **kw: writes.append(mapping))
    with app.test_request_context("/"):
        audit("household_viewed", "household", 1)
        db.session.commit()
    assert writes == []  # no table version to give: nothing caches the log
    db.session.add(Organization(name="Harbor House"))
    db.session.commit()
    assert [[key.split(":", 1)[1] for key in mapping] for mapping in writes] == [
        ["version:organization"]]


def test_two_databases_beside_one_store_never_read_each_others_entries(tmp_path):
    from hh import create_app

    def app_on(name):
        return create_app({"HH_ENV": "testing", "TESTING": True, "SECRET_KEY": "test",
                           "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / name}",
                           "CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(tmp_path / "cache")})

    one, other = app_on("one.db"), app_on("other.db")
    with one.app_context():
        assert remember("terms", ["glossary_term"], lambda: "one's terms") == "one's terms"
    with other.app_context():
        assert remember("terms", ["glossary_term"], lambda: "other's terms") == "other's terms"
    with one.app_context():
        assert remember("terms", ["glossary_term"], lambda: "built again") == "one's terms"


def test_clear_cache_makes_every_entry_read_the_database_again(app):
    calls, compute = _counter()
    remember("organizations", ["organization"], compute)
    result = app.test_cli_runner().invoke(args=["hh", "clear-cache"])
    assert result.exit_code == 0 and "The cache is empty" in result.output
    with app.app_context():  # the next request
        assert remember("organizations", ["organization"], compute) == 2


def test_while_nothing_is_written_a_request_reads_one_entry_of_the_store(app, monkeypatch):
    from hh.extensions import cache

    calls, compute = _counter()
    with app.app_context():  # a first request reads the versions
        remember("organizations", ["organization", "county"], compute)
    reads = []
    for name in ("get", "get_many"):
        real = getattr(cache, name)
        monkeypatch.setattr(cache, name, lambda *keys, real=real: reads.append(keys) or real(*keys))
    with app.app_context():  # the next one: the write mark only
        assert remember("organizations", ["organization", "county"], compute) == 1
    assert len(reads) == 1 and reads[0][0].endswith(":writes")


def test_a_write_in_another_process_is_seen_at_the_next_request(tmp_path):
    from hh import create_app

    def process():
        return create_app({"HH_ENV": "testing", "TESTING": True, "SECRET_KEY": "test",
                           "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'one.db'}",
                           "CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(tmp_path / "cache")})

    reader, writer = process(), process()
    with reader.app_context():
        db.create_all()
    calls, compute = _counter()
    for _ in range(2):
        with reader.app_context():
            assert remember("organizations", ["organization"], compute) == 1
    with writer.app_context():
        db.session.add(Organization(name="Harbor House"))
        db.session.commit()
    with reader.app_context():
        assert remember("organizations", ["organization"], compute) == 2


def test_a_write_mark_evicted_from_the_store_makes_every_version_read_again(app):
    from hh import caching
    from hh.extensions import cache

    with app.app_context():
        versions = caching._versions(["organization"])
    cache.delete(caching._mark_key())
    cache.set(caching._version_key("organization"), "changed", timeout=0)
    with app.app_context():
        assert caching._versions(["organization"]) == ["changed"] != versions
