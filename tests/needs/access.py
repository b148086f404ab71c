"""Needs and gap-map routes in the route × role matrix (see tests/test_access_matrix.py)."""
from hh.directory.models import County
from hh.extensions import db
from hh.needs.models import Need
from hh.resources.models import TaxonomyTerm
from hh.web import SIGNED_IN, STAFF

NOT_THEIRS = {"provider"}  # the matrix's provider did not record the need

ROUTES = {
    "needs.index": ("GET", "/needs/?status=open", SIGNED_IN),
    "needs.index_csv": ("GET", "/needs/needs.csv", SIGNED_IN),
    "needs.need": ("GET", "/needs/{need}", SIGNED_IN),
    "needs.new": ("GET", "/needs/new", STAFF),
    "needs.edit": ("GET", "/needs/{need}/edit", STAFF, NOT_THEIRS),
    "needs.set_status": ("POST", "/needs/{need}/status", STAFF, NOT_THEIRS),
    "needs.gaps": ("GET", "/needs/gaps", SIGNED_IN),
    "needs.gaps_csv": ("GET", "/needs/gaps.csv", SIGNED_IN),
    "needs.gap_county": ("GET", "/needs/gaps/county/{need_county}", SIGNED_IN),
    "needs.gap_cell": ("GET", "/needs/gaps/cell?county={need_county}&category={need_category}", SIGNED_IN),
}


def objects(factory) -> dict:
    recorder = factory.user("coordinator")
    county = County(name="Matrix County", state="NF")
    category = TaxonomyTerm(code="matrix", name="Matrix category")
    need = Need(title="Winter beds", county=county, category=category, created_by_id=recorder.id)
    db.session.add_all([county, category, need])
    db.session.commit()
    return {"need": need.id, "need_county": county.id, "need_category": category.id}
