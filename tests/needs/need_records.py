"""Needs as the needs tests make them."""
from service_records import term

from hh.extensions import db
from hh.needs.models import Need


def make_need(title, county=None, region=None, category="housing.emergency_shelter",
              households=None, status="open", by=None, description=""):
    need = Need(title=title, county=county, region=region, category=term(category),
                households_affected=households, status=status, source="provider",
                created_by_id=by.id if by else None, description=description)
    db.session.add(need)
    db.session.commit()
    return need
