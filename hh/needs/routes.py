"""Needs and the gap map (routes)."""
from hh.needs import bp  # noqa: F401
