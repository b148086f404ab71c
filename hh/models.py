"""Every table, imported in one place (the feature registry) so Alembic and the app see the
whole schema."""
from hh.features import import_models

import_models()
