from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, StringField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from hh.forms import (
    ChoiceOrNameField,
    ChoicesOrNamesField,
    QuickSelectField,
    choices,
    optional_int,
    page_size_field,
)
from hh.plans.models import DIRECTIONS, ITEM_STATUSES, PDSA_ACTS, PLAN_STATUSES

DATE_HINT = "As YYYY-MM-DD if your browser shows a plain text box."


def _date(label: str, **kwargs) -> DateField:
    return DateField(label, validators=[Optional()], description=kwargs.pop("description", None),
                     **kwargs)


def _number(label: str, description: str | None = None) -> StringField:
    # Parsed in services.py, so bad numbers get a message there (and never a 500).
    return StringField(label, validators=[Length(max=30)], description=description,
                       render_kw={"inputmode": "decimal"})


class PlanForm(FlaskForm):
    title = StringField("Title", validators=[Length(max=200)])
    aim = TextAreaField("Aim", validators=[Length(max=2000)],
                        description="The shared vision in a sentence or two.")
    population_focus = StringField("Population focus", validators=[Length(max=200)],
                                   description="For example: veterans, people leaving hospital.")
    lead_organization_id = ChoiceOrNameField("Lead organization", coerce=optional_int,
                                             validate_choice=False)
    partner_ids = ChoicesOrNamesField("Partner organizations", coerce=int, validate_choice=False)
    owner_id = QuickSelectField("Owner (a coordinator)", coerce=optional_int, validate_choice=False)
    status = QuickSelectField("Status", choices=choices(PLAN_STATUSES.items()), id="plan_status")
    start_on = _date("Start date")
    end_on = _date("End date")
    review_every_months = StringField("Review every (months)", validators=[Length(max=10)],
                                      default="3", description="3 means quarterly.")
    next_review_on = _date("Next review", description="Left empty: one review period from today.")
    target_population = StringField(
        "Target population (people)", validators=[Length(max=30)],
        render_kw={"inputmode": "numeric"},
        description="How many people the plan is for, e.g. 13000. Shows the engagement funnel.")
    monthly_cost = StringField(
        "Cost to coordinate per month (dollars)", validators=[Length(max=30)],
        render_kw={"inputmode": "numeric"},
        description="Whole dollars, e.g. 25000. Shows the cost per person engaged and housed.")


class MeasureForm(FlaskForm):
    name = StringField("Name", validators=[Length(max=200)])
    definition = TextAreaField("Definition", validators=[Length(max=2000)],
                               description="How it is counted, and from which data.")
    unit = StringField("Unit", validators=[Length(max=60)],
                       description="For example: people, days, placements per month.")
    direction = QuickSelectField("Direction", choices=choices(DIRECTIONS.items()))
    baseline_value = _number("Baseline value")
    baseline_on = _date("Baseline date")
    target_value = _number("Target value")
    target_on = _date("Target date")
    north_star = BooleanField("Community-wide north-star measure (shown on the home page)")
    feed = QuickSelectField("Fed automatically from", validate_choice=False,
                            description="Monthly values written for you from referral outcomes; "
                            "leave on “entered by hand” to record values yourself.")


class DataPointForm(FlaskForm):
    observed_on = _date("Date", description="The period the value is for, e.g. the 1st of the month.")
    value = _number("Value")
    note = StringField("Note", validators=[Length(max=500)])


class ItemForm(FlaskForm):
    description = TextAreaField("What needs doing", validators=[Length(max=1000)])
    owner_id = QuickSelectField("Owner (person)", coerce=optional_int, validate_choice=False)
    organization_id = ChoiceOrNameField("Owner (organization)", coerce=optional_int,
                                        validate_choice=False)
    due_on = _date("Due date")
    status = QuickSelectField("Status", choices=choices(ITEM_STATUSES.items()), id="item_status")
    blocked_reason = StringField("Why blocked", validators=[Length(max=500)],
                                 description="Needed when the status is Blocked.")
    need_id = QuickSelectField("Unmet need it addresses", coerce=optional_int,
                               validate_choice=False)


class StatusForm(FlaskForm):
    """An item's quick status change. Always built with the item's prefix (`status_form()` in
    status_rows.py): its fields are `i<id>-status` and `i<id>-blocked_reason`, so every row of a
    table has its own, and none is id="status" (the page's live region for status messages)."""

    # InputRequired: a post without the field (built on the item) would keep its status.
    status = QuickSelectField("Status", choices=choices(ITEM_STATUSES.items()),
                              validate_choice=False,
                              validators=[InputRequired("Choose a status from the list."),
                                     AnyOf(list(ITEM_STATUSES),
                                           message="Choose a status from the list.")])
    blocked_reason = StringField("Why blocked", validators=[
        Length(max=500, message="Keep the reason under 500 characters.")])


class UpdateForm(FlaskForm):
    body = TextAreaField("Your update", validators=[Length(max=4000)])


class ReviewForm(FlaskForm):
    reviewed_on = _date("Review date")
    progress = TextAreaField("Progress summary", validators=[Length(max=5000)])
    changes = TextAreaField("What changed or pivoted", validators=[Length(max=5000)])
    next_steps = TextAreaField("Next steps", validators=[Length(max=5000)])
    next_review_on = _date("Next review", description="Left empty: one review period after this review.")


class PdsaForm(FlaskForm):
    title = StringField("Test of change", validators=[Length(max=200)])
    owner_id = QuickSelectField("Owner", coerce=optional_int, validate_choice=False)
    started_on = _date("Start date")
    ended_on = _date("End date")
    plan_text = TextAreaField("Plan: what we will try", validators=[Length(max=4000)])
    prediction = TextAreaField("Prediction: what we expect", validators=[Length(max=4000)])
    do_text = TextAreaField("Do: what happened", validators=[Length(max=4000)])
    study_text = TextAreaField("Study: the result against the prediction",
                               validators=[Length(max=4000)])
    act = QuickSelectField("Act", choices=choices(PDSA_ACTS.items()))


DUE_WINDOWS = {
    "": "any time",
    "overdue": "overdue",
    "7": "due in the next 7 days",
    "30": "due in the next 30 days",
    "none": "no due date",
}


class ItemFilterForm(FlaskForm):
    class Meta:
        csrf = False

    owner = QuickSelectField("Owner", validate_choice=False)
    organization = QuickSelectField("Organization", validate_choice=False)
    plan = QuickSelectField("Plan", validate_choice=False)
    status = QuickSelectField("Status", validate_choice=False, id="status_filter",
                              choices=choices([("", "any open status"), ("all", "any status")]
                                         + list(ITEM_STATUSES.items())))
    due = QuickSelectField("Due", validate_choice=False, choices=choices(DUE_WINDOWS.items()))
    per_page = page_size_field()
