from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from hh.directory.models import SECTORS
from hh.forms import CheckboxList, QuickSelectField, choices, optional_int
from hh.resources.models import SERVICE_STATUSES, UNIT_TYPES


class ServiceForm(FlaskForm):
    name = StringField("Service name", validators=[Length(max=200)])
    alternate_name = StringField("Also known as", validators=[Length(max=200)])
    category_id = QuickSelectField("Category", coerce=optional_int, validate_choice=False)
    description = TextAreaField("What it offers", validators=[Length(max=5000)])
    status = QuickSelectField("Status", choices=choices(SERVICE_STATUSES.items()))
    accepts_referrals = BooleanField("Accepts referrals from partners")
    eligibility_description = TextAreaField("Who is eligible", validators=[Length(max=5000)])
    application_process = TextAreaField("How to apply or refer", validators=[Length(max=5000)])
    fees_description = StringField("Fees", validators=[Length(max=500)])
    languages = StringField("Languages", validators=[Length(max=500)],
                            description="Separate with commas, e.g. English, Spanish.")
    interpretation_services = StringField("Interpretation", validators=[Length(max=500)])
    hours = TextAreaField("Opening hours", validators=[Length(max=2000)],
                          description="One line each, e.g. “Mon-Fri 9:00-17:00”, "
                                      "“Sat 10:00-14:00 walk-in only”, “Sun closed”, or a note.")
    required_documents = TextAreaField("What to bring", validators=[Length(max=5000)])
    accessibility = TextAreaField("Accessibility", validators=[Length(max=5000)])
    program = StringField("Program", validators=[Length(max=200)])
    funding = TextAreaField("Funding", validators=[Length(max=5000)])
    area_description = TextAreaField("Other areas served", validators=[Length(max=5000)],
                                     description="Towns, ZIP codes or regions that are not one "
                                                 "of the counties above.")
    minimum_age = StringField("Minimum age", validators=[Length(max=3)])
    maximum_age = StringField("Maximum age", validators=[Length(max=3)])
    url = StringField("Web page", validators=[Length(max=500)])
    email = StringField("Email", validators=[Length(max=254)])
    phone = StringField("Phone", validators=[Length(max=50)])
    county_ids = CheckboxList("Counties served", coerce=int, validate_choice=False)
    address_1 = StringField("Street address", validators=[Length(max=200)])
    city = StringField("Town or city", validators=[Length(max=100)])
    state_province = StringField("State", validators=[Length(max=100)])
    postal_code = StringField("ZIP code", validators=[Length(max=20)])
    location_county_id = QuickSelectField("County of this address", coerce=optional_int,
                                          validate_choice=False)
    total_beds = StringField("Beds", validators=[Length(max=6)])
    total_slots = StringField("Program slots", validators=[Length(max=6)])
    total_vouchers = StringField("Vouchers", validators=[Length(max=6)])
    total_appointments = StringField("Appointments (per week)", validators=[Length(max=6)])


assert all(f"total_{unit}" in ServiceForm.__dict__ for unit in UNIT_TYPES)


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Words", validators=[Optional(), Length(max=200)],
                    description="Name, description, category or organization.",
                    render_kw={"type": "search", "autocomplete": "off"})
    place = StringField("Town or county", validators=[Optional(), Length(max=100)])
    county = QuickSelectField("County", validate_choice=False)
    category = QuickSelectField("Category", validate_choice=False)
    sector = QuickSelectField("Sector", validate_choice=False,
                              choices=choices([("", "any sector")] + list(SECTORS.items())))
    available = BooleanField("Has availability now")
    referrals = BooleanField("Accepts referrals")
    open_now = BooleanField("Open now")
    inactive = BooleanField("Include inactive and defunct")

    def asked(self) -> list[str]:
        """The search in words ("shelter", Elk County, open now), for the printed page."""
        asked = [f"“{self.q.data.strip()}”"] if (self.q.data or "").strip() else []
        if (self.place.data or "").strip():
            asked.append(f"near {self.place.data.strip()}")
        for select in (self.county, self.category, self.sector):
            asked += [c.label for c in select.choices if c.value and str(c.value) == str(select.data)]
        return asked + [tick.label.text.lower() for tick in
                        (self.available, self.referrals, self.open_now, self.inactive) if tick.data]


class HsdsUploadForm(FlaskForm):
    package = FileField("HSDS package (.zip)",
                        validators=[FileRequired("Choose a .zip file to upload."),
                                    FileAllowed(["zip"], "Upload a .zip file.")],
                        description="A zip of the package's CSV files and datapackage.json, "
                                    "HSDS 3.0 or 1.1.")


class SpreadsheetUploadForm(FlaskForm):
    spreadsheet = FileField("Spreadsheet (.csv)",
                            validators=[FileRequired("Choose a .csv file to upload."),
                                        FileAllowed(["csv"], "Upload a .csv file.")],
                            description="One row per service, saved as CSV UTF-8. Start from the "
                                        "template below.")
