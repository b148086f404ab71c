"""A data-sharing agreement reads as it stands today: a signed one past its end date says
"Expired on <date>", one ending within 30 days "Expires <date>", on the organization's page, in
the directory list, its filter and its spreadsheet."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime

from support import soup, text, texts

from hh.directory.models import Organization
from hh.extensions import db


def partner(name: str, status: str = "signed", expires: date | None = None) -> Organization:
    org = Organization(name=name, sector="health_care", agreement_status=status,
                       agreement_signed_on=date(2025, 1, 15), agreement_expires_on=expires)
    db.session.add(org)
    db.session.commit()
    return org


def agreements(page) -> dict[str, str]:
    """Organization name → its Agreement cell in the directory list."""
    return {row[0]: row[3] for row in (r.split(" | ") for r in rows(page))}


def rows(page) -> list[str]:
    return [" | ".join(td.get_text(" ", strip=True) for td in tr.select("td"))
            for tr in soup(page).select("#organizations tbody tr")]


def network():
    return {"lapsed": partner("Lapsed Clinic", expires=date(2026, 2, 28)),
            "ending": partner("Ending Soon Hospital", expires=date(2026, 3, 20)),
            "current": partner("Current Plan", expires=date(2027, 1, 15)),
            "open_ended": partner("Open-ended Shelter"),
            "talking": partner("Talking Agency", status="in_progress")}


def test_an_expired_agreement_no_longer_reads_signed(login_as, clock):
    clock(datetime(2026, 3, 11, 18, 0))
    orgs = network()
    client = login_as("viewer")
    listed = agreements(client.get("/directory/"))
    assert listed["Lapsed Clinic"] == "Expired on 2026-02-28"
    assert listed["Ending Soon Hospital"] == "Expires 2026-03-20"
    assert listed["Current Plan"] == "Signed"
    assert listed["Open-ended Shelter"] == "Signed"
    assert listed["Talking Agency"] == "Being negotiated"

    page = client.get(f"/directory/organizations/{orgs['lapsed'].id}")
    assert "Expired on 2026-02-28 (signed 2025-01-15)" in text(page, "#partnership-heading + dl")
    assert "Signed" not in text(page, "#partnership-heading + dl")
    page = client.get(f"/directory/organizations/{orgs['ending'].id}")
    assert "Expires 2026-03-20" in text(page, "#partnership-heading + dl .tag")
    page = client.get(f"/directory/organizations/{orgs['current'].id}")
    assert "Signed on 2025-01-15, expires 2027-01-15" in text(page, "#partnership-heading + dl")


def test_the_same_agreement_reads_signed_before_its_end_date(login_as, clock):
    clock(datetime(2026, 1, 10, 18, 0))
    network()
    listed = agreements(login_as("viewer").get("/directory/"))
    assert listed["Lapsed Clinic"] == "Signed"  # more than 30 days to go
    assert listed["Ending Soon Hospital"] == "Signed"
    clock(datetime(2026, 2, 27, 18, 0))
    listed = agreements(login_as("viewer").get("/directory/"))
    assert listed["Lapsed Clinic"] == "Expires 2026-02-28"  # valid through its last day


def test_the_directory_filters_by_agreement_as_it_stands(login_as, clock):
    clock(datetime(2026, 3, 11, 18, 0))
    network()
    partner("Recorded Expired", status="expired")
    client = login_as("viewer")
    form = client.get("/directory/")
    assert "Expired" in texts(form, "#agreement option")

    def names(state):
        return sorted(agreements(client.get(f"/directory/?agreement={state}")))

    assert names("expired") == ["Lapsed Clinic", "Recorded Expired"]
    assert names("expiring") == ["Ending Soon Hospital"]
    assert names("in_force") == ["Current Plan", "Ending Soon Hospital", "Open-ended Shelter"]
    assert names("none") == ["Talking Agency"]
    sheet = client.get("/directory/organizations.csv?agreement=expired").get_data(as_text=True)
    got = {row["name"]: row["agreement"]
           for row in csv.DictReader(io.StringIO(sheet.lstrip("\ufeff")))}
    assert got == {"Lapsed Clinic": "Expired on 2026-02-28", "Recorded Expired": "Expired"}
