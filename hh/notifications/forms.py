"""The preferences form: one choice per kind the person's role can receive."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import AnyOf

from hh.forms import choices
from hh.notifications.kinds import KINDS
from hh.notifications.models import CHOICES


class PreferencesForm(FlaskForm):
    def chosen(self, kinds: list[str]) -> dict[str, str]:
        return {kind: self[kind].data for kind in kinds}


def preferences_form(kinds: list[str], current: dict[str, str]) -> PreferencesForm:
    class Form(PreferencesForm):
        pass

    for kind in kinds:
        setattr(Form, kind, RadioField(
            f"Tell me when {KINDS[kind].label}", choices=choices(CHOICES.items()),
            default=current.get(kind), validate_choice=False,
            validators=[AnyOf(list(CHOICES), message="Choose immediately, daily digest or off.")]))
    return Form()
