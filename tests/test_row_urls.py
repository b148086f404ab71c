"""url_with_id: a URL built once for a page's many rows, each row's id put in its place, is the
one url_for builds for that row."""
from flask import url_for

from hh.web import url_with_id


def test_row_urls_are_url_fors_under_a_script_root_too(app):
    with app.test_request_context("/", base_url="https://intranet.example/coc"):
        for endpoint in ("plans.item", "plans.item_status", "plans.edit_item"):
            build = url_with_id(endpoint, "item_id")
            for item_id in (1, 42, 123456):
                assert build(item_id) == url_for(endpoint, item_id=item_id)
        assert url_with_id("plans.item", "item_id")(7) == "/coc/plans/items/7"


def test_row_urls_keep_query_values_that_look_like_the_placeholder(app):
    with app.test_request_context("/referrals/?view=awaiting&organization=2147483647&page=2"):
        step_url = url_with_id("referrals.change_status", "referral_id", view="awaiting",
                               organization="2147483647", page="2")
        for referral_id in (1, 42, 2**31 - 1):
            assert step_url(referral_id) == url_for(
                "referrals.change_status", referral_id=referral_id, view="awaiting",
                organization="2147483647", page="2")
            assert url_with_id("referrals.referral", "referral_id")(referral_id) == url_for(
                "referrals.referral", referral_id=referral_id)
