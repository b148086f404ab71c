"""The By-Name List remembers: each household's status changes (with their dates) in
bnl_status_change, started for existing households from what they have (identified on the date
added; housed or inactive on their dates). Households gain a standing target move-in date, a
pause (reason, revisit date), the group's priority override with its reason, and HUD's race
and ethnicity; conference attendees their pronouns.

Revision ID: 0014_list_history
Revises: 0013_hsds_service_details
Create Date: 2026-12-05 00:05:13.924457

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_list_history'
down_revision = '0013_hsds_service_details'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bnl_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('effective_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('move_in_on', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['bnl_household.id'], name=op.f('fk_bnl_status_change_household_id_bnl_household'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_bnl_status_change_recorded_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bnl_status_change'))
    )
    with op.batch_alter_table('bnl_status_change', schema=None) as batch_op:
        batch_op.create_index('ix_bnl_status_change_effective', ['effective_on', 'kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_bnl_status_change_household_id'), ['household_id'], unique=False)

    with op.batch_alter_table('bnl_household', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_move_in_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('paused_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('pause_reason', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('revisit_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('race_ethnicity', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('priority_override', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('priority_reason', sa.String(length=300), nullable=False, server_default=''))

    with op.batch_alter_table('case_conference_attendee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pronouns', sa.String(length=40), nullable=False, server_default=''))
    _start_history()


def _start_history():
    """Every household was identified on its date added; housed and inactive ones left the
    active list on the dates they have."""
    op.execute(sa.text(
        "INSERT INTO bnl_status_change (household_id, kind, effective_on, reason, source, recorded_at) "
        "SELECT id, 'identified', added_on, '', 'history', CURRENT_TIMESTAMP FROM bnl_household"))
    op.execute(sa.text(
        "INSERT INTO bnl_status_change (household_id, kind, effective_on, reason, move_in_on, source, recorded_at) "
        "SELECT id, 'housed', COALESCE(move_in_on, status_updated_on, added_on), '', move_in_on, "
        "'history', CURRENT_TIMESTAMP FROM bnl_household WHERE status = 'housed'"))
    op.execute(sa.text(
        "INSERT INTO bnl_status_change (household_id, kind, effective_on, reason, source, recorded_at) "
        "SELECT id, 'inactive', COALESCE(status_updated_on, added_on), inactive_reason, 'history', "
        "CURRENT_TIMESTAMP FROM bnl_household WHERE status = 'inactive'"))


def downgrade():
    with op.batch_alter_table('case_conference_attendee', schema=None) as batch_op:
        batch_op.drop_column('pronouns')

    with op.batch_alter_table('bnl_household', schema=None) as batch_op:
        batch_op.drop_column('priority_reason')
        batch_op.drop_column('priority_override')
        batch_op.drop_column('race_ethnicity')
        batch_op.drop_column('revisit_on')
        batch_op.drop_column('pause_reason')
        batch_op.drop_column('paused_on')
        batch_op.drop_column('target_move_in_on')

    with op.batch_alter_table('bnl_status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bnl_status_change_household_id'))
        batch_op.drop_index('ix_bnl_status_change_effective')

    op.drop_table('bnl_status_change')
