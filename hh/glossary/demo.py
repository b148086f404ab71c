"""Demo glossary: the starter terms, and one suggestion waiting for a coordinator."""
from sqlalchemy import func, select

from hh.auth.models import User
from hh.extensions import db
from hh.glossary import csv_io, suggestions
from hh.glossary.models import GlossarySuggestion, GlossaryTerm


def load_demo_glossary() -> int:
    """Load the starter glossary (idempotent); returns how many terms there are."""
    csv_io.load_starter()
    db.session.commit()
    viewer = db.session.scalar(select(User).where(User.is_demo.is_(True), User.role == "viewer"))
    pending = db.session.scalar(select(GlossarySuggestion.id).where(
        GlossarySuggestion.term == "Medical home").limit(1))
    if viewer is not None and pending is None:
        suggestions.suggest({
            "term": "Medical home",
            "definition": "A primary care practice that knows a patient well and coordinates all "
                          "of their care.",
            "sectors": ["health_care"],
            "related": "primary-care",
        }, viewer, reason="Hospital partners use it often in our meetings.")
    return db.session.scalar(select(func.count(GlossaryTerm.id)))
