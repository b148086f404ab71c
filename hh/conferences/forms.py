"""The feature's forms: they check shape (lengths, types, choices); the domain rules are in
households.py and meetings.py."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, FieldList, IntegerField, TimeField
from wtforms.validators import Length, NumberRange, Optional

from hh.conferences.flow import SUBPOPULATIONS
from hh.conferences.models import (
    ATTENDEE_ROLES,
    BARRIER_CATEGORIES,
    CONFERENCE_FOCUSES,
    CONFERENCE_FORMATS,
    HOUSING_STATUSES,
    LIST_STATUSES,
    NEED_LEVELS,
    RACE_ETHNICITY,
)
from hh.forms import (
    CheckboxList,
    ChoiceOrNameField,
    PagePartForm,
    QuickDateField,
    QuickSelectField,
    QuickStringField,
    QuickTextAreaField,
    choices,
    optional_int,
    page_size_field,
)


class ListFilterForm(FlaskForm):
    class Meta:
        csrf = False

    region = QuickSelectField("Region", validate_choice=False)
    status = QuickSelectField("List status", validate_choice=False,
                              choices=choices(list(LIST_STATUSES.items())
                                              + [("any", "any status")]))
    veteran = BooleanField("Veterans only")
    chronic = BooleanField("Chronic homelessness only")
    navigator = QuickStringField("Navigator", validators=[Optional(), Length(max=200)])
    no_contact_days = IntegerField("No contact in (days)", validators=[Optional(), NumberRange(0, 3650)],
                                   description="Households not contacted within this many days.")
    per_page = page_size_field()


class HousedForm(FlaskForm):
    move_in_on = QuickDateField("Move-in date", validators=[Optional()])


class PauseForm(FlaskForm):
    pause_reason = QuickStringField("Why the group sets the household aside",
                                    validators=[Length(max=300)],
                                    description="For example: in a treatment program until March.")
    revisit_on = QuickDateField("Look at the household again on", validators=[Optional()])


class InactiveForm(FlaskForm):
    reason = QuickStringField("Reason", validators=[Length(max=300)],
                         description="For example: moved out of the CoC, no contact for 90 days.")


class ContactForm(FlaskForm):
    """What a provider of the region keeps current: the last contact and the navigator."""

    last_contact_on = QuickDateField("Date of last contact", validators=[Optional()])
    navigator_name = QuickStringField("Navigator", validators=[Length(max=200)],
                                 description="The one staff person assigned to the household.")
    navigator_organization_id = ChoiceOrNameField("Navigator's organization", coerce=optional_int,
                                                  validate_choice=False)


class HouseholdForm(ContactForm):
    """A household's CoC-side fields (HMIS owns names, ids and the score: they change by import)."""

    housing_status = QuickSelectField(
        "Housing status", validate_choice=False,
        choices=choices((k, v) for k, v in HOUSING_STATUSES.items() if k not in ("housed", "inactive")))
    housing_need = QuickSelectField("Housing need", choices=choices(NEED_LEVELS.items()),
                                    validate_choice=False)
    service_need = QuickSelectField("Service need", choices=choices(NEED_LEVELS.items()),
                                    validate_choice=False)
    consent = BooleanField("Release of information on file",
                           description="The household agreed to be discussed at case conferences.")
    consent_on = QuickDateField("Release signed on", validators=[Optional()])
    consent_expires_on = QuickDateField("Release expires on", validators=[Optional()])
    safety_flag = BooleanField(
        "Safety flag (survivor)",
        description="Name, HMIS ID and SSN digits are then shown only to the entering agency and "
                    "administrators. Only they can lift the flag.")
    race_ethnicity = CheckboxList("Race and ethnicity (optional; as the person describes themselves)",
                                  choices=choices(RACE_ETHNICITY.items()))

    def process(self, formdata=None, obj=None, data=None, **kwargs):
        super().process(formdata, obj, data, **kwargs)
        if formdata is None and obj is not None:  # stored as comma-separated keys
            self.race_ethnicity.data = [k for k in (obj.race_ethnicity or "").split(",") if k]


