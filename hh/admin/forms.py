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


class RegionForm(FlaskForm):
    """A region: a named group of counties that meets together. Checked in admin.services."""

    name = StringField("Region name", render_kw={"required": True, "maxlength": 100},
                       description="For example “Upper Valley”.")
    anchor_organization_id = SelectField(
        "Anchor agency", coerce=optional_int, validate_choice=False,
        description="The organization that convenes the region (optional).")


class CountyForm(FlaskForm):
    """A county, its state and the region it belongs to. Checked in admin.services."""

    name = StringField("County name", render_kw={"required": True, "maxlength": 100},
                       description="As people say it, for example “Alder County”.")
    state = StringField("State", render_kw={"required": True, "maxlength": 2, "size": 3,
                                            "autocapitalize": "characters"},
                        description="Two-letter code, for example NE.")
    region_id = SelectField("Region", coerce=optional_int, validate_choice=False,
                            description="Service areas, the gap map and the By-Name List group "
                            "counties by region.")
