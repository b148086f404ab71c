"""Migrations carry existing data forward (not only create empty tables)."""
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from hh.extensions import db


def test_upgrade_from_the_foundation_keeps_organizations(app):
    directory = app.extensions["migrate"].directory
    downgrade(directory=directory, revision="0001_foundation")
    db.session.execute(text("INSERT INTO organization (name, sector) VALUES ('Old Shelter', 'homeless_response')"))
    db.session.execute(text("INSERT INTO region (name, anchor_organization_id) VALUES ('North', 1)"))
    db.session.commit()
    upgrade(directory=directory)
    row = db.session.execute(text(
        "SELECT name, hsds_id, agreement_status, active, alternate_name FROM organization")).one()
    assert row.name == "Old Shelter" and len(row.hsds_id) == 36
    assert row.agreement_status == "none" and row.active and row.alternate_name == ""
    anchor = db.session.execute(text("SELECT anchor_organization_id FROM region")).scalar()
    assert anchor == 1
