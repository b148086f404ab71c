"""A feature is registered in one place (hh/features.py): these fail when a feature folder is
missing there, or a listed feature lacks its blueprint, its tables, its navigation entry or its
rows in the route × role matrix."""
import ast
from pathlib import Path

from test_access_matrix import FOUNDATION, MATRIX

from hh.extensions import db
from hh.features import FEATURES, feature
from hh.main.areas import AREAS

HH = Path(__file__).resolve().parent.parent / "hh"
TESTS = Path(__file__).resolve().parent
FOUNDATION_FEATURES = {"main", "auth"}  # their routes sit in FOUNDATION in the matrix


def test_every_feature_folder_is_registered():
    folders = {path.parent.name for path in HH.glob("*/__init__.py")}
    assert folders == set(FEATURES), f"not in hh/features.py: {sorted(folders - set(FEATURES))}"


def test_every_feature_registers_its_blueprint(app):
    for name in FEATURES:
        bp = feature(name).bp
        assert bp.name == name, f"hh/{name}: the blueprint must be named after its folder"
        assert app.blueprints.get(name) is bp, f"hh/{name}: blueprint not registered"
        assert any(rule.endpoint.startswith(f"{name}.") for rule in app.url_map.iter_rules()), \
            f"hh/{name}: no routes"


def test_every_features_tables_are_in_the_schema(app):
    for name in FEATURES:
        models = HH / name / "models.py"
        if not models.exists():
            continue
        classes = [node.name for node in ast.parse(models.read_text()).body
                   if isinstance(node, ast.ClassDef)
                   and any("db.Model" in ast.unparse(base) for base in node.bases)]
        module = __import__(f"hh.{name}.models", fromlist=["*"])
        for class_name in classes:
            table = getattr(module, class_name).__table__.name
            assert table in db.metadata.tables, f"{name}.{class_name} is not in the schema"


def test_every_feature_declares_its_area_and_each_area_has_a_page(app):
    for name in FEATURES:
        assert hasattr(feature(name), "AREA"), f"hh/{name}/__init__.py: declare AREA (or None)"
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert AREAS, "no navigation areas"
    for area in AREAS.values():
        assert area["endpoint"] in endpoints, f"area {area['slug']} links to no page"
        assert area["roles"], f"area {area['slug']} is for nobody"


def test_every_feature_has_its_access_rows():
    for name in FEATURES:
        if name in FOUNDATION_FEATURES:
            assert any(endpoint.startswith(f"{name}.") for endpoint in FOUNDATION)
            continue
        assert (TESTS / name / "access.py").exists(), f"tests/{name}/access.py is missing"
        assert any(endpoint.startswith(f"{name}.") for endpoint in MATRIX), \
            f"no route of {name} in the access matrix"
