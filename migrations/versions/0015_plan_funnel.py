"""Action plans: the target population and the monthly cost to coordinate (both optional), for
the engagement funnel and the cost per person engaged and housed.

Revision ID: 0015_plan_funnel
Revises: 0014_list_history
Create Date: 2026-12-05 00:17:29.874184

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_plan_funnel'
down_revision = '0014_list_history'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('action_plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_population', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('monthly_cost', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('action_plan', schema=None) as batch_op:
        batch_op.drop_column('monthly_cost')
        batch_op.drop_column('target_population')
