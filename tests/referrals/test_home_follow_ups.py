"""The home page's follow-ups due: each line says which referral it is in words the reader may
see (the household's number only for a reader who may identify the household, a person's
initials), who sent it, where to and when, and links to it."""
from __future__ import annotations

from sqlalchemy import select
from support import soup

from hh.extensions import db
from hh.referrals.models import Referral
from hh.timeutil import local_today


def send(client, **fields):
    data = {"kind": "referral", "urgency": "routine", "consent": "y", "notes": "Needs a bed."}
    data.update(fields)
    response = client.post("/referrals/new", data=data)
    if response.status_code == 200:  # a warning (a navigator, a duplicate): send anyway
        data["confirmed"] = soup(response).select_one('[name="confirmed"]')["value"]
        response = client.post("/referrals/new", data=data)
    assert response.status_code == 303
    referral = db.session.scalar(select(Referral).order_by(Referral.id.desc()))
    referral.follow_up_on = local_today()  # due now
    db.session.commit()
    return referral


def follow_ups(client) -> dict[str, str]:
    """Link text → the whole line, for each follow-up on the home page."""
    items = soup(client.get("/")).select(".home-referrals h3 + p + ul li")
    return {" ".join(li.a.get_text(" ").split()): " ".join(li.get_text(" ").split())
            for li in items}


def test_each_follow_up_says_what_it_is_about(net, sides):
    north = send(sides.sender, service_id=net.beds.id, household_id=str(net.north_household.id))
    walk_in = send(sides.sender, service_id=net.beds.id, person_initials="JS",
                   contact_route="At the day center")
    lines = follow_ups(sides.sender)
    assert len(set(lines.values())) == 2  # no two lines alike
    # The sender's region, release on file: the household's number (never its name).
    hint = f"Referral #{north.id} for Household #{net.north_household.id}"
    assert "Zed" not in lines[hint] and "Quill" not in lines[hint]
    day = north.sent_at.date().isoformat()
    assert f"from Cedar Valley Hospital to Harbor beds, sent {day}" in lines[hint]
    assert f"Referral #{walk_in.id} for JS" in lines
    # Each line links to its referral.
    links = {a.get_text(" ", strip=True): a["href"]
             for a in soup(sides.sender.get("/")).select(".home-referrals h3 + p + ul a")}
    assert links[hint] == f"/referrals/{north.id}"


def test_a_reader_who_may_not_know_the_household_gets_no_number(net, sides):
    """A coordinator refers a Southern household to the Northern shelter: the shelter's staff
    (North region) may not know who the household is, the coordinator may."""
    south = send(sides.coordinator, service_id=net.beds.id,
                 household_id=str(net.south_household.id),
                 sender_organization_id=str(net.hospital.id))
    number = f"Household #{net.south_household.id}"
    assert f"Referral #{south.id} for {number}" in follow_ups(sides.coordinator)
    shelter = follow_ups(sides.shelter)
    line = shelter[f"Referral #{south.id}"]
    assert number not in line and "Uma" not in line
    day = south.sent_at.date().isoformat()
    assert f"from Cedar Valley Hospital to Harbor beds, sent {day}" in line
