"""The app on a throwaway database for the benchmarks that time one operation (imports), not
pages: DATABASE_URL if set, else a new SQLite file in a temporary folder, migrated."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def bench_app(prefix: str):
    """(app, database URL, its folder to remove afterwards) with the schema created; use it inside `with app.app_context()`."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("HH_INSTANCE_PATH", str(workdir / "instance"))
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.db'}"
    from hh import create_app
    from hh.cli import upgrade_database

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade_database()
    return app, url, workdir


def finish(workdir: Path, seconds: float, budget: float) -> None:
    """Remove the throwaway database, say whether the import kept to its budget, and exit with
    that (0: within)."""
    import shutil
    import sys

    shutil.rmtree(workdir, ignore_errors=True)
    verdict = "within" if seconds < budget else "OVER"
    print(f"Budget: import under {budget:.0f} s: {verdict} ({seconds:.1f} s)")
    sys.exit(0 if seconds < budget else 1)
