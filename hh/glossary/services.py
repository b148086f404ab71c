"""Glossary operations, one module per sub-capability, gathered here for callers outside the
feature (`hh init` loads the starter set from here; other features' tests add terms):

- terms.py: checking a term's values and saving them with their history;
- suggestions.py: suggesting new terms and edits, and reviewing them;
- csv_io.py: CSV export and import, and the starter glossary (starter.csv).
"""
from hh.glossary.csv_io import CSV_HEADER, apply_import, csv_rows, load_starter, plan_import
from hh.glossary.suggestions import (
           decline_suggestion,
           open_suggestions,
           publish_suggestion,
           suggest,
)
from hh.glossary.terms import GlossaryError, check_term, find_term, is_editor, save_term, slugify

__all__ = ["CSV_HEADER", "GlossaryError", "apply_import", "check_term", "csv_rows",
           "decline_suggestion", "find_term", "is_editor", "load_starter", "open_suggestions",
           "plan_import", "publish_suggestion", "save_term", "slugify", "suggest"]
