from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from hh.forms import CheckboxList, choices
from hh.glossary.models import GLOSSARY_SECTORS

LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + ["#"]


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Search the glossary", validators=[Optional(), Length(max=100)],
                    description="An acronym, a term or words from its meaning; spelling need not "
                                "be exact.",
                    render_kw={"type": "search", "autocomplete": "off", "spellcheck": "false"})
    sector = SelectField("Sector", validate_choice=False,
                         choices=choices([("", "all sectors")] + list(GLOSSARY_SECTORS.items())))


class TermForm(FlaskForm):
    """A term's fields: coordinators edit with it, everyone else suggests with it."""

    term = StringField("Term", validators=[Length(max=200)],
                       description="Written out in full, e.g. Permanent supportive housing.")
    acronym = StringField("Acronym", validators=[Length(max=40)],
                          description="If people shorten it, e.g. PSH. Leave empty if not.")
    definition = TextAreaField("Plain-language meaning", validators=[Length(max=5000)],
                               description="Short, in everyday words, as you would explain it to "
                                           "a new partner from the other sector.")
    sectors = CheckboxList("Sectors", validate_choice=False,
                           choices=choices(GLOSSARY_SECTORS.items()))
    example = TextAreaField("Example sentence", validators=[Length(max=2000)])
    aliases = StringField("Other spellings", validators=[Length(max=2000)],
                          description='Separate with semicolons, e.g. VISPDAT; vi spdat.')
    related = StringField("Related terms", validators=[Length(max=2000)],
                          description="Acronyms or terms already in the glossary, separated by "
                                      "semicolons.")
    source_note = TextAreaField("Source", validators=[Length(max=2000)],
                                description="The public document the facts come from.")
    source_url = StringField("Source web address", validators=[Length(max=500)])


for _code, _label in GLOSSARY_SECTORS.items():
    setattr(TermForm, f"meaning_{_code}", TextAreaField(
        f"In {_label.lower()}", validators=[Length(max=2000)]))

MEANING_FIELDS = [f"meaning_{code}" for code in GLOSSARY_SECTORS]


class SuggestionForm(TermForm):
    reason = TextAreaField("Why (optional)", validators=[Length(max=2000)],
                           description="What is missing or wrong, so a coordinator can check.")


class ReviewForm(TermForm):
    decision_note = TextAreaField("Note to the person who suggested it (optional)",
                                  validators=[Length(max=2000)])


class ImportForm(FlaskForm):
    file = FileField("Glossary CSV file")
    # The previewed file travels back with "Import" (no server-side storage between steps).
    content = TextAreaField("File content", validators=[Optional(), Length(max=2_000_000)])
