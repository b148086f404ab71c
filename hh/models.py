"""Every table, imported in one place so Alembic and the app see the whole schema."""
from hh.admin.models import AuditEvent  # noqa: F401
from hh.auth.models import User  # noqa: F401
from hh.directory.models import Contact, County, Organization, Phone, Region  # noqa: F401
from hh.needs.models import Need  # noqa: F401
from hh.resources.models import (  # noqa: F401
    CapacityUnit,
    Location,
    Service,
    ServiceArea,
    TaxonomyTerm,
)
