"""schedule by service: "open now" checks a service's hours from an index alone

The search's "open now" asks, for each service it reads, whether one of its schedule rows is open
at this moment. With the service's hours in the index (service, day, opening, closing) the
question is answered from the index, without reading the rows; a third less time to find the
first 501 open services. It replaces the index on service_id alone, its first column.

Revision ID: 0023_schedule_by_service
Revises: 0022_list_filters
Create Date: 2026-12-05 15:45:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0023_schedule_by_service'
down_revision = '0022_list_filters'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_service_schedule_service_hours", "service_schedule",
                    ["service_id", "weekday", "opens_at", "closes_at"])
    op.drop_index("ix_service_schedule_service_id", table_name="service_schedule")


def downgrade():
    op.create_index("ix_service_schedule_service_id", "service_schedule", ["service_id"])
    op.drop_index("ix_service_schedule_service_hours", table_name="service_schedule")
