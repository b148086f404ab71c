"""Role guide forms: admin edits, the self-assessment, sharing, the hand-over."""
from datetime import date

from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, ValidationError

from hh.forms import QuickSelectField, choices, optional_int
from hh.roleguide.models import LEVELS
from hh.timeutil import local_today


class ResponsibilityForm(FlaskForm):
    title = StringField("Short name", validators=[
        DataRequired("Give the responsibility a short name."), Length(max=200)])
    description = TextAreaField("What it means here", validators=[
        DataRequired("Say what the responsibility means here."), Length(max=4000)])
    stage_id = QuickSelectField("Stage of the theory of execution", coerce=optional_int,
                                validate_choice=False)
    work_link = QuickSelectField("Where in Crosswalk the work is done", validate_choice=False)


class CompetencyForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Give the competency a name."),
                                           Length(max=200)])
    description = TextAreaField("What it is", validators=[Length(max=4000)])
    practical = TextAreaField("Practical application (inside one's own organization)",
                              validators=[Length(max=4000)])
    strategic = TextAreaField("Strategic application (across stakeholder groups)",
                              validators=[Length(max=4000)])


class AssessmentForm(FlaskForm):
    """The date; `assessment_form` adds a level and a note for each competency."""

    assessed_on = DateField("Date of this assessment", validators=[Optional()],
                            description="Leave empty for today.")

    def validate_assessed_on(self, field) -> None:
        if field.data and field.data > local_today():
            raise ValidationError("The date cannot be in the future.")
        if field.data and field.data < date(2000, 1, 1):
            raise ValidationError("Enter a date from 2000 on.")

    @property
    def rating_errors(self) -> bool:
        """Whether any competency's level or note needs fixing."""
        return any(f.errors for f in self if f.name.startswith(("level_", "note_")))

    def ratings(self, competencies) -> dict[int, tuple[str, str]]:
        """competency id → (level, note), as the service takes them."""
        return {c.id: (self[f"level_{c.id}"].data, self[f"note_{c.id}"].data or "")
                for c in competencies}


def assessment_form(competencies, **kwargs) -> AssessmentForm:
    """The self-assessment form for the guide's competencies (they are data, so the fields are
    added here): `level_<id>` must be one of the levels, `note_<id>` is optional."""

    class Form(AssessmentForm):
        pass

    for c in competencies:
        setattr(Form, f"level_{c.id}", RadioField(
            c.name, choices=choices(LEVELS.items()), validate_choice=False,
            validators=[AnyOf(list(LEVELS), message=f"Choose a level for {c.name}.")]))
        setattr(Form, f"note_{c.id}", TextAreaField(
            f"Note on {c.name} (optional)", render_kw={"rows": 2, "maxlength": 1000},
            validators=[Length(max=1000, message="Keep the note under 1,000 characters.")]))
    return Form(**kwargs)


class ShareForm(FlaskForm):
    reader_id = QuickSelectField("Share with", coerce=optional_int, validate_choice=False,
                                 description="A coordinator or admin who can then read your "
                                        "self-assessments, without changing them.")


class HandoverForm(FlaskForm):
    successor_id = QuickSelectField("Hand over to", coerce=optional_int, validate_choice=False)


class PersonForm(FlaskForm):
    class Meta:
        csrf = False

    person = QuickSelectField("Whose hand-over pack", coerce=optional_int, validate_choice=False)
