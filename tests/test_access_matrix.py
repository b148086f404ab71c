"""Route × role matrix: every route is listed with who may use it, and each is checked.

The foundation's routes are below; each feature adds its own in `tests/<feature>/access.py`:
    ROUTES = {endpoint: (method, url template, roles that may use it[, roles refused for this
              particular object although their role may use the route])}
    def objects(factory) -> dict   # optional: creates records and returns ids for the templates
A new route fails `test_every_route_is_in_the_matrix` until it is listed.
"""
import importlib.util
from pathlib import Path

import pytest
from support import login

from hh.web import ADMINS, PUBLIC, SIGNED_IN

ANON = "anonymous"
EVERYONE = {PUBLIC}

# endpoint: (method, url template, roles that may use it). {target} is another user's id.
FOUNDATION = {
    "static": ("GET", "/static/css/app.css", EVERYONE),
    "main.healthz": ("GET", "/healthz", EVERYONE),
    "main.home": ("GET", "/", SIGNED_IN),
    "main.coming": ("GET", "/coming/glossary", SIGNED_IN),
    "main.extend_session": ("GET", "/session/extend", SIGNED_IN),
    "auth.login": ("GET", "/auth/login", EVERYONE),
    "auth.logout": ("POST", "/auth/logout", SIGNED_IN),
    "auth.password": ("GET", "/auth/password", SIGNED_IN),
    "auth.invite": ("GET", "/auth/invite", EVERYONE),
    "auth.invite_link": ("GET", "/auth/invite/not-a-real-token", EVERYONE),
    "admin.users": ("GET", "/admin/users", ADMINS),
    "admin.new_user": ("GET", "/admin/users/new", ADMINS),
    "admin.edit_user": ("GET", "/admin/users/{target}", ADMINS),
    "admin.deactivate_user": ("POST", "/admin/users/{target}/deactivate", ADMINS),
    "admin.activate_user": ("POST", "/admin/users/{target}/activate", ADMINS),
    "admin.reinvite_user": ("POST", "/admin/users/{target}/invite", ADMINS),
    "admin.audit_log": ("GET", "/admin/audit", ADMINS),
    "admin.audit_csv": ("GET", "/admin/audit.csv", ADMINS),
}


def _feature_modules():
    for path in sorted(Path(__file__).parent.glob("*/access.py")):
        spec = importlib.util.spec_from_file_location(f"access_{path.parent.name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module


FEATURES = list(_feature_modules())
MATRIX = dict(FOUNDATION)
for _module in FEATURES:
    overlap = set(MATRIX) & set(_module.ROUTES)
    assert not overlap, f"{_module.__name__} lists routes twice: {overlap}"
    MATRIX.update(_module.ROUTES)


def object_ids(factory) -> dict:
    ids = {}
    for module in FEATURES:
        if hasattr(module, "objects"):
            ids.update(module.objects(factory))
    return ids


ROLE_NAMES = ("viewer", "provider", "coordinator", "admin")


def matrix_world(factory) -> dict:
    """The records the cases' URLs name: made once and copied for each case (see
    `filled_templates` in conftest.py); {target} is another user, an inactive one for
    admin.activate_user."""
    return {"target": factory.user("viewer").id,
            "inactive_target": factory.user("viewer", active=False).id,
            "ids": object_ids(factory)}


@pytest.fixture
def app(make_app):
    """The usual test app, its database starting with the matrix's records (`app.filled`)."""
    app = make_app(filled_by=matrix_world)
    with app.app_context():
        yield app


def test_every_route_is_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = endpoints - set(MATRIX)
    stale = set(MATRIX) - endpoints
    assert not missing, f"routes not in the access matrix: {sorted(missing)}"
    assert not stale, f"matrix lists routes that no longer exist: {sorted(stale)}"


def test_every_view_declares_the_roles_the_matrix_expects(app):
    for endpoint, (_, _, expected, *_) in MATRIX.items():
        if endpoint == "static":
            continue
        declared = getattr(app.view_functions[endpoint], "allowed_roles", None)
        assert declared is not None, f"{endpoint} declares no roles"
        assert set(declared) == expected, f"{endpoint}: declares {set(declared)}, matrix says {expected}"


def test_an_undeclared_route_is_denied_even_to_admins(make_app, factory):
    app = make_app()
    app.add_url_rule("/undeclared", "undeclared", lambda: "secret")
    with app.app_context():  # the factory writes to this app's database
        admin = factory.user("admin")
        client = app.test_client()
        login(client, admin.email)
        response = client.get("/undeclared")
    assert response.status_code == 403
    assert b"secret" not in response.data


def _request(client, method, url, **kwargs):
    response = client.open(url, method=method, buffered=True, **kwargs)
    response.close()  # static files hold an open file until closed
    return response


CASES = [(endpoint, who) for endpoint in MATRIX for who in (ANON,) + ROLE_NAMES]


@pytest.mark.parametrize("endpoint,who", CASES, ids=[f"{e}-{w}" for e, w in CASES])
def test_route_role_matrix(app, login_as, endpoint, who):
    method, template, allowed, *rest = MATRIX[endpoint]
    refused_here = rest[0] if rest else set()
    world = app.filled
    target = world["inactive_target" if endpoint == "admin.activate_user" else "target"]
    url = template.format(target=target, **world["ids"])
    client = app.test_client() if who == ANON else login_as(who)
    response = _request(client, method, url)

    if PUBLIC in allowed:
        assert response.status_code not in (401, 403), f"{who} refused a public route"
        assert "/auth/login?next" not in response.headers.get("Location", "")
    elif who == ANON:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/auth/login")
        htmx = _request(app.test_client(), method, url, headers={"HX-Request": "true"})
        assert htmx.status_code == 401
        assert htmx.headers["HX-Redirect"].startswith("/auth/login")
        assert b"<form" not in htmx.data
    elif who in allowed and who not in refused_here:
        # 422: allowed in, and the empty form was refused for its content, not for the role
        assert response.status_code in (200, 201, 302, 303, 422), response.status_code
        assert not response.headers.get("Location", "").startswith("/auth/login?next")
    else:
        assert response.status_code == 403, f"{who} got {response.status_code} on {endpoint}"
        assert b"You do not have access to this page" in response.data
