"""region anchor foreign key on PostgreSQL

0001 declared the region → organization foreign key with use_alter (the two tables refer to each
other), and Alembic's create_table leaves such a key out on PostgreSQL, so there it was never
made. SQLite keeps it inside the table definition, so there is nothing to do there.

Revision ID: 0007_region_anchor_fk
Revises: 0006_role_guide
Create Date: 2026-11-25 17:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_region_anchor_fk'
down_revision = '0006_role_guide'
branch_labels = None
depends_on = None

NAME = 'fk_region_anchor_organization_id_organization'


def _has_key(bind) -> bool:
    return any(fk['name'] == NAME for fk in sa.inspect(bind).get_foreign_keys('region'))


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite' and not _has_key(bind):
        op.create_foreign_key(NAME, 'region', 'organization', ['anchor_organization_id'], ['id'])


def downgrade():
    # The key belongs to 0001's schema; leaving it in place keeps a downgrade to 0001 consistent.
    pass
