"""The referral-outcome figures action-plan measures can be fed from, registered with plans'
feed registry when the referrals feature is imported."""
from __future__ import annotations

from functools import partial

from hh.plans.feeds import register_feed
from hh.referrals.outcomes import monthly_values

# feed key → (label, the outcome Figures attribute that gives the monthly value)
OUTCOME_FEEDS: dict[str, tuple[str, str]] = {
    "referrals_completion_rate": ("Referral completion (connected) rate, % per month", "completion_rate"),
    "referrals_median_days_to_accept": ("Median days to acceptance, per month", "median_days_to_accept"),
    "referrals_median_days_to_connect": ("Median days to connection, per month", "median_days_to_connect"),
    "referrals_no_show_rate": ("Referral no-show rate, % per month", "no_show_rate"),
    "referrals_decline_rate": ("Referral decline rate, % per month", "decline_rate"),
    "referrals_sent": ("Referrals sent per month", "sent"),
}

FEED_NOTE = "From referral outcomes (updated automatically)"

for _key, (_label, _attribute) in OUTCOME_FEEDS.items():
    register_feed(_key, _label, partial(monthly_values, _attribute), note=FEED_NOTE,
                  source="referral outcomes", source_endpoint="referrals.outcomes",
                  when="whenever a referral changes")
