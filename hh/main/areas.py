"""The product's feature areas: navigation, home page cards and "coming" placeholders.

Each feature declares its own area (`AREA` in `hh/<feature>/__init__.py`); `hh.features` lists
them in order."""
from functools import lru_cache

from flask import request, url_for

from hh.features import areas

# Filled when the app is built (all features imported); tests may add an area still to come.
AREAS: dict[str, dict] = {}


def load_areas() -> None:
    AREAS.clear()
    AREAS.update(areas())


def areas_for(role: str) -> list[dict]:
    return [area for area in AREAS.values() if role in area["roles"]]


def area_url(area: dict) -> str:
    """The area's page, or its "coming" placeholder until it is built. Every page's menu links
    every area: each address is worked out once (per script root, which url_for puts first)."""
    return _area_url(area.get("endpoint"), area["slug"], request.script_root)


@lru_cache(maxsize=256)
def _area_url(endpoint: str | None, slug: str, script_root: str) -> str:  # noqa: ARG001
    if endpoint:
        return url_for(endpoint)
    return url_for("main.coming", area=slug)
