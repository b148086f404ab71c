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

from hh.forms import (
    WTFORMS_HTML_PARAMS,
    CheckboxList,
    QuickDateField,
    QuickSelectField,
    QuickStringField,
    QuickTextAreaField,
    choices,
    html_params,
)

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
    quick_text = QuickStringField("Quick <i>", validators=[DataRequired(), Length(max=20)],
                                  default='a "b" <c>')
    quick_notes = QuickTextAreaField("Quick notes", validators=[Length(min=0, max=9)],
                                     default="<p>\n&")
    quick_when = QuickDateField("Quick when", render_kw={"readonly": True})


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


def test_the_quick_widgets_draw_what_wtforms_own_draw(app):
    """Text, notes and dates drawn by hh/forms.py's widgets, as WTForms' draw them: flags (even
    a falsy one such as minlength=0), posted values, attributes, date limits."""
    import datetime

    from werkzeug.datastructures import MultiDict
    from wtforms.widgets import DateInput, TextArea, TextInput

    class Quick(FlaskForm):
        class Meta:
            csrf = False

        text = QuickStringField("Text", validators=[DataRequired(), Length(min=0, max=20)])
        notes = QuickTextAreaField("Notes", validators=[Length(max=9)], render_kw={"rows": 3})
        when = QuickDateField("When", validators=[DataRequired()])

    theirs = {"text": TextInput(), "notes": TextArea(), "when": DateInput()}
    posted = MultiDict({"text": 'x "y" <z> &amp;', "notes": "a\r\n<b>", "when": "not a date"})
    drawn = [{}, {"class_": "wide", "data_x": "1", "aria_describedby": "h", "required": False},
             {"value": "given", "min": datetime.date(2026, 1, 2), "max": "2027-01-01"}]
    with app.test_request_context("/"):
        for form in (Quick(), Quick(formdata=posted),
                     Quick(data={"text": "t", "notes": "n", "when": datetime.date(2026, 5, 4)})):
            for field in form:
                for attributes in drawn:
                    ours = field.widget(field, **attributes)
                    assert isinstance(ours, Markup)
                    assert str(ours) == str(theirs[field.name](field, **attributes))
        assert 'minlength="0"' in str(Quick().text())


def test_options_keep_their_html_and_are_selected_as_wtforms_selects(app):
    """choices() options keep their HTML (hh.forms.Option); each select still marks its own
    value, coerced as the field coerces; other choices (WTForms' own, attributes) are drawn as
    WTForms draws them."""
    from wtforms import SelectChoice
    from wtforms.widgets import Select

    from hh.forms import optional_int

    shared = choices([(None, "— none —"), (1, "A & B"), (2, "<C>"), (True, "yes"), ("x", None)])

    class Rows(FlaskForm):
        class Meta:
            csrf = False

        person = QuickSelectField("Who", coerce=optional_int, validate_choice=False)
        kind = QuickSelectField("Kind", choices=[SelectChoice("a", "A"), SelectChoice("b", "<B>")],
                                default="b")
        marked = QuickSelectField("Marked", default="m", choices=[
            SelectChoice("m", "M", render_kw={"data_x": "1"}), SelectChoice("n", "N")])

    with app.test_request_context("/"):
        drawn = set()
        for data in (None, 1, 2):
            form = Rows(data={"person": data})
            form.person.choices = shared
            for field in form:
                ours = str(field.widget(field, class_="wide"))
                assert ours == str(Select()(field, class_="wide"))
                drawn.add(ours)
        assert len(drawn) == 5  # each person's select marks its own choice
        assert all("html" in vars(option) for option in shared)  # drawn from their kept HTML
