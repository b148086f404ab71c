"""By-Name List, agenda and hand-over pack at ten times the data: indexes in the pages' order

- the list's page in its order, for the whole list and for one region (with veteran and chronic,
  so those filters and the count of matches come from the index); they replace the old
  (status, priority_score, added_on) index, whose ascending score could not give the list's
  order without sorting, and the plain region index;
- a conference's proposed agenda, ordered by the group's priority before the score;
- scheduled move-ins that are due (checked on every view of the list);
- the records a person verified last (the hand-over pack), by lower(email) and date.

Revision ID: 0018_bnl_list
Revises: 0017_search_trigrams
Create Date: 2026-12-05 08:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_bnl_list'
down_revision = '0017_search_trigrams'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_bnl_household_priority', table_name='bnl_household')
    op.drop_index('ix_bnl_household_region_id', table_name='bnl_household')
    op.create_index('ix_bnl_household_list', 'bnl_household',
                    ['status', sa.text('priority_score DESC'), 'added_on', 'id', 'veteran',
                     'chronic'], unique=False)
    op.create_index('ix_bnl_household_region_list', 'bnl_household',
                    ['region_id', 'status', sa.text('priority_score DESC'), 'added_on', 'id',
                     'veteran', 'chronic'], unique=False)
    op.create_index('ix_bnl_household_agenda', 'bnl_household',
                    ['region_id', 'status',
                     sa.text('coalesce(priority_override, priority_score) DESC'), 'added_on',
                     'id'], unique=False)
    op.create_index('ix_bnl_household_move_in', 'bnl_household', ['status', 'move_in_on'],
                    unique=False)
    op.create_index('ix_service_assurer', 'service',
                    [sa.text('lower(assurer_email)'), 'assured_date'], unique=False)
    op.create_index('ix_organization_assurer', 'organization',
                    [sa.text('lower(assurer_email)'), 'assured_date'], unique=False)


def downgrade():
    op.drop_index('ix_organization_assurer', table_name='organization')
    op.drop_index('ix_service_assurer', table_name='service')
    op.drop_index('ix_bnl_household_move_in', table_name='bnl_household')
    op.drop_index('ix_bnl_household_agenda', table_name='bnl_household')
    op.drop_index('ix_bnl_household_region_list', table_name='bnl_household')
    op.drop_index('ix_bnl_household_list', table_name='bnl_household')
    op.create_index('ix_bnl_household_region_id', 'bnl_household', ['region_id'], unique=False)
    op.create_index('ix_bnl_household_priority', 'bnl_household',
                    ['status', 'priority_score', 'added_on'], unique=False)
