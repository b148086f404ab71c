"""Resource-map routes in the route × role matrix (see tests/test_access_matrix.py)."""
from hh.extensions import db
from hh.resources.models import CapacityUnit, Service
from hh.web import COORDINATORS, SIGNED_IN, STAFF

NOT_THEIRS = {"provider"}  # the matrix's provider belongs to no organization

ROUTES = {
    "resources.search": ("GET", "/resources/?q=shelter", SIGNED_IN),
    "resources.search_csv": ("GET", "/resources/search.csv", SIGNED_IN),
    "resources.service": ("GET", "/resources/services/{service}", SIGNED_IN),
    "resources.new_service": ("GET", "/resources/services/new?organization={service_org}", STAFF, NOT_THEIRS),
    "resources.edit_service": ("GET", "/resources/services/{service}/edit", STAFF, NOT_THEIRS),
    "resources.availability": ("GET", "/resources/availability", STAFF),
    "resources.update_availability": ("POST", "/resources/services/{service}/availability", STAFF, NOT_THEIRS),
    "resources.verification": ("GET", "/resources/verification", COORDINATORS),
    "resources.verify_service": ("POST", "/resources/services/{service}/verify", STAFF, NOT_THEIRS),
    "resources.deactivate_service": ("POST", "/resources/services/{service}/inactive", COORDINATORS),
    "resources.import_data": ("GET", "/resources/import", COORDINATORS),
    "resources.upload_hsds": ("POST", "/resources/import/hsds", COORDINATORS),
    "resources.upload_spreadsheet": ("POST", "/resources/import/spreadsheet", COORDINATORS),
    "resources.import_preview": ("GET", "/resources/import/not-a-pending-upload-token", COORDINATORS),
    "resources.import_confirm": ("POST", "/resources/import/not-a-pending-upload-token/confirm", COORDINATORS),
    "resources.import_cancel": ("POST", "/resources/import/not-a-pending-upload-token/cancel", COORDINATORS),
    "resources.import_template": ("GET", "/resources/import/template.csv", COORDINATORS),
    "resources.export_hsds": ("GET", "/resources/export/hsds.zip", SIGNED_IN),
    "resources.client_list": ("GET", "/resources/list", SIGNED_IN),
    "resources.client_list_text": ("GET", "/resources/list.txt", SIGNED_IN),
    "resources.add_to_list": ("POST", "/resources/list/add/{service}", SIGNED_IN),
    "resources.remove_from_list": ("POST", "/resources/list/remove/{service}", SIGNED_IN),
    "resources.move_in_list": ("POST", "/resources/list/move/{service}", SIGNED_IN),
    "resources.clear_list": ("POST", "/resources/list/clear", SIGNED_IN),
}


def objects(factory) -> dict:
    org = factory.organization()
    service = Service(organization=org, name="Winter shelter")
    service.capacity.append(CapacityUnit(unit_type="beds", total=10))
    db.session.add(service)
    db.session.commit()
    return {"service": service.id, "service_org": org.id}
