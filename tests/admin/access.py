"""Admin routes for regions and counties in the route × role matrix (see tests/test_access_matrix.py).

The foundation's admin routes (users, audit log) are in FOUNDATION there."""
from hh.directory.models import County
from hh.extensions import db
from hh.web import ADMINS

ROUTES = {
    "admin.regions": ("GET", "/admin/regions", ADMINS),
    "admin.new_region": ("GET", "/admin/regions/new", ADMINS),
    "admin.edit_region": ("GET", "/admin/regions/{admin_region}", ADMINS),
    "admin.new_county": ("GET", "/admin/counties/new?region={admin_region}", ADMINS),
    "admin.edit_county": ("GET", "/admin/counties/{admin_county}", ADMINS),
}


def objects(factory) -> dict:
    region = factory.region()
    county = County(name=f"{region.name} County", state="NF", region=region)
    db.session.add(county)
    db.session.commit()
    return {"admin_region": region.id, "admin_county": county.id}
