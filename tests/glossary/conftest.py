"""Glossary fixtures: a few real terms (the full starter set is loaded only where a test needs it)."""
import pytest

from hh.glossary import services

TERMS = [
    {"term": "Permanent supportive housing", "acronym": "PSH", "sectors": ["housing", "homeless_response"],
     "definition": "A home with no time limit and voluntary support services.",
     "aliases": "supportive housing", "related": ""},
    {"term": "Rapid re-housing", "acronym": "RRH", "sectors": ["housing"],
     "definition": "Short-term rental help to move quickly out of homelessness; unlike PSH it ends.",
     "aliases": "rapid rehousing"},
    {"term": "Vulnerability Index – Service Prioritization Decision Assistance Tool",
     "acronym": "VI-SPDAT", "sectors": ["homeless_response"],
     "definition": "A survey that scores vulnerability.", "aliases": "VISPDAT; vi spdat"},
    {"term": "Homeless Management Information System", "acronym": "HMIS",
     "sectors": ["homeless_response", "data_privacy"], "definition": "The CoC's shared database."},
    {"term": "Housing First", "sectors": ["housing"],
     "definition": "Housing offered without preconditions such as sobriety."},
    {"term": "Housing", "sectors": ["housing"], "definition": "A place to live with a key.",
     "meanings": {"health_care": "Any address, even a shelter.",
                  "homeless_response": "Only permanent housing ends homelessness."}},
    {"term": "Medications for addiction treatment", "acronym": "MAT", "sectors": ["behavioral_health"],
     "definition": "Medicines that treat opioid use disorder.", "aliases": "MOUD"},
    {"term": "Continuum of Care", "acronym": "CoC", "sectors": ["homeless_response"],
     "definition": "The regional body that plans homeless services."},
]


def add_terms(specs=TERMS, user=None):
    return [services.save_term(None, dict(spec), user) for spec in specs]


@pytest.fixture
def terms(app):
    return {t.acronym or t.term: t for t in add_terms()}
