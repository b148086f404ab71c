"""Imports and exports: the import page and the spreadsheet template.

The HSDS package export is left out on purpose: it writes the whole directory (seconds at 10,000
services), so eight clients hammering it measure the zip, not the site; time it once instead:
    time .venv/bin/flask --app wsgi hh export-hsds /tmp/hsds-bench
"""
from __future__ import annotations

PAGES = [
    ("import page", "/resources/import", "coordinator"),
    ("spreadsheet template", "/resources/import/template.csv", "coordinator"),
]


def build(scale: dict) -> None:
    """Nothing to add: the pages read the directory that data_directory builds."""
    return None
