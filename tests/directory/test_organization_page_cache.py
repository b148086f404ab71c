"""An organization's page comes from the one cache (hh/directory/organization_page.py) and shows
every change to the organization, its lists and its services at once."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from support import reads_when_seen_again, text

from hh.directory.models import Contact, County, Phone
from hh.extensions import db
from hh.resources.models import Service, TaxonomyTerm
from hh.resources.taxonomy import ensure_taxonomy
from hh.timeutil import local_today


def _term(code):
    ensure_taxonomy()
    return db.session.scalar(select(TaxonomyTerm).where(TaxonomyTerm.code == code))


def test_the_page_seen_again_reads_nothing_but_who_is_signed_in(factory, login_as):
    org = factory.organization("Harbor House")
    org.contacts.append(Contact(name="Dana Reyes", email="dana@harbor.example"))
    db.session.add(Service(organization=org, name="Night shelter"))
    db.session.commit()
    client = login_as("viewer")
    first, reads = reads_when_seen_again(client, f"/directory/organizations/{org.id}")
    assert "Dana Reyes" in text(first, "main") and "Night shelter" in text(first, "main")
    assert reads == []


def test_every_change_shows_at_once(factory, login_as):
    org = factory.organization("Harbor House")
    north = factory.region("North", counties=("Alder County",))
    service = Service(organization=org, name="Night shelter", category=_term("housing.emergency_shelter"))
    db.session.add(service)
    db.session.commit()
    client = login_as("viewer")
    page = f"/directory/organizations/{org.id}"
    assert "No contacts yet." in text(client.get(page), "main")

    org.name = "Harbor House East"
    org.counties.append(db.session.scalar(select(County).where(County.name == "Alder County")))
    org.contacts.append(Contact(name="Dana Reyes", title="Outreach lead", partnership_role="champion"))
    org.phones.append(Phone(number="555-0199"))
    org.agreement_status, org.agreement_expires_on = "signed", local_today() - timedelta(days=1)
    north.anchor_organization = org
    service.name, service.status = "Harbor night shelter", "inactive"
    _term("housing").name = "Shelter and housing"
    db.session.commit()
    response = client.get(page)
    shown = text(response, "main")
    assert text(response, "h1") == "Harbor House East"
    for words in ("Alder County", "Dana Reyes", "Outreach lead", "555-0199", "North region",
                  f"Expired on {(local_today() - timedelta(days=1)).isoformat()}",
                  "Harbor night shelter — Shelter and housing › Emergency shelter"):
        assert words in shown, words
    assert "Night shelter —" not in shown

    db.session.delete(service)
    org.contacts[0].name = "Dana Reyes-Ortiz"
    org.assured_date, org.assurer_email = date(2020, 1, 1), "old@harbor.example"
    db.session.commit()
    shown = text(client.get(page), "main")
    assert "No services listed yet." in shown and "Dana Reyes-Ortiz" in shown
    assert "2020-01-01 by old@harbor.example needs checking" in shown
    north.anchor_organization = None
    db.session.commit()
    assert "Anchor agency of" not in text(client.get(page), "main")
    db.session.delete(org)
    db.session.commit()
    assert client.get(page).status_code == 404


def test_the_agreement_turns_expired_on_its_day_without_a_write(factory, login_as, clock):
    from datetime import datetime

    org = factory.organization("Harbor House")
    org.agreement_status, org.agreement_expires_on = "signed", date(2026, 6, 30)
    db.session.commit()
    client = login_as("viewer")
    page = f"/directory/organizations/{org.id}"
    clock(datetime(2026, 3, 1, 17, 0))
    assert "Signed" in text(client.get(page), "main")
    clock(datetime(2026, 7, 1, 17, 0))
    assert "Expired on 2026-06-30" in text(client.get(page), "main")
