"""The core rule for pages with several forms: after one part saved without JavaScript, text typed
into another part comes back on the page (not saved yet) instead of being lost in a redirect."""
from __future__ import annotations

from datetime import date

from flask import get_flashed_messages
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, TextAreaField

from hh.forms import changed, choices
from hh.web import back_to_page


class NoteForm(FlaskForm):
    class Meta:
        csrf = False

    note = TextAreaField()
    follow_up_on = DateField(default=None)
    urgent = BooleanField()
    kind = SelectField(choices=choices([("", "—"), ("a", "A")]), default="")


class Thing:
    note = "Called twice"
    follow_up_on = date(2026, 12, 9)
    urgent = False
    kind = "a"


def test_a_form_posted_as_the_page_filled_it_has_not_changed(app):
    with app.test_request_context("/", method="POST", data={
            "n-note": " Called twice ", "n-follow_up_on": "2026-12-09", "n-kind": "a"}):
        assert not changed(NoteForm(obj=Thing(), prefix="n"))


def test_typed_text_a_date_a_tick_or_a_choice_is_a_change(app):
    for data in ({"n-note": "Called three times"}, {"n-follow_up_on": "2026-12-10"},
                 {"n-urgent": "y"}, {"n-kind": ""}):
        posted = {"n-note": "Called twice", "n-follow_up_on": "2026-12-09", "n-kind": "a"} | data
        with app.test_request_context("/", method="POST", data=posted):
            assert changed(NoteForm(obj=Thing(), prefix="n")), data


def test_an_empty_form_left_empty_has_not_changed(app):
    with app.test_request_context("/", method="POST", data={"n-note": "  ", "n-kind": ""}):
        assert not changed(NoteForm(prefix="n"))


def test_back_to_the_page_when_nothing_else_was_typed(app):
    with app.test_request_context("/", method="POST", data={"n-note": ""}):
        response = back_to_page("/thing/1", [NoteForm(prefix="n")], lambda: "the page")
        assert (response.status_code, response.location) == (303, "/thing/1")
        assert not get_flashed_messages()


def test_the_page_again_with_the_typed_text_when_another_form_holds_some(app):
    with app.test_request_context("/", method="POST", data={"n-note": "Left a message"}):
        form = NoteForm(prefix="n")
        response = back_to_page("/thing/1", [form], lambda: f"page with {form.note.data}")
        assert response.get_data(as_text=True) == "page with Left a message"
        assert "HX-Replace-Url" not in response.headers  # no htmx: the browser shows the POST
        assert get_flashed_messages() == [
            "What you typed in the page's other forms is still there, not saved yet."]


def test_htmx_swaps_one_part_so_it_always_goes_back(app):
    with app.test_request_context("/", method="POST", data={"n-note": "Left a message"},
                                  headers={"HX-Request": "true"}):
        response = back_to_page("/thing/1", [NoteForm(prefix="n")], lambda: "the page")
        assert response.status_code == 303


def test_a_boosted_submit_shows_the_page_and_its_address(app):
    """With JavaScript, htmx boosts the page's form: the page comes back in place, and the
    address bar shows the page (a reload asks for the page, not the route that saved)."""
    with app.test_request_context("/thing/1/note", method="POST", data={"n-note": "Left a message"},
                                  headers={"HX-Request": "true", "HX-Boosted": "true"}):
        response = back_to_page("/thing/1", [NoteForm(prefix="n")], lambda: "the page")
        assert response.get_data(as_text=True) == "the page"
        assert response.headers["HX-Replace-Url"] == "/thing/1"
