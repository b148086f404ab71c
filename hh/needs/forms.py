from flask_wtf import FlaskForm
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from hh.forms import QuickSelectField, choices, optional_int
from hh.needs.models import NEED_SOURCES, NEED_STATUSES


class NeedForm(FlaskForm):
    title = StringField("Title", validators=[Length(max=200)],
                        description="A short line, e.g. \u201cNo detox beds in Elk County\u201d.")
    description = TextAreaField("What is needed, and what gets in the way",
                                validators=[Length(max=5000)],
                                description="No names or details of households.")
    place = QuickSelectField("Where", validate_choice=False,
                             description="A county, or a whole region when the need is "
                                         "region-wide.")
    category_id = QuickSelectField("Kind of service needed", coerce=optional_int,
                                   validate_choice=False)
    households_affected = StringField("Households affected", validators=[Length(max=7)],
                                      description="An estimate is fine; leave empty if unknown.",
                                      render_kw={"inputmode": "numeric"})
    source = QuickSelectField("Reported through", validate_choice=False,
                              choices=choices(NEED_SOURCES.items()))
    # Not id="status": that is the page's status-message region.
    status = QuickSelectField("Status", validate_choice=False,
                              choices=choices(NEED_STATUSES.items()),
                              id="need_status")
    noted_on = DateField("Date noted", validators=[Optional()])


class NeedFilterForm(FlaskForm):
    class Meta:
        csrf = False

    place = QuickSelectField("Where", validate_choice=False)
    category = QuickSelectField("Category", validate_choice=False)
    status = QuickSelectField("Status", validate_choice=False, id="need_status",
                              choices=choices([("", "any status")] + list(NEED_STATUSES.items())))
    source = QuickSelectField("Reported through", validate_choice=False,
                              choices=choices([("", "any source")] + list(NEED_SOURCES.items())))


class GapFilterForm(FlaskForm):
    class Meta:
        csrf = False

    region = QuickSelectField("Region", validate_choice=False)
    category = QuickSelectField("Categories", validate_choice=False)
