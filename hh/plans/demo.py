"""Demo action plans: hospital discharge to medical respite, and the veterans by-name list, each
with a year of monthly data points, items (some overdue, one blocked), a review and a PDSA cycle.
Keyed on titles and descriptions, so loading again changes nothing."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from hh.auth.models import User
from hh.directory.models import Organization
from hh.extensions import db
from hh.plans.models import (
    ActionItem,
    ActionPlan,
    DataPoint,
    ItemUpdate,
    Measure,
    PdsaCycle,
    PlanReview,
)
from hh.plans.services import add_months
from hh.timeutil import local_today, utcnow

COORDINATOR = "coordinator@demo.crosswalk.example"
PROVIDER = "provider@demo.crosswalk.example"
PROVIDER_SOUTH = "provider.south@demo.crosswalk.example"

PLANS = [
    {
        "title": "Hospital discharge to medical respite",
        "aim": "By the end of next year, no one experiencing homelessness leaves Cedar Valley "
               "Regional Hospital to the street: every discharge has a safe place to recover, "
               "starting with medical respite beds at Harbor House.",
        "population_focus": "People leaving hospital without a home",
        "lead": "Cedar Valley Regional Hospital",
        "partners": ["Harbor House Shelter & Outreach", "Three Rivers Community Health Center",
                     "Prairie Health Plan"],
        "measures": [
            {"name": "Discharges to the street or shelter without a plan", "unit": "people",
             "direction": "down", "baseline": 14, "target": 2, "north_star": False,
             "definition": "Patients known to be homeless at admission who were discharged with no "
                           "respite, shelter bed or housing arranged, counted from the hospital's "
                           "discharge log each month.",
             "values": [14, 12, 15, 13, 14, 11, 9, 8, 9, 7, 6, 7]},
            {"name": "Medical respite bed-days used", "unit": "bed-days", "direction": "up",
             "baseline": 40, "target": 150, "north_star": False,
             "definition": "Nights spent in the Harbor House respite beds by people referred from "
                           "the hospital.",
             "values": [40, 38, 52, 61, 58, 75, 83, 90, 88, 104, 112, 109]},
        ],
        "items": [
            ("Sign the respite referral MOU between the hospital and Harbor House", None,
             "Cedar Valley Regional Hospital", -20, "done", ""),
            ("Train discharge nurses on the homelessness screening question", COORDINATOR,
             "Cedar Valley Regional Hospital", -9, "in_progress", ""),
            ("Keep respite bed availability current every weekday", PROVIDER,
             "Harbor House Shelter & Outreach", 12, "open", ""),
            ("Ask Prairie Health Plan to fund two more respite beds", COORDINATOR,
             "Prairie Health Plan", 30, "blocked", "Waiting for the plan's budget cycle in March"),
            ("Share a de-identified monthly discharge count with the CoC", None,
             "Three Rivers Community Health Center", -3, "open", ""),
        ],
        "review": ("Respite bed-days keep rising and discharges without a plan are falling.",
                   "We moved the screening question from admission to the first nursing shift.",
                   "Finish nurse training; ask the health plan about funding."),
        "pdsa": {"title": "Nurse calls the shelter before a Friday discharge",
                 "plan_text": "On one unit for four weeks, the charge nurse calls Harbor House "
                              "before any Friday discharge of a patient without a home.",
                 "prediction": "Friday discharges without a plan drop from about 3 to 1 a month.",
                 "do_text": "Ran for four weeks on the medical-surgical unit.",
                 "study_text": "One Friday discharge without a plan, as predicted.",
                 "act": "adapt"},
    },
    {
        "title": "Veterans by-name list: reach functional zero",
        "aim": "Make veteran homelessness rare, brief and one-time: every veteran on the "
               "By-Name List is housed within 90 days of being identified.",
        "population_focus": "Veterans",
        # Veterans in the CoC's counties estimated to be homeless or at risk over a year, and what
        # coordinating the veterans' conferences and outreach costs a month.
        "target_population": 240,
        "monthly_cost": 18000,
        "lead": "Southern Counties Housing Partnership",
        "partners": ["Alder County Housing Authority",
                     "Fremont County Department of Social Services",
                     "Harbor House Shelter & Outreach"],
        "measures": [
            {"name": "Veterans actively homeless", "unit": "veterans", "direction": "down",
             "baseline": None, "target": 0, "north_star": True,
             "definition": "Veterans with the status 'active' on the By-Name List on the last day "
                           "of the month.", "feed": "bnl_actively_homeless_veteran"},
            {"name": "Veteran housing placements per month", "unit": "placements",
             "direction": "up", "baseline": None, "target": 3, "north_star": True,
             "definition": "Veterans who moved into permanent housing during the month.",
             "feed": "bnl_housed_veteran"},
            {"name": "Median days from identification to housing", "unit": "days",
             "direction": "down", "baseline": None, "target": 90, "north_star": True,
             "definition": "For veterans housed in the month: days from coming onto the "
                           "By-Name List to move-in, the median.",
             "feed": "bnl_median_days_to_move_in_veteran"},
        ],
        "items": [
            ("Hold the weekly veterans case conference with the VA liaison", COORDINATOR, None,
             5, "in_progress", ""),
            ("Ask the housing authority for a landlord-incentive fund", None,
             "Alder County Housing Authority", -14, "open", ""),
            ("Enter every veteran seen at outreach on the By-Name List within 3 days",
             PROVIDER_SOUTH, "Southern Counties Housing Partnership", 20, "open", ""),
            ("Map SSVF and HUD-VASH capacity by county", PROVIDER, None, -5, "open", ""),
        ],
        "review": ("Active veterans down from 31 to 18; time to housing under 100 days.",
                   "We added a landlord liaison instead of waiting for more vouchers.",
                   "Ask the housing authority about an incentive fund."),
        "pdsa": {"title": "Same-week document readiness for newly identified veterans",
                 "plan_text": "Outreach gathers ID and DD-214 in the first week for new veterans.",
                 "prediction": "Days from identification to housing fall by 10.",
                 "do_text": "", "study_text": "", "act": ""},
    },
]


def _months(count: int, today: date) -> list[date]:
    """The first day of each of the last `count` months, oldest first."""
    first = today.replace(day=1)
    return [add_months(first, -offset) for offset in range(count, 0, -1)]


def load_demo_plans() -> int:
    today = local_today()
    users = {u.email: u for u in db.session.scalars(select(User).where(
        User.email.in_((COORDINATOR, PROVIDER, PROVIDER_SOUTH))))}
    orgs = {o.name: o for o in db.session.scalars(select(Organization))}
    for spec in PLANS:
        plan = db.session.scalar(select(ActionPlan).where(ActionPlan.title == spec["title"]))
        if plan is None:
            plan = ActionPlan(title=spec["title"])
            db.session.add(plan)
        plan.aim, plan.population_focus, plan.status = spec["aim"], spec["population_focus"], "active"
        plan.lead_organization = orgs.get(spec["lead"])
        plan.partners = [orgs[name] for name in spec["partners"] if name in orgs]
        plan.owner = users.get(COORDINATOR)
        plan.start_on = plan.start_on or add_months(today.replace(day=1), -12)
        plan.review_every_months = 3
        if plan.target_population is None and plan.monthly_cost is None:
            plan.target_population = spec.get("target_population")
            plan.monthly_cost = spec.get("monthly_cost")
        _measures(plan, spec["measures"], today, users.get(COORDINATOR))
        _items(plan, spec["items"], today, users, orgs)
        if not plan.reviews:
            progress, changes, next_steps = spec["review"]
            reviewed_on = today - timedelta(days=80)
            plan.reviews.append(PlanReview(reviewed_on=reviewed_on, progress=progress,
                                           changes=changes, next_steps=next_steps,
                                           author=users.get(COORDINATOR),
                                           next_review_on=add_months(reviewed_on, 3)))
            plan.next_review_on = add_months(reviewed_on, 3)
        if not plan.cycles:
            cycle = PdsaCycle(owner=users.get(COORDINATOR), started_on=today - timedelta(days=60),
                              **spec["pdsa"])
            plan.cycles.append(cycle)
    db.session.commit()
    return len(PLANS)


def _measures(plan: ActionPlan, specs: list[dict], today: date, who) -> None:
    existing = {m.name: m for m in plan.measures}
    for spec in specs:
        measure = existing.get(spec["name"])
        if measure is None:
            measure = Measure(name=spec["name"])
            plan.measures.append(measure)
        measure.definition, measure.unit = spec["definition"], spec["unit"]
        measure.direction, measure.north_star = spec["direction"], spec["north_star"]
        measure.target_value = spec["target"]
        measure.target_on = date(today.year + 1, 12, 31)
        if spec.get("feed"):  # filled from the By-Name List's history, not typed
            measure.feed = spec["feed"]
            continue
        months = _months(len(spec["values"]), today)
        measure.baseline_value, measure.baseline_on = spec["baseline"], months[0]
        have = {p.observed_on for p in measure.points}
        for day, value in zip(months, spec["values"]):
            if day not in have:
                measure.points.append(DataPoint(observed_on=day, value=value, entered_by=who))


def _items(plan: ActionPlan, specs: list[tuple], today: date, users: dict, orgs: dict) -> None:
    existing = {i.description for i in plan.items}
    for description, owner, org, due_in_days, status, reason in specs:
        if description in existing:
            continue
        item = ActionItem(description=description, owner=users.get(owner) if owner else None,
                          organization=orgs.get(org) if org else None,
                          due_on=today + timedelta(days=due_in_days), status=status,
                          blocked_reason=reason)
        if status == "done":
            item.done_at = utcnow()
        if status != "open":
            item.updates.append(ItemUpdate(author=users.get(COORDINATOR),
                                           status_change=f"Status: {item.status_label}"))
        plan.items.append(item)
