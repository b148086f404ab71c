"""glossary: terms, sectors, suggestions, history

Revision ID: 0003_glossary
Revises: 0002_directory
Create Date: 2026-11-25 16:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_glossary'
down_revision = '0002_directory'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('glossary_term',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('term', sa.String(length=200), nullable=False),
    sa.Column('acronym', sa.String(length=40), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('sectors', sa.String(length=200), nullable=False),
    sa.Column('example', sa.Text(), nullable=False),
    sa.Column('aliases', sa.Text(), nullable=False),
    sa.Column('related', sa.Text(), nullable=False),
    sa.Column('source_note', sa.Text(), nullable=False),
    sa.Column('source_url', sa.String(length=500), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('locally_edited', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_glossary_term_updated_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_term')),
    sa.UniqueConstraint('slug', name=op.f('uq_glossary_term_slug'))
    )
    with op.batch_alter_table('glossary_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_term_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_glossary_term_updated_by_id'), ['updated_by_id'], unique=False)

    op.create_table('glossary_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['user_account.id'], name=op.f('fk_glossary_revision_changed_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['term_id'], ['glossary_term.id'], name=op.f('fk_glossary_revision_term_id_glossary_term'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_revision'))
    )
    with op.batch_alter_table('glossary_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_revision_term_id'), ['term_id'], unique=False)

    op.create_table('glossary_sector_meaning',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('sector', sa.String(length=40), nullable=False),
    sa.Column('meaning', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['term_id'], ['glossary_term.id'], name=op.f('fk_glossary_sector_meaning_term_id_glossary_term'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_sector_meaning')),
    sa.UniqueConstraint('term_id', 'sector', name=op.f('uq_glossary_sector_meaning_term_id'))
    )
    with op.batch_alter_table('glossary_sector_meaning', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_sector_meaning_term_id'), ['term_id'], unique=False)

    op.create_table('glossary_suggestion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=True),
    sa.Column('term', sa.String(length=200), nullable=False),
    sa.Column('acronym', sa.String(length=40), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('sectors', sa.String(length=200), nullable=False),
    sa.Column('example', sa.Text(), nullable=False),
    sa.Column('aliases', sa.Text(), nullable=False),
    sa.Column('related', sa.Text(), nullable=False),
    sa.Column('source_note', sa.Text(), nullable=False),
    sa.Column('source_url', sa.String(length=500), nullable=False),
    sa.Column('meanings', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('suggested_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_glossary_suggestion_decided_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['suggested_by_id'], ['user_account.id'], name=op.f('fk_glossary_suggestion_suggested_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['term_id'], ['glossary_term.id'], name=op.f('fk_glossary_suggestion_term_id_glossary_term'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_suggestion'))
    )
    with op.batch_alter_table('glossary_suggestion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_suggestion_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_glossary_suggestion_term_id'), ['term_id'], unique=False)


def downgrade():
    with op.batch_alter_table('glossary_suggestion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_glossary_suggestion_term_id'))
        batch_op.drop_index(batch_op.f('ix_glossary_suggestion_status'))

    op.drop_table('glossary_suggestion')
    with op.batch_alter_table('glossary_sector_meaning', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_glossary_sector_meaning_term_id'))

    op.drop_table('glossary_sector_meaning')
    with op.batch_alter_table('glossary_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_glossary_revision_term_id'))

    op.drop_table('glossary_revision')
    with op.batch_alter_table('glossary_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_glossary_term_updated_by_id'))
        batch_op.drop_index(batch_op.f('ix_glossary_term_updated_at'))

    op.drop_table('glossary_term')
