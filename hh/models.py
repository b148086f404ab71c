"""Every table, imported in one place so Alembic and the app see the whole schema."""
from hh.admin.models import AuditEvent  # noqa: F401
from hh.auth.models import User  # noqa: F401
from hh.directory.models import County, Organization, Region  # noqa: F401
