"""Services as the resource map's tests make them, and the audit events they look for."""
from datetime import timedelta

from sqlalchemy import select

from hh.admin.models import AuditEvent
from hh.extensions import db
from hh.resources.models import CapacityUnit, Location, Service, ServiceArea, TaxonomyTerm
from hh.timeutil import utcnow


def term(code):
    return db.session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.code == code))


def make_service(org, name, category="housing.emergency_shelter", counties=(), city=None,
                 city_county=None, status="active", beds=None, free=None, age_days=0,
                 description="", referrals=False):
    service = Service(organization=org, name=name, category=term(category), status=status,
                      description=description, accepts_referrals=referrals)
    for c in counties:
        service.areas.append(ServiceArea(county=c))
    if city:
        service.locations.append(Location(organization=org, city=city, county=city_county))
    if beds is not None:
        service.capacity.append(CapacityUnit(unit_type="beds", total=beds, available=free,
                                             updated_at=utcnow() - timedelta(days=age_days)))
    db.session.add(service)
    db.session.commit()
    return service


def audit_rows(action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                                   .order_by(AuditEvent.id)))
