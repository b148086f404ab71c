"""Glossary of cross-sector terms: search, term pages, suggestions, import/export, explain filter."""
from flask import Blueprint

bp = Blueprint("glossary", __name__, url_prefix="/glossary")

from hh.glossary import routes  # noqa: E402,F401
