"""Benchmark: importing a By-Name List export of 5,000 households (issue 6: under 10 seconds).

    .venv/bin/python bench/import_bnl.py                 # 5,000 rows on a fresh SQLite database
    .venv/bin/python bench/import_bnl.py --rows 20000    # another size
    DATABASE_URL=postgresql://... .venv/bin/python bench/import_bnl.py   # an empty PostgreSQL database

It makes a fresh database with the demo data (its counties and organizations are what the rows
name), writes a generated HMIS-style CSV (mixed US and ISO dates, header variants, a BOM, every
optional column filled) and times, in-process and one after the other, what a coordinator's
import does: the preview, the import itself (all new), the same file again (all unchanged) and a
file with one household in ten changed. Each is the whole import_bnl() call (reading the CSV,
validating every row, writing in one transaction); the upload page and `hh import-bnl` call the
same function. Prints one line per step, the import itself as
"import of 5,000 households: X.X s".

    .venv/bin/python bench/import_bnl.py --hud           # a HUD HMIS CSV export (FY2024)

With --hud it times a HUD HMIS CSV export instead (issue 15: under 20 seconds): 5,000 clients and
20,000 enrollments (--clients, --enrollments) in shelter, outreach, coordinated-entry and
permanent-housing projects, about half of them exited, one in ten a household member, SSNs in
full, CurrentLivingSituation.csv with 10,000 contacts; every FY2024 column is written (the
tests' builder, tests/conferences/hud_export_files.py, loaded by path). Timed as above: the
preview, the import, the same export again (nothing changes), each the whole import_bnl() call
with the region for rows without a county given (as the preview or --region does).
"""
from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT)]  # this checkout's hh, not whichever one the virtualenv installed

from standalone import bench_app, finish  # noqa: E402  (bench/ is the script's folder)

from hh.timeutil import local_today

BUDGET_SECONDS = 10.0
HUD_BUDGET_SECONDS = 20.0
# ProjectType codes: shelters, outreach, CE, day shelter, safe haven and transitional housing are
# in the list's scope; permanent housing (3, 9, 10, 13) and services only (6) are not.
HUD_PROJECT_TYPES = (1, 0, 2, 4, 11, 14, 8, 3, 13, 9, 1, 4, 14, 2, 1, 0, 11, 3, 10, 6)
HEADER = ["Personal ID", "First Name", "Last Name", "4 Digit SSN", "Household Type", "Veteran Status",
          "Chronically Homeless", "County", "Housing Status", "Date Added to BNL",
          "Date BNL Status Updated", "VI-SPDAT Score", "Score Tool", "Date of Last Contact",
          "Assigned Navigator", "Navigator Agency", "Housing Need", "Service Need", "ROI", "ROI Date",
          "ROI Expires", "DV Flag"]
STATUSES = ("Unsheltered", "Encampment", "Vehicle", "Emergency Shelter", "Transitional Housing",
            "Institution", "Street", "ES")
TYPES = ("Individual", "Family", "Youth", "Couple")
LEVELS = ("Low", "Moderate", "High", "Med")


def us_or_iso(rng: random.Random, day: date) -> str:
    return day.isoformat() if rng.random() < 0.5 else f"{day.month}/{day.day}/{day.year}"


