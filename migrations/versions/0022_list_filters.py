"""list filters: the By-Name List's navigator names from an index

The list's navigator filter finds the names that hold the text typed among the distinct names of
this index (a CoC has a few dozen navigators), then reads those navigators' households by name,
instead of checking the navigator of every household on the list.

Revision ID: 0022_list_filters
Revises: 0021_search_filters
Create Date: 2026-12-05 11:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0022_list_filters'
down_revision = '0021_search_filters'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_bnl_household_navigator_name", "bnl_household", ["navigator_name"])


def downgrade():
    op.drop_index("ix_bnl_household_navigator_name", table_name="bnl_household")
