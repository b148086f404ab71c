"""Role guide forms: admin edits, the self-assessment, sharing, the hand-over."""
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from hh.forms import optional_int


class ResponsibilityForm(FlaskForm):
    title = StringField("Short name", validators=[Length(max=200)])
    description = TextAreaField("What it means here", validators=[Length(max=4000)])
    stage_id = SelectField("Stage of the theory of execution", coerce=optional_int,
                           validate_choice=False)
    work_link = SelectField("Where in Crosswalk the work is done", validate_choice=False)


class CompetencyForm(FlaskForm):
    name = StringField("Name", validators=[Length(max=200)])
    description = TextAreaField("What it is", validators=[Length(max=4000)])
    practical = TextAreaField("Practical application (inside one's own organization)",
                              validators=[Length(max=4000)])
    strategic = TextAreaField("Strategic application (across stakeholder groups)",
                              validators=[Length(max=4000)])


class AssessmentForm(FlaskForm):
    """The date; each competency's level and note are read by name (level_<id>, note_<id>),
    since the competencies are data."""

    assessed_on = DateField("Date of this assessment", validators=[Optional()],
                            description="Leave empty for today.")


class ShareForm(FlaskForm):
    reader_id = SelectField("Share with", coerce=optional_int, validate_choice=False,
                            description="A coordinator or admin who can then read your "
                                        "self-assessments, without changing them.")


class HandoverForm(FlaskForm):
    successor_id = SelectField("Hand over to", coerce=optional_int, validate_choice=False)


class PersonForm(FlaskForm):
    class Meta:
        csrf = False

    person = SelectField("Whose hand-over pack", coerce=optional_int, validate_choice=False)

