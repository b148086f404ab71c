"""The product's feature areas: navigation, home page cards and "coming" placeholders."""
from hh.web import SIGNED_IN, STAFF

AREAS = {
    "directory": {
        "slug": "directory",
        "endpoint": "directory.index",
        "title": "Partner directory",
        "summary": "Who is at the table: organizations by sector, contacts, counties served, "
        "data-sharing agreements.",
        "roles": SIGNED_IN,
    },
    "resources": {
        "slug": "resources",
        "endpoint": "resources.search",
        "blueprints": ("resources", "needs"),
        "title": "Resource and needs map",
        "summary": "What services exist where, what is free right now, and where needs go unmet.",
        "roles": SIGNED_IN,
    },
    "glossary": {
        "slug": "glossary",
        "endpoint": "glossary.index_page",
        "title": "Glossary",
        "summary": "Plain-language meanings of the acronyms and words each sector uses.",
        "roles": SIGNED_IN,
    },
    "plans": {
        "slug": "plans",
        "endpoint": "plans.index",
        "title": "Action plans",
        "summary": "Shared aims, measures over time, and action items with owners and dates.",
        "roles": SIGNED_IN,
    },
    "conferences": {
        "slug": "conferences",
        "endpoint": "conferences.households",
        "title": "Case conferencing",
        "summary": "Work the By-Name List: barrier, action step, who, and by when.",
        "roles": STAFF,
    },
    "referrals": {
        "slug": "referrals",
        "endpoint": "referrals.incoming",
        "title": "Referrals and hand-offs",
        "summary": "Closed-loop referrals and hospital-discharge hand-offs between sectors.",
        "roles": STAFF,
    },
    "role-guide": {
        "slug": "role-guide",
        "endpoint": "roleguide.index",
        "blueprints": ("roleguide",),
        "title": "Coordinator role guide",
        "summary": "The coordinator roles, their competencies, and a hand-over pack.",
        "roles": SIGNED_IN,
    },
}


def areas_for(role: str) -> list[dict]:
    return [area for area in AREAS.values() if role in area["roles"]]


def area_url(area: dict) -> str:
    """The area's page, or its "coming" placeholder until it is built."""
    from flask import url_for

    if area.get("endpoint"):
        return url_for(area["endpoint"])
    return url_for("main.coming", area=area["slug"])
