"""CPU time of each page, in-process (no server, no clients): the figure a change to a page moves.

    .venv/bin/python bench/page_cpu.py                    # demo data: the README server's pages
    .venv/bin/python bench/page_cpu.py --only /resources  # pages whose path contains this
    .venv/bin/python bench/page_cpu.py --database bench/results/bench-<id>.db   # the bench's pages
    .venv/bin/python bench/page_cpu.py --only /plans/1 --profile                # where it goes

Throughput on two cores follows CPU time: a page at about a fifth of `/healthz`'s requests per
second (the issues' floor) costs about 5 ms in the benchmark's database and 6 ms on demo data.
Compare before and after on a quiet machine; the best of several rounds is printed.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]
NAV = re.compile(r'<nav aria-label="Main">(.*?)</nav>', re.S)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="a database bench/run.py built (a file or a URL): "
                        "its pages; default: demo data, the README server's pages")
    parser.add_argument("--only", default="", help="only pages whose path or label contains this")
    parser.add_argument("--roles", default="viewer,provider,coordinator,admin")
    parser.add_argument("--requests", type=int, default=40, help="requests per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print each page's cProfile")
    parser.add_argument("--sort", default="cumulative",
                        help="the profile's order: cumulative, or tottime (each function's own time)")
    return parser.parse_args()


def _environment(database_url: str, instance: str, demo: bool) -> None:
    os.environ.update(HH_ENV="production", SECRET_KEY="page-cpu-not-for-real-use",
                      DATABASE_URL=database_url, HH_INSTANCE_PATH=instance,
                      LOGIN_LIMIT="1000 per minute", HH_DEMO_MODE="1" if demo else "0")


def _signed_in(app, role: str | None):
    from hh.demo import DEMO_USERS

    client = app.test_client()
    if role:
        user = next(u for u in DEMO_USERS if u["role"] == role)
        page = client.get("/auth/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        client.post("/auth/login", data={"csrf_token": token, "email": user["email"],
                                         "password": user["password"]})
    return client


def _demo_pages(app, roles: list[str]) -> list[tuple[str, str, str]]:
    from slow_link import main_pages

    with app.app_context():
        records = [path for _, path in main_pages() if "login" not in path]
    pages = []
    for role in roles:
        home = _signed_in(app, role).get("/").get_data(as_text=True)
        paths = re.findall(r'href="(/[^"#]*)"', NAV.search(home).group(1))
        if role == "coordinator":
            paths += [p for p in records if p not in paths]
        pages += [(path, path, role) for path in paths]
    return pages


def _measure(client, path: str, requests: int, rounds: int) -> float:
    for _ in range(3):  # templates compiled, caches filled
        client.get(path)
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(requests):
            client.get(path)
        best = min(best, (time.process_time() - start) / requests * 1000)
    return best


def main() -> None:
    args = parse_args()
    import logging

    logging.disable(logging.WARNING)
    workdir = None
    if args.database:
        url = args.database if "://" in args.database else f"sqlite:///{Path(args.database).resolve()}"
        _environment(url, str(HERE / "results" / "instance"), demo=False)
    else:
        from slow_link import build

        url, workdir, _ = build()
        _environment(url, str(workdir / "instance"), demo=True)
    try:
        run(args)
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args) -> None:
    from wsgi import app

    roles = args.roles.split(",")
    if args.database:
        from pages import BASELINE, all_pages

        pages = [BASELINE] + [p for p in all_pages() if p[2] is None or p[2] in roles]
    else:
        pages = [("/healthz", "/healthz", None)] + _demo_pages(app, roles)
    clients = {}
    print(f"CPU ms per request, best of {args.rounds} rounds of {args.requests}\n")
    for label, path, role in pages:
        if args.only and args.only not in path and args.only not in label:
            continue
        client = clients.get(role) or clients.setdefault(role, _signed_in(app, role))
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
        cpu = _measure(client, path, args.requests, args.rounds)
        if args.profile:
            profile.disable()
            pstats.Stats(profile).sort_stats(args.sort).print_stats(40)
        print(f"{cpu:7.2f}  {role or '-':12s} {label}", flush=True)


if __name__ == "__main__":
    main()
