"""HSDS: a service's opening hours (service_schedule), required documents, accessibility,
program, funding and free-text service area

Revision ID: 0013_hsds_service_details
Revises: 0012_bnl_column_mapping
Create Date: 2026-12-05 00:06:25.586174

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_hsds_service_details'
down_revision = '0012_bnl_column_mapping'
branch_labels = None
depends_on = None

TEXT_COLUMNS = ('required_documents', 'accessibility', 'funding', 'area_description')


def upgrade():
    op.create_table('service_schedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hsds_id', sa.String(length=64), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=True),
    sa.Column('opens_at', sa.Time(), nullable=True),
    sa.Column('closes_at', sa.Time(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_service_schedule_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_schedule')),
    sa.UniqueConstraint('hsds_id', name=op.f('uq_service_schedule_hsds_id'))
    )
    op.create_index('ix_service_schedule_day', 'service_schedule', ['weekday', 'opens_at', 'closes_at', 'service_id'], unique=False)
    op.create_index(op.f('ix_service_schedule_service_id'), 'service_schedule', ['service_id'], unique=False)

    # Plain ADD/DROP COLUMN, not a batch: rebuilding the service table on SQLite would break
    # the search triggers that name it (0011).
    for name in TEXT_COLUMNS:
        op.add_column('service', sa.Column(name, sa.Text(), nullable=False, server_default=''))
    op.add_column('service', sa.Column('program', sa.String(length=200), nullable=False, server_default=''))


def downgrade():
    for name in ('program',) + TEXT_COLUMNS:
        op.drop_column('service', name)
    op.drop_index(op.f('ix_service_schedule_service_id'), table_name='service_schedule')
    op.drop_index('ix_service_schedule_day', table_name='service_schedule')
    op.drop_table('service_schedule')
