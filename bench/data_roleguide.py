"""Benchmark pages of the coordinator role guide: the role page (a dozen small count queries
against the other features) and the demo coordinator's hand-over pack. No bulk data of its own:
the other features' bulk data is what its counts and the pack read."""
from __future__ import annotations

PAGES = [
    ("role guide: System Coordinator with live counts", "/role-guide/roles/system-coordinator",
     "coordinator"),
    ("role guide: hand-over pack", "/role-guide/handover", "coordinator"),
]


def build(scale: dict) -> None:  # noqa: ARG001  (nothing to add at any scale)
    """The guide is seeded with the demo data; nothing to add."""
