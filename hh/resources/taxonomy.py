"""The two-level service taxonomy shared by both sectors (codes are stable: imports use them)."""
from __future__ import annotations

from sqlalchemy import select

from hh.extensions import db
from hh.resources.models import TaxonomyTerm

TAXONOMY: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("housing", "Housing", [
        ("emergency_shelter", "Emergency shelter"),
        ("diversion", "Diversion / housing problem solving"),
        ("rapid_rehousing", "Rapid re-housing"),
        ("permanent_supportive_housing", "Permanent supportive housing"),
        ("transitional_housing", "Transitional housing"),
        ("prevention", "Homelessness prevention"),
        ("street_outreach", "Street outreach"),
        ("housing_navigation", "Housing navigation"),
        ("landlord_engagement", "Landlord engagement"),
        ("housing_vouchers", "Housing vouchers"),
    ]),
    ("health", "Health care", [
        ("primary_care", "Primary care"),
        ("behavioral_health", "Behavioral health"),
        ("substance_use", "Substance use treatment / MAT"),
        ("medical_respite", "Medical respite / recuperative care"),
        ("street_medicine", "Street medicine"),
        ("dental", "Dental care"),
        ("care_management", "Care management (ECM)"),
        ("crisis", "Crisis services"),
        ("hospital_discharge", "Hospital discharge planning"),
    ]),
    ("benefits", "Benefits", [
        ("medicaid_enrollment", "Medicaid enrollment"),
        ("snap", "SNAP / food benefits"),
        ("disability_benefits", "SSI / SSDI (SOAR)"),
        ("veterans_benefits", "Veterans benefits"),
    ]),
    ("income", "Income and employment", [
        ("employment", "Employment services"),
        ("cash_assistance", "Cash and rental assistance"),
    ]),
    ("documents", "ID and documents", [
        ("identification", "ID documents"),
    ]),
    ("transportation", "Transportation", [
        ("rides", "Rides to appointments"),
        ("transit_passes", "Transit passes"),
    ]),
    ("legal", "Legal", [
        ("eviction_defense", "Eviction defense"),
        ("civil_legal", "Civil legal aid"),
    ]),
    ("food", "Food", [
        ("meals", "Meals"),
        ("food_pantry", "Food pantry"),
    ]),
    ("safety", "Safety", [
        ("domestic_violence", "Domestic violence services"),
    ]),
]


def ensure_taxonomy() -> int:
    """Create missing categories (idempotent); returns how many were added."""
    existing = {t.code: t for t in db.session.scalars(select(TaxonomyTerm))}
    added = 0
    for code, name, children in TAXONOMY:
        parent = existing.get(code)
        if parent is None:
            parent = existing[code] = TaxonomyTerm(code=code, name=name)
            db.session.add(parent)
            added += 1
        for child_code, child_name in children:
            full = f"{code}.{child_code}"
            if full not in existing:
                existing[full] = TaxonomyTerm(code=full, name=child_name, parent=parent)
                db.session.add(existing[full])
                added += 1
    db.session.flush()
    return added


def category_choices() -> list[tuple[int, str]]:
    """Second-level categories grouped under their parent, for select boxes."""
    terms = db.session.scalars(select(TaxonomyTerm).where(TaxonomyTerm.parent_id.is_not(None)))
    return sorted(((t.id, t.label) for t in terms), key=lambda pair: pair[1])
