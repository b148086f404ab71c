"""Benchmark: the app under gunicorn on a database of a chosen size, concurrent clients on each
page, and a table of p50/p95 latency, requests per second and compressed page size beside the
same figures for a trivial route measured in the same run.

    .venv/bin/python bench/run.py                    # 2,000 organizations, 10,000 services, 8 clients
    .venv/bin/python bench/run.py --services 2000 --clients 4 --requests 80
    .venv/bin/python bench/run.py --only search      # pages whose label contains "search"

The database is built once per scale into bench/results/ (delete it or pass --rebuild to make it
again). The clients are threads in this process, so the figures include a little client overhead
on the same two cores; read every page against the trivial route's line. Each request opens a new
connection, as gunicorn sees it behind a reverse proxy (--keep-alive: one connection per client).

Two cores shared with other machines' work make one measurement of a page move by a tenth from
one second to the next, and the trivial route's as much: the whole list is measured --rounds
times (3 by default), and each figure is the median of its rounds. A page's share of the trivial
route's throughput is taken against /healthz measured just before and just after it (see
measure_round).
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path[:0] = [str(ROOT), str(HERE)]

import pages as bench_pages  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organizations", type=int, default=2000)
    parser.add_argument("--services", type=int, default=10000)
    parser.add_argument("--terms", type=int, default=1000, help="glossary terms")
    parser.add_argument("--needs", type=int, default=500)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=400, help="requests per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker")
    parser.add_argument("--keep-alive", action="store_true",
                        help="each client keeps one connection open (default: a new connection "
                             "per request, as gunicorn sees it behind a reverse proxy)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="measure the whole list this many times; each figure is the median")
    parser.add_argument("--only", default="", help="only pages whose label contains this")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--scale", type=float, default=1,
                        help="multiply every size (10: 20,000 organizations, 100,000 services, "
                             "10,000 terms, 50,000 households, 100,000 referrals)")
    parser.add_argument("--postgres", action="store_true",
                        help="build and serve on a throwaway PostgreSQL cluster (as dev.py test "
                             "starts one; built afresh each run)")
    parser.add_argument("--database-url",
                        help="serve this database as it is (built before, e.g. by --build-only); "
                             "no build, no upgrade")
    parser.add_argument("--build-only", action="store_true",
                        help="with --postgres: build, print the URL, and keep the cluster until "
                             "Enter is pressed (or the process is stopped), for runs with "
                             "--database-url (a 10x PostgreSQL build takes many minutes)")
    return parser.parse_args()


# --- The database ---------------------------------------------------------------------------


def sizes(args) -> dict:
    """Every data module's sizes (the defaults are each module's own), times --scale."""
    base = {"organizations": args.organizations, "services": args.services, "terms": args.terms,
            "needs": args.needs, "households": 5000, "referrals": 10000}
    if args.scale == 1:
        return {k: base[k] for k in ("organizations", "services", "terms", "needs")}
    return {key: int(value * args.scale) for key, value in base.items()}


def build_database(args, url: str | None = None) -> str:
    """The database's URL: the SQLite file built before for these sizes (brought up to this
    version's schema), or one built now (on PostgreSQL, `url`, always built)."""
    scale = sizes(args)
    modules = bench_pages.data_modules()
    key = json.dumps([scale, [m.__name__ for m in modules]], sort_keys=True)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{hashlib.sha256(key.encode()).hexdigest()[:10]}.db"
    if url is None and path.exists() and not args.rebuild:
        print(f"Using the database built before: {path.name} ({json.dumps(scale)})")
        with _app(f"sqlite:///{path}").app_context():
            _upgrade()
        return f"sqlite:///{path}"
    if url is None:
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    print(f"Building a database with {json.dumps(scale)} ...", flush=True)
    started = time.perf_counter()
    from hh.demo import load_demo
    from hh.extensions import db

    with _app(url).app_context():
        _upgrade()
        load_demo()
        for module in modules:
            module.build(scale)
            print(f"  {module.__name__}: built", flush=True)
        if db.engine.dialect.name == "sqlite":
            _upgrade()  # the planner's statistics, as every import leaves them
        else:
            db.session.execute(db.text("ANALYZE"))  # as autovacuum would, a little later
            db.session.commit()
        db.engine.dispose()
    print(f"Built in {time.perf_counter() - started:.0f} s")
    return url


