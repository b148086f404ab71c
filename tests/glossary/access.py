"""Glossary routes in the route × role matrix (see tests/test_access_matrix.py).

The reading pages are for signed-in roles by default; GLOSSARY_PUBLIC opens them to anonymous
visitors (tested in test_access.py)."""
from hh.extensions import db
from hh.glossary import services
from hh.glossary.models import GlossarySuggestion
from hh.web import COORDINATORS, SIGNED_IN

ROUTES = {
    "glossary.index_page": ("GET", "/glossary/?q=psh", SIGNED_IN),
    "glossary.term": ("GET", "/glossary/{glossary_slug}", SIGNED_IN),
    "glossary.print_view": ("GET", "/glossary/print", SIGNED_IN),
    "glossary.export_csv": ("GET", "/glossary/export.csv", SIGNED_IN),
    "glossary.import_csv": ("GET", "/glossary/import", COORDINATORS),
    "glossary.suggest": ("GET", "/glossary/suggest?term={glossary_slug}", SIGNED_IN),
    "glossary.suggestions": ("GET", "/glossary/suggestions", COORDINATORS),
    "glossary.review": ("GET", "/glossary/suggestions/{glossary_suggestion}", COORDINATORS),
    "glossary.new_term": ("GET", "/glossary/new", COORDINATORS),
    "glossary.edit_term": ("GET", "/glossary/{glossary_slug}/edit", COORDINATORS),
}


def objects(factory) -> dict:
    term = services.save_term(None, {"term": "Permanent supportive housing", "acronym": "PSH",
                                     "definition": "A home with support.", "sectors": ["housing"]},
                              None)
    suggestion = GlossarySuggestion(term="Medical home", definition="A clinic that knows you.",
                                    sectors="health_care")
    db.session.add(suggestion)
    db.session.commit()
    return {"glossary_slug": term.slug, "glossary_suggestion": suggestion.id}
