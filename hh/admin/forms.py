from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from hh.auth.models import ROLES
from hh.forms import choices, optional_int


class UserForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired("Enter an email address."),
                                            Length(max=254)],
                       render_kw={"autocomplete": "off"})
    name = StringField("Full name", validators=[Length(max=200)])
    role = SelectField("Role", choices=choices(ROLES.items()), default="viewer",
                       description="What they may see and change; see the roles table below.")
    organization_id = SelectField("Organization", coerce=optional_int, validate_choice=False)
    region_id = SelectField("Region", coerce=optional_int, validate_choice=False,
                            description="Providers see the By-Name List of their region only.")


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form

    action = SelectField("Action", validate_choice=False)
    actor = StringField("Who (email contains)", validators=[Optional(), Length(max=254)])
    since = DateField("From", validators=[Optional()])
    until = DateField("To", validators=[Optional()])
