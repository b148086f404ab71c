"""referral queues: each tab's order and count from an index

The incoming queue's tabs (new, awaiting action, overdue, discharges, all) each read one page in
their own order; these indexes give that order for one receiving organization, and for every
organization (a coordinator), so a page never sorts every referral in scope. The follow-up index
and discharge indexes carry the status (and kind) too: the tabs and their counts skip finished
referrals from the index, without reading them.

Revision ID: 0020_referral_queues
Revises: 0019_search_ranking
Create Date: 2026-12-05 08:40:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0020_referral_queues'
down_revision = '0019_search_ranking'
branch_labels = None
depends_on = None

NEW = {
    "ix_referral_receiving_status": ["receiving_organization_id", "status", "sent_at", "id"],
    "ix_referral_receiving_follow_up": ["receiving_organization_id", "follow_up_on", "id",
                                        "status"],
    "ix_referral_receiving_sent": ["receiving_organization_id", "sent_at", "id"],
    "ix_referral_receiving_discharge": ["receiving_organization_id", "expected_discharge_on", "id",
                                        "status", "kind"],
    "ix_referral_follow_up": ["follow_up_on", "id", "status"],
    "ix_referral_discharge": ["expected_discharge_on", "id", "status", "kind"],
}
# Replaced by the ones above (same leading columns, more of the queue's order).
OLD = {
    "ix_referral_receiving_queue": ["receiving_organization_id", "status", "follow_up_on"],
    "ix_referral_follow_up_on": ["follow_up_on"],
    "ix_referral_expected_discharge_on": ["expected_discharge_on"],
}


def upgrade():
    for name in OLD:
        op.drop_index(name, table_name="referral")
    for name, columns in NEW.items():
        op.create_index(name, "referral", columns)


def downgrade():
    for name in NEW:
        op.drop_index(name, table_name="referral")
    for name, columns in OLD.items():
        op.create_index(name, "referral", columns)
