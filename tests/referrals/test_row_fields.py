"""The reasons for declining are drawn with their options kept once drawn (FixedChoicesSelect):
the same markup as QuickSelect draws, the chosen reason selected whichever row asks first."""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

from hh.forms import QuickSelect
from hh.referrals.forms import DeclineFields, RowStepForm


def test_the_reasons_are_drawn_as_quickselect_draws_them(app):
    with app.test_request_context("/"):
        empty = DeclineFields(formdata=None, prefix="r1", meta={"csrf": False})
        chosen = RowStepForm(MultiDict({"r2-reason": "no_capacity"}), prefix="r2",
                             meta={"csrf": False})
        for _ in range(2):  # drawn, then from what was kept
            for field in (empty.reason, chosen.reason):
                assert field() == QuickSelect()(field)
        assert 'selected value="no_capacity"' in chosen.reason()
        assert "selected" not in empty.reason()
        assert DeclineFields(formdata=None, prefix="r3", meta={"csrf": False}).reason() == \
            empty.reason().replace("r1-", "r3-")
