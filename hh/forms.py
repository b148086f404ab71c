"""Small helpers shared by the features' WTForms."""
from __future__ import annotations

from functools import cached_property, lru_cache
from typing import Callable, Iterable

import wtforms.widgets
import wtforms.widgets.core
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import (
    DateField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.widgets import (
    CheckboxInput,
    DateInput,
    ListWidget,
    Select,
    TextArea,
    TextInput,
)
from wtforms.widgets.core import clean_key


class ButtonForm(FlaskForm):
    """An empty form: a CSRF-protected button (sign out, deactivate, delete...)."""


class PagePartForm(FlaskForm):
    """One part of a page's one form (docs/ARCHITECTURE.md, "Several forms on one page"): the
    page's form carries the CSRF token, which CSRFProtect checks on every POST, so a part draws
    and signs no token of its own (each household opened on "work the list" would have one)."""

    class Meta:
        csrf = False


class CheckboxList(SelectMultipleField):
    """Several choices as checkboxes: usable on any browser, unlike a multiple select."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class Option(SelectChoice):
    """A select's option that keeps its HTML once drawn: the same options come back in every row
    of a page (a barrier, who is responsible) and, for a form's fixed choices, on every request.
    Its value and label are not changed once drawn."""

    @cached_property
    def html(self) -> tuple[str, str]:
        """Its tag as WTForms draws it: not selected, selected."""
        value = str(self.value) if isinstance(self.value, bool) else self.value
        rest = f'value="{escape(value)}">{escape(self.label or self.value)}</option>'
        return f"<option {rest}", f"<option selected {rest}"


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """(value, label) pairs as select options; None becomes the empty "no choice" value."""
    return [Option("" if value is None else value, label) for value, label in pairs]


def as_id(value) -> int | None:
    """An id from a query string or a form, or None when it is empty, not a whole number, or
    larger than any id can be (PostgreSQL's ids are 32-bit: the query would fail, not miss)."""
    try:
        number = int(str(value).strip().lstrip("#")) if value not in (None, "") else None
    except ValueError:
        return None
    return number if number is not None and -2**31 <= number < 2**31 else None


def optional_int(value):
    """Coerce a select's value to an id, or None for the empty choice."""
    if value in (None, "", "None"):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return -1  # not an id of anything: the service rejects it with a message
    # Ids are 32-bit integers in PostgreSQL: a larger number is no id either (and would fail
    # the query instead of finding nothing).
    return number if -2**31 <= number < 2**31 else -1


def _shown(value):
    """A field's value as the page shows it: trimmed text; nothing, "" and unticked alike."""
    if isinstance(value, str):
        value = value.strip()
    return None if value is None or value is False or value == "" or value == [] else value


def changed(form: FlaskForm) -> bool:
    """Does the posted form hold something other than what the page filled in? (WTForms keeps
    the page's value as `object_data` and the posted one as `data`.) The CSRF token does not
    count. Used to tell whether a section of a page was typed into but not sent."""
    return any(_shown(f.data) != _shown(f.object_data) for f in form
               if f.type not in ("CSRFTokenField", "HiddenField", "SubmitField"))


def _flagged(widget, flags: dict, kwargs: dict, call: bool = False) -> dict:
    """The attributes the field's validators flag (required, maxlength...) that the widget
    writes, added as WTForms' widgets add them, but read from the flags the validators set
    (`flags`: vars() of the field's Flags) instead of `dir()` of them, a third of a field's
    drawing time.
    `call`: a callable flag gives its value (as WTForms' inputs do, not its select or textarea)."""
    for flag in widget.validation_attrs:
        if flag in flags and flag not in kwargs:
            value = flags[flag]
            kwargs[flag] = value() if call and callable(value) else value
    return kwargs


class QuickSelect(Select):
    """WTForms' select, with options written directly instead of through html_params: the
    search forms' county and category lists made option rendering a third of the page's time.
    Every select of the app is a QuickSelectField (rows of a queue or a meeting carry several)."""

    def __call__(self, field, **kwargs):
        """As WTForms' own draws it, without asking `dir()` of the field's flags and
        `inspect.signature()` of this class on every draw (a third of a queue row's form)."""
        options = self._drawn_options(field)
        if options is None:
            if field.has_groups():
                return super().__call__(field, **kwargs)
            options = "".join(self.render_option(choice) for choice in field.iter_choices())
        kwargs.setdefault("id", field.id)
        if self.multiple:
            kwargs["multiple"] = True
        _flagged(self, vars(field.flags), kwargs)
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")

    def _drawn_options(self, field) -> str | None:
        """The options of a one-choice select from their kept HTML (see Option), selected as
        WTForms' `iter_choices` selects (the coerced value equals the field's data); None when
        a choice is not an Option or has attributes or a group of its own."""
        if self.multiple or not isinstance(field.choices, list):
            return None
        data, coerce, drawn = field.data, field.coerce, []
        for choice in field.choices:
            if type(choice) is not Option or choice.render_kw or choice.optgroup is not None:
                return None
            drawn.append(choice.html[coerce(choice.value) == data])
        return "".join(drawn)

    @classmethod
    def render_option(cls, choice, **kwargs):
        if choice.render_kw or kwargs:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        selected = " selected" if choice.selected else ""
        return Markup(f'<option{selected} value="{escape(value)}">'
                      f"{escape(choice.label or choice.value)}</option>")


class QuickSelectField(SelectField):
    widget = QuickSelect()


class _QuickInput:
    """An input as WTForms' Input draws it (id, type, value, the validators' flags), the flags
    read without `dir()` (see _flagged). Limits of a date (min, max: WTForms formats them) are
    left to WTForms' own; the quick fields below take no datalist."""

    def __call__(self, field, **kwargs):
        flags = vars(field.flags)
        if "min" in flags or "max" in flags or "min" in kwargs or "max" in kwargs:
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        kwargs.setdefault("type", self.input_type)
        if "value" not in kwargs:
            kwargs["value"] = field._value()
        _flagged(self, flags, kwargs, call=True)
        return Markup(f"<input {html_params(name=field.name, **kwargs)}>")


class QuickTextInput(_QuickInput, TextInput):
    pass


class QuickDateInput(_QuickInput, DateInput):
    pass


class QuickTextArea(TextArea):
    """WTForms' textarea, its flags read without `dir()` (see _flagged)."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        _flagged(self, vars(field.flags), kwargs)
        return Markup(f"<textarea {html_params(name=field.name, **kwargs)}>\r\n"
                      f"{escape(field._value())}</textarea>")


# Text, notes and dates drawn quickly: a page of many rows of forms (work the list: 90 fields)
# spent a third of its time in WTForms' widgets. tests/test_forms_html.py compares the HTML.
class QuickStringField(StringField):
    widget = QuickTextInput()


class QuickTextAreaField(TextAreaField):
    widget = QuickTextArea()


class QuickDateField(DateField):
    widget = QuickDateInput()


# --- A choice among records that may be many ------------------------------------------------------

Lookup = Callable[[str], "int | None"]   # a record's name → its id (None: no such record)
Names = Callable[[list], "dict[int, str]"]  # ids → their records' names


class NamedChoice:
    """What a field among many records needs once their list is too long to send: the record's
    name is typed, and looked up when the form is posted. See ChoiceOrNameField."""

    def __init__(self, lookup: Lookup, names: Names, missing: str):
        self.lookup, self.names, self.missing = lookup, names, missing

    def ids(self, typed: list[str], errors: list) -> list[int]:
        """The ids of the names typed (blank ones skipped); a message for each unknown name."""
        found = []
        for name in (n.strip() for n in typed):
            if not name:
                continue
            record = self.lookup(name[:200])
            if record is None:
                errors.append(self.missing.format(name[:200]))
            elif record not in found:
                found.append(record)
        return found


class ChoiceOrNameField(QuickSelectField):
    """One record (an organization...): a select while the records are few; their name typed
    when there are too many to list (a select of thousands weighs more than the page). The
    route calls `named(...)` to switch, after the form has read the request."""

    named_choice: NamedChoice | None = None

    def named(self, lookup: Lookup, names: Names, missing: str) -> None:
        self.named_choice = NamedChoice(lookup, names, missing)
        self.widget = TextInput()
        self.choices = []
        if self.raw_data:  # posted: the name typed, not an id
            self.process_errors = []
            found = self.named_choice.ids(self.raw_data[:1], self.process_errors)
            self.data = found[0] if found else None

    def _value(self) -> str:
        if self.named_choice is None:
            return super()._value()
        if self.raw_data:
            return self.raw_data[0]
        return self.named_choice.names([self.data]).get(self.data, "") if self.data else ""


class ChoicesOrNamesField(CheckboxList):
    """Several records: checkboxes while they are few; beyond that, their names typed one per
    line (see ChoiceOrNameField)."""

    named_choice: NamedChoice | None = None

    def named(self, lookup: Lookup, names: Names, missing: str) -> None:
        self.named_choice = NamedChoice(lookup, names, missing)
        self.widget = TextArea()
        self.choices = []
        if self.raw_data:
            self.process_errors = []
            typed = "\n".join(self.raw_data).splitlines()
            self.data = self.named_choice.ids(typed, self.process_errors)

    def _value(self) -> str:
        if self.named_choice is None:
            return ""
        if self.raw_data:
            return "\n".join(self.raw_data)
        names = self.named_choice.names(list(self.data or []))
        return "\n".join(names[i] for i in self.data or [] if i in names)


# --- Writing a field's attributes -----------------------------------------------------------------

# WTForms' own, kept for the test that compares the two.
WTFORMS_HTML_PARAMS = wtforms.widgets.core.html_params


@lru_cache(maxsize=256)
def _attribute_name(key: str) -> str:
    """An attribute's name as WTForms writes it (`class_` as class, `data_x` as data-x),
    escaped: the names are the code's own, a few dozen, so each is worked out once."""
    return str(escape(clean_key(key)))


def html_params(**kwargs) -> Markup:
    """The same text as WTForms' `html_params` (attributes sorted by name, `class_` as class,
    `data_`/`aria_` names with hyphens, True bare, False left out, values escaped), written
    without `Markup.format`, whose escaping formatter per attribute was half the time of drawing
    a field: 3 ms on a page of 90 fields."""
    params = []
    for key, value in sorted(kwargs.items()):
        if value is True:
            params.append(_attribute_name(key))
        elif value is not False:
            params.append(f'{_attribute_name(key)}="{escape(value)}"')
    return Markup(" ".join(params))


def use_quick_html_params() -> None:
    """Every widget and label writes its attributes with `html_params` above. WTForms' widgets
    look the function up by its module's name when they draw (the inputs through a class
    attribute), so naming it there is enough; tests/test_forms_html.py checks the text is the
    same for every kind of field the app uses."""
    wtforms.widgets.core.html_params = html_params
    wtforms.widgets.html_params = html_params
    for widget in vars(wtforms.widgets.core).values():
        if isinstance(widget, type) and "html_params" in vars(widget):
            widget.html_params = staticmethod(html_params)


# The page sizes a long list offers, the first the default: a page a phone shows whole, and a
# meeting that wants more of the list at once picks a larger one.
PAGE_SIZES = ("25", "50", "100")


def page_size_field() -> QuickSelectField:
    """A list filter's "Rows per page" (read it with page_size)."""
    return QuickSelectField("Rows per page", validate_choice=False,
                            choices=choices([(size, size) for size in PAGE_SIZES]))


def page_size(field: QuickSelectField) -> int:
    """The rows per page chosen, or the first size for any other value (which the field then
    shows: the address was edited by hand)."""
    if field.data not in PAGE_SIZES:
        field.data = PAGE_SIZES[0]
    return int(field.data)
