"""Small helpers shared by the features' WTForms."""
from __future__ import annotations

from typing import Iterable

from wtforms import SelectChoice


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """(value, label) pairs as select options; None becomes the empty "no choice" value."""
    return [SelectChoice("" if value is None else value, label) for value, label in pairs]


def optional_int(value):
    """Coerce a select's value to an id, or None for the empty choice."""
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1  # not an id of anything: the service rejects it with a message