def make_csv(rows: int, counties: list[str], organizations: list[str], seed: int = 6,
             changed_every: int = 0) -> bytes:
    """The export as bytes; with changed_every=n, every n-th household has new contact data."""
    rng = random.Random(seed)
    today = local_today()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for i in range(rows):
        added = today - timedelta(days=rng.randint(1, 900))
        consent = rng.random() < 0.8
        contact = today - timedelta(days=rng.randint(0, 120))
        if changed_every and i % changed_every == 0:
            contact = today
        writer.writerow([
            f"BNLB-{i + 1:06d}", f"First{i + 1}", f"Last{rng.randint(1, 999)}",
            f"{rng.randint(0, 9999):04d}", rng.choice(TYPES), rng.choice(("Yes", "No", "No", "Client refused")),
            rng.choice(("Yes", "No", "No")), rng.choice(counties), rng.choice(STATUSES),
            us_or_iso(rng, added), us_or_iso(rng, today - timedelta(days=rng.randint(0, 60))),
            str(rng.randint(0, 20)), "VI-SPDAT", us_or_iso(rng, contact),
            f"Navigator {rng.randint(1, 40)}", rng.choice(organizations), rng.choice(LEVELS),
            rng.choice(LEVELS), "Yes" if consent else "No",
            us_or_iso(rng, today - timedelta(days=30)) if consent else "",
            us_or_iso(rng, today + timedelta(days=335)) if consent else "",
            "Yes" if rng.random() < 0.02 else "No",
        ])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _hud_builder():
    """The tests' FY2024 export builder, loaded by path (tests/ is not a package)."""
    import importlib.util

    path = ROOT / "tests" / "conferences" / "hud_export_files.py"
    spec = importlib.util.spec_from_file_location("hud_export_files", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.HudExportBuilder


def make_hud_export(clients: int, enrollments: int, seed: int = 15) -> dict[str, bytes]:
    """A HUD HMIS CSV export (file name -> bytes): every client has an enrollment, the rest are
    spread at random; about half are exited, one in ten is a household member."""
    rng = random.Random(seed)
    today = local_today()
    hud = _hud_builder()(always=("Exit.csv", "CurrentLivingSituation.csv"))
    for n, project_type in enumerate(HUD_PROJECT_TYPES):
        hud.project(f"P{n}", f"Project {n}", project_type)
    for i in range(clients):
        born = date(1950, 1, 1) + timedelta(days=rng.randint(0, 365 * 70))
        ssn = f"{rng.randint(100, 899)}{rng.randint(10, 99)}{rng.randint(0, 9999):04d}" \
            if rng.random() < 0.7 else ""
        hud.client(f"C{i}", f"First{i}", f"Last{rng.randint(1, 999)}", ssn=ssn,
                   dob=born.isoformat(), veteran=rng.choice((0, 0, 0, 1, 8, 9, 99)))
    previous = None
    for j in range(enrollments):
        personal_id = f"C{j}" if j < clients else f"C{rng.randrange(clients)}"
        entry = today - timedelta(days=rng.randint(30, 900))
        project = f"P{rng.randrange(len(HUD_PROJECT_TYPES))}"
        if previous is not None and rng.random() < 0.1:  # a member of the previous household
            project, entry, household, relationship = previous[0], previous[1], previous[2], 2
        else:
            household, relationship = f"H{j}", 1
        move_in = (entry + timedelta(days=20)).isoformat() if rng.random() < 0.03 else ""
        hud.enrollment(f"E{j}", personal_id, project, entry.isoformat(), household_id=household,
                       relationship=relationship, living_situation=rng.choice((116, 101, 118, 215)),
                       move_in_date=move_in)
        if rng.random() < 0.5:
            hud.exit(f"E{j}", personal_id, (entry + timedelta(days=rng.randint(1, 29))).isoformat())
        elif rng.random() < 0.9:
            for _ in range(rng.randint(1, 2)):
                hud.current_living_situation(
                    f"E{j}", personal_id, (today - timedelta(days=rng.randint(0, 29))).isoformat())
        previous = (project, entry, household)
    return hud.files()


def bench_hud(args, db, import_bnl) -> float:
    """Time the HUD export: preview, import, the same export again; returns the import's time."""
    from sqlalchemy import func, select

    from hh.conferences.bnl_import import ReadOptions
    from hh.conferences.bnl_values import Place
    from hh.conferences.models import Household
    from hh.directory.models import Region

    files = make_hud_export(args.clients, args.enrollments)
    enrollments = files["Enrollment.csv"].count(b"\n") - 1
    print(f"HUD export: {args.clients:,} clients, {enrollments:,} enrollments, "
          f"{sum(len(d) for d in files.values()) / 1e6:.1f} MB in {len(files)} files", flush=True)
    region = db.session.scalars(select(Region).order_by(Region.name)).first()
    options = ReadOptions(place=Place(region=region))
    before = db.session.scalar(select(func.count(Household.id)))

    def timed(label: str, commit: bool):
        started = time.perf_counter()
        report = import_bnl(files, commit=commit, actor="bench", options=options)
        seconds = time.perf_counter() - started
        counts = report.counts["households"]
        print(f"{label}: {seconds:.1f} s ({counts['new']} added, {counts['updated']} updated, "
              f"{counts['unchanged']} unchanged, {len(report.problems)} problems)", flush=True)
        return seconds, report

    timed("preview of the HUD export", commit=False)
    seconds, report = timed(f"import of the HUD export ({args.clients:,} clients, "
                            f"{enrollments:,} enrollments)", commit=True)
    _, again = timed("re-import of the same export (nothing changes)", commit=True)
    added = report.counts["households"]["new"]
    assert not report.problems, [p.reason for p in report.problems[:5]]
    assert added and again.counts["households"]["unchanged"] == added, again.counts
    assert db.session.scalar(select(func.count(Household.id))) - before == added
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--hud", action="store_true", help="time a HUD HMIS CSV export instead")
    parser.add_argument("--clients", type=int, default=5000, help="with --hud")
    parser.add_argument("--enrollments", type=int, default=20000, help="with --hud")
    args = parser.parse_args()

    app, url, workdir = bench_app("bnl-bench-")
    from sqlalchemy import func, select

    from hh.conferences.bnl_import import import_bnl
    from hh.conferences.models import Household
    from hh.demo import load_demo
    from hh.directory.models import County, Organization
    from hh.extensions import db

    with app.app_context():
        print("Preparing a database with the demo data ...", flush=True)
        load_demo()
        if args.hud:
            seconds = bench_hud(args, db, import_bnl)
            db.engine.dispose()
            finish(workdir, seconds, HUD_BUDGET_SECONDS)
        counties = [c.name for c in db.session.scalars(select(County).where(County.region_id.is_not(None)))]
        # "Alder" and "Alder County" both name the county: use both spellings.
        counties += [name.removesuffix(" County") for name in counties]
        organizations = [o.name for o in db.session.scalars(select(Organization).where(Organization.active.is_(True)))]
        first = make_csv(args.rows, counties, organizations)
        changed = make_csv(args.rows, counties, organizations, changed_every=10)
        print(f"CSV: {args.rows:,} rows, {len(first) / 1e6:.1f} MB; database: {url.split(':', 1)[0]}")
        before = db.session.scalar(select(func.count(Household.id)))

        def timed(label: str, data: bytes, commit: bool):
            started = time.perf_counter()
            report = import_bnl(data, commit=commit, actor="bench")
            seconds = time.perf_counter() - started
            counts = report.counts["households"]
            print(f"{label}: {seconds:.1f} s ({counts['new']} added, {counts['updated']} updated, "
                  f"{counts['unchanged']} unchanged, {report.skipped} rejected)", flush=True)
            return seconds, report

        timed(f"preview of {args.rows:,} households", first, commit=False)
        seconds, report = timed(f"import of {args.rows:,} households", first, commit=True)
        timed(f"re-import of the same {args.rows:,} (nothing changes)", first, commit=True)
        timed("re-import with one household in ten changed", changed, commit=True)
        after = db.session.scalar(select(func.count(Household.id)))
        assert report.skipped == 0, [p.reason for p in report.problems[:5]]
        assert after - before == args.rows, (before, after)
        db.engine.dispose()
    finish(workdir, seconds, BUDGET_SECONDS)


if __name__ == "__main__":
    main()
