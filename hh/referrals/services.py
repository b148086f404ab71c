"""The referrals' data layer, one module per capability:

- access.py   who may see which referral, and for which side they act
- sending.py  the send form's choices and sending (checks.py: the warnings confirmed first)
- steps.py    the status machine, notes, the discharge checklist, expiry
- queues.py   the incoming and outgoing queues, a household's referrals, the home page
- outcomes.py the outcome figures (feeds.py offers them to action-plan measures)

Everything that changes data is audited with ids only (never client data). This module gathers
the public names, so callers can keep `from hh.referrals import services`."""
from hh.referrals.access import can_view, referral_for_page, scope, sides  # noqa: F401
from hh.referrals.checks import (  # noqa: F401
    NeedsConfirmation,
    Warning,
    availability_warning,
    duplicate_warnings,
    warnings_for,
)
from hh.referrals.queues import (  # noqa: F401
    COUNT_LIMIT,
    INCOMING_VIEWS,
    OUTGOING_VIEWS,
    home_context,
    household_referrals,
    incoming_counts,
    incoming_page,
    is_overdue,
    outgoing_query,
)
from hh.referrals.sending import (  # noqa: F401
    category_choices,
    find_household,
    organization_named,
    receiving_organization_choices,
    referable_services,
    select_referrals,
    send_referral,
    sender_organization_options,
    service_choices,
)
from hh.referrals.steps import (  # noqa: F401
    ACTIONS,
    TRANSITIONS,
    ReferralError,
    TransitionError,
    add_note,
    allowed_steps,
    change_status,
    expire_unanswered,
    expiry_days,
    mark_received,
    row_steps,
    save_checklist,
)
