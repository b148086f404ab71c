"""Two instances of the app (two servers behind one proxy) on one database and one Redis: the
login throttle and the cache hold across them, as REDIS_URL promises in the README."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
import redis
from support import login

from hh import create_app
from hh.extensions import db
from hh.glossary.models import GlossaryTerm


@pytest.fixture
def redis_url(tmp_path):
    """A real redis-server of the test's own (Debian's redis-server; dev.py test installs it)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is missing: `python3 dev.py test` installs Debian's redis-server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    for _ in range(100):
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def instances(make_app, redis_url: str):
    shared = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": redis_url, "LOGIN_LIMIT": "3 per minute",
              "CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url, "CACHE_KEY_PREFIX": "crosswalk:"}
    first = make_app(**shared)
    second = create_app({**first.config, **shared})  # the same database, not a fresh one
    second.test_client_class = first.test_client_class
    yield first, second
    # make_app closes the first's connections; the second's would be left to the garbage
    # collector, which warns (an error here) during whichever test it happens to run in.
    with second.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_login_throttle_counts_attempts_on_every_instance(instances):
    first, second = instances
    clients = [first.test_client(), second.test_client()]
    for n in range(3):
        assert login(clients[n % 2], "someone@example.org", "wrong-password-here").status_code == 422
    for client in clients:
        refused = login(client, "someone@example.org", "wrong-password-here")
        assert refused.status_code == 429
        assert "Too many attempts" in refused.get_data(as_text=True)


def test_a_write_on_one_instance_is_seen_at_once_on_the_other(instances, redis_url, factory):
    first, second = instances
    with first.app_context():
        factory.user("viewer", email="reader@example.org")
    reader = first.test_client()
    assert login(reader, "reader@example.org").status_code == 303
    assert "Harm reduction" not in reader.get("/glossary/?q=harm").get_data(as_text=True)
    assert redis.Redis.from_url(redis_url).keys("crosswalk:*:version:*"), "the versions live in Redis"
    with second.app_context():
        db.session.add(GlossaryTerm(slug="harm-reduction", term="Harm reduction",
                                    definition="Meeting people where they are."))
        db.session.commit()
    assert "Harm reduction" in reader.get("/glossary/?q=harm").get_data(as_text=True)
