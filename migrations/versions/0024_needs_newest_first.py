"""needs newest first: the needs list read in its order from an index

The needs list shows the newest first, filtered by status or not. With (status, noted on, id) and
(noted on, id) indexes the database reads one page in that order and stops, instead of sorting
every match (3,000 open needs at ten times the default scale). The first replaces the index on
status alone, its first column.

Revision ID: 0024_needs_newest_first
Revises: 0023_schedule_by_service
Create Date: 2026-12-05 16:20:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0024_needs_newest_first'
down_revision = '0023_schedule_by_service'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_need_status_noted", "need", ["status", "noted_on", "id"])
    op.create_index("ix_need_noted", "need", ["noted_on", "id"])
    op.drop_index("ix_need_status", table_name="need")


def downgrade():
    op.create_index("ix_need_status", "need", ["status"])
    op.drop_index("ix_need_noted", table_name="need")
    op.drop_index("ix_need_status_noted", table_name="need")
