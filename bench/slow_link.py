"""Benchmark: the first visit to each main page over an emulated slow link.

    .venv/bin/python bench/slow_link.py                     # 400 kbps down and up, 400 ms latency
    .venv/bin/python bench/slow_link.py --kbps 1600 --latency 150 --budget 1

Builds the demo CoC into a throwaway SQLite database, serves it with gunicorn as in production
(`gunicorn.conf.py`, on a free port), signs in as the demo coordinator, then opens each page in a
fresh browser context that keeps only the session cookie: an empty cache, as on a first visit.
Chromium (CHROMIUM_PATH, default /usr/bin/chromium, driven by Playwright) throttles the link with
the DevTools protocol's Network.emulateNetworkConditions. For each page it prints the time from
navigation to the load event (the median of --runs first visits: other work on a shared machine
adds noise) and to the page's first byte (in effect the server's time: Chromium's throttling adds
its latency after that), the requests and the bytes that crossed the link (headers included,
compressed as sent), and the verdict against the budget (2 s).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from run import fetch, free_port, stop_server, wait_until_serving  # noqa: E402
from run import sign_in as cookie_for  # noqa: E402
from standalone import bench_app  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kbps", type=float, default=400, help="link speed, both ways (kbit/s)")
    parser.add_argument("--latency", type=float, default=400, help="added latency (ms)")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds a first visit may take")
    parser.add_argument("--role", default="coordinator", help="the demo user to sign in as")
    parser.add_argument("--runs", type=int, default=3,
                        help="first visits per page; the median is shown (the machine is shared)")
    return parser.parse_args()


# --- The demo CoC and where its pages are ----------------------------------------------------


def build() -> tuple[str, Path, list[tuple[str, str]]]:
    """Demo data in a throwaway database; returns its URL, folder and the pages to visit."""
    import logging

    logging.getLogger("alembic").setLevel(logging.WARNING)  # the migrations' names: not wanted here
    app, url, workdir = bench_app("crosswalk-slow-link-")
    from hh.demo import load_demo

    with app.app_context():
        load_demo()
        pages = main_pages()
        from hh.extensions import db

        db.engine.dispose()
    return url, workdir, pages


def main_pages() -> list[tuple[str, str]]:
    """(label, path) of each main page, the records picked from the demo data."""
    from sqlalchemy import func, select

    from hh.conferences.models import CaseConference, Household
    from hh.directory.models import Organization
    from hh.extensions import db
    from hh.glossary.models import GlossaryTerm
    from hh.plans.models import ActionPlan
    from hh.referrals.models import Referral
    from hh.resources.models import Service

    def first(column):
        return db.session.scalar(select(func.min(column)))

    return [
        ("sign-in page (anonymous)", "/auth/login"),
        ("home", "/"),
        ("resource search", "/resources/"),
        ("a service", f"/resources/services/{first(Service.id)}"),
        ("directory", "/directory/"),
        ("an organization", f"/directory/organizations/{first(Organization.id)}"),
        ("glossary index", "/glossary/"),
        ("a glossary term", f"/glossary/{first(GlossaryTerm.slug)}"),
        ("plans list", "/plans/"),
        ("a plan", f"/plans/{first(ActionPlan.id)}"),
        ("By-Name List", "/conferences/"),
        ("a household", f"/conferences/households/{first(Household.id)}"),
        ("a conference", f"/conferences/meetings/{first(CaseConference.id)}"),
        ("referrals list", "/referrals/"),
        ("a referral", f"/referrals/{first(Referral.id)}"),
        ("gap map", "/needs/gaps"),
    ]


# --- The server ------------------------------------------------------------------------------


def serve(database_url: str, workdir: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = dict(os.environ, HH_ENV="production", SECRET_KEY="slow-link-bench-not-for-real-use",
               DATABASE_URL=database_url, HH_INSTANCE_PATH=str(workdir / "instance"),
               HH_DEMO_MODE="0", PYTHONPATH=str(ROOT))
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen([str(gunicorn), "--bind", f"127.0.0.1:{port}",
                               "--log-level", "warning", "wsgi:app"],
                              cwd=ROOT, env=env, start_new_session=True)
    return wait_until_serving(server, port), port


# --- The browser -----------------------------------------------------------------------------


def sign_in(browser, base: str, role: str) -> dict:
    """Sign in at full speed; returns the context's storage state (the session cookie)."""
    from hh.demo import DEMO_USERS

    user = next(u for u in DEMO_USERS if u["role"] == role)
    context = browser.new_context(base_url=base)
    page = context.new_page()
    page.goto("/auth/login")
    page.get_by_label("Email").fill(user["email"])
    page.get_by_label("Password").fill(user["password"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    state = context.storage_state()
    context.close()
    return state


def first_visit(browser, base: str, path: str, state: dict | None, args) -> dict:
    """Open one page in a new context (empty cache) over the throttled link."""
    context = browser.new_context(base_url=base, storage_state=state)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": args.latency,
        "downloadThroughput": args.kbps * 1000 / 8, "uploadThroughput": args.kbps * 1000 / 8,
    })
    sent: list[str] = []
    received: dict[str, int] = {}
    document: dict[str, object] = {}
    # data: URLs (Chromium's own icons for date fields) never cross the link.
    cdp.on("Network.requestWillBeSent", lambda event: sent.append(event["request"]["url"])
           if event["request"]["url"].startswith("http") else None)
    cdp.on("Network.loadingFinished",
           lambda event: received.__setitem__(event["requestId"], event["encodedDataLength"]))

    def on_response(event):
        if event["type"] == "Document" and not document:
            headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
            document.update(status=event["response"]["status"],
                            encoding=headers.get("content-encoding", "none"))

    cdp.on("Network.responseReceived", on_response)
    page.goto(path, wait_until="load", timeout=120_000)
    timing = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return {load: nav.loadEventEnd - nav.startTime, first: nav.responseStart - nav.startTime,
                html: nav.encodedBodySize, html_raw: nav.decodedBodySize};
    }""")
    final = page.url
    context.close()
    return {"seconds": timing["load"] / 1000, "first_byte": timing["first"] / 1000,
            "requests": len(sent), "bytes": sum(received.values()), "html": timing["html"],
            "html_raw": timing["html_raw"], "status": document.get("status"),
            "encoding": document.get("encoding"), "final": final}


def main() -> None:
    args = parse_args()
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM}: install Debian's chromium, or set "
                 "CHROMIUM_PATH")
    print("Building the demo CoC ...", flush=True)
    database_url, workdir, pages = build()
    server, port = serve(database_url, workdir)
    base = f"http://127.0.0.1:{port}"
    over = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            state = sign_in(browser, base, args.role)
            cookie = cookie_for(port, args.role)
            for _ in range(2):  # each worker compiles its templates once, not on a user's visit
                for _, path in pages:
                    fetch(port, path, cookie)
            print(f"\nFirst visit (empty cache) as the demo {args.role}, {args.kbps:g} kbps down "
                  f"and up, {args.latency:g} ms latency, budget {args.budget:g} s\n")
            print("| page | load s | first byte s | requests | KB transferred | HTML KB sent (raw) "
                  "| verdict |")
            print("|---|---:|---:|---:|---:|---:|---|")
            for label, path in pages:
                runs = [first_visit(browser, base, path,
                                    None if path == "/auth/login" else state, args)
                        for _ in range(args.runs)]
                result = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
                verdict = "within" if result["seconds"] < args.budget else "OVER"
                if result["status"] != 200 or not result["final"].endswith(path):
                    verdict = f"HTTP {result['status']} at {result['final'][len(base):]}"
                over += verdict != "within"
                print(f"| {label} | {result['seconds']:.2f} | {result['first_byte']:.2f} | "
                      f"{result['requests']} | {result['bytes'] / 1024:.1f} | "
                      f"{result['html'] / 1024:.1f} "
                      f"({result['html_raw'] / 1024:.1f}, {result['encoding']}) | {verdict} |",
                      flush=True)
            browser.close()
    finally:
        stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"\n{len(pages) - over} of {len(pages)} pages within {args.budget:g} s")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
