"""case-conference action items no longer carry the scribe's free text

Until now an action step saved at a case conference was copied, word for word, into an action
item on the region's case-conferencing plan, and action plans are read by every role. This
revision rewrites those items' descriptions to the generic pointer the application now writes
(household and conference by internal number only); the steps themselves stay with the
conference. No schema change. The downgrade leaves the descriptions as they are (the old text is
still in the conference entries, where it belongs).

Revision ID: 0009_conference_item_text
Revises: 0008_referrals
Create Date: 2026-12-01 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_conference_item_text'
down_revision = '0008_referrals'
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT e.action_item_id, e.household_id, c.id, c.held_at, r.name "
        "FROM case_conference_entry e JOIN case_conference c ON c.id = e.conference_id "
        "JOIN region r ON r.id = c.region_id WHERE e.action_item_id IS NOT NULL")).all()
    for item_id, household_id, conference_id, held_at, region in rows:
        day = str(held_at)[:10]  # a datetime on PostgreSQL, text on SQLite
        description = (f"Case-conference action step for Household #{household_id}, agreed at the "
                       f"{region} case conference of {day} (conference #{conference_id}). The step "
                       "itself is on the conference's “Work the list” page, for those who may see "
                       "the household.")[:1000]
        bind.execute(sa.text("UPDATE action_item SET description = :description WHERE id = :id"),
                     {"description": description, "id": item_id})


def downgrade():
    pass
