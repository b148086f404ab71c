"""The verification queue's order: never verified first, then the oldest verification, each by
name; the queue is read in that order and stops at what it shows."""
from datetime import timedelta

from hh.directory.models import Organization
from hh.extensions import db
from hh.resources.models import Service
from hh.resources.services import verification_queue
from hh.resources.taxonomy import ensure_taxonomy
from hh.timeutil import local_today


def test_never_verified_first_then_the_oldest_each_by_name(app):
    ensure_taxonomy()
    today = local_today()
    org = Organization(name="Harbor House", sector="homeless_response", assured_date=today)
    never = Organization(name="Aspen Clinic", sector="health_care")
    old = Organization(name="Birch Shelter", sector="homeless_response",
                       assured_date=today - timedelta(days=400))
    db.session.add_all([org, never, old])
    for name, days in (("Zinnia meals", None), ("Alder beds", None), ("Old pantry", 500),
                       ("Older pantry", 900), ("Also 500 days", 500), ("Fresh rides", 5)):
        db.session.add(Service(organization=org, name=name, status="active", assured_date=(
            None if days is None else today - timedelta(days=days))))
    db.session.commit()
    organizations, services = verification_queue(limit=10)
    assert [o.name for o in organizations] == ["Aspen Clinic", "Birch Shelter"]
    assert [s.name for s in services] == ["Alder beds", "Zinnia meals", "Older pantry",
                                          "Also 500 days", "Old pantry"]
    assert [s.name for s in verification_queue(limit=3)[1]] == [
        "Alder beds", "Zinnia meals", "Older pantry"]
    assert [s.name for s in verification_queue(limit=1)[1]] == ["Alder beds"]
