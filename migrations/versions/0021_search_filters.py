"""search filters: a county's services and the inactive organizations from indexes

The resource search and the gap map read a county's services as one list: with the service in
the county's index and in the locations' index too, the list is read from the indexes alone. Every search leaves out the
services of inactive organizations: an index finds those few without reading every organization.

Revision ID: 0021_search_filters
Revises: 0020_referral_queues
Create Date: 2026-12-05 10:40:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0021_search_filters'
down_revision = '0020_referral_queues'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_service_area_county_id", table_name="service_area")
    op.create_index("ix_service_area_county_service", "service_area", ["county_id", "service_id"])
    op.drop_index("ix_service_at_location_location_id", table_name="service_at_location")
    op.create_index("ix_service_at_location_location_service", "service_at_location",
                    ["location_id", "service_id"])
    op.create_index("ix_organization_active", "organization", ["active"])


def downgrade():
    op.drop_index("ix_organization_active", table_name="organization")
    op.drop_index("ix_service_at_location_location_service", table_name="service_at_location")
    op.create_index("ix_service_at_location_location_id", "service_at_location", ["location_id"])
    op.drop_index("ix_service_area_county_service", table_name="service_area")
    op.create_index("ix_service_area_county_id", "service_area", ["county_id"])
