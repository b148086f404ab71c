"""Directory forms. They check the shape of what is typed (required, length, email and web
address shape, choices); the services check the rules that need the database."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp

from hh.checks import validator, web_address
from hh.directory.models import AGREEMENT_FILTERS, AGREEMENT_STATUSES, PARTNERSHIP_ROLES, SECTORS
from hh.forms import CheckboxList, QuickSelectField, choices

EMAIL = r"^[^\s@]+@[^\s@]+$"
def strip(value):
    return value.strip() if isinstance(value, str) else value


class OrganizationForm(FlaskForm):
    name = StringField("Name", filters=[strip], validators=[
        DataRequired("Enter the organization's name."), Length(max=200)])
    alternate_name = StringField("Also known as", validators=[Length(max=200)],
                                 description="Acronym or other name people use.")
    description = TextAreaField("What the organization does", validators=[Length(max=5000)])
    email = StringField("Email", filters=[strip], validators=[
        Optional(), Length(max=254),
        Regexp(EMAIL, message="Enter an email address like info@example.org.")])
    website = StringField("Website", filters=[strip],
                          validators=[Optional(), validator(web_address)])
    phone = StringField("Main phone", validators=[Optional(), Length(max=50)])
    sector = QuickSelectField("Sector", choices=choices(SECTORS.items()))
    county_ids = CheckboxList("Counties served", coerce=int, validate_choice=False)
    agreement_status = QuickSelectField(
        "Data-sharing agreement (MOU)", choices=choices(AGREEMENT_STATUSES.items()),
        description="A memorandum of understanding or data-sharing agreement with the CoC.")
    agreement_signed_on = DateField("Signed on", validators=[Optional()])
    agreement_expires_on = DateField("Expires on", validators=[Optional()])
    in_case_conferencing = BooleanField("Takes part in case conferencing")
    active = BooleanField("Active partner", default=True)


class ContactForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Enter the contact's name."),
                                           Length(max=200)])
    title = StringField("Job title", validators=[Length(max=200)])
    email = StringField("Email", filters=[strip], validators=[
        Optional(), Length(max=254),
        Regexp(EMAIL, message="Enter an email address like name@example.org.")])
    phone = StringField("Phone", validators=[Optional(), Length(max=50)])
    partnership_role = QuickSelectField("Role in the partnership",
                                        choices=choices(PARTNERSHIP_ROLES.items()))


class OrganizationFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Name or description", validators=[Optional(), Length(max=200)])
    sector = QuickSelectField("Sector", validate_choice=False,
                              choices=choices([("", "any sector")] + list(SECTORS.items())))
    county = QuickSelectField("County served", validate_choice=False)
    agreement = QuickSelectField(
        "Data-sharing agreement", validate_choice=False,
        choices=choices([("", "any agreement")] + list(AGREEMENT_FILTERS.items())))
    inactive = BooleanField("Include inactive")
