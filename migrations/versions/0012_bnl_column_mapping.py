"""By-Name List imports remember what a coordinator said a file's headings mean

Revision ID: 0012_bnl_column_mapping
Revises: 0011_search_words
Create Date: 2026-12-04 23:53:22.003378

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_bnl_column_mapping'
down_revision = '0011_search_words'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bnl_column_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('signature', sa.String(length=64), nullable=False),
    sa.Column('mapping', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_bnl_column_mapping_updated_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bnl_column_mapping')),
    sa.UniqueConstraint('signature', name=op.f('uq_bnl_column_mapping_signature'))
    )


def downgrade():
    op.drop_table('bnl_column_mapping')
