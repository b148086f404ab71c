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
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from hh.timeutil import local_today

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT)]

BUDGET_SECONDS = 10.0
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bnl-bench-"))
    os.environ.setdefault("HH_INSTANCE_PATH", str(workdir / "instance"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.db'}"
    from sqlalchemy import func, select

    from hh import create_app
    from hh.cli import upgrade_database
    from hh.conferences.bnl_import import import_bnl
    from hh.conferences.models import Household
    from hh.demo import load_demo
    from hh.directory.models import County, Organization
    from hh.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        print("Preparing a database with the demo data ...", flush=True)
        upgrade_database()
        load_demo()
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
        timed(f"re-import with one household in ten changed", changed, commit=True)
        after = db.session.scalar(select(func.count(Household.id)))
        assert report.skipped == 0, [p.reason for p in report.problems[:5]]
        assert after - before == args.rows, (before, after)
        db.engine.dispose()
    shutil.rmtree(workdir, ignore_errors=True)
    verdict = "within" if seconds < BUDGET_SECONDS else "OVER"
    print(f"Budget: import under {BUDGET_SECONDS:.0f} s: {verdict} ({seconds:.1f} s)")
    sys.exit(0 if seconds < BUDGET_SECONDS else 1)


if __name__ == "__main__":
    main()
