"""What Crosswalk tells people about, and who may choose each kind (by role)."""
from __future__ import annotations

from dataclasses import dataclass

from hh.web import SIGNED_IN, STAFF


@dataclass(frozen=True)
class Kind:
    label: str                      # on the preferences page: "Tell me when …"
    roles: frozenset[str]           # who can receive it (and so choose it)
    group: str


KINDS: dict[str, Kind] = {
    "referral_received": Kind("a referral is sent to my organization", STAFF, "Referrals"),
    "referral_outcome": Kind("a referral my organization sent is accepted, declined, connected or "
                             "expires", STAFF, "Referrals"),
    "referral_follow_up": Kind("a referral's follow-up date has come", STAFF, "Referrals"),
    "referral_expiring": Kind("a referral to my organization expires in 2 days without an answer",
                              STAFF, "Referrals"),
    "discharge_new": Kind("a hospital-discharge hand-off is sent to my organization", STAFF,
                          "Discharge hand-offs"),
    "discharge_changed": Kind("the expected date of a hand-off to my organization changes", STAFF,
                              "Discharge hand-offs"),
    "discharge_due": Kind("a discharge is due tomorrow and nobody has accepted it yet", STAFF,
                          "Discharge hand-offs"),
    "item_assigned": Kind("an action item is assigned to me", SIGNED_IN, "Action items"),
    "item_due_soon": Kind("an action item of mine is due in 3 days", SIGNED_IN, "Action items"),
    "item_overdue": Kind("an action item of mine is overdue", SIGNED_IN, "Action items"),
    "conference_agenda": Kind("the agenda of a case conference in my region is ready", STAFF,
                              "Case conferences"),
    "conference_minutes": Kind("the minutes of a case conference I attended are ready", STAFF,
                               "Case conferences"),
    "password_changed": Kind("my password is changed", SIGNED_IN, "My account"),
}

# Mailed whenever mail is on, whatever the preferences, and never listed in the app: the person
# cannot sign in yet (the link is how they set their password).
INVITATION = "invitation"

DEFAULT_CHOICE = "immediately"


def kinds_for(role: str) -> list[str]:
    return [code for code, kind in KINDS.items() if role in kind.roles]
