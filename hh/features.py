"""The features, registered in this one place.

Each name is a package `hh/<name>/` whose `__init__.py` holds its blueprint `bp` (named as the
folder) and `AREA`: its navigation entry and home-page card, or None. From this list
`create_app` registers the blueprints, `hh.models` imports the tables (`hh/<name>/models.py`)
and the navigation lists the areas, in this order. `tests/test_features.py` fails when a feature
folder is missing here, or a listed feature lacks its blueprint, its tables, its `AREA` or its
rows in the route × role matrix (`tests/<name>/access.py`).
"""
from __future__ import annotations

import importlib
from importlib.util import find_spec
from types import ModuleType

FEATURES = ("main", "auth", "admin", "directory", "resources", "needs", "plans", "glossary",
            "conferences", "referrals", "roleguide", "notifications")


def feature(name: str) -> ModuleType:
    return importlib.import_module(f"hh.{name}")


def import_models() -> None:
    """Every feature's tables, so Alembic and the app see the whole schema."""
    for name in FEATURES:
        if find_spec(f"hh.{name}.models") is not None:
            importlib.import_module(f"hh.{name}.models")


def areas() -> dict[str, dict]:
    """The navigation entries by slug: each feature's AREA with its defaults filled in."""
    found = {}
    for name in FEATURES:
        area = feature(name).AREA
        if area is not None:
            area = {"slug": name, "blueprints": (name,), **area}
            found[area["slug"]] = area
    return found
