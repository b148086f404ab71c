"""Benchmark: the README's own server (`python3 dev.py run`: gunicorn with gunicorn.conf.py, one
worker per core, demo data), 8 concurrent clients on every page of each role's navigation and on
one record of each kind, against the issue's floor: p99 ≤ 100 ms and at least 20 % of the
throughput of /healthz measured in the same run. As bench/run.py does, the whole list is measured
--rounds times and each figure is the median of its rounds, a page's share taken against
/healthz measured just before and after it (the machine's speed drifts within a round).

    .venv/bin/python bench/readme_server.py
    .venv/bin/python bench/readme_server.py --requests 200 --roles coordinator

The demo CoC is built into a throwaway SQLite database (as the Quick start's first run does).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from run import (  # noqa: E402
    fetch,
    free_port,
    measure_round,
    medians,
    sign_in,
    stop_server,
    table_row,
    wait_until_serving,  # noqa: E402
)
from slow_link import build  # noqa: E402

ROLES = ["viewer", "provider", "coordinator", "admin"]
NAV = re.compile(rb'<nav aria-label="Main">(.*?)</nav>', re.S)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="requests per page")
    parser.add_argument("--roles", default=",".join(ROLES))
    parser.add_argument("--p99", type=float, default=100, help="budget, ms")
    parser.add_argument("--floor", type=float, default=20, help="%% of /healthz's requests/s")
    parser.add_argument("--rounds", type=int, default=3,
                        help="measure the whole list this many times; each figure is the median")
    return parser.parse_args()


def serve(database_url: str, workdir: Path) -> tuple[subprocess.Popen, int]:
    """As dev.py run serves: gunicorn --config gunicorn.conf.py, demo mode on, no access log."""
    port = free_port()
    env = dict(os.environ, SECRET_KEY="readme-bench-not-for-real-use", DATABASE_URL=database_url,
               HH_INSTANCE_PATH=str(workdir / "instance"), HH_DEMO_MODE="1",
               LOGIN_LIMIT="1000 per minute", PYTHONPATH=str(ROOT))
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen([str(gunicorn), "--config", "gunicorn.conf.py", "--bind",
                               f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
                              cwd=ROOT, env=env, start_new_session=True)
    return wait_until_serving(server, port), port


def navigation(port: int, cookie: str) -> list[str]:
    """The paths in the main navigation a signed-in person of this role sees."""
    _, _, page = fetch(port, "/", cookie)
    found = NAV.search(page)
    return [href.decode() for href in re.findall(rb'href="(/[^"#]*)"', found.group(1))] if found else []


def pages(port: int, roles: list[str], records: list) -> list[tuple[str, str, str]]:
    """(path, role, cookie) of every page measured: each role's navigation and, for the
    coordinator (who sees all), one record of each kind."""
    found = [("/healthz", "", "")]
    for role in roles:
        cookie = sign_in(port, role)
        paths = navigation(port, cookie)
        if role == "coordinator":
            paths += [path for _, path in records if path not in paths and "login" not in path]
        found += [(path, role, cookie) for path in paths]
    return found


def main() -> None:
    args = parse_args()
    url, workdir, records = build()
    server, port = serve(url, workdir)
    rounds: list[list[dict]] = []
    try:
        measured = pages(port, args.roles.split(","), records)
        for number in range(1, args.rounds + 1):
            rounds.append(measure_round(port, [(path, cookie) for path, _, cookie in measured],
                                        args.clients, args.requests))
            print(f"round {number} of {args.rounds} measured", file=sys.stderr, flush=True)
    finally:
        stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)
    rows = [medians([results[index] for results in rounds]) for index in range(len(measured))]
    print(f"\n{args.clients} concurrent clients, {args.requests} requests per page, medians of "
          f"{args.rounds} rounds, the README's server (gunicorn.conf.py), demo data, SQLite\n")
    print("| page | role | p50 ms | p95 ms | p99 ms | req/s | % of /healthz | KB gzip (raw) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    misses = []
    for (path, role, _), row in zip(measured, rows):
        print(table_row(path, role, row, rows[0]))
        if role and ("error" in row or row["p99_ms"] > args.p99 or row["share"] < args.floor):
            misses.append(f"{role} {path}")
    print(f"\n{len(misses)} page(s) outside p99 ≤ {args.p99:.0f} ms or {args.floor:.0f} % of "
          f"/healthz" + (": " + ", ".join(misses) if misses else ""))
    sys.exit(1 if misses else 0)


if __name__ == "__main__":
    main()
