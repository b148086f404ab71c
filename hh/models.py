"""Every table, imported in one place so Alembic and the app see the whole schema."""
from hh.admin.models import AuditEvent  # noqa: F401
from hh.auth.models import User  # noqa: F401
from hh.conferences.models import (  # noqa: F401
    CaseConference, ConferenceAttendee, ConferenceEntry, Household)
from hh.directory.models import Contact, County, Organization, Phone, Region  # noqa: F401
from hh.glossary.models import GlossaryRevision, GlossarySuggestion, GlossaryTerm, SectorMeaning  # noqa: F401
from hh.needs.models import Need  # noqa: F401
from hh.plans.models import (  # noqa: F401
    ActionItem, ActionPlan, DataPoint, ItemUpdate, Measure, PdsaCycle, PlanReview)
from hh.referrals.models import Referral, ReferralEvent  # noqa: F401
from hh.resources.models import (  # noqa: F401
    CapacityUnit,
    Location,
    Service,
    ServiceArea,
    TaxonomyTerm,
)
from hh.roleguide.models import (  # noqa: F401
    AssessmentShare, Competency, CompetencyRating, CoordinatorRole, ExecutionStage, Responsibility,
    SelfAssessment)
