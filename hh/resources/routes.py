"""Resource map routes."""
from hh.resources import bp  # noqa: F401
