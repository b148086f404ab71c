"""Directory routes in the route × role matrix (see tests/test_access_matrix.py)."""
from hh.directory.models import Contact
from hh.extensions import db
from hh.web import COORDINATORS, SIGNED_IN, STAFF

# The matrix's provider belongs to no organization: it may use these routes, but not on
# another organization's records (object-level 403).
NOT_THEIRS = {"provider"}

ROUTES = {
    "directory.index": ("GET", "/directory/", SIGNED_IN),
    "directory.organizations_csv": ("GET", "/directory/organizations.csv", SIGNED_IN),
    "directory.new_organization": ("GET", "/directory/organizations/new", COORDINATORS),
    "directory.organization": ("GET", "/directory/organizations/{org}", SIGNED_IN),
    "directory.edit_organization": ("GET", "/directory/organizations/{org}/edit", STAFF, NOT_THEIRS),
    "directory.verify_organization": ("POST", "/directory/organizations/{org}/verify", STAFF, NOT_THEIRS),
    "directory.deactivate_organization": ("POST", "/directory/organizations/{org}/inactive", COORDINATORS),
    "directory.new_contact": ("GET", "/directory/organizations/{org}/contacts/new", STAFF, NOT_THEIRS),
    "directory.edit_contact": ("GET", "/directory/contacts/{contact}/edit", STAFF, NOT_THEIRS),
    "directory.delete_contact": ("POST", "/directory/contacts/{contact}/delete", STAFF, NOT_THEIRS),
}


def objects(factory) -> dict:
    org = factory.organization()
    contact = Contact(organization=org, name="Dana Liaison", partnership_role="liaison")
    db.session.add(contact)
    db.session.commit()
    return {"org": org.id, "contact": contact.id}
