"""The By-Name List figures action-plan measures can be fed from (actively homeless, inflow,
outflow, placements, median days to housing; for all households or a sub-population), registered
with plans' feed registry when the conferences feature is imported. Whole months only."""
from __future__ import annotations

from datetime import date
from functools import partial

from sqlalchemy import select

from hh.conferences.flow import monthly_flow
from hh.directory.models import Region
from hh.extensions import db
from hh.plans.feeds import register_feed

FIGURES: dict[str, str] = {
    "actively_homeless": "Actively homeless at month end",
    "inflow": "Inflow onto the By-Name List per month",
    "outflow": "Outflow from the By-Name List per month",
    "housed": "Housing placements per month",
    "median_days_to_move_in": "Median days from identification to move-in, per month",
}
GROUPS: dict[str, str] = {"": "", "veteran": "veterans", "chronic": "chronically homeless",
                          "youth": "unaccompanied youth", "family": "families with children"}
FEED_NOTE = "From the By-Name List history (updated automatically)"
MONTHS = 36


def regions() -> list[tuple[str, str]]:
    """A list feed can be narrowed to one region (its id is the scope)."""
    return [(str(region_id), name) for region_id, name in db.session.execute(
        select(Region.id, Region.name).order_by(Region.name))]


def monthly_values(figure: str, subpopulation: str, region: str | None = None) -> dict[date, float]:
    values = {}
    region_id = int(region) if region and region.isdigit() else None
    for month in monthly_flow(MONTHS, region_id, subpopulation):
        if month.partial:
            continue
        value = {"inflow": month.inflow, "outflow": month.outflow}.get(figure, month.value(figure))
        if value is not None:
            values[month.start] = float(value)
    return values


for _figure, _label in FIGURES.items():
    for _group, _who in GROUPS.items():
        register_feed(f"bnl_{_figure}" + (f"_{_group}" if _group else ""),
                      _label + (f": {_who}" if _who else ""),
                      partial(monthly_values, _figure, _group), note=FEED_NOTE,
                      source="the By-Name List's flow", source_endpoint="conferences.list_flow_page",
                      when="whenever a household's list status changes", scopes=regions)
