"""Fields draw the same HTML with the app's attribute writer as with WTForms' own."""
import pytest
import wtforms.widgets.core
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FileField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length

from hh.forms import WTFORMS_HTML_PARAMS, CheckboxList, QuickSelectField, choices, html_params

ATTRIBUTES = [
    {},
    {"name": "q", "id": "q", "value": 'a "quoted" <b>&amp; \'x\''},
    {"class_": "wide", "for_": "x", "data_hx_target": "#a", "aria_describedby": "q-hint"},
    {"checked": True, "disabled": False, "required": True, "value": None},
    {"value": Markup("<em>safe</em>"), "maxlength": 100, "size": 0},
    {"title": "Café — naïve ☕", "placeholder": ""},
]


@pytest.mark.parametrize("attributes", ATTRIBUTES)
def test_the_attributes_text_is_wtforms_own(attributes):
    ours, theirs = html_params(**attributes), WTFORMS_HTML_PARAMS(**attributes)
    assert str(ours) == str(theirs) and isinstance(ours, Markup)


class EveryKind(FlaskForm):
    class Meta:
        csrf = False

    text = StringField("Name <b>", validators=[DataRequired(), Length(max=20)],
                       description="A hint")
    notes = TextAreaField("Notes", render_kw={"rows": 3})
    when = DateField("When")
    at = TimeField("At")
    count = IntegerField("Count")
    email = EmailField("Email")
    secret = PasswordField("Password")
    upload = FileField("File")
    hidden = HiddenField(default='x"y')
    ticked = BooleanField("Ticked", default=True)
    kind = RadioField("Kind", choices=choices([("a", "A & B"), ("b", "B")]), default="a")
    pick = QuickSelectField("Pick", choices=choices([("1", "One"), ("2", "<Two>")]), default="2")
    several = CheckboxList("Several", choices=choices([("x", "X"), ("y", "Y")]), default=["y"])


def test_every_kind_of_field_draws_the_same_html(app, monkeypatch):
    with app.test_request_context("/"):
        form = EveryKind()
        ours = [(str(f.label), str(f(class_="wide", data_x="1"))) for f in form]
        monkeypatch.setattr(wtforms.widgets.core, "html_params", WTFORMS_HTML_PARAMS)
        monkeypatch.setattr(wtforms.widgets, "html_params", WTFORMS_HTML_PARAMS)
        for widget in vars(wtforms.widgets.core).values():
            if isinstance(widget, type) and "html_params" in vars(widget):
                monkeypatch.setattr(widget, "html_params", staticmethod(WTFORMS_HTML_PARAMS))
        theirs = [(str(f.label), str(f(class_="wide", data_x="1"))) for f in form]
    assert ours == theirs
    assert 'maxlength="20"' in ours[0][1] and "required" in ours[0][1]  # the flags are written
    assert wtforms.widgets.core.html_params is WTFORMS_HTML_PARAMS  # the test did swap it


def test_a_quick_select_draws_what_wtforms_select_draws(app):
    from wtforms.validators import InputRequired
    from wtforms.widgets import Select

    class Picks(FlaskForm):
        class Meta:
            csrf = False

        one = QuickSelectField("One", choices=choices([("", "any"), ("1", "A & B"), ("2", "<C>")]),
                               default="1", validators=[InputRequired()])
        many = QuickSelectField("Many", choices=choices([(1, "x"), (2, "y")]), coerce=int,
                                default=2, render_kw={"disabled": True})

    with app.test_request_context("/"):
        for field in Picks():
            assert str(field.widget(field, class_="wide")) == str(Select()(field, class_="wide"))
        assert "required" in str(Picks().one())


def test_the_app_draws_with_its_own_writer(app):
    assert wtforms.widgets.core.html_params is html_params
    assert wtforms.widgets.core.TextInput.html_params is html_params
