import re

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional, StopValidation, ValidationError

from hh.forms import CheckboxList, QuickSelectField, choices
from hh.glossary.models import GLOSSARY_SECTORS

_WEB_ADDRESS = re.compile(r"^https?://[^\s/$.?#].[^\s]*$", re.IGNORECASE)
LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + ["#"]


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField("Search the glossary", validators=[Optional(), Length(max=100)],
                    description="An acronym, a term or words from its meaning; spelling need not "
                                "be exact.",
                    render_kw={"type": "search", "autocomplete": "off", "spellcheck": "false"})
    sector = QuickSelectField("Sector", validate_choice=False,
                              choices=choices([("", "all sectors")]
                                              + list(GLOSSARY_SECTORS.items())))


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _filled(message: str):
    """Required, said in our words, without the browser's own required check (the server's
    message is shown next to the field instead)."""
    def check(form, field):
        if not field.data:
            raise StopValidation(message)
    return check


def _text(label: str, name: str, limit: int, *checks, kind=StringField, **options):
    """A stripped text field; too long is refused as "Keep the <name> under <limit> characters."."""
    return kind(label, validators=[*checks, Length(max=limit, message=f"Keep the {name} under "
                                                                    f"{limit} characters.")],
                filters=[_strip], **options)


def _known_sectors(form, field):
    if not field.data:
        raise StopValidation("Choose at least one sector.")
    for value in field.data:
        if value not in GLOSSARY_SECTORS:
            raise StopValidation(f"Unknown sector {str(value)[:40]!r}: choose from the list.")


def _web_address(form, field):
    if field.data and not _WEB_ADDRESS.match(field.data):
        raise ValidationError("Enter a web address starting with https://, or leave it empty.")


class TermForm(FlaskForm):
    """A term's fields: coordinators edit with it, everyone else suggests with it. Every check
    of a term's shape is here; CSV rows and the starter set are checked with it too."""

    term = _text("Term", "term", 200, _filled("Enter the term, written out in full."),
                 description="Written out in full, e.g. Permanent supportive housing.")
    acronym = _text("Acronym", "acronym", 40,
                    description="If people shorten it, e.g. PSH. Leave empty if not.")
    definition = _text("Plain-language meaning", "plain-language meaning", 5000,
                       _filled("Enter what the term means, in plain words."), kind=TextAreaField,
                       description="Short, in everyday words, as you would explain it to a new "
                                   "partner from the other sector.")
    sectors = CheckboxList("Sectors", validators=[_known_sectors], validate_choice=False,
                           choices=choices(GLOSSARY_SECTORS.items()))
    example = _text("Example sentence", "example", 2000, kind=TextAreaField)
    aliases = _text("Other spellings", "other spellings", 2000,
                    description="Separate with semicolons, e.g. VISPDAT; vi spdat.")
    related = _text("Related terms", "related terms", 2000,
                    description="Acronyms or terms already in the glossary, separated by "
                                "semicolons.")
    source_note = _text("Source", "source", 2000, kind=TextAreaField,
                        description="The public document the facts come from.")
    source_url = _text("Source web address", "source web address", 500, _web_address)


for _code, _label in GLOSSARY_SECTORS.items():
    setattr(TermForm, f"meaning_{_code}", TextAreaField(
        f"In {_label.lower()}", filters=[_strip], validators=[Length(
            max=2000, message="Keep each sector's meaning under 2000 characters.")]))

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
