"""The pages the benchmark drives: (label, path, role to sign in as, or None for anonymous).

The foundation's pages are here; each feature adds its own as PAGES in `bench/data_<feature>.py`,
next to the `build(scale)` that makes the data they need.
"""
from __future__ import annotations

import importlib
from pathlib import Path

# The trivial route every other figure is read against (same server, same run).
BASELINE = ("trivial route: /healthz", "/healthz", None)

FOUNDATION = [
    ("sign-in page", "/auth/login", None),
    ("home (coordinator)", "/", "coordinator"),
    ("admin: users", "/admin/users", "admin"),
    ("admin: audit log", "/admin/audit", "admin"),
]


def data_modules():
    """bench/data_*.py in name order (data_directory first: others build on its records)."""
    here = Path(__file__).parent
    names = sorted(p.stem for p in here.glob("data_*.py"))
    if "data_directory" in names:
        names.remove("data_directory")
        names.insert(0, "data_directory")
    return [importlib.import_module(name) for name in names]


def all_pages() -> list[tuple[str, str, str | None]]:
    pages = list(FOUNDATION)
    for module in data_modules():
        pages.extend(getattr(module, "PAGES", []))
    return pages
