"""Kept so `hh.cli` can still import `seed_guide` from here; the role guide's operations live in
guide.py, worklinks.py, assessment.py and handover.py."""
from hh.roleguide.guide import seed_guide

__all__ = ["seed_guide"]
