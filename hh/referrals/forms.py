from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional

from hh.forms import ChoiceOrNameField, QuickSelect, QuickSelectField, choices
from hh.referrals.models import (
    CHECKLIST,
    DECLINE_REASONS,
    KINDS,
    RECEIVING_PROGRAMS,
    URGENCIES,
)
from hh.referrals.outcomes import GROUPINGS


def _date(label: str, description: str = "") -> DateField:
    return DateField(label, validators=[Optional()], description=description)


class ReferralForm(FlaskForm):
    kind = QuickSelectField("Kind", choices=choices(KINDS.items()), validate_choice=False,
                            description="A hand-off also needs the hospital-discharge hand-off "
                                   "details further down.")
    service_id = QuickSelectField("Service you refer to", validate_choice=False,
                                  description="Only services that take referrals are listed.")
    sender_organization_id = ChoiceOrNameField("Sent on behalf of", validate_choice=False)
    household_id = StringField(
        "Household number on the By-Name List",
        description="The number shown on the household's page (for example 42). Leave empty "
        "for a person who is not on the list.")
    person_initials = StringField(
        "Initials (person not on the list)",
        description="Initials only: no names or other identifying details.")
    contact_route = StringField(
        "How to reach them",
        description="For example: through me at the day center, Tuesdays.")
    category_id = QuickSelectField("Reason (need category)", validate_choice=False,
                                   description="Defaults to the service's category.")
    urgency = QuickSelectField("Urgency", choices=choices(URGENCIES.items()), validate_choice=False)
    notes = TextAreaField("Notes for the receiving program",
                          description="What they need to know to act. No diagnosis or details "
                          "the person has not agreed to share.")
    follow_up_on = _date("Follow up by", "Empty: set from the urgency (1, 3 or 7 days).")
    consent = BooleanField("The person agreed to this referral and to sharing what it needs")
    # Hospital-discharge hand-off.
    discharging_facility = StringField("Discharging hospital or facility")
    expected_discharge_on = _date("Expected discharge date")
    receiving_program = QuickSelectField(
        "Receiving program", validate_choice=False,
        choices=choices([("", "choose…")] + list(RECEIVING_PROGRAMS.items())))
    confirmed = HiddenField()


# The checklist fields, added to the form class so WTForms binds them.
for _name, _label in CHECKLIST:
    setattr(ReferralForm, _name, BooleanField(_label))


WARM_HANDOFF_CHOICES = choices([("", "not recorded"),
                                ("yes", "Yes: the two staff spoke and the person was met"),
                                ("no", "No")])


class FixedChoicesSelect(QuickSelect):
    """QuickSelect for choices that never change (the reasons for declining, on every row of a
    queue): each option is drawn once, chosen or not, and its markup kept (about half of the
    list's drawing time, 15 times a page)."""

    def __init__(self):
        super().__init__()
        self._drawn: dict[tuple, Markup] = {}  # (value, label, chosen) → the option's markup

    def render_option(self, choice, **kwargs):
        if kwargs or choice.render_kw:
            return super().render_option(choice, **kwargs)
        key = (choice.value, choice.label, choice.selected)
        if key not in self._drawn:
            self._drawn[key] = super().render_option(choice)
        return self._drawn[key]


# A step's fields, as a queue's row and the referral's page show them (one definition each).
_TO = HiddenField(validators=[InputRequired("Choose the next step.")])
_REASON = QuickSelectField("Reason for declining", validate_choice=False,
                           choices=choices([("", "choose…")] + list(DECLINE_REASONS.items())),
                           widget=FixedChoicesSelect())
_NOTE = TextAreaField("Note", validators=[Length(max=1000)])
_SCHEDULED_ON = _date("Appointment or intake date")


class RowStepForm(FlaskForm):
    """The fields a queue's row shows for its steps (a reason for declining, a date): shown as
    typed or empty, then taken as a StatusForm."""

    to = _TO
    reason = _REASON
    note = _NOTE
    scheduled_on = _SCHEDULED_ON


# An empty row builds only the field of the step it unfolds that WTForms draws (the reason for
# declining, or the date): a form costs about 10 µs a field, and a queue shows 15 rows.
class DeclineFields(FlaskForm):
    reason = _REASON


class ScheduleFields(FlaskForm):
    scheduled_on = _SCHEDULED_ON


class StatusForm(RowStepForm):
    """A step as taken (on the referral's page, or from a queue's row)."""

    follow_up_on = _date("Next follow-up")
    warm_handoff = QuickSelectField("Was the hand-off warm?", validate_choice=False,
                                    choices=WARM_HANDOFF_CHOICES)


class NoteForm(FlaskForm):
    note = TextAreaField("Note", validators=[Length(max=1000)])
    follow_up_on = _date("New follow-up date")


class ChecklistForm(FlaskForm):
    warm_handoff = QuickSelectField("Was the hand-off warm?", validate_choice=False,
                                    choices=WARM_HANDOFF_CHOICES)


for _name, _label in CHECKLIST:
    setattr(ChecklistForm, _name, BooleanField(_label))


class OutcomeFilterForm(FlaskForm):
    class Meta:
        csrf = False

    by = QuickSelectField("Group by", choices=choices(GROUPINGS.items()), validate_choice=False)
    start = _date("Sent from")
    end = _date("Sent until")


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    organization = QuickSelectField("Receiving organization", validate_choice=False,
                                    description="Part of its name is enough.")
