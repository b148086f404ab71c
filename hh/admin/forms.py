from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, StringField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from hh.auth.models import ROLES
from hh.directory.models import Organization, Region
from hh.extensions import db
from hh.forms import ChoiceOrNameField, QuickSelectField, choices, optional_int

NAME_MAX = 100  # the length of county.name and region.name


def tidy(text: str | None) -> str | None:
    """Runs of spaces become one, none at the ends (names are compared as people read them)."""
    return " ".join(text.split()) if isinstance(text, str) else text


def upper(text: str | None) -> str | None:
    return text.upper() if isinstance(text, str) else text


class Listed:
    """The chosen id is a row of `model` (or nothing was chosen): the select's own choices,
    checked against the table so the command line gets the same message."""

    def __init__(self, model, message: str):
        self.model, self.message = model, message

    def __call__(self, form, field) -> None:
        if field.data is not None and db.session.get(self.model, field.data) is None:
            raise ValidationError(self.message)


def place_name(what: str, description: str) -> StringField:
    return StringField(f"{what.capitalize()} name", filters=[tidy], description=description,
                       validators=[DataRequired(f"Enter the {what}'s name."),
                                   Length(max=NAME_MAX, message=f"Use at most {NAME_MAX} characters.")],
                       render_kw={"required": True, "maxlength": NAME_MAX})


class UserForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired("Enter an email address."),
                                            Length(max=254)],
                       render_kw={"autocomplete": "off"})
    name = StringField("Full name", validators=[Length(max=200)])
    role = QuickSelectField("Role", choices=choices(ROLES.items()), default="viewer",
                            description="What they may see and change; see the roles table below.")
    organization_id = ChoiceOrNameField("Organization", coerce=optional_int, validate_choice=False)
    region_id = QuickSelectField("Region", coerce=optional_int, validate_choice=False,
                                 description="Providers see the By-Name List of their region only.")


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form

    action = QuickSelectField("Action", validate_choice=False)
    actor = StringField("Who (email contains)", validators=[Optional(), Length(max=254)])
    since = DateField("From", validators=[Optional()])
    until = DateField("To", validators=[Optional()])


class RegionForm(FlaskForm):
    """A region: a named group of counties that meets together (unique names: admin.services)."""

    name = place_name("region", "For example “Upper Valley”.")
    anchor_organization_id = ChoiceOrNameField(
        "Anchor agency", coerce=optional_int, validate_choice=False,
        validators=[Listed(Organization, "Choose an organization from the list.")],
        description="The organization that convenes the region (optional).")


class CountyForm(FlaskForm):
    """A county, its state and the region it belongs to (unique names: admin.services)."""

    name = place_name("county", "As people say it, for example “Alder County”.")
    state = StringField("State", filters=[tidy, upper],
                        validators=[DataRequired("Enter the state's two-letter code, like NE."),
                                    Regexp(r"^[A-Z]{2}$", message="Enter the state as two letters, like NE.")],
                        render_kw={"required": True, "maxlength": 2, "size": 3,
                                   "autocapitalize": "characters"},
                        description="Two-letter code, for example NE.")
    region_id = QuickSelectField("Region", coerce=optional_int, validate_choice=False,
                                 validators=[Listed(Region, "Choose a region from the list.")],
                                 description="Service areas, the gap map and the By-Name List "
                                             "group counties by region.")
    fips = StringField("FIPS code (optional)", filters=[tidy],
                       validators=[Optional(), Regexp(r"^\d{5}$", message=(
                           "Enter the county's five-digit FIPS code, like 31055, or leave it empty."))],
                       render_kw={"maxlength": 5, "size": 6, "inputmode": "numeric"},
                       description="The U.S. Census code that puts the county on the gap map; "
                       "without it the map matches the name and state.")
