"""Partner directory routes."""
from hh.directory import bp  # noqa: F401
