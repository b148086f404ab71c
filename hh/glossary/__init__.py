"""Glossary of cross-sector terms: search, term pages, suggestions, import/export, explain filter."""
from flask import Blueprint

from hh.web import SIGNED_IN

bp = Blueprint("glossary", __name__, url_prefix="/glossary")

# Its entry in the navigation and on the home page.
AREA = {
    "endpoint": "glossary.index_page",
    "title": "Glossary",
    "summary": "Plain-language meanings of the acronyms and words each sector uses.",
    "roles": SIGNED_IN,
}

from hh.glossary import routes  # noqa: E402,F401
