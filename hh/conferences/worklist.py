"""Work the list: which households a "Save all" changes. Saving itself is meetings.save_entry,
one household at a time, so the rules and the action items stay in one place."""
from __future__ import annotations

from hh.conferences.models import ConferenceEntry

# What a household's form on "work the list" records (EntryForm's fields).
ENTRY_FIELDS = ("follow_up", "barrier_category", "barrier_note", "action_step", "responsible_id",
                "target_on")


def _same(value):
    """Empty text and None are the same "nothing recorded"; text is compared trimmed."""
    if isinstance(value, str):
        value = value.strip()
    return value if value not in ("", None) else None


def unchanged(entry: ConferenceEntry, data: dict) -> bool:
    """Does the posted form say what the entry already holds? Such households are left alone by
    "Save all" (no new saved-by, no audit event, no action item touched)."""
    return all(_same(data.get(name)) == _same(getattr(entry, name)) for name in ENTRY_FIELDS)
