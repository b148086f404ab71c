"""Benchmark: importing an HSDS 3.0 package of 20,000 services with their opening hours,
languages and taxonomy (issue 17: under 60 seconds).

    .venv/bin/python bench/hsds_import.py                     # 20,000 services, fresh SQLite
    .venv/bin/python bench/hsds_import.py --services 5000     # another size
    DATABASE_URL=postgresql://... .venv/bin/python bench/hsds_import.py   # an empty PostgreSQL

It makes a fresh database, writes a generated package (organizations, taxonomy terms, services
with a category, two languages, weekday hours and a Saturday morning, locations with an address
and their links) and times the whole import_package() call the upload page and `hh import-hsds`
make: the import itself (all new), then the same package again (nothing changes). Prints
"import of 20,000 services: X.X s" and the verdict against the budget.
"""
from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT)]

from standalone import bench_app, finish  # noqa: E402  (bench/ is the script's folder)

BUDGET_SECONDS = 60.0
LANGUAGES = ("English", "Spanish", "Somali", "Hmong", "Vietnamese", "Arabic")
DAYS = ("MO", "TU", "WE", "TH", "FR")


def _id(*parts) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(map(str, parts))))


def _csv(header: list[str], rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def make_package(services: int, seed: int = 17) -> dict[str, bytes]:
    """The package's files by name, one organization for every ten services."""
    rng = random.Random(seed)
    orgs = max(services // 10, 1)
    terms = [(_id("term", i), f"Term {i}") for i in range(60)]
    files = {
        "organizations.csv": _csv(["id", "name", "description"],
                                  ((_id("org", i), f"Bench HSDS org {i}", "An agency") for i in range(orgs))),
        "taxonomy_terms.csv": _csv(["id", "code", "name", "description", "taxonomy"],
                                   ((tid, f"bench-{i}", name, name, "bench") for i, (tid, name) in enumerate(terms))),
    }
    service_rows, attributes, languages, schedules, locations, addresses, links = [], [], [], [], [], [], []
    for i in range(services):
        sid, lid = _id("service", i), _id("location", i)
        service_rows.append((sid, _id("org", i % orgs), f"Bench service {i}", "Help for people", "active"))
        attributes.append((_id("attr", i), sid, rng.choice(terms)[0], "category", "service"))
        for name in rng.sample(LANGUAGES, 2):
            languages.append((_id("lang", i, name), sid, name))
        for day in DAYS:
            schedules.append((_id("hours", i, day), sid, "WEEKLY", day, "09:00:00", "17:00:00", ""))
        schedules.append((_id("hours", i, "SA"), sid, "WEEKLY", "SA", "10:00:00", "12:00:00", "walk-in"))
        locations.append((lid, "physical", f"Site {i}", _id("org", i % orgs)))
        addresses.append((_id("address", i), lid, f"{i} Main St", "Millbrook", "NF", "55501", "US"))
        links.append((_id("link", i), sid, lid))
    files.update({
        "services.csv": _csv(["id", "organization_id", "name", "description", "status"], service_rows),
        "attributes.csv": _csv(["id", "link_id", "taxonomy_term_id", "link_type", "link_entity"], attributes),
        "languages.csv": _csv(["id", "service_id", "name"], languages),
        "schedules.csv": _csv(["id", "service_id", "freq", "byday", "opens_at", "closes_at",
                               "description"], schedules),
        "locations.csv": _csv(["id", "location_type", "name", "organization_id"], locations),
        "addresses.csv": _csv(["id", "location_id", "address_1", "city", "state_province",
                               "postal_code", "country"], addresses),
        "service_at_location.csv": _csv(["id", "service_id", "location_id"], links),
    })
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=20000)
    args = parser.parse_args()

    app, url, workdir = bench_app("hsds-bench-")
    from hh.extensions import db
    from hh.resources.hsds import import_package

    with app.app_context():
        files = make_package(args.services)
        size = sum(map(len, files.values())) / 1e6
        print(f"Package: {args.services:,} services, {size:.1f} MB; database: {url.split(':', 1)[0]}")

        def timed(label: str):
            started = time.perf_counter()
            report = import_package(files, commit=True, actor="bench")
            seconds = time.perf_counter() - started
            print(f"{label}: {seconds:.1f} s ({report.summary()})", flush=True)
            return seconds, report

        seconds, report = timed(f"import of {args.services:,} services")
        assert report.skipped == 0, [p.reason for p in report.problems[:5]]
        assert report.counts["opening hours"]["new"] == args.services
        _, again = timed("the same package again")
        assert again.changes == 0, again.summary()
        db.engine.dispose()
    finish(workdir, seconds, BUDGET_SECONDS)


if __name__ == "__main__":
    main()
