"""Role-guide routes in the route × role matrix (see tests/test_access_matrix.py)."""
from hh.extensions import db
from hh.roleguide.guide import seed_guide
from hh.roleguide.models import AssessmentShare, Competency, Responsibility
from hh.web import ADMINS, COORDINATORS, SIGNED_IN, STAFF

ROUTES = {
    "roleguide.index": ("GET", "/role-guide/", SIGNED_IN),
    "roleguide.role": ("GET", "/role-guide/roles/system-coordinator", SIGNED_IN),
    "roleguide.edit_responsibility": ("GET", "/role-guide/responsibilities/{rg_responsibility}/edit", ADMINS),
    "roleguide.edit_competency": ("GET", "/role-guide/competencies/{rg_competency}/edit", ADMINS),
    "roleguide.assessment": ("GET", "/role-guide/assessment", SIGNED_IN),
    "roleguide.record_assessment": ("POST", "/role-guide/assessment", SIGNED_IN),
    "roleguide.share_assessment": ("POST", "/role-guide/assessment/share", SIGNED_IN),
    # Someone else's self-assessment, shared with someone else: nobody in the matrix may.
    "roleguide.stop_sharing": ("POST", "/role-guide/assessment/shares/{rg_share}/remove", SIGNED_IN,
                               SIGNED_IN),
    "roleguide.shared_assessment": ("GET", "/role-guide/assessment/people/{rg_owner}", SIGNED_IN,
                                    SIGNED_IN),
    "roleguide.handover": ("GET", "/role-guide/handover", STAFF),
    "roleguide.reassign": ("POST", "/role-guide/handover/{target}/reassign", COORDINATORS),
}


def objects(factory) -> dict:
    seed_guide()
    db.session.commit()
    owner, reader = factory.user("provider"), factory.user("coordinator")
    share = AssessmentShare(owner_id=owner.id, reader_id=reader.id)
    db.session.add(share)
    db.session.commit()
    return {"rg_responsibility": db.session.scalar(db.select(Responsibility.id).limit(1)),
            "rg_competency": db.session.scalar(db.select(Competency.id).limit(1)),
            "rg_share": share.id, "rg_owner": owner.id}