def _app(url: str):
    os.environ["HH_INSTANCE_PATH"] = str(RESULTS / "instance")
    from hh import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})


def _upgrade() -> None:
    """As `flask hh init` leaves a database: this version's schema, and (SQLite) the planner's
    statistics."""
    from hh.cli import upgrade_database
    from hh.planner import refresh_statistics

    upgrade_database()
    refresh_statistics()


# --- The server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database: str, args) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = dict(os.environ, HH_ENV="production", SECRET_KEY="bench-secret-key-not-for-real-use",
               DATABASE_URL=database, HH_INSTANCE_PATH=str(RESULTS / "instance"),
               LOGIN_LIMIT="1000 per minute", HH_DEMO_MODE="0")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
         "--threads", str(args.threads), "--worker-connections", str(args.threads),
         "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env, start_new_session=True)
    return wait_until_serving(server, port), port


def wait_until_serving(server: subprocess.Popen, port: int) -> subprocess.Popen:
    """Wait for gunicorn to answer /healthz (60 s at most); exit if it never does."""
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if fetch(port, "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            sys.exit("gunicorn exited before answering")
        time.sleep(0.2)
    stop_server(server)
    sys.exit("gunicorn did not answer /healthz within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


# --- The clients ----------------------------------------------------------------------------


def fetch(port: int, path: str, cookie: str = "", method: str = "GET", body: str | None = None,
          connection: http.client.HTTPConnection | None = None):
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Accept-Encoding": "identity", "Host": f"127.0.0.1:{port}"}
    if cookie:
        headers["Cookie"] = cookie
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if connection is None:
        conn.close()
    return response.status, response.headers, data


def sign_in(port: int, role: str) -> str:
    """Sign in as the demo user of a role; returns the Cookie header the clients send."""
    from hh.demo import DEMO_USERS

    user = next(u for u in DEMO_USERS if u["role"] == role)
    _, headers, page = fetch(port, "/auth/login")
    cookie = _cookie(headers)
    token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1).decode()
    body = urllib.parse.urlencode({"csrf_token": token, "email": user["email"],
                                   "password": user["password"]})
    status, headers, _ = fetch(port, "/auth/login", cookie, "POST", body)
    if status != 303:
        sys.exit(f"could not sign in as {role}: HTTP {status}")
    return _cookie(headers) or cookie


def _cookie(headers) -> str:
    for value in headers.get_all("Set-Cookie") or []:
        if value.startswith("crosswalk_session="):
            return value.split(";", 1)[0]
    return ""


def measure(port: int, path: str, cookie: str, clients: int, requests: int,
            keep_alive: bool = False) -> dict:
    status, _, body = fetch(port, path, cookie)  # warm-up, and the page's size
    if status != 200:
        return {"error": f"HTTP {status}"}
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    per_client = 0

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for _ in range(per_client):
            started = time.perf_counter()
            try:
                code, _, _ = fetch(port, path, cookie, connection=conn if keep_alive else None)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                code = 0
            mine.append(time.perf_counter() - started)
            if code != 200:
                with lock:
                    failures.append(code)
        conn.close()
        with lock:
            latencies.extend(mine)

    def run(count: int) -> float:
        nonlocal per_client
        per_client = count
        threads = [threading.Thread(target=client) for _ in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - started

    # A first round on every connection, not counted: each gunicorn worker compiles the page's
    # templates and SQL on its first request, which a user meets once per deploy, not per visit.
    run(2)
    latencies.clear()
    failures.clear()
    wall = run(max(1, requests // clients))
    latencies.sort()
    return {
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000,
        "p99_ms": latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000,
        "rps": len(latencies) / wall,
        "kb_gz": len(gzip.compress(body, 6)) / 1024,
        "kb": len(body) / 1024,
        "failures": len(failures),
    }


def main() -> None:
    args = parse_args()
    if args.database_url:
        engine = "SQLite" if args.database_url.startswith("sqlite") else "PostgreSQL"
        return bench(args, args.database_url, engine)
    if not args.postgres:
        return bench(args, build_database(args), "SQLite")
    import dev

    with dev.throwaway_postgres() as url:
        database = build_database(args, url.replace("postgresql://", "postgresql+psycopg://"))
        if args.build_only:
            print(f"Built: {database}\nServe it with --database-url {database}; Enter removes "
                  "the cluster.", flush=True)
            with contextlib.suppress(EOFError, KeyboardInterrupt):
                signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
                input()
            return None
        return bench(args, database, "PostgreSQL")


def bench(args, database: str, engine: str) -> None:
    pages = [bench_pages.BASELINE] + [
        p for p in bench_pages.all_pages() if args.only.lower() in p[0].lower()]
    server, port = start_server(database, args)
    rounds: list[list[dict]] = []
    try:
        cookies = {role: sign_in(port, role) for role in {r for _, _, r in pages if r}}
        connections = ("one kept-alive connection per client" if args.keep_alive
                       else "a new connection per request")
        print(f"\n{args.clients} concurrent clients ({connections}), {args.requests} requests per "
              f"page, medians of {args.rounds} rounds, gunicorn {args.workers} workers × "
              f"{args.threads} threads, {engine}, sizes {json.dumps(sizes(args))}\n", flush=True)
        for number in range(1, args.rounds + 1):
            rounds.append(measure_round(port, [(path, cookies.get(role, "")) for _, path, role
                                               in pages], args.clients, args.requests,
                                        args.keep_alive))
            print(f"round {number} of {args.rounds} measured", file=sys.stderr, flush=True)
    finally:
        stop_server(server)
    rows = [{"page": label, "path": path, "role": role,
             **medians([measured[index] for measured in rounds])}
            for index, (label, path, role) in enumerate(pages)]
    print("| page | role | p50 ms | p95 ms | p99 ms | req/s | % of /healthz | KB gzip (raw) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(table_row(row["page"], row["role"], row, rows[0]))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))


def measure_round(port: int, pages: list[tuple[str, str]], clients: int, requests: int,
                  keep_alive: bool = False) -> list[dict]:
    """Each (path, cookie) measured once, with /healthz measured just before and just after it:
    a page's `baseline_rps` is the mean of the two. The machine's speed drifts (by a fifth within
    a two-minute round on two shared cores), so a page is compared with the trivial route as the
    machine was that second, not with one measured a minute before."""
    def healthz() -> float:
        return measure(port, "/healthz", "", clients, requests, keep_alive).get("rps") or 0.0

    results, before = [], healthz()
    for path, cookie in pages:
        result = measure(port, path, cookie, clients, requests, keep_alive)
        after = healthz()
        if "error" not in result and before and after:
            result["baseline_rps"] = (before + after) / 2
        results.append(result)
        before = after
    return results


def medians(results: list[dict]) -> dict:
    """One page's rounds as one line: the median of each figure, and of its share of the trivial
    route's throughput measured beside it. A round that failed is the page's line."""
    failed = [result for result in results if "error" in result]
    if failed:
        return failed[0]
    shares = [100 * result["rps"] / result["baseline_rps"]
              for result in results if result.get("baseline_rps")]
    line = {key: statistics.median(result[key] for result in results)
            for key in ("p50_ms", "p95_ms", "p99_ms", "rps")}
    return {**line, "share": statistics.median(shares) if shares else 0,
            "rounds_rps": [round(result["rps"]) for result in results],
            "kb_gz": results[0]["kb_gz"], "kb": results[0]["kb"],
            "failures": sum(result["failures"] for result in results)}


def table_row(label: str, role: str, result: dict, baseline: dict) -> str:
    if "error" in result:
        return f"| {label} | {role or '-'} | {result['error']} | | | | | |"
    flag = f" ({result['failures']} failed)" if result["failures"] else ""
    share = result.get("share")  # the median of its rounds' (run.py); else from one round
    if share is None:
        share = 100 * result["rps"] / baseline["rps"] if baseline.get("rps") else 0
    return (f"| {label}{flag} | {role or '-'} | {result['p50_ms']:.1f} | {result['p95_ms']:.1f} "
            f"| {result['p99_ms']:.1f} | {result['rps']:.0f} | {share:.0f} % "
            f"| {result['kb_gz']:.1f} ({result['kb']:.0f}) |")


if __name__ == "__main__":
    main()