class ConferenceForm(FlaskForm):
    region_id = QuickSelectField("Region", coerce=optional_int, validate_choice=False)
    held_on = QuickDateField("Date", validators=[Optional()])
    held_time = TimeField("Start time", validators=[Optional()])
    format = QuickSelectField("Format", choices=choices(CONFERENCE_FORMATS.items()),
                              validate_choice=False)
    focus = QuickSelectField("Focus", choices=choices(CONFERENCE_FOCUSES.items()),
                             validate_choice=False)
    facilitator_id = QuickSelectField("Facilitator", coerce=optional_int, validate_choice=False)
    scribe_id = QuickSelectField("Scribe", coerce=optional_int, validate_choice=False)
    group_agreements = QuickTextAreaField("Group agreements", validators=[Length(max=5000)],
                                     description="Read out at the start of every meeting.")
    new_vacancies = IntegerField("New vacancies we have access to", validators=[Optional()])
    forecast_vacancies = IntegerField("Vacancies expected soon (forecast)", validators=[Optional()])
    resources_note = QuickTextAreaField("Other resources and unmet need",
                                        validators=[Length(max=5000)])
    agenda_size = IntegerField("Households to propose for the agenda", default=10,
                               validators=[Optional()],
                               description="The most critical active households of the region "
                                           "with a release of information on file.")


class AttendeeForm(PagePartForm):
    name = QuickStringField("Name", validators=[Length(max=200)])
    pronouns = QuickStringField("Pronouns (optional)", validators=[Length(max=40)],
                           description="For example: she/her, he/him, they/them.")
    organization = QuickStringField("Agency", validators=[Length(max=200)],
                               description="As the directory names it, so the table check finds its sector.")
    # The default is the option a browser shows selected: a role left alone is not typed in.
    role = QuickSelectField("Role at the conference", choices=choices(ATTENDEE_ROLES.items()),
                            default=next(iter(ATTENDEE_ROLES)), validate_choice=False)


class PriorityForm(FlaskForm):
    """The group's own priority for a household, with the reason (expert knowledge)."""

    priority_override = IntegerField("Priority set by the group (0 to 1000; empty: use the score)",
                                     validators=[Optional(), NumberRange(0, 1000)])
    priority_reason = QuickStringField("Why", validators=[Length(max=300)],
                                  description="For example: medically fragile after discharge.")


class AgendaAddForm(FlaskForm):
    """The add page's form: each household's Add button sends its id."""

    household_id = QuickSelectField("Household", coerce=optional_int, validate_choice=False,
                                    choices=[])


class EntryForm(PagePartForm):
    """One household on "work the list", inside the page's one form."""

    follow_up = QuickTextAreaField("Follow-up since last time", validators=[Length(max=2000)])
    barrier_category = QuickSelectField(
        "System barrier this week", validate_choice=False,
        choices=choices([("", "— choose —")] + list(BARRIER_CATEGORIES.items())),
        description="The obstacle in our housing process, not a flaw of the client.")
    barrier_note = QuickStringField("Barrier details", validators=[Length(max=500)])
    action_step = QuickTextAreaField(
        "This week's action step", validators=[Length(max=1000)],
        description="The person responsible gets an action item that points here (the step "
                    "itself stays with the conference). Still: no names or other identifying "
                    "details.")
    responsible_id = QuickSelectField("Staff responsible", coerce=optional_int, validate_choice=False)
    target_on = QuickDateField("Target move-in or milestone date", validators=[Optional()])


class SummaryForm(FlaskForm):
    summary = QuickTextAreaField("Meeting summary", validators=[Length(max=5000)],
                            description="Bright spots, movement on the list, resources shared. "
                                        "No client names.")


ENCODING_CHOICES = choices([("", "Find out from the file"), ("utf-8", "UTF-8"), ("utf-16", "UTF-16"),
                            ("cp1252", "Windows-1252 (Excel on Windows)"),
                            ("latin-1", "Latin-1 (ISO-8859-1)")])


class UploadForm(FlaskForm):
    file = FileField("By-Name List (CSV), or the HUD HMIS CSV export (zip)")
    encoding = QuickSelectField("Character encoding", choices=ENCODING_CHOICES, default="",
                                description="Leave it to the file unless names come out with wrong "
                                       "letters (for example Ã© instead of é).")


class ReadOptionsForm(FlaskForm):
    """The preview's choices: where rows without a county belong, and what each heading means."""

    region_id = QuickSelectField("Region for rows without a county", coerce=optional_int,
                                 validate_choice=False)
    county_id = QuickSelectField("County for rows without one (optional)", coerce=optional_int,
                                 validate_choice=False)
    columns = FieldList(QuickSelectField(validate_choice=True))


class FlowFilterForm(FlaskForm):
    """The list flow dashboard's filters (a GET form: works as plain links)."""

    class Meta:
        csrf = False

    region = QuickSelectField("Region", validate_choice=False)
    subpopulation = QuickSelectField("Who", choices=choices(SUBPOPULATIONS.items()), default="")
    months = QuickSelectField("Months", choices=choices([("12", "12 months"), ("24", "24 months"),
                                                    ("36", "36 months")]), default="12")
