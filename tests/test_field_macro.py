"""The field() macro ties a field's hint and message to its input for screen readers, in that
order, and marks an input with a message invalid."""
from bs4 import BeautifulSoup
from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField

MACRO = '{% from "macros/forms.html" import field %}{{ field(form.name) }}{{ field(form.agree) }}'


class Form(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Name")
    agree = BooleanField("I agree")


def _inputs(form) -> dict:
    page = BeautifulSoup(render_template_string(MACRO, form=form), "html.parser")
    return {i["name"]: (i.get("aria-describedby"), i.get("aria-invalid"),
                        "has-error" in i.find_parent("div")["class"]) for i in page.select("input")}


def test_hint_and_message_are_described_in_order_and_an_error_marks_the_input(app):
    with app.test_request_context("/"):
        form = Form()
        assert _inputs(form) == {"name": (None, None, False), "agree": (None, None, False)}
        form.name.description, form.agree.description = "As on an ID.", "Read it first."
        assert _inputs(form) == {"name": ("name-hint", None, False),
                                 "agree": ("agree-hint", None, False)}
        form.name.errors, form.agree.errors = ["Enter a name."], ["Tick the box."]
        assert _inputs(form) == {"name": ("name-hint name-error", "true", True),
                                 "agree": ("agree-hint agree-error", "true", True)}
        form.name.description = ""
        assert _inputs(form)["name"] == ("name-error", "true", True)
