"""The product's feature areas: navigation, home page cards and "coming" placeholders.

Each feature declares its own area (`AREA` in `hh/<feature>/__init__.py`); `hh.features` lists
them in order."""
from hh.features import areas

# Filled when the app is built (all features imported); tests may add an area still to come.
AREAS: dict[str, dict] = {}


def load_areas() -> None:
    AREAS.clear()
    AREAS.update(areas())


def areas_for(role: str) -> list[dict]:
    return [area for area in AREAS.values() if role in area["roles"]]


def area_url(area: dict) -> str:
    """The area's page, or its "coming" placeholder until it is built."""
    from flask import url_for

    if area.get("endpoint"):
        return url_for(area["endpoint"])
    return url_for("main.coming", area=area["slug"])
